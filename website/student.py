"""Student pages: nbgrader's student version of each notebook, with the outputs a learner sees.

The student version comes from the same code as ``release/`` (:func:`autograder.release.generate`:
nbgrader's ClearSolutions and ClearHiddenTests, then the Colab cells), written to a scratch folder so
the committed ``release/`` is never touched. Its outputs come from the executed *source*: a cell keeps
them only when it is neither a solution nor a check cell and its code is the same in both versions.
"""
from __future__ import annotations

import copy
import hashlib
import tempfile
from pathlib import Path

import nbformat

import autograder
from autograder.colab import ROLE_KEY
from autograder.course import Course
from autograder.release import generate

CACHE_FORMAT = "1"  # bump when what is cached changes shape
AUTOGRADER = Path(autograder.__file__).resolve().parent


def release_key(repo: Path, assignment: str) -> str:
    """Hash of what a student version depends on: the assignment's files, the release code, the
    Colab location (pyproject.toml) and the validated versions its bootstrap cell pins."""
    import nbgrader

    digest = hashlib.sha256(f"{CACHE_FORMAT}\n{nbgrader.__version__}\n".encode())
    inputs = [*sorted((repo / "notebooks" / assignment).rglob("*")), *sorted(AUTOGRADER.glob("*.py")),
              repo / "pyproject.toml", AUTOGRADER.parent / "aipath" / "environment.py"]
    for path in inputs:
        if path.is_file() and ".ipynb_checkpoints" not in path.parts:
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


def student_versions(repo: Path, assignments: list[str], cache_dir: Path) -> dict[str, Path]:
    """For each assignment, the folder holding its student versions: made with nbgrader
    (``autograder.release.generate``) unless the cache holds them for the same inputs."""
    course = Course(repo)
    folders = {}
    for assignment in assignments:
        folder = cache_dir / f"{assignment}-{release_key(repo, assignment)}"
        if not folder.is_dir():
            cache_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix="aipath-site-release-", dir=cache_dir) as tmp:
                made = generate(course, assignment, Path(tmp))
                try:
                    made.rename(folder)  # atomic; a concurrent build may have won the race
                except OSError:
                    if not folder.is_dir():
                        raise
        folders[assignment] = folder
    return folders


def is_exercise_cell(cell) -> bool:
    """A solution cell (the learner's answer) or a graded check cell."""
    grading = cell.metadata.get("nbgrader", {})
    return bool(grading.get("solution") or grading.get("grade"))


def student_page(student: nbformat.NotebookNode, executed_source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student notebook with the executed source's outputs in its other code cells.

    The Colab badge and bootstrap cells are left out: every page links to Colab and to the download
    itself (:mod:`website.book`)."""
    ran = {cell.get("id"): cell for cell in executed_source.cells}
    page = copy.deepcopy(student)
    page.cells = [cell for cell in page.cells if ROLE_KEY not in cell.metadata]
    for cell in page.cells:
        if cell.cell_type != "code":
            continue
        source = ran.get(cell.get("id"))
        if is_exercise_cell(cell) or source is None or source.source != cell.source:
            cell.outputs, cell.execution_count = [], None
        else:
            cell.outputs, cell.execution_count = copy.deepcopy(source.outputs), source.execution_count
    return page
