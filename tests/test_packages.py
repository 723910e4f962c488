"""One package per audience, no import circles, and no test fixture in what pip installs.

- ``aipath``: what notebooks import (checks, data, hints, saved, ...);
- ``aipath.learner``: the learner's command, ``aipath workspace | progress | plan``;
- ``aipath.mlops``: phase 4's reference services (model service, retraining, their model contract);
- ``autograder``: the instructor pipeline.

Imports are read from the source with ``ast`` (at any depth: a function's or ``if TYPE_CHECKING:``'s
too), so a circle hidden in an annotation-only import counts. ``aipath.learner`` and ``aipath.mlops``
build on ``aipath`` and never on each other; ``aipath`` builds on neither, but for the three old names
``aipath.serving``, ``aipath.retrain``, ``aipath.model_contract``, each of which is its moved module.
"""
from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHIPPED = ("aipath", "autograder")                  # [tool.setuptools] packages: these and their sub-packages
OLD_NAMES = {"aipath.serving": "aipath.mlops.serving", "aipath.retrain": "aipath.mlops.retrain",
             "aipath.model_contract": "aipath.mlops.model_contract"}
MAY_IMPORT = {                                      # audience -> the audiences its modules may import
    "aipath": {"aipath"},
    "aipath.learner": {"aipath", "aipath.learner"},
    "aipath.mlops": {"aipath", "aipath.mlops"},
    "autograder": {"aipath", "aipath.learner", "aipath.mlops", "autograder"},
}
# Files whose mention of a module makes it part of the product: what runs or imports it outside tests, and
# the instructor's guide (an API it documents, as autograder/authoring.py, is a tool for course authors).
USER_FILES = ("Makefile", "pyproject.toml", "Dockerfile", ".ci/run", ".github/workflows/*.yml", "website/*.py",
              "notebooks/*/*.ipynb", "AUTHORING.md")


def module_files(root: Path, packages=SHIPPED) -> dict[str, Path]:
    """'aipath.learner.cli' -> its file, for every module of the packages (a package is its __init__)."""
    found = {}
    for package in packages:
        for path in (root / package).rglob("*.py"):
            if "__pycache__" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported_names(name: str, path: Path) -> set[str]:
    """Every dotted name an import statement of the module names, anywhere in it, relative ones resolved;
    ``from a import b`` gives 'a.b' (b: a module, or a name defined in module a)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names |= {f"{module}.{alias.name}" for alias in node.names}   # a module, else a name in module
    return names


def module_graph(root: Path, packages=SHIPPED) -> dict[str, set[str]]:
    """module -> the modules of the packages it imports (a name that is not a module: its nearest module)."""
    files = module_files(root, packages)
    graph = {}
    for name, path in files.items():
        targets = set()
        for imported in imported_names(name, path):
            while imported not in files and "." in imported:
                imported = imported.rsplit(".", 1)[0]
            if imported in files and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each circle found by a depth-first walk, as [a, b, ..., a]."""
    state: dict[str, str] = {}        # module -> "open" while on the walk's path, "done" after
    path: list[str] = []
    circles = []

    def walk(module: str) -> None:
        state[module] = "open"
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                circles.append(path[path.index(target):] + [target])
            elif target not in state:
                walk(target)
        path.pop()
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            walk(module)
    return circles


def audience(module: str) -> str:
    return next(a for a in sorted(MAY_IMPORT, key=len, reverse=True) if module == a or module.startswith(a + "."))


def test_no_import_circles_among_the_shipped_modules():
    circles = import_circles(module_graph(REPO))
    assert not circles, ("import circles: " + "; ".join(" -> ".join(c) for c in circles)
                         + ". Move what both sides need into a module of its own (as aipath.learner.notebook_progress)")


def test_the_circle_finder_sees_an_annotation_only_circle(tmp_path):
    """The circle this layout removed: progress imports study_plan, study_plan imports progress's record
    type under TYPE_CHECKING. Rebuilt in a scratch package, it must be found; and a relative import too."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "progress.py").write_text("from pkg import study_plan\nclass Record: ...\n")
    (tmp_path / "pkg" / "study_plan.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .progress import Record\n")
    (tmp_path / "pkg" / "cli.py").write_text("def main():\n    from pkg.progress import Record\n")
    graph = module_graph(tmp_path, ("pkg",))
    assert graph["pkg.cli"] == {"pkg.progress"} and graph["pkg.study_plan"] == {"pkg.progress"}
    assert import_circles(graph) == [["pkg.progress", "pkg.study_plan", "pkg.progress"]]


def test_each_audience_imports_only_the_packages_it_builds_on():
    wrong = []
    for module, targets in sorted(module_graph(REPO).items()):
        for target in sorted(targets):
            allowed = audience(target) in MAY_IMPORT[audience(module)] or OLD_NAMES.get(module) == target
            if not allowed:
                wrong.append(f"{module} imports {target}")
    assert not wrong, ("imports across audiences: " + "; ".join(wrong)
                       + " (aipath: notebooks; aipath.learner: the aipath command; aipath.mlops: phase 4 services)")


def test_each_old_name_is_only_its_moved_module():
    graph = module_graph(REPO)
    assert {old: graph[old] for old in OLD_NAMES} == {old: {new} for old, new in OLD_NAMES.items()}


def test_notebooks_import_neither_the_learners_command_nor_the_instructor_pipeline():
    wrong = []
    for path in sorted(REPO.glob("notebooks/*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
            wrong += [f"{path.relative_to(REPO)}: {line.strip()}" for line in source.splitlines()
                      if re.match(r"\s*(from|import)\s+(aipath\.learner|autograder)\b", line)]
    assert not wrong, f"notebooks import what is not meant for them: {wrong}"


def test_no_shipped_module_imports_from_tests():
    test_modules = {"tests", "conftest"} | {p.stem for p in (REPO / "tests").glob("*.py")}
    wrong = sorted(f"{name} imports {imported}" for name, path in module_files(REPO).items()
                   for imported in imported_names(name, path) if imported.split(".")[0] in test_modules)
    assert not wrong, f"a shipped module imports a test fixture: {wrong}"


def test_every_shipped_module_is_used_outside_tests_and_benchmarks():
    """A module only tests and benchmarks use is a test fixture (as autograder/fabricate.py was): it
    belongs in tests/. Used means: imported by another shipped module, or named (dotted, or as a path)
    by a notebook, the Makefile, pyproject.toml's entry points, the Dockerfile, CI, the website builder,
    or a shipped module's own text (``python -m autograder.saved``, a guard file read by path)."""
    files, graph = module_files(REPO), module_graph(REPO)
    imported = set().union(*graph.values())
    texts = {path: path.read_text(encoding="utf-8")
             for path in [*files.values(), *(p for pattern in USER_FILES for p in REPO.glob(pattern))]}
    unused = []
    for name, path in sorted(files.items()):
        if path.name == "__init__.py" or name in imported or name in OLD_NAMES:   # old names: for my-work/ copies
            continue
        spellings = (name, f"{name.replace('.', '/')}.py")      # autograder.saved, autograder/kernel_guard.py
        named = [p for p, text in texts.items() if p != path and any(s in text for s in spellings)]
        if not named:
            unused.append(name)
    assert not unused, (f"{unused}: no shipped module imports them and nothing outside tests/ and benchmarks/ "
                        "runs them: a test fixture belongs in tests/ (pip installs aipath/ and autograder/)")


def test_the_wheel_holds_every_shipped_module_and_no_test_file(tmp_path):
    """Built from a copy of the package sources with pip, as `pip install "aipath @ git+…"` would."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src)
    for package in SHIPPED:
        shutil.copytree(REPO / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation",
                           "-q", "-w", str(tmp_path / "wheel")], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    shipped = {n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".py")}
    on_disk = {str(p.relative_to(REPO)) for p in module_files(REPO).values()}
    assert shipped == on_disk, (f"missing from the wheel: {sorted(on_disk - shipped)} (a new sub-package? list it in "
                                f"pyproject.toml's [tool.setuptools] packages); unexpected: {sorted(shipped - on_disk)}")
    test_files = {p.name for p in (REPO / "tests").glob("*.py")}
    assert not {Path(n).name for n in shipped} & test_files, "the wheel ships a file of tests/"


@pytest.mark.parametrize("old", sorted(OLD_NAMES))
def test_an_old_name_imports_and_runs_its_moved_module_silently(old):
    """A learner's notebook copied before the move still imports aipath.serving, and its cells still run
    `python -m aipath.retrain`: the same module object, and not a byte on stderr (nbgrader scores it 0)."""
    pytest.importorskip("mlflow")
    pytest.importorskip("fastapi")
    new = OLD_NAMES[old]
    code = (f"import {old}, {new}; import {old.rsplit('.', 1)[0]} as parent; "
            f"assert {old} is {new} is parent.{old.rsplit('.', 1)[1]}, 'not the same module'")
    proc = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=REPO)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr[-2000:]
    if old != "aipath.model_contract":
        run = subprocess.run([sys.executable, "-m", old, "--help"], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0 and run.stderr == "", run.stderr[-2000:]
        assert f"python -m {new}" in run.stdout
