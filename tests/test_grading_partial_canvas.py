"""Partial credit with a message (nbgrader's convention: a test cell's result is its points) shows in
the feedback; the Canvas export has Canvas's gradebook columns and the same scores."""
import csv
import shutil

import nbformat
import pytest

from autograder import authoring
from tiny_course import REPO, autograder, put

pytestmark = pytest.mark.e2e
ASSIGNMENT, NB = "00_partial", "partial.ipynb"
PARTIAL_TEST = '''
cases = {2.0: 4.0, -1.0: -2.0, 0.5: 1.0}
wrong = [x for x, want in cases.items() if double(x) != want]
print(f"double: {len(cases) - len(wrong)} of {len(cases)} cases right" + (f"; wrong for x = {wrong}" if wrong else ""))
3 * (len(cases) - len(wrong)) / len(cases)
'''


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("partial")
    (root / "notebooks" / ASSIGNMENT).mkdir(parents=True)
    shutil.copy(REPO / "pyproject.toml", root)
    authoring.write_notebook(root / "notebooks" / ASSIGNMENT / NB, [  # (authoring.tests is not a pytest test)
        authoring.code("import numpy as np", "setup"),
        authoring.solution("def double(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION", "double"),
        authoring.tests(PARTIAL_TEST, "test_double", points=3),
    ])
    autograder(root, "release", ASSIGNMENT)
    subs = root / "subs"
    put(subs, "full", answered(root, "def double(x):\n    return 2 * x"), name=NB)
    put(subs, "positive_only", answered(root, "def double(x):\n    return 2 * x if x > 0 else x"), name=NB)
    autograder(root, "grade", ASSIGNMENT, "subs", "--workdir", "work", "--no-progress")
    autograder(root, "feedback", ASSIGNMENT, "--workdir", "work")
    autograder(root, "export", ASSIGNMENT, "--workdir", "work", "--to", "canvas.csv", "--format", "canvas",
               "--canvas-id", "4242")
    return root


def answered(root, source):
    """The released notebook with ``source`` as the answer to ``double``."""
    nb = nbformat.read(str(root / "release" / ASSIGNMENT / NB), as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "double":
            cell.source = source
    return nb


def test_partial_credit_and_its_message_show_in_the_feedback(course):
    page = (course / "work" / "feedback" / "positive_only" / ASSIGNMENT / "partial.html").read_text()
    assert "Score: 2.0 / 3.0" in page
    assert "double: 2 of 3 cases right; wrong for x = [-1.0]" in page


def test_canvas_export_has_canvas_columns_and_the_scores(course):
    with open(course / "canvas.csv", newline="") as f:
        table = list(csv.DictReader(f))
    column = f"{ASSIGNMENT} (4242)"
    assert list(table[0]) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", column]
    assert table[0]["Student"] == "Points Possible" and table[0][column] == "3"
    scores = {row["SIS User ID"]: row[column] for row in table[1:]}
    assert scores == {"full": "3", "positive_only": "2"}


def test_partial_credit_is_explained_beside_the_canvas_file_and_in_the_feedback(course):
    """Canvas turns unknown columns into assignments: the reasons go to canvas.reasons.csv beside it."""
    with open(course / "canvas.reasons.csv", newline="") as f:
        reasons = {row["student_id"]: row for row in csv.DictReader(f)}
    lost = "test_double: scored 2 of 3: double: 2 of 3 cases right; wrong for x = [-1.0]"
    assert reasons["positive_only"]["points_lost"] == lost and reasons["positive_only"]["score"] == "2"
    assert reasons["full"]["points_lost"] == "" and reasons["full"]["reason"] == ""
    page = (course / "work" / "feedback" / "positive_only" / ASSIGNMENT / "partial.html").read_text()
    assert "Points lost:" in page and "scored 2 of 3" in page
