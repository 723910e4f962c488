"""Grading throughput: `autograder grade --workers 2` next to plain `nbgrader autograde`, same run.

Builds a scratch course with the 01_math exemplar notebook, fabricates N submissions (correct, half,
blank in turn), then times (a) `autograder grade --workers W` (sandboxed, the default) into a fresh
workdir and (b) `nbgrader generate_assignment` + `nbgrader autograde` on an identical nbgrader course.
Both include registering the assignment in a fresh gradebook; the two gradebooks' scores are
compared. Then the sandbox's cost: the first `--overhead-n` submissions graded with `--workers 1`,
sandbox on and off, alternated, twice each (``--overhead-n 0`` skips that part).

    python benchmarks/bench_grading.py [--n 40] [--workers 2] [--overhead-n 10]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))   # fabricate: a test fixture, never installed
from fabricate import answered  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
NB = "04_linear_regression.ipynb"
BIN = Path(sys.executable).parent


def sh(*args, cwd) -> float:
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"})
    if proc.returncode:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=40, help="number of submissions")
    parser.add_argument("--workers", type=int, default=2, help="autograder grade --workers")
    parser.add_argument("--overhead-n", type=int, default=10, help="submissions for the sandbox on/off timing")
    args = parser.parse_args()
    if args.n < 1 or args.workers < 1 or args.overhead_n < 0:
        parser.error("--n and --workers must be at least 1, --overhead-n at least 0 (0: skip the sandbox timing)")
    n = args.n
    load = os.getloadavg()[0]
    os.environ.setdefault("AIPATH_PROFILE", "fast")
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        (course / "notebooks" / "01_math").mkdir(parents=True)
        shutil.copy(REPO / "notebooks" / "01_math" / NB, course / "notebooks" / "01_math")
        shutil.copy(REPO / "nbgrader_config.py", course)
        sh(BIN / "autograder", "release", "01_math", cwd=course)
        student, source = course / "release" / "01_math" / NB, course / "notebooks" / "01_math" / NB
        kinds = [answered(student, source), answered(student, source, ["add_intercept", "fit_least_squares"]),
                 nbformat.read(str(student), as_version=4)]
        for i in range(n):
            for folder in (course / "subs" / f"s{i:03d}", course / "submitted" / f"s{i:03d}" / "01_math"):
                folder.mkdir(parents=True)
                nbformat.write(kinds[i % 3], str(folder / NB))

        grade = [BIN / "autograder", "grade", "01_math"]
        ours = sh(*grade, "subs", "--workdir", "work", "--workers", str(args.workers), "--no-progress", cwd=course)
        theirs = sh(BIN / "nbgrader", "generate_assignment", "01_math", "--force", cwd=course)
        theirs += sh(BIN / "nbgrader", "autograde", "01_math", "--force", cwd=course)
        mine, nbgrader_s = scores(course / "work"), scores(course)
        differ = {s: (mine.get(s), nbgrader_s.get(s)) for s in mine.keys() | nbgrader_s.keys()
                  if mine.get(s) != nbgrader_s.get(s)}
        k = min(args.overhead_n, n)
        on, off = sandbox_overhead(course, grade, k) if k else ([], [])
    print(f"submissions: {n} x {NB}, cpus={os.cpu_count()}, load average before: {load:.2f}")
    print(f"autograder grade --workers {args.workers}  {ours:7.1f} s  {n / ours:6.2f} submissions/s")
    print(f"nbgrader autograde           {theirs:7.1f} s  {n / theirs:6.2f} submissions/s")
    print(f"speed ratio (nbgrader time / autograder time): {theirs / ours:.2f}")
    print(f"scores: {n - len(differ)} of {n} students identical in both gradebooks" +
          (f"; differ: {differ}" if differ else ""))
    if k:
        print(f"sandbox overhead ({k} submissions, --workers 1, twice each): on {' '.join(f'{t:.1f}' for t in on)} s, "
              f"off {' '.join(f'{t:.1f}' for t in off)} s, {(sum(on) - sum(off)) / (2 * k):+.2f} s per submission")


def sandbox_overhead(course: Path, grade: list, k: int) -> tuple[list[float], list[float]]:
    """Seconds to grade the first ``k`` submissions with --workers 1, sandbox on and off, alternated twice."""
    for i in range(k):
        shutil.copytree(course / "subs" / f"s{i:03d}", course / "few" / f"s{i:03d}")
    one = [*grade, "few", "--workers", "1", "--no-progress"]
    on, off = [], []
    for rep in range(2):  # alternated, so that a drift in machine speed hits both alike
        on.append(sh(*one, "--workdir", f"w_on{rep}", cwd=course))
        off.append(sh(*one, "--workdir", f"w_off{rep}", "--no-sandbox", cwd=course))
    return on, off


def scores(root: Path) -> dict[str, float]:
    """Student -> total score in the gradebook under ``root``."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {s.id: round(gb.find_submission("01_math", s.id).score, 6) for s in gb.students}


if __name__ == "__main__":
    main()
