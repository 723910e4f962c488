"""Every assignment's exemplar answers score full marks when graded for real: `autograder grade` in the
default sandbox (bubblewrap, the student's uid, default limits), one student, all notebooks.

What this caught: torch + torchvision + scipy overflowed a 4 GiB address-space limit (MNIST scored
0 / 15); Python under /root (pyenv, 0700) could not start subprocesses (servers, CLIs); bwrap's
0700 mount points broke absolute paths (MLflow stores); DVC failed on a uid without a passwd entry.
"""
import shutil
import subprocess
import sys

import nbformat
import pytest

from fabricate import answered

pytestmark = pytest.mark.e2e
ASSIGNMENTS = ["01_math", "02_deep_learning", "03_papers", "04_mlops", "05_portfolio"]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_exemplar_answers_score_full_marks_in_the_sandbox(assignment, repo, mirror_root, tmp_path, monkeypatch):
    monkeypatch.setenv("AIPATH_DATA_DIR", str(mirror_root))
    shutil.copytree(repo / "notebooks" / assignment, tmp_path / "notebooks" / assignment,
                    ignore=shutil.ignore_patterns("*_work", ".ipynb_checkpoints"))
    cli = [sys.executable, "-m", "autograder.cli"]
    subprocess.run([*cli, "release", assignment], cwd=tmp_path, check=True, capture_output=True, timeout=600)
    released = sorted((tmp_path / "release" / assignment).glob("*.ipynb"))
    (tmp_path / "subs" / "alice").mkdir(parents=True)
    for student in released:
        source = tmp_path / "notebooks" / assignment / student.name
        nbformat.write(answered(student, source), str(tmp_path / "subs" / "alice" / student.name))
    proc = subprocess.run([*cli, "grade", assignment, "subs", "--workdir", "work", "--no-progress"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=1500)
    assert proc.returncode == 0, proc.stderr[-3000:]

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{tmp_path / 'work' / 'gradebook.db'}") as gb:
        scores = {nb.name: (nb.score, nb.max_score) for nb in gb.find_submission(assignment, "alice").notebooks}
    assert len(scores) == len(released)
    short = {name: f"{got:g} / {best:g}" for name, (got, best) in scores.items() if got != best}
    assert not short, f"exemplar answers lost points in the sandbox: {short}\n{proc.stdout[-2000:]}"
