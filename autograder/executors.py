"""Where grading jobs run: local worker threads (each job is its own nbgrader process) or Dask.

Both yield results as jobs finish, so the parent merges and reports while the rest still run.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed

from autograder.jobs import GradingJob, JobResult, run_job


def run_local(jobs: list[GradingJob], workers: int) -> Iterator[JobResult]:
    """``workers`` submissions at a time on this machine (1: one after another, same code path), each in
    a process forked from a server that has imported nbgrader once (autograder/preloaded.py)."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(run_job, job, preloaded=True) for job in jobs]
        for future in as_completed(futures):
            yield future.result()


def run_dask(jobs: list[GradingJob], scheduler: str) -> Iterator[JobResult]:
    """Each job as one task on the Dask distributed cluster at ``scheduler`` (tcp://host:port).

    The workers need this package and nbgrader installed and must see the same paths (the
    submissions, the template gradebook, the course sources), e.g. on a shared filesystem."""
    from dask.distributed import Client, as_completed as dask_completed

    with Client(scheduler) as client:
        futures = client.map(run_job, jobs, pure=False)
        for future in dask_completed(futures):
            yield future.result()


def run(jobs: list[GradingJob], *, workers: int = 1, scheduler: str | None = None) -> Iterable[JobResult]:
    return run_dask(jobs, scheduler) if scheduler else run_local(jobs, workers)
