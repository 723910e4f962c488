"""Time the from-scratch linear models of 01_math/04_linear_regression against scikit-learn's.

    .venv/bin/python benchmarks/bench_01_linear_regression.py [--repeats 7]

Same data, same run, best of ``--repeats`` fits (``time.perf_counter``); ratio = ours / scikit-learn;
agreement = largest coefficient difference.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LinearRegression, Ridge

from notebook_code import notebook_namespace

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "01_math" / "04_linear_regression.ipynb"


def best_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    repeats = parser.parse_args().repeats
    ns = notebook_namespace(NOTEBOOK)
    rng = np.random.default_rng(0)
    print(f"{'name':22s} {'n x d':>12s} {'ours_s':>9s} {'sklearn_s':>9s} {'ratio':>6s}  agreement")
    for n, d in [(10_000, 20), (100_000, 50)]:
        X = rng.normal(size=(n, d)) + rng.normal(size=d)
        y = X @ rng.normal(size=d) + 3 + rng.normal(size=n)
        pairs = [
            ("least squares", lambda: ns["fit_least_squares"](X, y), lambda: LinearRegression().fit(X, y),
             lambda: np.max(np.abs(ns["fit_least_squares"](X, y)[0] - LinearRegression().fit(X, y).coef_))),
            ("RidgeRegression(10)", lambda: ns["RidgeRegression"](alpha=10.0).fit(X, y), lambda: Ridge(alpha=10.0).fit(X, y),
             lambda: np.max(np.abs(ns["RidgeRegression"](alpha=10.0).fit(X, y).coef_ - Ridge(alpha=10.0).fit(X, y).coef_))),
        ]
        for name, ours, theirs, agreement in pairs:
            t_ours, t_sk = best_time(ours, repeats), best_time(theirs, repeats)
            print(f"{name:22s} {f'{n} x {d}':>12s} {t_ours:9.4f} {t_sk:9.4f} {t_ours / t_sk:6.2f}  "
                  f"max|coef diff| = {agreement():.1e}")


if __name__ == "__main__":
    main()
