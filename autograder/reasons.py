"""Why a graded cell scored less than its points, read from the autograded notebook's outputs.

nbgrader scores a test cell by its outputs (an error: 0; an ``execute_result``: partial credit), so the
same outputs say why. Limits show up as (measured on tests/tiny_course.py, see
tests/test_grading_reasons.py):

============================================  ===============================================
output                                        reason
============================================  ===============================================
``CellTimeoutError`` (nbgrader, after the     ``cell timed out after N s``
interrupt; or autograder/guarded_execute.py)
``MemoryError`` under ``--memory``            ``memory limit (N MiB) reached``
``BlockingIOError`` [Errno 11] (fork), or     ``process limit reached``
``RuntimeError: can't start new thread``
``KernelDied`` (guarded_execute)              ``kernel died`` / ``not run: the kernel died in an earlier cell``
``VerdictMissing``, ``TamperingDetected``     ``the checks of this cell could not be verified: …`` (the
(guarded_execute: no valid signed verdict,    message's first line: what was missing or what changed)
or the checks' snapshot changed)
any other error                               its first line, ``Name: message`` (a ``CheckFailed``: the message)
output on stderr, no error                    ``wrote to stderr (nbgrader scores that 0): <its first line>``
a partial-credit result                       ``scored 2 of 3`` and the cell's last printed line
============================================  ===============================================

A limit hit in an answer cell (the submission's own code) is named too: it is why the test cell after
it failed with ``NameError``. Whole-submission failures (the job's error) are :func:`submission_reason`.
"""
from __future__ import annotations

from dataclasses import dataclass

MAX_CHARS = 300  # a reason is one line of a CSV cell
MESSAGE_IS_REASON = ("CheckFailed", "VerdictMissing", "TamperingDetected")  # their message is written for students


@dataclass(frozen=True)
class Limits:
    cell_timeout: int                # seconds per cell
    memory_mb: int | None = None     # --memory when sandboxed, else None (no limit of ours)
    sandboxed: bool = False          # the process limit is ours only in the sandbox


def submission_reason(error: str) -> str:
    """One line for a job that graded nothing: its wall-clock limit, or nbgrader's last words."""
    last = error.strip().splitlines()[-1] if error.strip() else "no output"
    return f"submission {last}" if last.startswith("timed out after") else f"nbgrader failed: {last}"


def cell_reasons(nb, scores: dict[str, tuple[float | None, float]], limits: Limits) -> list[str]:
    """``"<cell>: <reason>"`` for each graded cell of ``nb`` that scored less than its points (``scores``:
    grade id -> (score, max score), from the gradebook), and each other cell that hit a limit."""
    reasons = []
    for index, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        name = meta.get("grade_id") or f"cell {index}"
        score, points = scores.get(name, (None, 0.0)) if meta.get("grade") else (None, 0.0)
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if meta.get("grade") and score is not None and score < points:
            why = error_reason(errors, limits) if errors else _stderr(cell) or _partial(cell, score, points)
        else:
            why = error_reason(errors, limits) if errors else None
            why = why if why in _limit_reasons(limits) else None
        if why:
            reasons.append(_one_line(f"{name}: {why}"))
    return reasons


def error_reason(errors: list, limits: Limits) -> str:
    """The reason one cell's error outputs give (a timeout outranks the KeyboardInterrupt it causes)."""
    names = [e.get("ename", "") for e in errors]
    if "CellTimeoutError" in names:
        return f"cell timed out after {limits.cell_timeout} s"
    last = errors[-1]
    ename, evalue = last.get("ename", "Error"), str(last.get("evalue", "")).strip()
    first = evalue.splitlines()[0] if evalue else ""
    if ename == "KernelDied":
        return first if first.startswith("not run") else "kernel died"
    if ename == "MemoryError" and limits.memory_mb is not None:
        return f"memory limit ({limits.memory_mb} MiB) reached"
    if limits.sandboxed and _process_limit(ename, first):
        return "process limit reached"
    if ename in MESSAGE_IS_REASON and first:
        return first
    return f"{ename}: {first}" if first else ename


def _process_limit(ename: str, message: str) -> bool:
    return ((ename == "BlockingIOError" and "[Errno 11]" in message)
            or (ename == "RuntimeError" and "can't start new thread" in message))


def _limit_reasons(limits: Limits) -> set[str]:
    return {f"cell timed out after {limits.cell_timeout} s", f"memory limit ({limits.memory_mb} MiB) reached",
            "process limit reached", "kernel died"}


def _stderr(cell) -> str | None:
    """nbgrader scores a graded cell with any output on stderr 0, even when its checks passed."""
    lines = [line.strip() for o in cell.get("outputs", []) if o.get("output_type") == "stream"
             and o.get("name") == "stderr" for line in str(o.get("text", "")).splitlines() if line.strip()]
    return f"wrote to stderr (nbgrader scores that 0): {lines[0]}" if lines else None


def _partial(cell, score: float, points: float) -> str:
    printed = [line.strip() for o in cell.get("outputs", []) if o.get("output_type") == "stream"
               for line in str(o.get("text", "")).splitlines() if line.strip()]
    return f"scored {score:g} of {points:g}" + (f": {printed[-1]}" if printed else "")


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1] + "…"
