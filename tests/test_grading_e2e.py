"""Release, fabricate submissions, grade with the real nbgrader, export: exact scores.

Runs the `autograder` CLI in a subprocess on a scratch course holding the exemplar notebook
(13 points: add_intercept 1, fit_least_squares 3, mse_gradient 2, gradient_descent 2,
fit_ridge 3, ridge_estimator 2).
"""
import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from fabricate import answered

pytestmark = pytest.mark.e2e
NB = "04_linear_regression.ipynb"


def autograder(course: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "autograder.cli", *args], cwd=course,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"autograder {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def graded(repo, tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    (course / "notebooks" / "01_math").mkdir(parents=True)
    shutil.copy(repo / "notebooks" / "01_math" / NB, course / "notebooks" / "01_math" / NB)
    autograder(course, "release", "01_math")
    student = course / "release" / "01_math" / NB
    source = course / "notebooks" / "01_math" / NB

    subs = course / "submissions"
    def put(who: str, nb=None, raw: bytes | None = None, name: str = NB, nested: bool = False):
        folder = subs / who / ("01_math" if nested else "")
        folder.mkdir(parents=True, exist_ok=True)
        if raw is not None:
            (folder / name).write_bytes(raw)
        else:
            nbformat.write(nb, str(folder / name))

    put("correct", answered(student, source))
    put("nested_correct", answered(student, source), nested=True)
    put("blank", nbformat.read(str(student), as_version=4))
    put("half", answered(student, source, ["add_intercept", "fit_least_squares", "mse_gradient"]))
    put("invalid_json", raw=b'{"cells": [ {"cell_type": "code", ')
    put("not_a_notebook", raw=json.dumps(["print('hi')"]).encode())
    put("binary", raw=b"\x89PNG\r\n\x1a\n\x00\x00")
    deleted = answered(student, source)
    deleted.cells = [c for c in deleted.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_fit_ridge"]
    put("deleted_cell", deleted)
    put("wrong_name", answered(student, source), name="my_homework.ipynb")

    grade = autograder(course, "grade", "01_math", "submissions", "--workdir", "work")
    autograder(course, "export", "01_math", "--workdir", "work", "--to", "grades.csv")
    feedback = autograder(course, "feedback", "01_math", "--workdir", "work")
    with open(course / "grades.csv", newline="") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    return course, rows, grade.stdout + feedback.stdout


EXPECTED = {  # student: (score, status, reason fragment)
    "correct": ("13", "graded", ""),
    "nested_correct": ("13", "graded", ""),
    "blank": ("0", "graded", ""),
    "half": ("6", "graded", ""),
    "invalid_json": ("0", "zeroed", "not valid JSON (Expecting property name enclosed in double quotes at line 1, column 35)"),
    "not_a_notebook": ("0", "zeroed", "not a Jupyter notebook (no list of cells)"),
    "binary": ("0", "zeroed", "not UTF-8 text"),
    "deleted_cell": ("0", "zeroed", "cell(s) deleted: test_fit_ridge"),
    "wrong_name": ("0", "zeroed", f"missing notebook {NB}"),
}


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_exported_scores_are_exact(graded, student):
    _, rows, _ = graded
    score, status, reason = EXPECTED[student]
    row = rows[student]
    assert (row["score"], row["max_score"], row[f"score:{NB[:-6]}"], row["status"]) == (score, "13", score, status)
    assert reason in row["reason"] and (reason or not row["reason"])


def test_every_submission_is_in_the_export(graded):
    _, rows, _ = graded
    assert sorted(rows) == sorted(EXPECTED)


def test_feedback_shows_scores_and_messages_but_never_hidden_tests(graded, repo):
    course, _, _ = graded
    source = nbformat.read(str(repo / "notebooks" / "01_math" / NB), as_version=4)
    hidden = [cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
              for cell in source.cells if "### BEGIN HIDDEN TESTS" in cell.source]
    hidden_lines = [line.strip() for block in hidden for line in block.splitlines() if len(line.strip()) > 25]
    assert len(hidden_lines) > 20
    for html in (course / "work" / "feedback").rglob("*.html"):
        page = html.read_text()
        leaked = [line for line in hidden_lines if line in page or line.replace('"', "&quot;") in page]
        assert not leaked, f"{html} shows hidden test lines: {leaked[:3]}"
    half = (course / "work" / "feedback" / "half" / "01_math" / f"{NB[:-6]}.html").read_text()
    assert "Score: 6.0 / 13.0" in half and "NotImplementedError" in half
    zeroed = (course / "work" / "feedback" / "invalid_json" / "01_math" / f"{NB[:-6]}.html").read_text()
    assert "This notebook was graded 0" in zeroed and "not valid JSON" in zeroed


def test_gradebook_is_nbgraders_own(graded):
    from nbgrader.api import Gradebook

    course, _, _ = graded
    with Gradebook(f"sqlite:///{course / 'work' / 'gradebook.db'}") as gb:
        assert gb.find_submission("01_math", "half").score == 6
        assert len(gb.find_assignment("01_math").notebooks) == 1


def test_new_gradebooks_get_the_revision_alembic_heads_prints():
    """autograder.course replaces nbgrader's `alembic heads` subprocess (seconds) with alembic's API
    (milliseconds); both must stamp a new gradebook with the same schema revision."""
    import nbgrader.api

    from autograder.course import Course, alembic_head

    Course()
    assert nbgrader.api.get_alembic_version is alembic_head
    alembic = str(Path(sys.executable).parent / "alembic")
    with nbgrader.api._temp_alembic_ini("sqlite:///gradebook.db") as ini:
        heads = subprocess.check_output([alembic, "-c", ini, "heads"], text=True)
    assert heads.split()[0] == alembic_head()
