"""The fork mutation runners agree with the fresh-kernel runner, survive hostile mutants, and
(fork-restore) keep one mutant's files and SQLite writes from the next mutant and the notebook."""
import os
import sqlite3
from pathlib import Path

import pytest

from autograder.authoring import code, solution, write_notebook
from autograder.authoring import tests as graded  # not `tests`: pytest would collect it
from autograder.folder_snapshot import restore, take
from autograder.mutation import run_mutants, runner_for
from tiny_course import CELLS

MUTANTS = {
    "double": {
        "plus_one": "def double(x):\n    return 2 * x + 1",
        "right": "def double(x):\n    return x + x",                # equivalent: must survive
        "exits": "import sys\nsys.exit(3)",                       # SystemExit in the shell: the cell fails
    },
    "triple": {
        "square": "def triple(x):\n    return x * x",
        "dies": "import os\nos._exit(0)",                          # the process ends mid-notebook
    },
}


def notebook_in_scratch(tmp_path_factory, name: str, cells: list) -> Path:
    path = tmp_path_factory.mktemp(name) / f"{name}.ipynb"
    write_notebook(path, cells)
    return path


@pytest.fixture(scope="module")
def notebook(tmp_path_factory) -> Path:
    return notebook_in_scratch(tmp_path_factory, "tiny", CELLS)


def test_fork_and_kernel_runners_agree_on_what_is_caught(notebook):
    forked = {(r.cell, r.name): r.killed for r in run_mutants(notebook, MUTANTS, "fork")}
    fresh = {(r.cell, r.name): r.killed for r in run_mutants(notebook, {"double": {
        k: v for k, v in MUTANTS["double"].items() if k != "exits"}, "triple": {"square": MUTANTS["triple"]["square"]}})}
    for key, killed in fresh.items():
        assert forked[key] == killed, key
    assert forked[("double", "right")] is False and forked[("double", "plus_one")] is True
    assert forked[("double", "exits")] is True     # the graded cell after it fails: double is undefined
    assert forked[("triple", "dies")] is True      # reported, and the runner went on


def test_fork_runner_reports_which_check_caught_a_mutant(notebook):
    result = {(r.cell, r.name): r for r in run_mutants(notebook, MUTANTS, "fork")}
    assert result[("double", "plus_one")].by == "test_double"
    assert "double" in result[("double", "plus_one")].error


def test_runner_setting_is_checked(tmp_path):
    (tmp_path / "00_tiny").mkdir()
    (tmp_path / "00_tiny" / "tiny.py").write_text("MUTANTS = {}\nRUNNER = 'threads'\n")
    with pytest.raises(ValueError, match="RUNNER must be one of 'kernel', 'fork', 'fork-restore'"):
        runner_for(tmp_path, "00_tiny", "tiny")
    assert runner_for(tmp_path, "00_tiny", "absent") == "kernel"


@pytest.mark.parametrize("runner", ["kernel", "fork"])
def test_mutants_run_in_a_scratch_folder_not_beside_the_notebook(notebook, runner):
    # Notebooks write working folders next to themselves (mlops_work/...); nbmake may be running the same
    # notebook there at the same moment, so mutants must not touch that folder.
    writes = "from pathlib import Path\nPath('mutant_was_here.txt').write_text(str(Path.cwd()))\n"
    mutants = {"double": {"writes_a_file": writes + "def double(x):\n    return 2 * x + 1"}}
    [result] = run_mutants(notebook, mutants, runner)
    assert result.killed
    assert not (notebook.parent / "mutant_was_here.txt").exists()


# A notebook that keeps state on disk: an SQLite store opened once, and a file appended to.
STORE_CELLS = [
    code("import sqlite3\nfrom pathlib import Path\n"
         "store = sqlite3.connect('store.db')\nstore.execute('create table runs(n)')\nstore.commit()", "setup"),
    solution("def log_run(n):\n    ### BEGIN SOLUTION\n    store.execute('insert into runs values (?)', (n,))\n"
             "    store.commit()\n    with open('runs.txt', 'a') as log:\n        log.write(f'{n}\\n')\n"
             "    ### END SOLUTION", "log_run"),
    graded("log_run(7)\nassert store.execute('select count(*) from runs').fetchone()[0] == 1, 'one row per run'\n"
          "assert Path('runs.txt').read_text().split() == ['7']\nassert not Path('junk.txt').exists()",
          "test_log_run", points=1),
    solution("def runs():\n    ### BEGIN SOLUTION\n    return [n for (n,) in store.execute('select n from runs')]\n"
             "    ### END SOLUTION", "runs"),
    graded("assert runs() == [7], runs()\nassert Path('runs.txt').read_text().split() == ['7']\n"
          "assert not Path('junk.txt').exists()", "test_runs", points=1),
]
RIGHT_LOG_RUN = ("def log_run(n):\n    store.execute('insert into runs values (?)', (n,))\n    store.commit()\n"
                 "    with open('runs.txt', 'a') as log:\n        log.write(f'{n}\\n')")
STORE_MUTANTS = {
    "log_run": {
        "logs_twice": RIGHT_LOG_RUN + "\n    store.execute('insert into runs values (?)', (n,))\n    store.commit()\n"
                      "    Path('junk.txt').write_text('left behind')",
        "right": RIGHT_LOG_RUN,                                   # equivalent: must survive
    },
    "runs": {"right": "def runs():\n    return [n for (n,) in store.execute('select n from runs')]"},
}


@pytest.fixture(scope="module")
def store_notebook(tmp_path_factory) -> Path:
    return notebook_in_scratch(tmp_path_factory, "store", STORE_CELLS)


def test_fork_restore_keeps_each_mutants_writes_to_itself(store_notebook):
    restored = {(r.cell, r.name): r.killed for r in run_mutants(store_notebook, STORE_MUTANTS, "fork-restore")}
    fresh = {(r.cell, r.name): r.killed for r in run_mutants(store_notebook, STORE_MUTANTS, "kernel")}
    assert restored == fresh == {("log_run", "logs_twice"): True, ("log_run", "right"): False, ("runs", "right"): False}


def test_plain_fork_lets_writes_leak_which_is_why_fork_restore_exists(store_notebook):
    shared = {(r.cell, r.name): r.killed for r in run_mutants(store_notebook, STORE_MUTANTS, "fork")}
    assert shared[("log_run", "right")] is True    # killed by the row and the file the first mutant left


def test_restore_rewrites_changed_files_in_place_and_undoes_the_rest(tmp_path):
    folder = tmp_path / "work"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "kept.txt").write_text("kept")
    (folder / "link").symlink_to("sub/kept.txt")
    db = sqlite3.connect(folder / "store.db")
    db.execute("create table t(x)")
    db.execute("insert into t values (1)")
    db.commit()
    inode = (folder / "store.db").stat().st_ino
    copy = take(folder)
    db.execute("insert into t values (2)")                        # what a child would write
    db.commit()
    (folder / "sub" / "kept.txt").unlink()
    (folder / "sub" / "added").mkdir()
    (folder / "added.txt").write_text("added")
    (folder / "link").unlink()
    (folder / "link").write_text("no longer a link")
    restore(folder, copy)
    assert not copy.exists()
    assert sorted(p.name for p in folder.rglob("*")) == ["kept.txt", "link", "store.db", "sub"]
    assert (folder / "link").is_symlink() and (folder / "link").read_text() == "kept"
    assert (folder / "store.db").stat().st_ino == inode            # the open connection's file, rewritten
    assert db.execute("select x from t").fetchall() == [(1,)]
    db.execute("insert into t values (3)")                         # and it can still write
    db.commit()
    assert [x for (x,) in db.execute("select x from t")] == [1, 3]
    assert os.listdir(tmp_path) == ["work"]                       # no snapshot left behind
