"""Grades out of nbgrader's gradebook, as CSV: one row per student, with the reasons for zeros.

``format="canvas"`` writes the layout of Canvas's gradebook export, which its gradebook import reads:
``Student, ID, SIS User ID, SIS Login ID, Section`` then one column per assignment named
``<assignment> (<Canvas assignment id>)`` (without an id Canvas creates a new assignment), and a
``Points Possible`` row first. Canvas matches rows on ID, SIS User ID or SIS Login ID: nbgrader's
student id goes into SIS User ID and SIS Login ID, its ``lms_user_id`` (if set) into ID. Canvas turns
every column it does not know into a new assignment, so the reasons go next to that file, into
``<name>.reasons.csv`` (:func:`rows`, the plain export).

Reasons: ``reason`` says why a notebook or the whole submission was zeroed (autograder/submission.py,
the job's error); ``points_lost`` names each graded cell that scored less than its points and why
(autograder/reasons.py).
"""
from __future__ import annotations

import csv
from pathlib import Path

from autograder.course import Course
from autograder.grade import load_report
from autograder.reasons import submission_reason


def rows(course: Course, assignment: str) -> list[dict]:
    from nbgrader.api import Gradebook

    report = load_report(course).get(assignment, {})
    out = []
    with Gradebook(course.config().CourseDirectory.db_url) as gb:
        notebooks = [nb.name for nb in gb.find_assignment(assignment).notebooks]
        for submission in sorted(gb.assignment_submissions(assignment), key=lambda s: s.student.id):
            student = submission.student.id
            entry = report.get(student, {})
            reasons = [f"{nb}: {why}" for nb, why in sorted(entry.get("problems", {}).items())]
            if entry.get("error"):
                reasons.append(submission_reason(entry["error"]))
            row = {"student_id": student, "assignment": assignment,
                   "score": _fmt(submission.score), "max_score": _fmt(submission.max_score)}
            by_name = {nb.name: nb for nb in submission.notebooks}
            for name in notebooks:
                row[f"score:{name}"] = _fmt(by_name[name].score) if name in by_name else "0"
            row["status"] = "zeroed" if reasons else "graded"
            row["reason"] = "; ".join(reasons)
            row["points_lost"] = points_lost(entry, multiple=len(notebooks) > 1)
            out.append(row)
    return out


CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def canvas_rows(course: Course, assignment: str, canvas_id: str | None = None) -> list[dict]:
    from nbgrader.api import Gradebook

    column = f"{assignment} ({canvas_id})" if canvas_id else assignment
    with Gradebook(course.config().CourseDirectory.db_url) as gb:
        submissions = sorted(gb.assignment_submissions(assignment), key=lambda s: s.student.id)
        if not submissions:
            return []
        table = [{**dict.fromkeys(CANVAS_IDENTITY, ""), "Student": "Points Possible",
                  column: _fmt(submissions[0].max_score)}]
        for submission in submissions:
            student = submission.student
            name = ", ".join(n for n in (student.last_name, student.first_name) if n) or student.id
            table.append({"Student": name, "ID": student.lms_user_id or "", "SIS User ID": student.id,
                          "SIS Login ID": student.id, "Section": "", column: _fmt(submission.score)})
    return table


def points_lost(entry: dict, multiple: bool) -> str:
    """``"test_triple: cell timed out after 10 s; ..."`` (notebook-prefixed when there are several)."""
    return "; ".join(f"{nb[:-len('.ipynb')]}/{why}" if multiple else why
                     for nb, reasons in sorted(entry.get("cells", {}).items()) for why in reasons)


def export(course: Course, assignment: str, to: Path, *, format: str = "csv", canvas_id: str | None = None) -> Path:
    if not (course.workdir / "gradebook.db").is_file() and course.db_url is None:
        raise SystemExit(f"no gradebook in {course.workdir}: grade first (`autograder grade {assignment} "
                         f"SUBMISSIONS`), or pass the --workdir you graded into")
    _require_assignment(course, assignment)
    table = canvas_rows(course, assignment, canvas_id) if format == "canvas" else rows(course, assignment)
    if not table:
        raise SystemExit(f"no graded submissions of {assignment} in {course.workdir / 'gradebook.db'}")
    to = Path(to)
    _write(to, table)
    if format == "canvas":
        _write(reasons_path(to), [{k: row[k] for k in ("student_id", "score", "max_score", "reason", "points_lost")}
                                  for row in rows(course, assignment)])
    return to


def reasons_path(canvas_csv: Path) -> Path:
    return canvas_csv.with_name(canvas_csv.stem + ".reasons.csv")


def _write(to: Path, table: list[dict]) -> None:
    with open(to, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)


def _require_assignment(course: Course, assignment: str) -> None:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(course.config().CourseDirectory.db_url) as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            known = ", ".join(a.name for a in gb.assignments) or "none"
            raise SystemExit(f"no assignment {assignment!r} in {course.workdir / 'gradebook.db'} "
                             f"(graded assignments: {known})") from None


def _fmt(x: float) -> str:
    return f"{float(x):g}"
