"""Every score explains itself: each graded cell that lost points, and each submission that scored 0,
carries its reason in grading_report.json, the CSV export and the feedback page (autograder/reasons.py).

One batch of tiny-assignment submissions (tests/tiny_course.py: ``double`` 2 points, ``triple`` 1
point) graded through the real ``autograder grade`` in the sandbox, with small limits.
"""
import csv
import html
import json

import pytest
from nbformat.v4 import new_code_cell

from autograder.guarded_execute import TAMPERED, VERDICT_MISSING
from autograder.reasons import Limits, cell_reasons, error_reason, submission_reason
from tiny_course import ASSIGNMENT, NB, autograder, make_course, put, solved, student_version, with_answer

pytestmark = pytest.mark.e2e
TIMEOUT, MEMORY, PROCESSES, SUBMISSION_TIMEOUT = 5, 1024, 64, 40

EXPECTED = {  # student: (score, export's reason, points_lost)
    "correct": ("3", "", ""),
    "blank": ("0", "", "test_double: NotImplementedError: double: write your code here; "
                       "test_triple: NotImplementedError: triple: write your code here"),
    "wrong": ("1", "", "test_double: double: result is not close to the expected value: max abs error 2"),
    "sleeps": ("2", "", f"triple: cell timed out after {TIMEOUT} s; "
                        "test_triple: NameError: name 'triple' is not defined"),
    "memory": ("2", "", f"triple: memory limit ({MEMORY} MiB) reached; "
                        "test_triple: NameError: name 'triple' is not defined"),
    "forks": ("2", "", "triple: "),  # see test_a_fork_bomb_is_explained
    "exits": ("2", "", "triple: kernel died; test_triple: not run: the kernel died in an earlier cell"),
    "hangs": ("0", f"submission timed out after {SUBMISSION_TIMEOUT} s", ""),
    "invalid_json": ("0", "tiny.ipynb: not valid JSON", ""),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("reasons"))
    subs = course / "subs"
    put(subs, "correct", solved(course))
    put(subs, "blank", student_version(course))
    put(subs, "wrong", with_answer(course, "double", "def double(x):\n    return x\n"))
    put(subs, "sleeps", with_answer(course, "triple", "import time\ntime.sleep(600)"))
    put(subs, "memory", with_answer(course, "triple", "blocks = []\nwhile True:\n    blocks.append(bytearray(2**26))"))
    put(subs, "forks", with_answer(course, "triple", "import os\nwhile True:\n    os.fork()"))
    put(subs, "exits", with_answer(course, "triple", "import os\nos._exit(0)"))
    hangs = solved(course)
    for _ in range(14):  # each 4-s cell within the cell limit, all of them past the submission's
        hangs.cells.insert(2, new_code_cell("import time\ntime.sleep(4)"))
    put(subs, "hangs", hangs)
    put(subs, "invalid_json", raw=b'{"cells": [')
    grade = autograder(course, "grade", ASSIGNMENT, "subs", "--workdir", "work", "--workers", "2",
                       "--timeout", str(TIMEOUT), "--submission-timeout", str(SUBMISSION_TIMEOUT),
                       "--memory", str(MEMORY), "--processes", str(PROCESSES), "--no-progress")
    autograder(course, "export", ASSIGNMENT, "--workdir", "work", "--to", "grades.csv")
    autograder(course, "feedback", ASSIGNMENT, "--workdir", "work")
    with open(course / "grades.csv", newline="") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    report = json.loads((course / "work" / "grading_report.json").read_text())[ASSIGNMENT]
    return course, rows, report, grade.stdout


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_the_export_says_why_points_were_lost(graded, student):
    _, rows, _, _ = graded
    score, reason, lost = EXPECTED[student]
    row = rows[student]
    assert row["score"] == score, row
    assert reason in row["reason"] and (reason or not row["reason"]), row
    assert lost in row["points_lost"] and (lost or not row["points_lost"]), row


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_every_lost_point_and_every_zero_has_a_reason(graded, student):
    _, rows, report, _ = graded
    row, entry = rows[student], report[student]
    if row["score"] != row["max_score"]:
        assert row["reason"] or row["points_lost"], row
        assert entry["problems"] or entry["reason"] or entry["cells"], entry
    if row["score"] == "0" and not entry["problems"] and not entry["reason"]:
        assert len(entry["cells"][NB]) >= 2, entry  # both graded cells named


def test_a_fork_bomb_is_explained(graded):
    """Whether the kernel's own fork fails first (EAGAIN at --processes) or its children keep it busy
    until the cell limit depends on scheduling: both happen on a loaded 2-core machine."""
    _, rows, _, _ = graded
    assert rows["forks"]["points_lost"].split("; ")[0] in (
        "triple: process limit reached", f"triple: cell timed out after {TIMEOUT} s"), rows["forks"]


def test_the_report_holds_the_reasons(graded):
    _, _, report, _ = graded
    assert report["sleeps"]["cells"] == {NB: [f"triple: cell timed out after {TIMEOUT} s",
                                               "test_triple: NameError: name 'triple' is not defined"]}
    assert report["hangs"]["reason"] == f"submission timed out after {SUBMISSION_TIMEOUT} s"
    assert report["hangs"]["cells"] == {} and report["correct"]["cells"] == {}
    assert report["exits"]["cells"][NB][0] == "triple: kernel died"


@pytest.mark.parametrize("student", ["blank", "wrong", "sleeps", "memory", "forks", "exits", "hangs"])
def test_the_feedback_page_says_why(graded, student):
    course, rows, _, _ = graded
    page = html.unescape((course / "work" / "feedback" / student / ASSIGNMENT / "tiny.html").read_text())
    _, reason, lost = EXPECTED[student]
    for text in filter(None, [reason] + lost.split("; ")):
        assert text in page, f"{student}: {text!r} not on the feedback page"
    assert ("Points lost:" in page) == bool(lost)


def test_the_grader_prints_the_reasons(graded):
    *_, stdout = graded
    assert f"triple: memory limit ({MEMORY} MiB) reached" in stdout
    assert f"graded 0: submission timed out after {SUBMISSION_TIMEOUT} s" in stdout


# unit level: the mapping, on outputs as nbgrader writes them (measured by the batch above)

def _error(ename, evalue=""):
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": []}


@pytest.mark.parametrize("errors, sandboxed, reason", [
    ([_error("KeyboardInterrupt"), _error("CellTimeoutError")], True, "cell timed out after 7 s"),
    ([_error("MemoryError")], True, "memory limit (512 MiB) reached"),
    ([_error("MemoryError")], False, "MemoryError"),
    ([_error("BlockingIOError", "[Errno 11] Resource temporarily unavailable")], True, "process limit reached"),
    ([_error("RuntimeError", "can't start new thread")], True, "process limit reached"),
    ([_error("RuntimeError", "can't start new thread")], False, "RuntimeError: can't start new thread"),
    ([_error("KernelDied", "the kernel died while running this cell (exit, ...)")], True, "kernel died"),
    ([_error("CheckFailed", "double: wrong shape\n  expected: (2,)")], True, "double: wrong shape"),
    ([_error("ZeroDivisionError", "division by zero")], True, "ZeroDivisionError: division by zero"),
    ([_error("VerdictMissing", VERDICT_MISSING)], True,
     "the checks of this cell could not be verified: the grader got no signed verdict from them (they were "
     "rewritten, skipped or silenced, e.g. by an IPython hook or handler set in an answer cell), so the cell scores 0"),
    ([_error("AssertionError"), _error("TamperingDetected", TAMPERED.format("aipath.checks.assert_close"))], True,
     "the checks of this cell could not be verified: code run while they ran changed the grader's checks or "
     "hooks (aipath.checks.assert_close), so the cell scores 0"),
])
def test_error_outputs_map_to_reasons(errors, sandboxed, reason):
    limits = Limits(7, 512 if sandboxed else None, sandboxed)
    assert error_reason(errors, limits) == reason


def test_partial_credit_names_the_score_and_the_cells_last_line():
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[new_code_cell("x", metadata={"nbgrader": {
        "grade": True, "solution": False, "grade_id": "test_double", "points": 3}})])
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="checking\n2 of 3 cases right\n")]
    assert cell_reasons(nb, {"test_double": (2.0, 3.0)}, Limits(5)) == [
        "test_double: scored 2 of 3: 2 of 3 cases right"]
    assert cell_reasons(nb, {"test_double": (3.0, 3.0)}, Limits(5)) == []


def test_output_on_stderr_is_named_as_the_reason():
    """nbgrader scores a graded cell that wrote to stderr 0 though its checks passed (e.g. a library's
    warning): the reason says so instead of "scored 0 of 2: <last printed line>"."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[new_code_cell("x", metadata={"nbgrader": {
        "grade": True, "solution": False, "grade_id": "test_log_model", "points": 2}})])
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="signature: ok\n"),
                           nbformat.v4.new_output("stream", name="stderr", text="\nWARNING mlflow: slow\nmore\n")]
    assert cell_reasons(nb, {"test_log_model": (0.0, 2.0)}, Limits(5)) == [
        "test_log_model: wrote to stderr (nbgrader scores that 0): WARNING mlflow: slow"]


def test_job_errors_read_as_one_line():
    assert submission_reason("timed out after 30 s") == "submission timed out after 30 s"
    assert submission_reason("Traceback ...\nValueError: bad config") == "nbgrader failed: ValueError: bad config"
