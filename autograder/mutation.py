"""Mutation testing for checks: plausible wrong answers must fail some graded cell.

A mutants file ``<dir>/<assignment>/<notebook stem>.py`` defines::

    MUTANTS = {"<solution cell grade_id>": {"<mutant name>": "<replacement cell source>", ...}, ...}

Each mutant replaces that solution cell in the *source* notebook; the notebook then runs cell by
cell in a fresh kernel until a graded cell after the replaced one fails (killed) or the notebook
ends (survived). A mutants file may also set ``RUNNER = "fork"``: the notebook then runs once and
each mutant from a fork taken before its cell (autograder/mutation_fork.py) — much faster for
notebooks that train, and right only for notebooks that keep their state in memory (no files,
stores or servers that a mutant could change for the others). ``RUNNER = "fork-restore"`` forks
too, and restores the scratch folder after each mutant to what it held before the fork
(autograder/folder_snapshot.py): for notebooks that keep an MLflow store, a DVC repository or a
registry in their working folder. Every runner executes in a scratch folder, so the working
folders notebooks write (e.g. mlops_work/) never meet another run of the same notebook, such as
nbmake's.
"""
from __future__ import annotations

import copy
import runpy
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat


@dataclass
class MutantResult:
    cell: str
    name: str
    killed: bool
    by: str | None      # grade_id of the first graded cell that failed
    error: str | None   # its error line, e.g. "CheckFailed: fit_ridge: w is not close..."

    def __str__(self) -> str:
        if self.killed:
            return f"{self.cell}/{self.name}: killed by {self.by} ({(self.error or '')[:100]})"
        return f"{self.cell}/{self.name}: SURVIVED"


def mutants_for(mutants_dir: Path, assignment: str, stem: str) -> dict[str, dict[str, str]]:
    path = Path(mutants_dir) / assignment / f"{stem}.py"
    if not path.is_file():
        return {}
    return runpy.run_path(str(path))["MUTANTS"]


RUNNERS = ("kernel", "fork", "fork-restore")


def runner_for(mutants_dir: Path, assignment: str, stem: str) -> str:
    """"kernel" (a fresh kernel per mutant, the default), "fork" or "fork-restore" (module docstring)."""
    path = Path(mutants_dir) / assignment / f"{stem}.py"
    runner = runpy.run_path(str(path)).get("RUNNER", "kernel") if path.is_file() else "kernel"
    if runner not in RUNNERS:
        raise ValueError(f"{path}: RUNNER must be one of {', '.join(map(repr, RUNNERS))}, not {runner!r}")
    return runner


def run_mutant(source: Path, cell_id: str, name: str, replacement: str, *, timeout: int = 300) -> MutantResult:
    """Run the source notebook with one solution cell replaced, in a scratch folder of its own."""
    with tempfile.TemporaryDirectory(prefix=f"mutant-{source.stem}-") as workdir:
        return _run_mutant_in(Path(workdir), source, cell_id, name, replacement, timeout)


def _run_mutant_in(workdir: Path, source: Path, cell_id: str, name: str, replacement: str,
                   timeout: int) -> MutantResult:
    from nbclient import NotebookClient

    nb = nbformat.read(str(source), as_version=4)
    target = _index_of(nb, cell_id, source)
    nb = copy.deepcopy(nb)
    nb.cells[target].source = replacement
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(workdir)}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, index)
            meta = cell.metadata.get("nbgrader", {})
            error = next((o for o in cell.get("outputs", []) if o.output_type == "error"), None)
            if error is not None and index >= target and meta.get("grade"):
                return MutantResult(cell_id, name, True, meta.get("grade_id"),
                                    f"{error.ename}: {error.evalue}".splitlines()[0])
    return MutantResult(cell_id, name, False, None, None)


def run_mutants(source: Path, mutants: dict[str, dict[str, str]], runner: str = "kernel") -> list[MutantResult]:
    if runner in ("fork", "fork-restore"):
        return run_mutants_forked(source, mutants, restore_folder=runner == "fork-restore")
    return [run_mutant(source, cell_id, name, replacement)
            for cell_id, by_name in mutants.items() for name, replacement in by_name.items()]


def run_mutants_forked(source: Path, mutants: dict[str, dict[str, str]], restore_folder: bool = False) -> list[MutantResult]:
    import json
    import subprocess
    import sys

    for cell_id in mutants:
        _index_of(nbformat.read(str(source), as_version=4), cell_id, source)  # solution cells only
    with tempfile.NamedTemporaryFile("w", suffix=".json") as spec, \
            tempfile.TemporaryDirectory(prefix=f"mutants-{source.stem}-") as workdir:
        json.dump(mutants, spec)
        spec.flush()
        proc = subprocess.run([sys.executable, "-m", "autograder.mutation_fork", str(source.resolve()), spec.name,
                               *(["--restore-folder"] if restore_folder else [])],
                              capture_output=True, text=True, cwd=workdir)
    results = [MutantResult(**json.loads(line)) for line in proc.stdout.splitlines() if line.strip()]
    expected = sum(len(by_name) for by_name in mutants.values())
    if proc.returncode != 0 or len(results) != expected:
        raise RuntimeError(f"the fork mutation runner failed on {source} ({len(results)}/{expected} mutants ran, "
                           f"status {proc.returncode}):\n{proc.stderr[-3000:]}")
    return results


def _index_of(nb, cell_id: str, source: Path) -> int:
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") == cell_id:
            if not meta.get("solution"):
                raise ValueError(f"{source}: cell {cell_id!r} is not a solution cell")
            return index
    raise ValueError(f"{source}: no cell with grade_id {cell_id!r}")
