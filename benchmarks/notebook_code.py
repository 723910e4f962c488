"""Load the functions and classes a source notebook defines, to benchmark them outside Jupyter.

Runs every code cell that is not an autograded test cell (the Config cell, data cells, solution
cells, plots with a non-interactive backend) in one namespace, with ``AIPATH_PROFILE=fast`` unless
set, and returns that namespace::

    ns = notebook_namespace("notebooks/01_math/04_linear_regression.ipynb")
    fit = ns["fit_least_squares"]
"""
from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import nbformat


def notebook_namespace(path: str | os.PathLike, *, quiet: bool = True) -> dict:
    os.environ.setdefault("AIPATH_PROFILE", "fast")
    os.environ.setdefault("MPLBACKEND", "Agg")
    nb = nbformat.read(str(path), as_version=4)
    ns: dict = {"__name__": f"notebook:{Path(path).stem}"}
    sink = io.StringIO()
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("grade"):
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        with contextlib.redirect_stdout(sink) if quiet else contextlib.nullcontext():
            exec(compile(source, f"{path}:{cell.get('id', '?')}", "exec"), ns)
    return ns
