"""Measured margins of the course's trained-model and statistical thresholds, over seeds.

    AIPATH_DATA_DIR=.data OMP_NUM_THREADS=1 .venv/bin/python benchmarks/thresholds.py \
        [--profile fast|full] [--seeds 0-9] [--only mnist,capstone] [--table]

For each notebook in ``THRESHOLDS`` and each seed, the *source* notebook (it holds the solutions) runs
in a fresh kernel with nbclient, exactly as CI runs it (every code cell, test cells included, so seed 0
reproduces CI's number), with two changes made in memory only: the Config cell's ``SEED = 0`` becomes
``SEED = <seed>``, and execution stops after the last cell a threshold reads (``stop``). Then one extra
cell evaluates each threshold's ``value`` expression in the kernel. A failing check does not stop the
run (``allow_errors``): the metric was assigned before the check that failed.

Per threshold it prints the bar, the profile, the seeds, the worst and median value and the margin:
``worst - bar`` for a ``>=`` bar, ``bar - worst`` for a ``<=`` bar (negative: some seed fails). Results
are merged into ``build/thresholds.json`` (keyed by notebook, threshold, profile) and the whole table
is written to ``build/thresholds.md``; ``--table`` only prints what is stored.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import time
from pathlib import Path
from typing import NamedTuple

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
SEED_LINE = re.compile(r"^SEED = 0\b", re.MULTILINE)
MARK = "@@THRESHOLDS@@"


class Threshold(NamedTuple):
    name: str                  # what the check compares, as the notebook names it
    value: str                 # expression evaluated in the kernel after ``stop``
    op: str                    # ">=": value must reach the bar; "<=": value must stay under it
    bars: dict                 # profile -> bar
    stop: str                  # grade_id of the last cell to run


def both(bar: float) -> dict:
    return {"full": bar, "fast": bar}


THRESHOLDS: dict[str, list[Threshold]] = {
    "01_math/03_probability": [
        Threshold("exponential mean, |mean - 1/rate| / se", "abs(x_exp.mean() - 1 / rate) / _se", "<=", both(5.0),
                  "test_standardised_means"),
        Threshold("exponential KS p-value", "_ks.pvalue", ">=", both(1e-4), "test_standardised_means"),
        Threshold("standardised means, max |(mean, std) - (0, 1)|", "max(abs(z_exp.mean()), abs(z_exp.std() - 1))", "<=",
                  both(0.1), "test_standardised_means"),
    ],
    "01_math/05_logistic_regression": [
        Threshold("breast-cancer held-out accuracy", "acc_ours", ">=", both(0.93), "test_breast_cancer"),
    ],
    "02_deep_learning/01_nn_from_scratch": [
        Threshold("moons train accuracy", "train_acc", ">=", both(0.95), "test_moons_accuracy"),
        Threshold("moons test accuracy", "test_acc", ">=", both(0.95), "test_moons_accuracy"),
    ],
    "02_deep_learning/02_pytorch_fundamentals": [
        Threshold("min_test_accuracy", 'test_metrics["accuracy"]', ">=", {"full": 0.94, "fast": 0.85}, "test_mnist_accuracy"),
    ],
    "02_deep_learning/03_mnist_classifier": [
        Threshold("one-batch loss ratio (last/first)", "one_batch_losses[-1] / one_batch_losses[0]", "<=", both(0.05),
                  "test_cnn_accuracy"),
        Threshold("min_test_accuracy", "test_accuracy", ">=", {"full": 0.99, "fast": 0.97}, "test_cnn_accuracy"),
        Threshold("CNN minus MLP test accuracy", "test_accuracy - mlp_accuracy", ">=", both(0.0), "test_cnn_accuracy"),
    ],
    "02_deep_learning/04_sentiment": [
        Threshold("baseline accuracy", "baseline_accuracy", ">=", both(0.75), "test_trained"),
        Threshold("model accuracy", "model_accuracy", ">=", both(0.75), "test_trained"),
        Threshold("model minus baseline accuracy", "model_accuracy - baseline_accuracy", ">=", both(-0.05), "test_trained"),
        Threshold("train loss ratio (last/first)", 'history["train_loss"][-1] / history["train_loss"][0]', "<=", both(0.5),
                  "test_trained"),
    ],
    "02_deep_learning/05_rnn_lstm": [
        Threshold("val_bound (val loss / unigram entropy)", "val_loss / unigram_entropy", "<=", {"full": 0.55, "fast": 0.85},
                  "test_lm_trained"),
        Threshold("val loss floor (leak guard)", "val_loss", ">=", both(0.5), "test_lm_trained"),
    ],
    "02_deep_learning/06_transfer_learning": [
        Threshold("min_stage1_accuracy", "stage1_accuracy", ">=", {"full": 0.60, "fast": 0.45}, "test_transfer_beats_scratch"),
        Threshold("min_stage2_gain", "fine_tuned_accuracy - stage1_accuracy", ">=", {"full": 0.0, "fast": 0.05},
                  "test_transfer_beats_scratch"),
        Threshold("min_gain_over_scratch", "gain", ">=", {"full": 0.15, "fast": 0.02}, "test_transfer_beats_scratch"),
        Threshold("min_fine_tuned_accuracy", "fine_tuned_accuracy", ">=", {"full": 0.70, "fast": 0.65},
                  "test_transfer_beats_scratch"),
    ],
    "03_papers/02_transformer": [
        Threshold("test exact match", "test_exact", ">=", both(1.0), "test_reversal_training"),
    ],
    "03_papers/03_resnet": [
        Threshold("residual gap / plain gap", "res_gap / plain_gap", "<=", both(0.5), "test_degradation"),
    ],
    "03_papers/05_lora": [
        Threshold("max_accuracy_gap", 'results["full"]["accuracy"] - results[small_rank]["accuracy"]', "<=", both(0.05),
                  "test_lora_result"),
        Threshold("full fine-tuning accuracy", 'results["full"]["accuracy"]', ">=", both(0.78), "test_lora_result"),
    ],
    "03_papers/06_gpt_from_scratch": [
        Threshold("val_bound", "val_loss", "<=", both(2.45), "test_gpt_training"),
        Threshold("val loss floor (causal-mask guard)", "val_loss", ">=", both(1.0), "test_gpt_training"),
    ],
    "04_mlops/01_experiment_tracking": [
        Threshold("min_accuracy (champion)", "test_accuracy", ">=", {"full": 0.95, "fast": 0.90}, "test_champion"),
    ],
    "04_mlops/04_drift_ab_testing": [
        Threshold("one-look FPR: |fpr - alpha| - 5 se", "abs(fpr[1] - alpha) - 5 * se_1", "<=", both(0.005),
                  "test_peeking_false_positive_rate"),
        Threshold("peeking FPR, 10 looks (low)", "fpr[10]", ">=", both(0.16), "test_peeking_false_positive_rate"),
        Threshold("peeking FPR, 10 looks (high)", "fpr[10]", "<=", both(0.23), "test_peeking_false_positive_rate"),
    ],
    "05_portfolio/01_capstone": [
        Threshold("min_test_accuracy", "test_accuracy", ">=", {"full": 0.92, "fast": 0.84}, "test_capstone_accuracy"),
    ],
}


def seeded_cells(notebook: str, seed: int, thresholds: list[Threshold]) -> nbformat.NotebookNode:
    """The notebook's code cells up to the last ``stop`` cell, SEED replaced, plus the cell that reads the values."""
    nb = nbformat.read(str(ROOT / "notebooks" / f"{notebook}.ipynb"), as_version=4)
    stops = {t.stop for t in thresholds}
    cells, seen = [], set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == "config":
            cell.source, found = SEED_LINE.subn(f"SEED = {seed}", cell.source)
            if found != 1:
                raise SystemExit(f"{notebook}: the Config cell has no line 'SEED = 0' to replace.")
        cells.append(cell)
        seen.add(grade_id)
        if stops <= seen:
            break
    else:
        raise SystemExit(f"{notebook}: no cell with grade_id {sorted(stops - seen)}.")
    reads = ", ".join(f"{t.name!r}: _thr_value(lambda: {t.value})" for t in thresholds)
    cells.append(nbformat.v4.new_code_cell(
        "import json as _thr_json\n"
        "def _thr_value(f):\n"
        "    try:\n        return float(f())\n"
        "    except Exception as e:\n        return repr(e)\n"
        f"print({MARK!r} + _thr_json.dumps({{{reads}}}))"))
    nb.cells = cells
    return nb


def run_once(notebook: str, seed: int, thresholds: list[Threshold]) -> dict:
    nb = seeded_cells(notebook, seed, thresholds)
    cwd = ROOT / "notebooks" / notebook.split("/")[0]
    NotebookClient(nb, timeout=1800, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    for output in nb.cells[-1].get("outputs", []):
        text = output.get("text", "")
        if MARK in text:
            return json.loads(text.split(MARK, 1)[1])
    raise RuntimeError(f"{notebook} seed {seed}: the notebook stopped before the values could be read.")


def summary(t: Threshold, profile: str, values: list[float]) -> dict:
    bar = t.bars[profile]
    worst = min(values) if t.op == ">=" else max(values)
    margin = worst - bar if t.op == ">=" else bar - worst
    return {"bar": bar, "op": t.op, "worst": worst, "median": statistics.median(values), "margin": margin}


def machine() -> str:
    import torch

    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__}, "
            f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}")


def parse_seeds(text: str) -> list[int]:
    if "-" in text:
        lo, hi = text.split("-")
        return list(range(int(lo), int(hi) + 1))
    return [int(s) for s in text.split(",")]


def measure(notebook: str, profile: str, seeds: list[int], store: dict) -> None:
    thresholds = THRESHOLDS[notebook]
    values: dict[str, list] = {t.name: [] for t in thresholds}
    for seed in seeds:
        start = time.perf_counter()
        got = run_once(notebook, seed, thresholds)
        for name, v in got.items():
            values[name].append(v)
        shown = "  ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in got.items())
        print(f"{notebook} seed {seed} ({time.perf_counter() - start:.0f} s): {shown}", flush=True)
    for t in thresholds:
        measured = [v for v in values[t.name] if isinstance(v, float)]
        row = {"notebook": notebook, "threshold": t.name, "profile": profile, "seeds": seeds, "values": values[t.name],
               "machine": machine()}
        if len(measured) == len(seeds):
            row |= summary(t, profile, measured)
        else:
            row |= {"bar": t.bars[profile], "op": t.op, "error": next(v for v in values[t.name] if not isinstance(v, float))}
        store[f"{notebook} | {t.name} | {profile}"] = row


def table(store: dict) -> str:
    lines = ["| notebook | threshold | bar | profile | seeds | worst | median | margin |", "|---|---|---|---|---|---|---|---|"]
    for row in store.values():
        seeds = f"{len(row['seeds'])} ({row['seeds'][0]}-{row['seeds'][-1]})"
        if "error" in row:
            cells = ["—", "—", f"not measured: {row['error']}"]
        else:
            cells = [f"{row['worst']:.4f}", f"{row['median']:.4f}", f"{row['margin']:+.4f}"]
        name = row["threshold"].replace("|", "\\|")                           # a literal | would end the cell
        lines.append(f"| {row['notebook']} | {name} | {row['op']} {row['bar']} | {row['profile']} | {seeds} | "
                     + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", choices=["fast", "full"], default="fast", help="AIPATH_PROFILE the notebooks run in")
    parser.add_argument("--seeds", default="0-9", help="'0-9' or '0,3,7': values the Config cell's SEED takes")
    parser.add_argument("--only", default="", help="comma-separated substrings of notebook names (default: all)")
    parser.add_argument("--table", action="store_true", help="print the stored table without running anything")
    args = parser.parse_args()
    os.environ["AIPATH_PROFILE"] = args.profile
    os.environ.setdefault("AIPATH_DEVICE", "cpu")
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("AIPATH_DATA_DIR", str(ROOT / ".data"))
    BUILD.mkdir(exist_ok=True)
    path = BUILD / "thresholds.json"
    store = json.loads(path.read_text()) if path.exists() else {}
    if not args.table:
        wanted = [n for n in THRESHOLDS if not args.only or any(s in n for s in args.only.split(","))]
        for notebook in wanted:
            measure(notebook, args.profile, parse_seeds(args.seeds), store)
            path.write_text(json.dumps(store, indent=1))            # after each notebook: a long run keeps its results
    text = table(store)
    (BUILD / "thresholds.md").write_text(f"Measured on: {machine()}\n\n{text}\n")
    print(text)


if __name__ == "__main__":
    main()
