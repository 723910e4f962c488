"""Student versions: ``release/<assignment>/`` made by nbgrader's generate_assignment.

The release folder is committed (learners and Colab open it straight from the repository), so
:func:`stale_files` regenerates into a scratch folder and lists every file that differs.
"""
from __future__ import annotations

import filecmp
import shutil
import tempfile
from pathlib import Path

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
        add_colab_cells(notebook, assignment, course.repo)
    return release_dir / assignment


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
