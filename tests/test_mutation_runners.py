"""The fork mutation runner agrees with the fresh-kernel runner, and survives hostile mutants."""
from pathlib import Path

import pytest

from autograder.authoring import write_notebook
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


@pytest.fixture(scope="module")
def notebook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("mutation") / "tiny.ipynb"
    write_notebook(path, CELLS)
    return path


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
    with pytest.raises(ValueError, match="RUNNER must be 'kernel' or 'fork'"):
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
