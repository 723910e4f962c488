"""Time the from-scratch KMeans and cross-validation of 06_generalisation.ipynb against scikit-learn's.

    .venv/bin/python benchmarks/bench_01_generalisation.py [--repeats 5]

One line per comparison: ``name  n x d  ours_s  sklearn_s  ratio  agreement(metric)``, where the times
are the best of ``--repeats`` calls (``time.perf_counter``) and ratio = ours / sklearn:

- ``KMeans``: ``fit`` from the same initial centres, Lloyd's algorithm, one initialisation
  (``sklearn.cluster.KMeans(init=centres, n_init=1, algorithm="lloyd")``, which runs in compiled,
  multi-threaded code); agreement = relative inertia difference, and the adjusted Rand index of the labels.
- ``cv_score``: ``cross_val_score_scratch(Ridge(), X, y, k=5)`` vs ``cross_val_score(Ridge(), X, y,
  cv=KFold(5))``; agreement = max |score difference| over the folds.
- ``k_fold``: building every fold with ``k_fold_indices`` vs ``list(KFold(k).split(X))``; agreement =
  whether all folds are identical.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans as SklearnKMeans
from sklearn.datasets import make_blobs, make_regression
from sklearn.linear_model import Ridge
from sklearn.metrics import adjusted_rand_score
from sklearn.model_selection import KFold, cross_val_score

from notebook_code import notebook_namespace

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "01_math" / "06_generalisation.ipynb"
KMEANS_SIZES = [(10_000, 20, 8), (50_000, 10, 5)]    # (n_samples, n_features, n_clusters)
CV_SIZE = (10_000, 20)
FOLD_SIZE = (100_003, 10)                            # (n_samples, k): n not divisible by k


def best_time(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def row(name: str, n: int, d: int, t_ours: float, t_sk: float, agreement: str) -> None:
    print(f"{name:9s} {f'{n} x {d}':>12s} {t_ours:9.4f} {t_sk:9.4f} {t_ours / t_sk:6.2f}  {agreement}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="calls per method; the best time is kept")
    args = parser.parse_args()

    ns = notebook_namespace(NOTEBOOK)
    KMeans, cross_val_score_scratch, k_fold_indices = ns["KMeans"], ns["cross_val_score_scratch"], ns["k_fold_indices"]
    rng = np.random.default_rng(0)
    print(f"{'name':9s} {'n x d':>12s} {'ours_s':>9s} {'sklearn_s':>9s} {'ratio':>6s}  agreement")

    for n, d, k in KMEANS_SIZES:
        X, _ = make_blobs(n_samples=n, n_features=d, centers=k, cluster_std=2.0, random_state=0)
        init = X[rng.choice(n, k, replace=False)]
        ours = KMeans(n_clusters=k, init=init, max_iter=300, tol=1e-4)
        theirs = SklearnKMeans(n_clusters=k, init=init, n_init=1, max_iter=300, tol=1e-4, algorithm="lloyd")
        t_ours = best_time(lambda: ours.fit(X), args.repeats)
        t_sk = best_time(lambda: theirs.fit(X), args.repeats)
        rel = abs(ours.inertia_ - theirs.inertia_) / theirs.inertia_
        ari = adjusted_rand_score(theirs.labels_, ours.labels_)
        row("KMeans", n, d, t_ours, t_sk,
            f"|inertia diff|/inertia = {rel:.1e}, ARI(labels) = {ari:.4f}, iterations {ours.n_iter_} vs {theirs.n_iter_}")

    n, d = CV_SIZE
    X, y = make_regression(n_samples=n, n_features=d, noise=10.0, random_state=0)
    scores = {}
    t_ours = best_time(lambda: scores.__setitem__("ours", cross_val_score_scratch(Ridge(), X, y, k=5)), args.repeats)
    t_sk = best_time(lambda: scores.__setitem__("sk", cross_val_score(Ridge(), X, y, cv=KFold(5))), args.repeats)
    row("cv_score", n, d, t_ours, t_sk, f"max|score diff| = {np.max(np.abs(scores['ours'] - scores['sk'])):.1e} (5 folds, Ridge R^2)")

    n, k = FOLD_SIZE
    X_dummy = np.zeros((n, 1))
    folds = {}
    t_ours = best_time(lambda: folds.__setitem__("ours", k_fold_indices(n, k, shuffle=True, seed=0)), args.repeats)
    t_sk = best_time(lambda: folds.__setitem__("sk", list(KFold(k, shuffle=True, random_state=0).split(X_dummy))),
                     args.repeats)
    same = all(np.array_equal(a, b) for fa, fb in zip(folds["ours"], folds["sk"]) for a, b in zip(fa, fb))
    row("k_fold", n, k, t_ours, t_sk, f"all {k} folds identical (shuffle=True): {same}  [d column = k]")


if __name__ == "__main__":
    main()
