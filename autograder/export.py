"""Grades out of nbgrader's gradebook, as CSV: one row per student, with the reasons for zeros."""
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
                reasons.append("nbgrader failed: " + entry["error"].splitlines()[-1])
            row = {"student_id": student, "assignment": assignment,
                   "score": _fmt(submission.score), "max_score": _fmt(submission.max_score)}
            by_name = {nb.name: nb for nb in submission.notebooks}
            for name in notebooks:
                row[f"score:{name}"] = _fmt(by_name[name].score) if name in by_name else "0"
            row["status"] = "zeroed" if reasons else "graded"
            row["reason"] = "; ".join(reasons)
            out.append(row)
    return out


def export(course: Course, assignment: str, to: Path) -> Path:
    table = rows(course, assignment)
    if not table:
        raise SystemExit(f"no graded submissions of {assignment} in {course.workdir / 'gradebook.db'}")
    to = Path(to)
    with open(to, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    return to


def _fmt(x: float) -> str:
    return f"{float(x):g}"
