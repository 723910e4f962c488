"""A scratch course with one tiny assignment, for fast grading tests (built with autograder/authoring.py).

``00_tiny/tiny.ipynb``: ``double(x)`` (2 points: 1 visible check, 1 hidden) and ``triple(x)``
(1 point, hidden check only), both checked with ``aipath.checks.assert_close``.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from autograder.authoring import code, markdown, solution, tests, write_notebook
from fabricate import answered

REPO = Path(__file__).resolve().parent.parent
ASSIGNMENT, NB = "00_tiny", "tiny.ipynb"
HIDDEN_MARK = "hidden_sentinel_9f3a"  # appears only in the hidden tests

CELLS = [
    markdown("# Tiny\nDouble and triple a number.", "intro"),
    code("import numpy as np\nfrom aipath.checks import assert_close", "setup"),
    solution("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION", "double"),
    tests("assert_close(double(np.array([1.0, 2.0])), np.array([2.0, 4.0]), exercise='double')\n"
          "### BEGIN HIDDEN TESTS\n"
          f"{HIDDEN_MARK} = np.arange(5.0)\n"
          f"assert_close(double({HIDDEN_MARK}), {HIDDEN_MARK} * 2, exercise='double')\n"
          "### END HIDDEN TESTS", "test_double", points=2),
    solution("def triple(x):\n    ### BEGIN SOLUTION\n    return 3 * x\n    ### END SOLUTION", "triple"),
    tests("### BEGIN HIDDEN TESTS\n"
          "assert_close(triple(np.array([-1.0, 0.5])), np.array([-3.0, 1.5]), exercise='triple')\n"
          "### END HIDDEN TESTS", "test_triple", points=1),
]


def autograder(course: Path, *args: str, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "autograder.cli", *args], cwd=course,
                          capture_output=True, text=True, timeout=timeout)
    if check:
        assert proc.returncode == 0, f"autograder {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr[-3000:]}"
    return proc


def make_course(root: Path) -> Path:
    """Scratch course with the tiny assignment released; returns its root."""
    (root / "notebooks" / ASSIGNMENT).mkdir(parents=True)
    write_notebook(root / "notebooks" / ASSIGNMENT / NB, CELLS)
    shutil.copy(REPO / "pyproject.toml", root)  # [tool.aipath]: where the release's Colab badges point
    autograder(root, "release", ASSIGNMENT)
    return root


def student_version(course: Path):
    return nbformat.read(str(course / "release" / ASSIGNMENT / NB), as_version=4)


def solved(course: Path, cells: list[str] | None = None):
    return answered(course / "release" / ASSIGNMENT / NB, course / "notebooks" / ASSIGNMENT / NB, cells)


def put(subs: Path, student: str, nb=None, raw: bytes | None = None, name: str = NB) -> None:
    folder = subs / student
    folder.mkdir(parents=True, exist_ok=True)
    if raw is not None:
        (folder / name).write_bytes(raw)
    else:
        nbformat.write(nb, str(folder / name))


def with_answer(course: Path, grade_id: str, source: str):
    """The solved notebook with answer cell ``grade_id`` replaced by ``source``."""
    nb = solved(course)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = source
    return nb
