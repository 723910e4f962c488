"""Autograde a folder of submissions into nbgrader's gradebook.

Accepted layouts (one folder per student)::

    SUBMISSIONS/<student_id>/<notebook>.ipynb
    SUBMISSIONS/<student_id>/<assignment>/<notebook>.ipynb     (nbgrader's submitted/ layout)

Each submission is copied into ``<workdir>/submitted/<student>/<assignment>/``, checked
(autograder/submission.py), and graded by nbgrader's own autograde. Reasons for zeroed notebooks
go to ``<workdir>/grading_report.json`` and into the export and feedback.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import Course
from autograder.submission import problem_with

REPORT = "grading_report.json"


@dataclass
class SubmissionResult:
    student: str
    problems: dict[str, str] = field(default_factory=dict)  # notebook name -> reason it was zeroed
    error: str | None = None                                  # nbgrader itself failed


def student_folders(submissions: Path, assignment: str) -> dict[str, Path]:
    """student_id -> folder holding that student's notebooks."""
    folders = {}
    for student_dir in sorted(p for p in Path(submissions).iterdir() if p.is_dir()):
        nested = student_dir / assignment
        folders[student_dir.name] = nested if nested.is_dir() else student_dir
    if not folders:
        raise SystemExit(f"no student folders in {submissions} (expected {submissions}/<student_id>/*.ipynb)")
    return folders


def stage(course: Course, assignment: str, student: str, src: Path) -> dict[str, str]:
    """Copy one submission into nbgrader's submitted/ folder, replacing ungradable notebooks."""
    dest = course.workdir / "submitted" / student / assignment
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    problems = {}
    for released in course.released_notebooks(assignment):
        reason = problem_with(dest / released.name, released)
        if reason:
            problems[released.name] = reason
            shutil.copyfile(released, dest / released.name)
    return problems


def grade(course: Course, assignment: str, submissions: Path, *, echo=print) -> list[SubmissionResult]:
    """Grade every student's submission; never stops on a bad one."""
    if not course.released_notebooks(assignment):
        raise SystemExit(f"release/{assignment} has no notebooks: run `autograder release {assignment}`")
    api = course.api()
    _ensure_assignment(course, assignment)
    report = load_report(course)
    results = []
    for student, folder in student_folders(submissions, assignment).items():
        result = SubmissionResult(student, stage(course, assignment, student, folder))
        outcome = api.autograde(assignment, student, force=True, create=True)
        if not outcome["success"]:
            result.error = (outcome.get("error") or outcome.get("log") or "unknown error").strip()[-2000:]
            _zero(course, assignment, student)
        report.setdefault(assignment, {})[student] = {"problems": result.problems, "error": result.error}
        score = _score(course, assignment, student)
        echo(f"{student:>20s}  {score[0]:6.2f} / {score[1]:.2f}"
             + "".join(f"\n{'':>22s}zeroed {nb}: {why}" for nb, why in result.problems.items())
             + (f"\n{'':>22s}nbgrader failed: {result.error.splitlines()[-1]}" if result.error else ""))
        results.append(result)
    save_report(course, report)
    return results


def load_report(course: Course) -> dict:
    path = course.workdir / REPORT
    return json.loads(path.read_text()) if path.is_file() else {}


def save_report(course: Course, report: dict) -> None:
    tmp = course.workdir / (REPORT + ".tmp")
    tmp.write_text(json.dumps(report, indent=1, sort_keys=True))
    os.replace(tmp, course.workdir / REPORT)


def _ensure_assignment(course: Course, assignment: str) -> None:
    """Fill the gradebook with the assignment's cells (generate_assignment into a scratch folder)."""
    import tempfile

    from nbgrader.api import Gradebook

    with Gradebook(course.config().CourseDirectory.db_url) as gb:
        known = any(a.name == assignment for a in gb.assignments) and gb.find_assignment(assignment).notebooks
    if known:
        return
    with tempfile.TemporaryDirectory() as tmp:
        cfg = course.config()
        cfg.CourseDirectory.release_directory = tmp
        result = course.api(cfg).generate_assignment(assignment, force=True, create=True)
    if not result["success"]:
        raise RuntimeError(f"could not register {assignment} in the gradebook:\n{result.get('error')}")


def _zero(course: Course, assignment: str, student: str) -> None:
    """Record a submission nbgrader could not grade as 0 on every graded cell."""
    from nbgrader.api import Gradebook

    with Gradebook(course.config().CourseDirectory.db_url) as gb:
        gb.update_or_create_student(student)
        try:
            submission = gb.find_submission(assignment, student)
        except Exception:  # noqa: BLE001 — nbgrader raises MissingEntry
            submission = gb.add_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gb.db.commit()


def _score(course: Course, assignment: str, student: str) -> tuple[float, float]:
    from nbgrader.api import Gradebook

    with Gradebook(course.config().CourseDirectory.db_url) as gb:
        submission = gb.find_submission(assignment, student)
        return float(submission.score), float(submission.max_score)
