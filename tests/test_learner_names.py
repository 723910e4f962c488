"""Every helper a learner is told to call exists where they are told to call it.

A student notebook (release/) tells the learner to call course helpers in three places: its Markdown
(`hint("normalize_rows")`), its code (comments and strings included), and the messages its checks
print (a failed check ends with 'Stuck? hint("…")'). Each helper named there must be defined by the
notebook's own cells (imported or assigned), or the learner meets `NameError: name 'hint' is not defined`.
Also here: every stub of a student notebook names its exercise (autograder.release.name_stubs).
"""
from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

import aipath
import aipath.hints
from aipath import checks
from autograder.release import named_stubs

REPO = Path(__file__).resolve().parent.parent
STUDENT = sorted((REPO / "release").glob("*/*.ipynb"))
CALL = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\(")
CHECK_HELPERS = {"assert_close", "assert_shape", "assert_dtype", "assert_finite", "assert_decreasing",
                 "expect", "exercise"}


@lru_cache(maxsize=1)
def course_helpers() -> set[str]:
    """The help a learner is told to call: hint() and reveal(), plus whatever the checks' messages name."""
    return {"hint", "reveal"}


@lru_cache(maxsize=1)
def check_message_helpers() -> set[str]:
    """Helpers a failed check's own message tells the learner to call, read from a real failure."""
    label = next(iter(aipath.hints.all_hints()))
    try:
        checks._fail(label, "probe", None, hint="probe")
    except checks.CheckFailed as failure:
        return {name for name in CALL.findall(str(failure)) if callable(getattr(aipath, name, None))}
    raise AssertionError("checks._fail did not raise")


def bound_names(source: str) -> set[str]:
    """Names a code cell binds at top level or in blocks: imports, defs, classes, assignments."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def told_to_call(nb) -> dict[str, str]:
    """helper name -> where the notebook tells the learner to call it."""
    told: dict[str, str] = {}
    for i, cell in enumerate(nb.cells):
        for name in set(CALL.findall(cell.source)) & course_helpers():
            told.setdefault(name, f"cell {i} ({cell.cell_type})")
    uses_checks = any(cell.cell_type == "code" and set(CALL.findall(cell.source)) & CHECK_HELPERS
                      for cell in nb.cells)
    if uses_checks:
        for name in check_message_helpers():
            told.setdefault(name, "the messages of its failed checks")
    return told


def test_the_probe_reads_the_stuck_line_of_a_failed_check():
    assert "hint" in check_message_helpers()


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_helper_a_student_notebook_names_is_defined_by_its_own_cells(path):
    nb = nbformat.read(str(path), as_version=4)
    defined = set().union(*(bound_names(c.source) for c in nb.cells if c.cell_type == "code"))
    missing = {name: where for name, where in told_to_call(nb).items() if name not in defined}
    assert not missing, (f"{path.relative_to(REPO)} tells the learner to call "
                         + ", ".join(f"{name}() (in {where})" for name, where in sorted(missing.items()))
                         + " but never imports or defines it: add it to the notebook's `from aipath import …`")


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_stub_of_a_student_notebook_names_its_exercise(path):
    nb = nbformat.read(str(path), as_version=4)
    stubs = [line.strip() for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("solution")
             for line in cell.source.splitlines() if "raise NotImplementedError" in line]
    bare = [s for s in stubs if not checks._STUB.match(s.split("(", 1)[1].strip("\"')"))]
    assert not bare, f"{path.relative_to(REPO)}: stubs that do not name their exercise: {bare[:3]} " \
                     "(run `autograder release`)"


def test_named_stubs_takes_the_name_of_the_enclosing_def_or_class_and_the_exercise_number():
    source = ("class PCA:\n    def fit(self, X):\n        # YOUR CODE HERE\n        raise NotImplementedError()\n"
              "\n\ndef helper():\n    raise NotImplementedError()\n# YOUR CODE HERE\nraise NotImplementedError()")
    lines = named_stubs(source, "pca_cell", 7).splitlines()
    assert lines[3] == '        raise NotImplementedError("PCA (Exercise 7): write your code here")'
    assert lines[7] == '    raise NotImplementedError("helper (Exercise 7): write your code here")'
    assert lines[9] == 'raise NotImplementedError("pca_cell (Exercise 7): write your code here")'
    assert named_stubs("raise NotImplementedError()", "x", None) == \
        'raise NotImplementedError("x: write your code here")'
