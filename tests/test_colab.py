"""Every student notebook opens with an "Open in Colab" badge and a bootstrap cell that installs the
course on Colab and does nothing elsewhere; both come from the one configured location."""
import subprocess
import sys
import types
from importlib import metadata
from pathlib import Path

import nbformat
import pytest

from aipath.environment import VALIDATED, check_versions
from autograder.colab import colab_url, course_location

REPO = Path(__file__).resolve().parent.parent
STUDENT = sorted((REPO / "release").rglob("*.ipynb"))
REPOSITORY, BRANCH = course_location(REPO)


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: str(p.relative_to(REPO)))
def test_student_notebook_starts_with_badge_and_bootstrap(path):
    nb = nbformat.read(str(path), as_version=4)
    badge, boot = nb.cells[0], nb.cells[1]
    url = colab_url(REPOSITORY, BRANCH, path.parent.name, path.name)
    assert badge.cell_type == "markdown" and f"]({url})" in badge.source and "Open In Colab" in badge.source
    assert boot.cell_type == "code" and 'if "google.colab" in sys.modules:' in boot.source
    assert f"git+https://github.com/{REPOSITORY}@{BRANCH}" in boot.source


def run_bootstrap(source: str, monkeypatch, on_colab: bool) -> list:
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda args, **kw: calls.append(args))
    if on_colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    exec(compile(source, "bootstrap", "exec"), {})
    return calls


def test_bootstrap_is_a_no_op_locally(monkeypatch):
    for path in STUDENT:
        assert run_bootstrap(nbformat.read(str(path), as_version=4).cells[1].source, monkeypatch, False) == []


def test_bootstrap_on_colab_installs_the_course_and_the_pinned_scikit_learn(monkeypatch, capsys):
    source = nbformat.read(str(STUDENT[0]), as_version=4).cells[1].source
    (call,) = run_bootstrap(source, monkeypatch, True)
    assert call[:4] == [sys.executable, "-m", "pip", "install"]
    assert f"aipath @ git+https://github.com/{REPOSITORY}@{BRANCH}" in call
    assert f"scikit-learn=={VALIDATED['scikit-learn']}" in call
    assert "aipath:" in capsys.readouterr().out


def test_validated_versions_are_what_the_course_installs():
    for name, version in VALIDATED.items():
        assert metadata.version(name).split("+")[0] == version, f"update aipath.environment.VALIDATED[{name!r}]"


def test_check_versions_explains_an_incompatible_colab(monkeypatch):
    monkeypatch.setattr(metadata, "version", lambda name: "2.2.0" if name == "torch" else VALIDATED[name])
    (line,) = check_versions(["numpy", "torch"], echo=lambda *_: None)
    assert "torch 2.2.0 is installed; the checks were validated with 2.14.1" in line
    assert "pip install torch==2.14.1" in line and "Restart" in line
