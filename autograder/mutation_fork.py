"""Run a notebook's mutants from forks of one execution, instead of one fresh kernel per mutant.

    python -m autograder.mutation_fork NOTEBOOK MUTANTS_JSON [--restore-folder]
        -> one JSON line per mutant on stdout

The notebook runs in the current folder (autograder/mutation.py gives it a scratch one).

The source notebook runs once, cell by cell, in an in-process IPython shell (the same cell semantics
as a kernel: magics, display, tracebacks). Before each solution cell that has mutants, the process
forks one child per mutant; the child runs the mutant instead of the solution, then the following
cells until a graded cell fails (killed) or the notebook ends (survived), and reports through a pipe.
The prefix (data loading, training) runs once instead of once per mutant.

Forks share the file system with the parent: for notebooks whose cells keep their state in memory, a
mutants file opts in with ``RUNNER = "fork"`` (autograder/mutation.py). Notebooks that keep state on
disk in their working folder (an MLflow store, a DVC repository) use ``RUNNER = "fork-restore"``
(``--restore-folder``): the current folder is copied before each fork and restored in place after
the child ends, so each mutant starts from the folder as the notebook left it
(autograder/folder_snapshot.py). Children run on the CPU (CUDA does not survive fork).
"""
from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import nbformat

from autograder.folder_snapshot import restore, take


def _execute(shell, source: str) -> tuple[str, str] | None:
    """Run one cell; (ename, evalue) of its error, else None."""
    result = shell.run_cell(source, store_history=False)
    error = result.error_before_exec or result.error_in_exec
    if error is None:
        return None
    return type(error).__name__, str(error).splitlines()[0] if str(error) else ""


def _child(shell, cells, target: int, replacement: str) -> dict:
    for index in range(target, len(cells)):
        cell = cells[index]
        error = _execute(shell, replacement if index == target else cell.source)
        meta = cell.metadata.get("nbgrader", {})
        if error is not None and meta.get("grade"):
            return {"killed": True, "by": meta.get("grade_id"), "error": f"{error[0]}: {error[1]}"}
    return {"killed": False, "by": None, "error": None}


def _run_forked(shell, cells, target: int, replacement: str, timeout: int, restored: Path | None) -> dict:
    copy = take(restored) if restored else None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: own process group, so whatever it starts is killed with it
        os.close(read_end)
        os.setpgid(0, 0)
        signal.alarm(timeout)
        try:
            outcome = _child(shell, cells, target, replacement)
        except BaseException as exc:  # noqa: BLE001  e.g. SystemExit from a mutant: report, never continue the parent
            outcome = {"killed": True, "by": None, "error": f"{type(exc).__name__}: {exc}"}
        os.write(write_end, json.dumps(outcome).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    try:
        os.killpg(pid, signal.SIGKILL)  # servers or workers the mutant left behind
    except ProcessLookupError:
        pass
    if copy is not None:
        restore(restored, copy)  # the next mutant, and the rest of the notebook, find the folder as it was
    if data:
        return json.loads(data)
    why = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"status {os.WEXITSTATUS(status)}"
    timed_out = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM
    return {"killed": True, "by": "timeout" if timed_out else "crash",
            "error": f"the mutant's process ended ({why}{f', over {timeout} s' if timed_out else ''})"}


def run(notebook: Path, mutants: dict[str, dict[str, str]], timeout: int = 300, restored: Path | None = None):
    """Yield (cell_id, name, outcome) for every mutant, in notebook order; with ``restored`` (a folder),
    what each mutant writes there is undone after it (autograder/folder_snapshot.py)."""
    from IPython.core.interactiveshell import InteractiveShell

    os.environ["AIPATH_DEVICE"] = "cpu"
    sys.path.insert(0, str(notebook.parent))
    nb = nbformat.read(str(notebook), as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in cells]
    unknown = set(mutants) - set(ids)
    if unknown:
        raise ValueError(f"{notebook}: no solution cell with grade_id {sorted(unknown)}")
    shell = InteractiveShell.instance()
    for index, cell in enumerate(cells):
        for name, replacement in mutants.get(ids[index], {}).items():
            yield ids[index], name, _run_forked(shell, cells, index, replacement, timeout, restored)
        _execute(shell, cell.source)


def main(argv: list[str]) -> None:
    restore_folder = "--restore-folder" in argv
    notebook, mutants_json = [Path(a) for a in argv if a != "--restore-folder"]
    mutants = json.loads(mutants_json.read_text())
    out = os.fdopen(os.dup(1), "w")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # the cells' own output is not needed
    for cell_id, name, outcome in run(notebook.resolve(), mutants, restored=Path.cwd() if restore_folder else None):
        out.write(json.dumps({"cell": cell_id, "name": name, **outcome}) + "\n")
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
