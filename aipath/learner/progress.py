"""Where a learner stands: run each notebook's visible checks in a fresh kernel and count, per
phase, the exercises whose check cells pass.

    aipath progress [my-work/01_math ...] [--png my-work/progress.png] [--start YYYY-MM-DD --hours-per-week H]

It reads the learner's own copies (student versions with their answers) as saved on disk; instructor
sources, which hold the solutions, are refused. A check cell is an nbgrader autograded cell; it passes
when it runs without an error. Only notebooks whose cells changed are run, quietly (the kernels' own
log lines are dropped):

- a notebook whose cells are those of its student version in ``release/``, or those the workspace
  copied (:mod:`aipath.learner.workspace` remembers them, across course updates), is "not started": it passes
  none of its checks (``autograder validate`` proves every check fails on the student version);
- a notebook checked before with the same cells and profile is reported from the cache (a JSON file
  beside the picture, keyed by a hash of the cells' types and sources and the profile);
- the others are run, and their results cached.

Given the day the learner started and their weekly hours, it also says where the study plan
(:mod:`aipath.learner.study_plan`) has them, whether they are ahead or behind, and what to do next.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

import nbformat

from aipath.learner import study_plan
from aipath.learner.notebook_progress import NotebookProgress
from aipath.learner.workspace import cells_digest, seeded_digest

PHASES = {
    "01_math": "1 · Foundations",
    "02_deep_learning": "2 · Deep learning",
    "03_papers": "3 · Papers",
    "04_mlops": "4 · MLOps",
    "05_portfolio": "5 · Portfolio",
}


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


def cells_key(nb, profile: str) -> str:
    """What a check result depends on: the cells' types and sources, and the profile they ran in."""
    return hashlib.sha256(f"{profile}:{cells_digest(nb)}".encode()).hexdigest()


def not_started(path: Path, nb) -> NotebookProgress:
    """The result of a student version as released: every check fails (what ``autograder validate`` proves)."""
    grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                 if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]
    return NotebookProgress(path, failed={g: "not started" for g in grade_ids}, source="not started")


class ResultCache:
    """Check results by :func:`cells_key`, in a JSON file (the learner's workspace keeps it)."""

    def __init__(self, file: Path | None):
        self.file = file
        self.entries: dict = {}
        if file is not None and file.is_file():
            try:
                self.entries = json.loads(file.read_text())
            except ValueError:  # a damaged cache is rebuilt, not fatal
                self.entries = {}

    def get(self, key: str, path: Path) -> NotebookProgress | None:
        entry = self.entries.get(key)
        return None if entry is None else NotebookProgress(path, entry["passed"], entry["failed"], source="cache")

    def put(self, key: str, result: NotebookProgress) -> None:
        if result.error is None:  # timeouts and dead kernels are checked again next time
            self.entries[key] = {k: v for k, v in asdict(result).items() if k in ("passed", "failed")}

    def save(self) -> None:
        if self.file is not None:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            self.file.write_text(json.dumps(self.entries, indent=1, sort_keys=True) + "\n")


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
        # the kernel's own stdout/stderr (IPKernelApp's log lines) would land in the learner's terminal
        client.execute(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def release_twin(path: Path, release: Path | None):
    """The student version ``release/<phase>/<notebook>`` the learner's copy at ``path`` started from."""
    twin = None if release is None else Path(release) / path.parent.name / path.name
    if twin is None or not twin.is_file() or twin.resolve() == path.resolve():
        return None
    return nbformat.read(str(twin), as_version=4)


def known_result(path: Path, *, release: Path | None, cache: ResultCache, profile: str) -> tuple[NotebookProgress | None, str | None]:
    """``(result, key)`` for one notebook without running it: "not started" when its cells are its
    student version's, else the cached result; ``(None, key)`` when it must run."""
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # noqa: BLE001 — a broken file is reported, not fatal
        return NotebookProgress(path, error=f"cannot read: {exc}"), None
    if is_instructor_source(nb):
        return check_notebook(path), None   # refused without running
    key, digest, twin = cells_key(nb, profile), cells_digest(nb), release_twin(path, release)
    if digest == seeded_digest(path) or (twin is not None and cells_digest(twin) == digest):
        return not_started(path, nb), key
    return cache.get(key, path), key


def progress(paths: list[Path], *, png: Path | None = None, timeout: int = 600, echo=print,
             start: date | None = None, hours_per_week: float | None = None,
             today: date | None = None, release: Path | None = None,
             cache_file: Path | None = None) -> list[NotebookProgress]:
    """Check the notebooks under ``paths`` and print the table; with ``start`` (and ``hours_per_week``,
    default the plan's 12.5), also the pace against the study plan as of ``today``. ``release``: the
    student versions (unchanged copies are "not started"); ``cache_file``: where results are kept."""
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
    echo("Checking your notebooks as saved on disk: save them in JupyterLab first (Ctrl+S).")
    cache, profile = ResultCache(cache_file), os.environ.get("AIPATH_PROFILE", "full")
    known = {path: known_result(path, release=release, cache=cache, profile=profile) for path in notebooks}
    changed = [path for path, (result, _) in known.items() if result is None]
    began = time.perf_counter()
    for path in (bar := tqdm(changed, desc="checking", unit="notebook", disable=not changed)):
        bar.set_postfix_str(path.stem)
        result = check_notebook(path, timeout=timeout)
        cache.put(known[path][1], result)
        known[path] = (result, known[path][1])
    cache.save()
    results = [result for result, _ in known.values()]
    echo(f"{len(changed)} changed notebook(s) run in {time.perf_counter() - began:.1f} s; "
         f"{sum(r.source == 'cache' for r in results)} unchanged since last checked (from the cache); "
         f"{sum(r.source == 'not started' for r in results)} not started (as released).")
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
