"""Grades out of nbgrader's gradebook, as CSV: one row per student, with the reasons for zeros.

``format="canvas"`` writes the layout of Canvas's gradebook export, which its gradebook import reads:
``Student, ID, SIS User ID, SIS Login ID, Section`` then one column per assignment named
``<assignment> (<Canvas assignment id>)`` (without an id Canvas creates a new assignment), and a
``Points Possible`` row first. Canvas matches rows on ID, SIS User ID or SIS Login ID: nbgrader's
student id goes into SIS User ID and SIS Login ID, its ``lms_user_id`` (if set) into ID.
"""
from __future__ import annotations

import csv
from pathlib import Path

from autograder.course import Course
from autograder.grade import load_report


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
                reasons.append(_failure(entry["error"]))
            row = {"student_id": student, "assignment": assignment,
                   "score": _fmt(submission.score), "max_score": _fmt(submission.max_score)}
            by_name = {nb.name: nb for nb in submission.notebooks}
            for name in notebooks:
                row[f"score:{name}"] = _fmt(by_name[name].score) if name in by_name else "0"
            row["status"] = "zeroed" if reasons else "graded"
            row["reason"] = "; ".join(reasons)
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


def export(course: Course, assignment: str, to: Path, *, format: str = "csv", canvas_id: str | None = None) -> Path:
    table = canvas_rows(course, assignment, canvas_id) if format == "canvas" else rows(course, assignment)
    if not table:
        raise SystemExit(f"no graded submissions of {assignment} in {course.workdir / 'gradebook.db'}")
    to = Path(to)
    with open(to, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    return to


def _failure(error: str) -> str:
    last = error.strip().splitlines()[-1]
    return last if last.startswith("timed out") else "nbgrader failed: " + last


def _fmt(x: float) -> str:
    return f"{float(x):g}"
