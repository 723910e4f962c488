"""``nbgrader autograde`` in a process forked from one that has already imported nbgrader.

Starting ``python -m nbgrader`` costs about 2.4 s of imports on a 2-core machine, more than grading a
small notebook. Local grading therefore starts each job's process from a multiprocessing
*forkserver* that imported nbgrader once (:func:`start_autograde`): every submission still gets a
process of its own (own session, own working directory, own environment, killed as a group on
timeout), without paying the imports again. Dask workers cannot fork children of their own, so jobs
there start ``python -m nbgrader`` instead (autograder/jobs.py).
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import sys
import tempfile
from pathlib import Path

LOG = "autograde.log"
# imported once by the server: nbgrader and what its autograde imports on first use
PRELOAD = ["nbgrader.apps.nbgraderapp", "autograder.guarded_execute", "IPython.paths", "ipykernel.kernelspec", "psutil",
           "sqlalchemy.dialects.sqlite", "sqlite3"]


def _autograde(root: str, argv: list[str], env: dict[str, str]) -> None:
    """Child: become a session leader in ``root``, take ``env``, run nbgrader; exit with its status."""
    os.setsid()  # the parent kills the whole group (nbgrader and its kernel) on timeout
    os.chdir(root)
    os.environ.clear()
    os.environ.update(env)
    tempfile.tempdir = None  # TMPDIR changed: jupyter_client writes connection files there
    log = os.open(Path(root) / LOG, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    sys.argv = ["nbgrader", *argv]
    from nbgrader.apps.nbgraderapp import NbGraderApp

    try:
        NbGraderApp.launch_instance(argv=argv)
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


_context = None


def _forkserver():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload([__name__, *PRELOAD])
    return _context


def warm_up() -> None:
    """Start the server now: its imports then overlap what the caller does before the first job."""
    _forkserver()
    multiprocessing.forkserver.ensure_running()


def start_autograde(root: Path, argv: list[str], env: dict[str, str]):
    """Start ``nbgrader <argv>`` in ``root``; returns the process (its pid is also its process group)."""
    process = _forkserver().Process(target=_autograde, args=(str(root), argv, env), daemon=False)
    process.start()
    return process
