"""Parallel grading gives the same gradebook as sequential grading; wall-clock and cell limits apply.

Grades one batch of tiny-assignment submissions (tests/tiny_course.py, 3 points) three times:
``--workers 1`` and ``--workers 2`` in the sandbox, and ``--workers 2 --no-sandbox``.
"""
import csv
import os
import subprocess
import sys

import pytest
from nbformat.v4 import new_code_cell

from tiny_course import ASSIGNMENT, autograder, make_course, put, solved, student_version, with_answer

pytestmark = pytest.mark.e2e
SLEEP_FOREVER = "import time\nwhile True:\n    time.sleep(1)"

EXPECTED = {  # student: (score, reason fragment)
    "correct": ("3", ""),
    "half": ("2", ""),
    "blank": ("0", ""),
    "loops_in_triple": ("2", ""),                 # the per-cell limit stops triple; double still counts
    "invalid_json": ("0", "not valid JSON"),
    "too_slow": ("0", "timed out after 30 s"),   # ten 4-s cells: each within its limit, not all
}


def _batch(course):
    subs = course / "subs"
    put(subs, "correct", solved(course))
    put(subs, "half", solved(course, ["double"]))
    put(subs, "blank", student_version(course))
    put(subs, "loops_in_triple", with_answer(course, "triple", SLEEP_FOREVER))
    put(subs, "invalid_json", raw=b'{"cells": [')
    slow = solved(course)
    for _ in range(10):  # each 4-s cell within the 5-s cell limit, all of them over the 30-s submission limit
        slow.cells.insert(2, new_code_cell("import time\ntime.sleep(4)"))
    put(subs, "too_slow", slow)
    return subs


def _grade(course, workdir, *flags):
    autograder(course, "grade", ASSIGNMENT, "subs", "--workdir", workdir, "--timeout", "5",
               "--submission-timeout", "30", "--no-progress", *flags)
    autograder(course, "export", ASSIGNMENT, "--workdir", workdir, "--to", f"{workdir}.csv")
    with open(course / f"{workdir}.csv", newline="") as f:
        return {row["student_id"]: row for row in csv.DictReader(f)}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("parallel"))
    _batch(course)
    return course, {
        "sequential": _grade(course, "seq", "--workers", "1"),
        "parallel": _grade(course, "par", "--workers", "2"),
        "parallel_no_sandbox": _grade(course, "nosb", "--workers", "2", "--no-sandbox"),
    }


def test_parallel_and_sequential_exports_are_identical(runs):
    _, exports = runs
    assert exports["parallel"] == exports["sequential"]
    assert exports["parallel_no_sandbox"] == exports["sequential"]


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_scores_and_reasons(runs, student):
    _, exports = runs
    score, reason = EXPECTED[student]
    row = exports["parallel"][student]
    assert (row["score"], row["max_score"]) == (score, "3"), row
    assert reason in row["reason"] and (reason or not row["reason"]), row


def test_feedback_reads_the_merged_autograded_notebooks(runs):
    course, _ = runs
    autograder(course, "feedback", ASSIGNMENT, "--workdir", "par")
    page = (course / "par" / "feedback" / "half" / ASSIGNMENT / "tiny.html").read_text()
    assert "Score: 2.0 / 3.0" in page and "NotImplementedError" in page
    slow = (course / "par" / "feedback" / "too_slow" / ASSIGNMENT / "tiny.html").read_text()
    assert "Score: 0.0 / 3.0" in slow and "was not graded (submission timed out after 30 s)" in slow


def test_grade_without_bubblewrap_says_how_to_fix_it(runs, tmp_path):
    course, _ = runs
    bin_dir = tmp_path / "bin"  # a PATH without bwrap
    bin_dir.mkdir()
    proc = subprocess.run([sys.executable, "-m", "autograder.cli", "grade", ASSIGNMENT, "subs", "--workdir", "nobwrap"],
                          cwd=course, capture_output=True, text=True, env={**os.environ, "PATH": str(bin_dir)})
    assert proc.returncode != 0
    assert "apt-get install -y bubblewrap" in proc.stderr and "--no-sandbox" in proc.stderr
