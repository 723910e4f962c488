"""Time the from-scratch PCA of 01_linear_algebra.ipynb against scikit-learn's, on the same data.

    .venv/bin/python benchmarks/bench_01_linear_algebra.py [--repeats 7]

One line per data size: ``name  n x d  ours_s  sklearn_s  ratio  agreement(metric)``, where the times
are the best of ``--repeats`` calls of ``fit`` (``time.perf_counter``), ratio = ours / sklearn, and the
agreement is max |explained_variance_ours - explained_variance_sklearn| (both use ddof=1).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from sklearn.decomposition import PCA as SklearnPCA

from notebook_code import notebook_namespace

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "01_math" / "01_linear_algebra.ipynb"
SIZES = [(5000, 50), (20000, 100), (2000, 500)]   # (n_samples, n_features)


def best_time(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def make_data(n: int, d: int, rng: np.random.Generator) -> np.ndarray:
    """Correlated features with a decaying spectrum, away from the origin: (n, d)."""
    rotation = np.linalg.qr(rng.normal(size=(d, d)))[0]
    return (rng.normal(size=(n, d)) * np.geomspace(10.0, 0.1, d)) @ rotation + rng.normal(size=d) * 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="fits per estimator; the best time is kept")
    args = parser.parse_args()

    PCA = notebook_namespace(NOTEBOOK)["PCA"]
    rng = np.random.default_rng(0)
    print(f"{'name':5s} {'n x d':>12s} {'ours_s':>9s} {'sklearn_s':>9s} {'ratio':>6s}  agreement")
    for n, d in SIZES:
        X = make_data(n, d, rng)
        ours, theirs = PCA(), SklearnPCA(svd_solver="full")
        t_ours = best_time(lambda: ours.fit(X), args.repeats)
        t_sk = best_time(lambda: theirs.fit(X), args.repeats)
        diff = np.max(np.abs(ours.explained_variance_ - theirs.explained_variance_))
        rel = diff / theirs.explained_variance_[0]
        print(f"{'PCA':5s} {f'{n} x {d}':>12s} {t_ours:9.4f} {t_sk:9.4f} {t_ours / t_sk:6.2f}  "
              f"max|explained_variance diff| = {diff:.2e} ({rel:.1e} of the largest)")


if __name__ == "__main__":
    main()
