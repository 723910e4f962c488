"""Autograde a folder of submissions into nbgrader's gradebook.

Accepted layouts (one folder per student)::

    SUBMISSIONS/<student_id>/<notebook>.ipynb
    SUBMISSIONS/<student_id>/<assignment>/<notebook>.ipynb     (nbgrader's submitted/ layout)

Each submission is copied into ``<workdir>/submitted/<student>/<assignment>/``, checked
(autograder/submission.py), and graded by nbgrader's own autograde in a job of its own
(autograder/jobs.py: own process, own scratch course, wall-clock limit, optional sandbox), several at a
time (autograder/executors.py); the parent merges each result into the gradebook
(autograder/merge.py). Reasons for zeroes go to ``<workdir>/grading_report.json`` and into the
export and feedback.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqdm import tqdm

from autograder.course import Course
from autograder.executors import run
from autograder.jobs import GradingJob
from autograder.merge import merge
from autograder.reasons import Limits, cell_reasons, submission_reason
from autograder.sandbox import SandboxPolicy
from autograder.submission import problem_with

REPORT = "grading_report.json"


@dataclass
class SubmissionResult:
    student: str
    problems: dict[str, str] = field(default_factory=dict)  # notebook name -> reason it was zeroed
    error: str | None = None                                  # why nothing was graded (timeout, nbgrader failed)
    cells: dict[str, list[str]] = field(default_factory=dict)  # notebook name -> "<cell>: why it lost points"

    def report_entry(self) -> dict:
        return {"problems": self.problems, "error": self.error, "cells": self.cells,
                "reason": submission_reason(self.error) if self.error else None}


def student_folders(submissions: Path, assignment: str) -> dict[str, Path]:
    """student_id -> folder holding that student's notebooks."""
    folders = {}
    for student_dir in sorted(p for p in Path(submissions).iterdir() if p.is_dir() and not p.name.startswith(".")):
        nested = student_dir / assignment
        folders[student_dir.name] = nested if nested.is_dir() else student_dir
    if not folders:
        raise SystemExit(f"no student folders in {submissions}: expected {submissions}/<student_id>/*.ipynb, "
                         f"one folder per student")
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


def grade(course: Course, assignment: str, submissions: Path, *, workers: int = 1, scheduler: str | None = None,
          submission_timeout: float = 1800.0, sandbox: SandboxPolicy | None = None, progress: bool = False,
          echo=print) -> list[SubmissionResult]:
    """Grade every student's submission, ``workers`` at a time (or on the Dask cluster at
    ``scheduler``), each in its own nbgrader process; never stops on a bad one."""
    folders = check_input(course, assignment, Path(submissions))
    template_db = template_gradebook(course, assignment)
    check_workdir_gradebook(course, assignment, template_db)
    if not (course.workdir / "gradebook.db").exists() and course.db_url is None:
        shutil.copyfile(template_db, course.workdir / "gradebook.db")  # same as registering it again
    _ensure_assignment(course, assignment)
    if sandbox is not None:
        sandbox = replace(sandbox, hidden=hidden_paths(course, Path(submissions)))
    staged = {student: stage(course, assignment, student, folder)
              for student, folder in folders.items()}
    jobs = [GradingJob(assignment, student, course.workdir / "submitted" / student / assignment, template_db,
                       course.source_dir, course.cell_timeout, submission_timeout, sandbox, _job_env())
            for student in staged]
    from nbgrader.api import Gradebook

    report = load_report(course)
    limits = Limits(course.cell_timeout, sandbox.memory_mb if sandbox else None, sandbox is not None)
    results = []
    with tqdm(total=len(jobs), desc=f"grading {assignment}", unit="submission", disable=not progress) as bar, \
            Gradebook(course.config().CourseDirectory.db_url) as gb:
        for job_result in run(jobs, workers=workers, scheduler=scheduler):
            merge(gb, course, assignment, job_result)
            result = SubmissionResult(job_result.student, staged[job_result.student], job_result.error,
                                      explain(gb, assignment, job_result, staged[job_result.student], limits))
            report.setdefault(assignment, {})[result.student] = result.report_entry()
            (bar.write if progress else echo)(_line(gb, assignment, result))
            bar.update()
            results.append(result)
    save_report(course, report)
    return sorted(results, key=lambda r: r.student)


def check_input(course: Course, assignment: str, submissions: Path) -> dict[str, Path]:
    """Refuse, in one line that says what to fix, what cannot be graded: an unknown assignment, one
    not released, a submissions folder that is missing or holds no student folders."""
    if not course.source_dir.is_dir():
        raise SystemExit(f"{course.repo} is not a course: it has no notebooks/ folder (pass --repo, or run "
                         f"in the course's folder)")
    course.source_notebooks(assignment)  # "no assignment ...: (assignments: ...)"
    if not course.released_notebooks(assignment):
        raise SystemExit(f"release/{assignment} has no notebooks: run `autograder release {assignment}`")
    if not submissions.is_dir():
        raise SystemExit(f"no submissions folder {submissions}: pass the folder that holds one folder per "
                         f"student (<folder>/<student_id>/*.ipynb)")
    if course.workdir.exists() and not course.workdir.is_dir():
        raise SystemExit(f"--workdir {course.workdir} is a file: pass a folder for the gradebook and "
                         f"autograded notebooks")
    return student_folders(submissions, assignment)


def check_workdir_gradebook(course: Course, assignment: str, template_db: Path) -> None:
    """A workdir whose gradebook registers ``assignment`` with other notebooks or graded cells belongs to
    another course (or an older version of this one): grading into it would mix the two."""
    if course.db_url is not None or not (course.workdir / "gradebook.db").is_file():
        return
    ours, theirs = _cells_of(template_db, assignment), _cells_of(course.workdir / "gradebook.db", assignment)
    if theirs and theirs != ours:
        differ = sorted(ours ^ theirs)[:3]
        raise SystemExit(f"the gradebook in --workdir {course.workdir} registers {assignment} with other graded "
                         f"cells than {course.source_dir / assignment} (e.g. {', '.join('/'.join(c) for c in differ)}): "
                         f"it belongs to another course or an older version; pass a fresh --workdir")


def _cells_of(db: Path, assignment: str) -> set[tuple[str, str]]:
    """(notebook, graded cell) pairs ``assignment`` has in the gradebook at ``db``; empty if unregistered."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{db}") as gb:
        try:
            notebooks = gb.find_assignment(assignment).notebooks
        except MissingEntry:
            return set()
        return {(nb.name, cell.name) for nb in notebooks for cell in nb.grade_cells}


def explain(gb, assignment: str, job_result, zeroed: dict[str, str], limits: Limits) -> dict[str, list[str]]:
    """Notebook name -> why each graded cell lost points (autograder/reasons.py); nothing for a job that
    graded nothing or a notebook that was zeroed (those have their own reason)."""
    import nbformat

    if job_result.error:
        return {}
    explained = {}
    for notebook in gb.find_submission(assignment, job_result.student).notebooks:
        name = notebook.name + ".ipynb"
        if name in zeroed or name not in job_result.notebooks:
            continue
        scores = {grade.name: (grade.score, grade.max_score) for grade in notebook.grades}
        nb = nbformat.reads(job_result.notebooks[name].decode("utf-8"), as_version=4)
        reasons = cell_reasons(nb, scores, limits)
        if reasons:
            explained[name] = reasons
    return explained


def template_gradebook(course: Course, assignment: str) -> Path:
    """A gradebook with ``assignment`` registered and no students: each job starts from a copy."""
    folder = course.workdir / ".grading"
    template = Course(repo=course.repo, workdir=folder, cell_timeout=course.cell_timeout)
    db = folder / "gradebook.db"
    folder.mkdir(parents=True, exist_ok=True)
    if db.exists():
        db.unlink()
    _ensure_assignment(template, assignment)
    return db


def hidden_paths(course: Course, submissions: Path) -> tuple[str, ...]:
    """What student code must not see: sources and tests, the gradebook and every submission."""
    holds_repo = course.workdir == course.repo or course.workdir in course.repo.parents
    grading = [course.workdir] if not holds_repo else [  # never hide the course's own code
        course.workdir / name for name in ("gradebook.db", "submitted", "autograded", "feedback", ".grading", REPORT)]
    paths = [course.source_dir, course.repo / "tests", *grading, Path(submissions).resolve()]
    return tuple(str(p) for p in paths)


def _job_env() -> tuple[tuple[str, str], ...]:
    return tuple((k, os.environ[k]) for k in ("AIPATH_PROFILE", "AIPATH_DEVICE", "AIPATH_DATA_DIR", "MPLBACKEND")
                 if k in os.environ)


def _line(gb, assignment: str, result: SubmissionResult) -> str:
    submission = gb.find_submission(assignment, result.student)
    score = float(submission.score), float(submission.max_score)
    return (f"{result.student:>20s}  {score[0]:6.2f} / {score[1]:.2f}"
            + "".join(f"\n{'':>22s}zeroed {nb}: {why}" for nb, why in result.problems.items())
            + (f"\n{'':>22s}graded 0: {submission_reason(result.error)}" if result.error else "")
            + "".join(f"\n{'':>22s}{nb}: {why}" for nb, reasons in result.cells.items() for why in reasons))


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
