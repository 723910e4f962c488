"""Hostile and broken submissions: each gets its honest score and a reason, the batch completes, and
nothing outside the submission's sandbox changes.

One batch of tiny-assignment submissions (tests/tiny_course.py: ``double`` 2 points, ``triple`` 1
point) graded once with ``--workers 2`` in the sandbox, with small limits so the attacks end fast.
"""
import csv
import hashlib
import json
import socket
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_notebook

from autograder.sandbox import student_uid
from tiny_course import (ASSIGNMENT, HIDDEN_MARK, NB, autograder, make_course, put, solved, student_version,
                         with_answer)

pytestmark = pytest.mark.e2e
TRIPLE = "def triple(x):\n    return 3 * x\n"
WRONG_DOUBLE = "def double(x):\n    return x\n"


def _probe(paths: list[str], mode: str, label: str) -> str:
    """Answer cell source: try to open each path, print which worked, then solve triple."""
    return (f"found = []\nfor p in {paths!r}:\n    try:\n        with open(p, {mode!r}) as f:\n"
            f"            f.{'read(1)' if 'r' in mode else 'write(chr(120))'}\n        found.append(p)\n"
            f"    except OSError:\n        pass\nprint({label!r}, found)\n" + TRIPLE)


def _network(port: int) -> str:
    return ("import socket\nreached = []\n"
            f"for host, port in [('127.0.0.1', {port}), ('1.1.1.1', 53), ('8.8.8.8', 443)]:\n"
            "    try:\n        socket.create_connection((host, port), timeout=2).close()\n"
            "        reached.append(host)\n    except OSError:\n        pass\n"
            "print('REACHED', reached)\n" + TRIPLE)


def _cells(nb, *grade_ids):
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    return [by_id[i] for i in grade_ids]


def _batch(course: Path, port: int) -> dict[str, Path]:
    subs = course / "subs"
    secrets = {"gradebook": course / "work" / "gradebook.db",
               "source": course / "notebooks" / ASSIGNMENT / NB,
               "other_submission": subs / "correct" / NB,
               "other_staged_copy": course / "work" / "submitted" / "correct" / ASSIGNMENT / NB,
               "course_root_file": course / "pyproject.toml"}
    put(subs, "correct", solved(course))
    put(subs, "invalid_json", raw=b'{"cells": [ {"cell_type": "code", ')
    put(subs, "not_a_notebook", raw=json.dumps({"hello": "world"}).encode())
    put(subs, "empty_notebook", new_notebook())
    deleted = solved(course)
    deleted.cells = [c for c in deleted.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "test_triple"]
    put(subs, "deleted_cell", deleted)
    reordered = solved(course)  # test_triple moved above triple: it runs before triple exists
    triple, test_triple = _cells(reordered, "triple", "test_triple")
    i, j = reordered.cells.index(triple), reordered.cells.index(test_triple)
    reordered.cells[i], reordered.cells[j] = test_triple, triple
    put(subs, "reordered_cells", reordered)
    edited = with_answer(course, "double", WRONG_DOUBLE)
    for cell in _cells(edited, "test_double", "test_triple"):
        cell.source = "pass  # nothing to see here"
    put(subs, "edited_tests", edited)
    points = solved(course)
    for cell in _cells(points, "test_double", "test_triple"):
        cell.metadata["nbgrader"].update(points=100, locked=False)
    _cells(points, "intro")[0].metadata["nbgrader"]["points"] = 50
    put(subs, "edited_points", points)
    put(subs, "infinite_loop", with_answer(course, "triple", "while True:\n    pass"))
    put(subs, "memory_blowup", with_answer(course, "triple",
                                           "blocks = []\nwhile True:\n    blocks.append(bytearray(64 * 2**20))"))
    put(subs, "fork_bomb", with_answer(course, "triple", "import os\nwhile True:\n    os.fork()"))
    put(subs, "sys_exit", with_answer(course, "triple", "import sys\nsys.exit(0)"))
    put(subs, "os_exit", with_answer(course, "triple", "import os\nos._exit(0)"))
    put(subs, "keyboard_interrupt", with_answer(course, "triple", "raise KeyboardInterrupt"))
    put(subs, "patches_checks", with_answer(course, "double", WRONG_DOUBLE +
        "import aipath.checks\nnothing = lambda *a, **k: None\n"
        "aipath.checks.assert_close = nothing\nassert_close = nothing\n"))
    put(subs, "patches_numpy", with_answer(course, "double", WRONG_DOUBLE +
        "import builtins\nimport numpy\nnumpy.all = lambda *a, **k: True\n"
        "numpy.abs = lambda x: x * 0\nbuiltins.abs = lambda x: 0\n"))
    put(subs, "reads_grader_files", with_answer(course, "triple",
        _probe([str(p) for p in secrets.values()] + ["/root/.bashrc"], "rb", "READ")))
    put(subs, "writes_grader_files", with_answer(course, "triple",
        _probe([str(p) for p in secrets.values()] + [str(course / "pwned.txt"), "/root/pwned.txt"], "a", "WROTE")))
    put(subs, "network", with_answer(course, "triple", _network(port)))
    put(subs, "floods_output", with_answer(course, "triple", "while True:\n    print('x' * 2**16)"))
    put(subs, "chatty_output", with_answer(course, "triple",  # 8 MiB, slow enough not to hit the memory limit
                                           "import time\nfor _ in range(512):\n    print('y' * 2**14)\n"
                                           "    time.sleep(0.002)\n" + TRIPLE))
    put(subs, "huge_file", with_answer(course, "triple",
                                       "with open('big.bin', 'wb') as f:\n    f.write(bytes(256 * 2**20))\n" + TRIPLE))
    return secrets


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("hostile"))
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    secrets = _batch(course, listener.getsockname()[1])
    unchanged = {name: p for name, p in secrets.items() if name not in ("gradebook", "other_staged_copy")}
    before = {name: _digest(p) for name, p in unchanged.items()}  # (grading itself writes the other two)
    grade = autograder(course, "grade", ASSIGNMENT, "subs", "--workdir", "work", "--workers", "2",
                       "--timeout", "10", "--submission-timeout", "240", "--memory", "2048",
                       "--processes", "128", "--file-size", "64", "--no-progress")
    after = {name: _digest(p) for name, p in unchanged.items()}
    after["staged_copy_is_the_submission"] = _digest(secrets["other_staged_copy"]) == before["other_submission"]
    before["staged_copy_is_the_submission"] = True
    autograder(course, "export", ASSIGNMENT, "--workdir", "work", "--to", "grades.csv")
    with open(course / "grades.csv", newline="") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    try:
        listener.accept()
        connected = True
    except BlockingIOError:
        connected = False
    listener.close()
    return course, rows, grade.stdout, (before, after), connected


def _outputs(course: Path, student: str) -> str:
    nb = nbformat.read(str(course / "work" / "autograded" / student / ASSIGNMENT / NB), as_version=4)
    return "\n".join(str(o.get("text", "")) + str(o.get("evalue", "")) for c in nb.cells
                     if c.cell_type == "code" for o in c.outputs)


EXPECTED = {  # student: (score out of 3, reason fragment in the export)
    "correct": ("3", ""),
    "invalid_json": ("0", "not valid JSON"),
    "not_a_notebook": ("0", "not a Jupyter notebook (no list of cells)"),
    "empty_notebook": ("0", "graded or answer cell(s) deleted: double, test_double, triple, test_triple"),
    "deleted_cell": ("0", "graded or answer cell(s) deleted: test_triple"),
    "reordered_cells": ("2", ""),      # test_triple ran before triple was defined
    "edited_tests": ("1", ""),         # the real tests ran: wrong double fails, triple passes
    "edited_points": ("3", ""),        # points come from the gradebook: still out of 3
    "infinite_loop": ("2", ""),        # the cell limit interrupts triple; double counts
    "memory_blowup": ("2", ""),        # MemoryError at the memory (RLIMIT_DATA) limit
    "fork_bomb": ("2", ""),            # fork fails at the process limit; the cell limit ends it
    "sys_exit": ("2", ""),
    "os_exit": ("2", ""),              # the kernel dies in triple: earlier cells keep their score
    "keyboard_interrupt": ("2", ""),
    "patches_checks": ("1", ""),       # the checks are restored before each test cell
    "patches_numpy": ("1", ""),
    "reads_grader_files": ("3", ""),
    "writes_grader_files": ("3", ""),
    "network": ("3", ""),
    "floods_output": ("2", ""),        # the cell limit (or the kernel's memory limit) ends it
    "chatty_output": ("3", ""),        # 8 MiB of output: kept to 1 MB, the answer still counts
    "huge_file": ("2", ""),            # the write fails at the file-size limit
}


def test_the_batch_completes_with_every_submission_exported(graded):
    _, rows, _, _, _ = graded
    assert sorted(rows) == sorted(EXPECTED)


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_honest_score_and_reason(graded, student):
    _, rows, _, _, _ = graded
    score, reason = EXPECTED[student]
    row = rows[student]
    assert (row["score"], row["max_score"]) == (score, "3"), row
    assert reason in row["reason"] and (reason or not row["reason"]), row


def test_edited_test_cells_are_restored_from_the_gradebook(graded):
    course, _, _, _, _ = graded
    nb = nbformat.read(str(course / "work" / "autograded" / "edited_tests" / ASSIGNMENT / NB), as_version=4)
    test_double = _cells(nb, "test_double")[0]
    assert HIDDEN_MARK in test_double.source and "nothing to see" not in test_double.source
    assert any(o.output_type == "error" and o.ename == "CheckFailed" for o in test_double.outputs)


def test_student_code_cannot_read_grader_files(graded):
    course, _, _, _, _ = graded
    assert "READ []" in _outputs(course, "reads_grader_files")


def test_student_code_cannot_write_outside_its_working_copy(graded):
    course, _, _, (before, after), _ = graded
    assert "WROTE []" in _outputs(course, "writes_grader_files")
    assert before == after
    assert not (course / "pwned.txt").exists()


def test_student_code_has_no_network(graded):
    course, _, _, _, connected = graded
    assert "REACHED []" in _outputs(course, "network")
    assert not connected, "a submission connected to a socket on the grading machine"


def test_output_floods_are_truncated(graded):
    course, _, _, _, _ = graded
    for student in ("floods_output", "chatty_output"):
        autograded = course / "work" / "autograded" / student / ASSIGNMENT / NB
        assert autograded.stat().st_size < 5 * 2**20, f"{student}: {autograded.stat().st_size} bytes kept"
    assert "[output truncated" in _outputs(course, "chatty_output")
    # gigabytes a second: either truncated, or the kernel's buffer hit the memory limit first (timing)
    floods = _outputs(course, "floods_output")
    assert "[output truncated" in floods or "the kernel died" in floods, floods[-500:]


def test_files_over_the_size_limit_are_not_written(graded):
    course, _, _, _, _ = graded
    assert "File too large" in _outputs(course, "huge_file")


def test_no_student_process_survives_grading(graded):
    """The kernel is killed (SIGKILL to its process group, and bwrap's pid namespace dies with it); a
    fork bomb's hundreds of processes may take a moment to finish exiting on a loaded machine."""
    for student in ("fork_bomb", "infinite_loop", "os_exit"):
        deadline = time.monotonic() + 15
        while True:
            proc = subprocess.run(["pgrep", "-u", str(student_uid(student))], capture_output=True, text=True)
            if proc.stdout.strip() == "" or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert proc.stdout.strip() == "", f"{student}'s processes still run 15 s after grading: {proc.stdout}"


# --- Integrity of the checks (autograder/kernel_guard.py): each attack on a blank and on a wrong submission ---
# Each attack goes into the answer cell of `double`; it swallows its own errors, as a careful attacker would.
ZERO_STUBS = "def double(x):\n    return x * 0\n\ndef triple(x):\n    return x * 0\n"  # blank: no answer
ATTACKS = {
    # IPython's machinery: skip or silence the test cells
    "input_transformer": "get_ipython().input_transformers_cleanup.append(\n"
                         "    lambda lines: ['pass\\n'] if any('assert_close' in l for l in lines) else lines)\n",
    "ast_transformer": "import ast\nclass Skip(ast.NodeTransformer):\n    def visit_Module(self, node):\n"
                       "        if 'assert_close' in ast.dump(node):\n            node.body = [ast.Pass()]\n"
                       "        return node\nget_ipython().ast_transformers.append(Skip())\n",
    "custom_exception_handler": "get_ipython().set_custom_exc((BaseException,), lambda *args, **kwargs: None)\n",
    "showtraceback": "import sys\nget_ipython().showtraceback = lambda *args, **kwargs: None\n"
                     "sys.excepthook = lambda *args: None\n",
    "kernel_reply": "kernel = get_ipython().kernel\nsend = kernel.session.send\n"
                    "def quiet(stream, msg, content=None, *args, **kwargs):\n"
                    "    kind = msg if isinstance(msg, str) else msg['msg_type']\n"
                    "    if kind == 'error':\n        return None\n"
                    "    if kind == 'execute_reply' and content:\n        content = dict(content, status='ok')\n"
                    "    return send(stream, msg, content, *args, **kwargs)\n"
                    "kernel.session.send = quiet\n",
    # an event callback that prints a full score as the cell's result before the checks fail
    "event_result": "import sys\ndef score(info):\n    sys.displayhook(2.0)\n"
                    "get_ipython().events.register('pre_run_cell', score)\n",
    # the check functions and numpy changed in place (rebinding is covered by patches_checks above)
    "event_code": ZERO_STUBS + "import aipath.checks\ndef swap(*args):\n    try:\n"
                  "        aipath.checks.assert_close.__code__ = (lambda *a, **k: None).__code__\n"
                  "    except Exception:\n        pass\n"
                  "get_ipython().events.register('pre_run_cell', swap)\n",
    "check_code": ZERO_STUBS + "try:\n    assert_close.__code__ = (lambda *a, **k: None).__code__\n"
                  "except Exception:\n    pass\n",
    "check_kwdefaults": ZERO_STUBS + "assert_close.__kwdefaults__['rtol'] = 1e300\n",
    "numpy_code": ZERO_STUBS + "try:\n    np.all._implementation.__code__ = (lambda *a, **k: True).__code__\n"
                  "except Exception:\n    pass\n",
    # a finder placed first that serves a no-op aipath.checks, with the loaded module dropped
    "import_hook": ZERO_STUBS + "import sys, types, importlib.abc, importlib.util\n"
                   "class Fake(importlib.abc.MetaPathFinder, importlib.abc.Loader):\n"
                   "    def find_spec(self, name, path, target=None):\n"
                   "        return importlib.util.spec_from_loader(name, self) if name == 'aipath.checks' else None\n"
                   "    def create_module(self, spec):\n        return None\n"
                   "    def exec_module(self, module):\n        module.assert_close = lambda *a, **k: None\n"
                   "sys.meta_path.insert(0, Fake())\nsys.modules.pop('aipath.checks', None)\n"
                   "from aipath.checks import assert_close\n",
}
# What libraries do in a notebook, not an attack: importlib_metadata appends a finder (and disables the
# standard library's), a notebook sends stderr to stdout. Right answers keep full marks.
LIBRARY_HOOKS = ("import sys, importlib.metadata, importlib_metadata\nsys.stderr = sys.stdout\n"
                 "def triple(x):\n    importlib.metadata.version('numpy')\n"
                 "    print('a library warning', file=sys.stderr)\n    return 3 * x\n")


SILENCES_EVERY_TEST = {"input_transformer", "ast_transformer"}


@pytest.fixture(scope="module")
def tampered(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("tamper"))
    subs = course / "subs"
    put(subs, "honest_blank", student_version(course))
    put(subs, "honest_wrong", with_answer(course, "double", WRONG_DOUBLE))
    for name, attack in ATTACKS.items():
        blank = student_version(course)
        for cell in _cells(blank, "double"):
            cell.source = attack
        put(subs, f"{name}_blank", blank)
        put(subs, f"{name}_wrong", with_answer(course, "double", WRONG_DOUBLE + attack.replace(ZERO_STUBS, "")))
    put(subs, "library_hooks", with_answer(course, "triple", LIBRARY_HOOKS))
    autograder(course, "grade", ASSIGNMENT, "subs", "--workdir", "work", "--workers", "2", "--timeout", "20",
               "--no-progress")
    autograder(course, "export", ASSIGNMENT, "--workdir", "work", "--to", "grades.csv")
    with open(course / "grades.csv", newline="") as f:
        return course, {row["student_id"]: row for row in csv.DictReader(f)}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
@pytest.mark.parametrize("answers, honest", [("blank", "0"), ("wrong", "1")])
def test_tampering_scores_what_honest_code_scores(tampered, attack, answers, honest):
    """A blank notebook scores 0 and a wrong `double` 1 of 3, whatever the answer cell does to the kernel."""
    _, rows = tampered
    assert rows[f"honest_{answers}"]["score"] == honest
    if attack in SILENCES_EVERY_TEST:  # the hook also silenced the right `triple`'s test: no verdict, 0
        honest = "0"
    assert rows[f"{attack}_{answers}"]["score"] == honest, rows[f"{attack}_{answers}"]


def test_a_silenced_graded_cell_says_why(tampered):
    course, rows = tampered
    unverified = "the checks of this cell could not be verified: the grader got no signed verdict from them"
    assert unverified in _outputs(course, "input_transformer_blank")
    row = rows["input_transformer_blank"]
    assert f"test_triple: {unverified}" in row["points_lost"], row


def test_library_import_hooks_and_stderr_to_stdout_keep_full_marks(tampered):
    """The guard keeps finders libraries add (behind its own) and a stderr sent to stdout; it once
    removed both, and 04_mlops lost 18 of 70 points (PackageNotFoundError, MLflow warnings on stderr)."""
    _, rows = tampered
    assert rows["library_hooks"]["score"] == "3", rows["library_hooks"]


def test_names_the_instructors_cells_bind_stay_theirs():
    """04_mlops/04_drift_ab_testing defines its own ``expect_error``; the guard once rebound it to
    aipath.checks.expect_error before each graded cell (7 cells, 17 points lost). Names bound inside
    functions, lambdas and comprehensions are local; imports from aipath or numpy are the checks'."""
    from autograder.guarded_execute import instructor_names

    own = instructor_names(frozenset(), "import numpy as np\nfrom aipath import expect, assert_close\n"
                                        "def expect_error(call, *args):\n    assert_close = None\n"
                                        "for i in range(2):\n    pass\nx = [k for k in range(3)]\n%matplotlib inline\n")
    assert own == {"expect_error", "i", "x"}
    assert instructor_names(own, "from aipath.checks import expect_error\nnp = None") == {"i", "x", "np"}
