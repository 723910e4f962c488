"""Where a learner stands: run each notebook's visible checks in a fresh kernel and count, per
phase, the exercises whose check cells pass.

    aipath progress [release/01_math ...] [--png progress.png] [--start YYYY-MM-DD --hours-per-week H]

It reads the learner's own copies (student versions with their answers); instructor sources, which
hold the solutions, are refused. A check cell is an nbgrader autograded cell; it passes when it runs
without an error. Given the day the learner started and their weekly hours, it also says where the
study plan (:mod:`aipath.study_plan`) has them, whether they are ahead or behind, and what to do next.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import nbformat

from aipath import study_plan

PHASES = {
    "01_math": "1 · Foundations",
    "02_deep_learning": "2 · Deep learning",
    "03_papers": "3 · Papers",
    "04_mlops": "4 · MLOps",
    "05_portfolio": "5 · Portfolio",
}


@dataclass
class NotebookProgress:
    path: Path
    passed: list[str] = field(default_factory=list)            # grade_ids of passing check cells
    failed: dict[str, str] = field(default_factory=dict)       # grade_id -> first line of the error
    error: str | None = None                                   # the notebook could not be run at all

    @property
    def phase(self) -> str:
        return self.path.parent.name

    @property
    def total(self) -> int:
        return len(self.passed) + len(self.failed)


def find_notebooks(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        path = Path(path)
        if path.is_file() and path.suffix == ".ipynb":
            found.append(path)
        elif path.is_dir():
            found += [p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts]
        else:
            raise FileNotFoundError(f"{path} is neither a notebook nor a folder")
    return sorted(found)


def is_instructor_source(nb) -> bool:
    return any("### BEGIN SOLUTION" in cell.source for cell in nb.cells)


def check_notebook(path: Path, *, timeout: int = 600) -> NotebookProgress:
    from nbclient import NotebookClient

    result = NotebookProgress(path)
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # noqa: BLE001 — a broken file is reported, not fatal
        result.error = f"cannot read: {exc}"
        return result
    if is_instructor_source(nb):
        result.error = "instructor source with solutions: run progress on your copies (release/)"
        return result
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except Exception as exc:  # noqa: BLE001 — timeouts, dead kernels: report and go on
        result.error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade") or cell.cell_type != "code":
            continue
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        ran = cell.get("execution_count") is not None
        if ran and not errors:
            result.passed.append(meta["grade_id"])
        else:
            message = f"{errors[0].ename}: {errors[0].evalue}".splitlines()[0] if errors else "not run"
            result.failed[meta["grade_id"]] = message
    return result


def table(results: list[NotebookProgress]) -> str:
    lines = [f"{'phase':20s} {'notebook':34s} {'passed':>6s} {'of':>4s}"]
    for phase, title in PHASES.items():
        mine = [r for r in results if r.phase == phase]
        if not mine:
            lines.append(f"{title:20s} {'(not started)':34s} {'-':>6s} {'-':>4s}")
            continue
        for r in mine:
            note = f"  ! {r.error}" if r.error else ""
            lines.append(f"{title:20s} {r.path.stem:34s} {len(r.passed):6d} {r.total:4d}{note}")
        passed, total = sum(len(r.passed) for r in mine), sum(r.total for r in mine)
        lines.append(f"{title:20s} {'= phase total':34s} {passed:6d} {total:4d}")
    others = [r for r in results if r.phase not in PHASES]
    for r in others:
        lines.append(f"{r.phase:20s} {r.path.stem:34s} {len(r.passed):6d} {r.total:4d}")
    return "\n".join(lines)


def plot(results: list[NotebookProgress], png: Path, expected: dict[str, float] | None = None) -> Path:
    """A bar per phase: the share of its exercises whose checks pass; with ``expected`` (phase -> share of
    the phase the study plan wanted done by today, 0..1), a mark where the plan says each bar should reach."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    titles, shares, labels = [], [], []
    for phase, title in PHASES.items():
        mine = [r for r in results if r.phase == phase]
        passed, total = sum(len(r.passed) for r in mine), sum(r.total for r in mine)
        titles.append(title)
        shares.append(100 * passed / total if total else 0)
        labels.append(f"{passed}/{total}" if total else "not started")
    fig, ax = plt.subplots(figsize=(7, 3.2))
    bars = ax.barh(titles[::-1], shares[::-1], color="C2")
    ax.bar_label(bars, labels[::-1], padding=4)
    if expected is not None:
        due = [(100 * expected[phase], title) for phase, title in PHASES.items() if expected.get(phase, 0.0) > 0]
        ax.plot([share for share, _ in due], [title for _, title in due], "k|", markersize=22, markeredgewidth=2.5,
                label="where the study plan has you today")
        ax.legend(loc="lower right", fontsize=8)
    ax.set_xlim(0, 110)
    ax.set_xlabel("exercises passing (%)")
    ax.set_title("Your progress through the five phases")
    fig.tight_layout()
    fig.savefig(png, dpi=120)
    plt.close(fig)
    return png


def progress(paths: list[Path], *, png: Path | None = None, timeout: int = 600, echo=print,
             start: date | None = None, hours_per_week: float | None = None,
             today: date | None = None) -> list[NotebookProgress]:
    """Check the notebooks under ``paths`` and print the table; with ``start`` (and ``hours_per_week``,
    default the plan's 12.5), also the pace against the study plan as of ``today``."""
    from tqdm.auto import tqdm

    if hours_per_week is not None and start is None:
        raise ValueError("hours per week without a start date: give the start date too")
    if start is not None:
        hours_per_week = study_plan.REFERENCE_HOURS_PER_WEEK if hours_per_week is None else hours_per_week
        today = today or date.today()
        study_plan.check_inputs(start, hours_per_week, today)   # before minutes of checks, not after
    os.environ.setdefault("MPLBACKEND", "Agg")
    notebooks = find_notebooks(paths)
    if not notebooks:
        raise FileNotFoundError(f"no notebooks under {', '.join(map(str, paths))}")
    results = []
    for path in (bar := tqdm(notebooks, desc="checking", unit="notebook")):
        bar.set_postfix_str(path.stem)
        results.append(check_notebook(path, timeout=timeout))
    echo(table(results))
    expected = None
    if start is not None:
        pace = study_plan.pace(results, start, hours_per_week, today)
        expected = pace.expected_by_phase
        echo("")
        echo(study_plan.pace_report(pace))
    if png is not None:
        echo(f"picture: {plot(results, png, expected)}")
    return results
