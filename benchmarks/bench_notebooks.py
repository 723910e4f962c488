"""Fast-profile execution time of every source notebook, one fresh kernel each (like nbmake).

    AIPATH_PROFILE=fast python benchmarks/bench_notebooks.py [notebooks/01_math ...]
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent


def run(path: Path) -> float:
    nb = nbformat.read(str(path), as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main(folders: list[str]) -> None:
    os.environ.setdefault("AIPATH_PROFILE", "fast")
    os.environ.setdefault("MPLBACKEND", "Agg")
    paths = sorted(p for f in map(Path, folders or [REPO / "notebooks"])
                   for p in ([f.resolve()] if f.is_file() else f.resolve().rglob("*.ipynb"))
                   if ".ipynb_checkpoints" not in p.parts)
    print(f"profile={os.environ['AIPATH_PROFILE']}  cpus={os.cpu_count()}")
    total = 0.0
    for path in paths:
        seconds = run(path)
        total += seconds
        print(f"{str(path.relative_to(REPO)):60s} {seconds:7.1f} s")
    print(f"{'total':60s} {total:7.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
