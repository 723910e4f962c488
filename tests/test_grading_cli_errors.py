"""Bad instructor input ends in one line that says what to fix, and exit status 2, never a traceback."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder import authoring
from tiny_course import ASSIGNMENT, NB, REPO, autograder, make_course, put, solved

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = make_course(tmp_path_factory.mktemp("cli_errors"))
    put(root / "subs", "alice", solved(root))
    (root / "empty_subs" / ".ipynb_checkpoints").mkdir(parents=True)
    (root / "notebooks" / "01_unreleased").mkdir()
    shutil.copy(root / "notebooks" / ASSIGNMENT / NB, root / "notebooks" / "01_unreleased" / NB)
    return root


def _refused(course: Path, *args: str, says: str) -> str:
    proc = autograder(course, *args, check=False)
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], proc.stderr
    return lines[0]


def test_a_missing_submissions_folder(course):
    line = _refused(course, "grade", ASSIGNMENT, "few", says="no submissions folder")
    assert "few" in line and "<student_id>" in line


def test_an_unknown_assignment(course):
    line = _refused(course, "grade", "99_nope", "subs", says="no assignment '99_nope'")
    assert ASSIGNMENT in line  # the assignments there are listed


def test_an_assignment_not_released(course):
    _refused(course, "grade", "01_unreleased", "subs", says="run `autograder release 01_unreleased`")


def test_a_submissions_folder_without_student_folders(course):
    _refused(course, "grade", ASSIGNMENT, "empty_subs", says="no student folders in empty_subs")


def test_a_course_folder_without_notebooks(course, tmp_path):
    _refused(course, "grade", ASSIGNMENT, "subs", "--repo", str(tmp_path), says="has no notebooks/ folder")


def test_a_workdir_of_another_course(course, tmp_path):
    """Another course with an assignment of the same name, other graded cells: grading into its workdir
    would mix the two gradebooks."""
    other = tmp_path / "other"
    (other / "notebooks" / ASSIGNMENT).mkdir(parents=True)
    shutil.copy(REPO / "pyproject.toml", other)
    authoring.write_notebook(other / "notebooks" / ASSIGNMENT / NB, [
        authoring.solution("def half(x):\n    ### BEGIN SOLUTION\n    return x / 2\n    ### END SOLUTION", "half"),
        authoring.tests("assert half(4) == 2", "test_half", points=1)])
    autograder(other, "release", ASSIGNMENT)
    put(other / "subs", "bob", raw=(other / "release" / ASSIGNMENT / NB).read_bytes())
    autograder(other, "grade", ASSIGNMENT, "subs", "--workdir", str(tmp_path / "theirs"), "--no-sandbox",
               "--no-progress")
    line = _refused(course, "grade", ASSIGNMENT, "subs", "--workdir", str(tmp_path / "theirs"),
                    says="belongs to another course")
    assert "pass a fresh --workdir" in line


def test_export_and_feedback_before_grading(course, tmp_path):
    _refused(course, "export", ASSIGNMENT, "--workdir", str(tmp_path / "never"), "--to", "x.csv",
             says="no gradebook in")
    _refused(course, "feedback", ASSIGNMENT, "--workdir", str(tmp_path / "never"), says="grade first")


def _bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "benchmarks" / "bench_grading.py"), *args],
                          capture_output=True, text=True, timeout=900)


def test_the_benchmark_refuses_bad_counts_in_one_line():
    proc = _bench("--overhead-n", "-1")
    assert proc.returncode == 2 and "--overhead-n at least 0" in proc.stderr and "Traceback" not in proc.stderr


def test_the_benchmark_runs_with_overhead_n_0():
    """It looked for a `few` folder it had not made (FileNotFoundError from grade.py)."""
    proc = _bench("--n", "1", "--overhead-n", "0")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "speed ratio" in proc.stdout and "1 of 1 students identical" in proc.stdout
    assert "sandbox overhead" not in proc.stdout
