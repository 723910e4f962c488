"""Student versions: ``release/<assignment>/`` made by nbgrader's generate_assignment.

The release folder is committed (learners and Colab open it straight from the repository), so
:func:`stale_files` regenerates into a scratch folder and lists every file that differs.

nbgrader's ClearSolutions writes one fixed stub, ``raise NotImplementedError()``; :func:`name_stubs`
then names each stub's exercise — ``raise NotImplementedError("normalize_rows (Exercise 1): write your
code here")`` — from the enclosing top-level ``def``/``class`` (else the cell's grade_id) and the
number of the preceding ``## Exercise N`` heading, so an unsolved exercise reads as itself
(``aipath.checks.exercise`` turns it into one line).
"""
from __future__ import annotations

import ast
import filecmp
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
from nbgrader.utils import compute_checksum

from autograder.colab import add_colab_cells
from autograder.course import Course


def generate(course: Course, assignment: str, release_dir: Path) -> Path:
    """Run nbgrader generate_assignment for one assignment into ``release_dir/<assignment>``."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Course(course.repo, workdir=Path(tmp), db_url=f"sqlite:///{tmp}/release.db")
        cfg = scratch.config()
        cfg.CourseDirectory.release_directory = str(release_dir)
        api = scratch.api(cfg)
        result = api.generate_assignment(assignment, force=True, create=True)
    if not result["success"]:
        raise RuntimeError(f"nbgrader generate_assignment {assignment} failed:\n"
                           f"{result.get('log', '')[-3000:]}\n{result.get('error')}")
    for notebook in sorted((release_dir / assignment).glob("*.ipynb")):
        name_stubs(notebook)
        add_colab_cells(notebook, assignment, course.repo)
    return release_dir / assignment


_BARE_STUB = re.compile(r"^(?P<indent>[ \t]*)raise NotImplementedError\(\)[ \t]*$", re.M)
_EXERCISE_HEADING = re.compile(r"^#+\s*Exercise\s+(\d+)\b", re.M)


def name_stubs(path: Path) -> None:
    """Rewrite every bare stub of the student notebook at ``path`` to name its exercise (in place)."""
    nb = nbformat.read(str(path), as_version=4)
    number, changed = None, False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            number = int(_EXERCISE_HEADING.findall(cell.source)[-1]) if _EXERCISE_HEADING.search(cell.source) else number
            continue
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("solution"):
            continue
        source = named_stubs(cell.source, meta.get("grade_id", "exercise"), number)
        if source != cell.source:
            cell.source, changed = source, True
            if "checksum" in meta:                       # nbgrader compares it to tell an untouched answer
                meta["checksum"] = compute_checksum(cell)
    if changed:
        nbformat.write(nb, str(path))


def named_stubs(source: str, fallback: str, number: int | None) -> str:
    """``source`` with each bare ``raise NotImplementedError()`` naming its exercise."""
    owners = _top_level_names(source)
    lines = source.split("\n")
    for i, line in enumerate(lines):
        found = _BARE_STUB.match(line)
        if found:
            name = next((n for first, last, n in owners if first <= i + 1 <= last), fallback)
            label = f"{name} (Exercise {number})" if number is not None else name
            lines[i] = f'{found["indent"]}raise NotImplementedError("{label}: write your code here")'
    return "\n".join(lines)


def _top_level_names(source: str) -> list[tuple[int, int, str]]:
    """(first line, last line, name) of each top-level def and class of ``source``."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return []
    return [(node.lineno, node.end_lineno, node.name) for node in body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]


def release(course: Course, assignments: list[str]) -> list[Path]:
    """Regenerate ``release/<assignment>/`` for each assignment; returns the folders written."""
    written = []
    for assignment in assignments:
        target = course.release_dir / assignment
        if target.exists():
            shutil.rmtree(target)
        written.append(generate(course, assignment, course.release_dir))
    return written


def stale_files(course: Course, assignments: list[str]) -> list[str]:
    """Files under release/ that differ from a fresh generation (missing, extra or changed)."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for assignment in assignments:
            fresh = generate(course, assignment, Path(tmp) / "release")
            committed = course.release_dir / assignment
            problems += _diff_trees(fresh, committed, f"release/{assignment}")
    return problems


def _diff_trees(fresh: Path, committed: Path, label: str) -> list[str]:
    if not committed.is_dir():
        return [f"{label}/ is missing"]
    cmp = filecmp.dircmp(fresh, committed)
    out = [f"{label}/{name} is missing" for name in cmp.left_only]
    out += [f"{label}/{name} should not be there" for name in cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(fresh, committed, cmp.common_files, shallow=False)
    out += [f"{label}/{name} is out of date" for name in mismatch + errors]
    for sub in cmp.common_dirs:
        out += _diff_trees(fresh / sub, committed / sub, f"{label}/{sub}")
    return out
