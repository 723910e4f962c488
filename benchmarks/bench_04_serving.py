"""Phase 4 (04_mlops): the model service's throughput and latency, and MLflow's logging overhead per run.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_04_serving.py [--part serve|log|both]
        [--requests 300] [--repeat 3] [--concurrency 1 4] [--rows 1 32] [--runs 6] [--skops] [--workdir DIR]

(a) **Service** (``--part serve``): a fresh SQLite store in a temporary folder (or ``--workdir``), the
    retraining pipeline's digits model (``aipath.mlops.retrain``: standardise + logistic regression, 64
    features -> 10 probabilities) registered as ``digits@champion`` and served by one uvicorn process,
    ``python -m aipath.mlops.serving`` on 127.0.0.1 (no access log). For every (rows per request, client
    threads): ``--repeat`` trials of ``--requests`` POSTs of held-out rows through ``urllib`` (one
    connection per request, as the notebook and the tests do) -> requests/s, rows/s, p50 / p99 / max
    latency (nearest rank; the median over the trials), errors (summed). Reference measured in the same run: the same predictions in-process
    (``PyfuncClassifier.predict`` on the same rows, no HTTP), so ``HTTP/in-process`` shows what the
    service adds (sockets, HTTP parsing, JSON, validation, a thread hand-off). The server and the
    clients share this machine's cores.
(b) **Logging overhead** (``--part log``): ``--runs`` MLflow runs on a fresh SQLite store, each logging
    what a run of the sweep in notebook 1 logs: 4 params, 3 metrics x 20 steps (one ``log_metric`` per
    value, and once more with one ``log_batch``), a matplotlib figure, a JSON dict and the sklearn model
    (cloudpickle, explicit ``pip_requirements``; ``--skops`` for MLflow's default skops format). Seconds
    per step; the first run separately (it pays one-off imports and the installed-packages scan MLflow
    does when it checks requirements), then the median of the others; reference: training the model.

Every part prints the load average before and after: on a shared machine the figures depend on it.
Bounded: ``--requests`` x ``--repeat`` x len(--rows) x len(--concurrency) requests (3,600 by default).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def nearest_rank(sorted_values: np.ndarray, p: float) -> float:
    k = max(int(np.ceil(p * len(sorted_values) / 100)), 1)
    return float(sorted_values[k - 1])


def post(url: str, body: bytes) -> int:
    request = urllib.request.Request(url, data=body, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return 0


def load_test(url: str, bodies: list[bytes], threads: int) -> dict:
    def one(body: bytes) -> tuple[int, float]:
        start = time.perf_counter()
        status = post(url, body)
        return status, time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(one, bodies))
    wall = time.perf_counter() - start
    ms = np.sort([t for _, t in results]) * 1000
    return {"wall": wall, "p50": nearest_rank(ms, 50), "p99": nearest_rank(ms, 99), "max": float(ms[-1]),
            "errors": sum(s != 200 for s, _ in results)}


def part_serve(work: Path, n_requests: int, concurrency: list[int], rows_list: list[int], repeat: int) -> None:
    from aipath.mlops.model_contract import PyfuncClassifier
    from aipath.mlops.retrain import RetrainConfig, load_data, run_pipeline, split
    from aipath.mlops.serving import start_server
    from autograder.reference import should_promote

    uri = f"sqlite:///{work / 'mlflow.db'}"
    run_pipeline(RetrainConfig(tracking_uri=uri, create_store=True), decide=should_promote, out=lambda line: None)
    X, y = load_data("digits")
    _, X_hold, _, _ = split(X, y, holdout=0.25, split_seed=0, train_size=None)
    os.environ["MLFLOW_TRACKING_URI"] = uri
    local = PyfuncClassifier.load("models:/digits@champion")

    print(f"(a) service: digits@champion (logistic regression, 64 features), uvicorn on 127.0.0.1, "
          f"{n_requests} requests per trial, median of {repeat} trials per line, taken round-robin; load average {load()}")
    start = time.perf_counter()
    server = start_server("models:/digits@champion", tracking_uri=uri)
    print(f"    server ready in {time.perf_counter() - start:.1f} s (process start, imports, model load)")
    try:
        warm = [json.dumps({"instances": X_hold[:1].tolist()}).encode()] * 300
        load_test(server.url + "/predict", warm, 1)                           # warm-up
        lines = []                                            # (rows, threads, bodies, in-process p50 ms)
        for rows in rows_list:
            bodies = [json.dumps({"instances": X_hold.take(range(i * rows, (i + 1) * rows), axis=0, mode="wrap").tolist()}).encode()
                      for i in range(n_requests)]
            reference = []
            for i in range(min(n_requests, 200)):
                batch = X_hold.take(range(i * rows, (i + 1) * rows), axis=0, mode="wrap")
                t = time.perf_counter()
                local.predict(batch)
                reference.append(time.perf_counter() - t)
            lines += [(rows, threads, bodies, nearest_rank(np.sort(reference) * 1000, 50)) for threads in concurrency]
        trials: dict[int, list[dict]] = {i: [] for i in range(len(lines))}
        for _ in range(repeat):                               # round-robin: load changes on a shared machine
            for i, (rows, threads, bodies, _) in enumerate(lines):
                trials[i].append(load_test(server.url + "/predict", bodies, threads))
        print(f"    {'rows/req':>8s} {'threads':>7s} {'req/s':>7s} {'rows/s':>8s} {'p50 ms':>7s} {'p99 ms':>7s} "
              f"{'max ms':>7s} {'errors':>6s} {'in-process p50 ms':>18s} {'HTTP/in-process':>15s}")
        for i, (rows, threads, _, ref_p50) in enumerate(lines):
            r = {key: statistics.median(t[key] for t in trials[i]) for key in ("wall", "p50", "p99", "max")}
            errors = sum(t["errors"] for t in trials[i])
            print(f"    {rows:8d} {threads:7d} {n_requests / r['wall']:7.0f} {rows * n_requests / r['wall']:8.0f} "
                  f"{r['p50']:7.2f} {r['p99']:7.2f} {r['max']:7.1f} {errors:6d} {ref_p50:18.3f} "
                  f"{r['p50'] / ref_p50:14.0f}x")
    finally:
        server.stop()
    print(f"    load average after: {load()}")


def part_log(work: Path, runs: int, skops: bool = False) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import mlflow
    import mlflow.sklearn
    from mlflow import MlflowClient
    from mlflow.entities import Metric
    from mlflow.models import infer_signature
    from sklearn.datasets import load_digits
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from aipath.mlops.retrain import SERIALIZATION_FORMAT, pip_requirements

    fmt = {"serialization_format": "skops" if skops else SERIALIZATION_FORMAT}   # a logistic regression: no untrusted types
    print(f"(b) MLflow logging overhead per run, SQLite store + local artifacts, {runs} runs, "
          f"{fmt['serialization_format']}; load average {load()}")
    mlflow.set_tracking_uri(f"sqlite:///{work / 'log.db'}")
    start = time.perf_counter()
    client = MlflowClient()
    experiment = client.create_experiment("bench", artifact_location=(work / "log-artifacts").as_uri())
    print(f"    store creation (client, tables, first experiment): {time.perf_counter() - start:.2f} s")
    X, y = load_digits(return_X_y=True)
    steps = ("start_run", "log_params", "log_metric x60", "log_batch 60", "log_figure", "log_dict", "log_model", "end_run")
    timings: list[dict] = []
    train_times = []
    for i in range(runs):
        t = time.perf_counter()
        model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=300, C=1.0 + i)).fit(X, y)
        train_times.append(time.perf_counter() - t)
        row = {}
        clock = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            row[name] = now - clock
            clock = now

        run = mlflow.start_run(experiment_id=experiment)
        lap("start_run")
        mlflow.log_params({"C": 1.0 + i, "max_iter": 300, "model": "logreg", "seed": i})
        lap("log_params")
        for step in range(1, 21):
            for name in ("train_loss", "val_loss", "val_accuracy"):
                mlflow.log_metric(name, 1.0 / step, step=step)
        lap("log_metric x60")
        now_ms = int(time.time() * 1000)
        client.log_batch(run.info.run_id, metrics=[Metric(f"batch_{n}", 1.0 / s, now_ms, s)
                                                   for s in range(1, 21) for n in ("a", "b", "c")])
        lap("log_batch 60")
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.plot(range(20))
        mlflow.log_figure(fig, "curves.png")
        plt.close(fig)
        lap("log_figure")
        mlflow.log_dict({"matrix": np.eye(10, dtype=int).tolist()}, "confusion_matrix.json")
        lap("log_dict")
        mlflow.sklearn.log_model(model, name="model", signature=infer_signature(X[:5], model.predict(X[:5])),
                                 pip_requirements=pip_requirements(), **fmt)
        lap("log_model")
        mlflow.end_run()
        lap("end_run")
        timings.append(row)

    print(f"    {'step':16s} {'first run s':>11s} {'median of the others s':>23s}")
    for name in steps:
        rest = [r[name] for r in timings[1:]] or [float("nan")]
        print(f"    {name:16s} {timings[0][name]:11.3f} {statistics.median(rest):23.3f}")
    total_first = sum(timings[0].values())
    total_rest = statistics.median([sum(r.values()) for r in timings[1:]]) if runs > 1 else float("nan")
    train = statistics.median(train_times)
    print(f"    {'total':16s} {total_first:11.3f} {total_rest:23.3f}")
    print(f"    reference: training the model (1,797 digits) {train:.3f} s; logging / training "
          f"{total_rest / train:.1f}x after the first run")
    print(f"    load average after: {load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=["serve", "log", "both"], default="both")
    parser.add_argument("--requests", type=int, default=300, help="requests per trial of a (rows, threads) line")
    parser.add_argument("--repeat", type=int, default=3, help="trials per line (the median is printed)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4], help="client threads")
    parser.add_argument("--rows", type=int, nargs="+", default=[1, 32], help="rows per request")
    parser.add_argument("--runs", type=int, default=6, help="MLflow runs for the logging overhead")
    parser.add_argument("--skops", action="store_true", help="(b): save models in MLflow's default skops format")
    parser.add_argument("--workdir", type=Path, help="folder for the stores (default: a temporary folder)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="bench04-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.part in ("serve", "both"):
            (work / "serve").mkdir(exist_ok=True)
            part_serve(work / "serve", args.requests, args.concurrency, args.rows, args.repeat)
        if args.part in ("log", "both"):
            (work / "log").mkdir(exist_ok=True)
            part_log(work / "log", args.runs, args.skops)


if __name__ == "__main__":
    main()
