"""`make progress` after a learner changed one phase-1 notebook: seconds, cold and cached, against the
old behaviour (every notebook run in a fresh kernel), measured in the same run.

    python benchmarks/bench_progress.py [--changed 01_math/01_linear_algebra] [--reference phase|course|none]

A fresh workspace is seeded from release/ (as `make lab` does); the changed notebook gets the solutions
of all its exercises (tests/fabricate.py). Each figure is the wall time of the learner's command,
`aipath progress WORKSPACE` (Python start, the checks, the table and the picture):

- cold:      the first run after the change: the changed notebook runs, the others are "not started";
- cached:    the same command again: nothing changed, every result comes from the cache;
- reference: every notebook run, as `make progress` did before (no release twins, an empty cache),
             over phase 1 (default) or the whole course (`--reference course`, minutes).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))   # fabricate: a test fixture, never installed

from aipath.learner.workspace import seed  # noqa: E402
from fabricate import answered  # noqa: E402

GOAL_S = 20.0   # issue 16: one changed phase-1 notebook


def timed_progress(paths: list[Path], *args: str) -> tuple[float, str]:
    began = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "aipath.learner.cli", "progress", *map(str, paths), *args],
                          cwd=REPO, capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - began
    if proc.returncode != 0:
        sys.exit(f"aipath progress failed:\n{proc.stderr[-3000:]}")
    return seconds, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changed", default="01_math/01_linear_algebra", help="the notebook the learner changed")
    parser.add_argument("--reference", choices=["phase", "course", "none"], default="phase")
    args = parser.parse_args()
    os.environ.setdefault("MPLBACKEND", "Agg")
    with tempfile.TemporaryDirectory(prefix="bench-progress-") as tmp:
        workspace = Path(tmp) / "my-work"
        seed(REPO / "release", workspace)
        name = f"{args.changed}.ipynb"
        nbformat.write(answered(REPO / "release" / name, REPO / "notebooks" / name, None), str(workspace / name))
        png, cache = workspace / "progress.png", workspace / ".progress-cache.json"
        own = ["--png", str(png), "--cache", str(cache), "--release", str(REPO / "release")]
        cold, out = timed_progress([workspace], *own)
        row = re.search(rf"^.*{Path(args.changed).name}\s+(\d+)\s+(\d+)\s*$", out, re.M)
        assert row and row.group(1) == row.group(2), f"the changed notebook should pass every check:\n{out}"
        cached, out = timed_progress([workspace], *own)
        assert "0 changed notebook(s) run" in out, out
        n = len(list(workspace.rglob("*.ipynb")))
        print(f"one changed notebook ({args.changed}, {row.group(1)} checks pass), {n} in the workspace, 2-core CPU:")
        print(f"  cold   (it runs, {n - 1} not started): {cold:6.1f} s   goal <= {GOAL_S:.0f} s: {'met' if cold <= GOAL_S else 'MISSED'}")
        print(f"  cached (nothing changed since):   {cached:6.1f} s")
        if args.reference != "none":
            scope = workspace if args.reference == "course" else workspace / Path(args.changed).parent
            count = len(list(scope.rglob("*.ipynb")))
            reference, _ = timed_progress([scope], "--png", str(Path(tmp) / "ref.png"),
                                          "--cache", str(Path(tmp) / "ref-cache.json"), "--release", str(Path(tmp) / "none"))
            print(f"  reference: every notebook run ({count} in {scope.relative_to(workspace.parent)}): {reference:6.1f} s"
                  f"  -> cold is {reference / cold:.1f}x faster, cached {reference / cached:.1f}x")


if __name__ == "__main__":
    main()
