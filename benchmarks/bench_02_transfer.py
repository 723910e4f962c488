"""Transfer learning (02_deep_learning/06_transfer_learning): fine-tuned vs from-scratch test accuracy by
labels per class, over seeds, and the margins the notebook's result checks rely on.

    AIPATH_DATA_DIR=.data .venv/bin/python benchmarks/bench_02_transfer.py [--seeds 0-9]
        [--labels 10,20,50,100] [--lr-search] [--threads 1]

Everything comes from the source notebook's own cells (``CELLS``: Config, data, the network, the
pretrained checkpoint, the solution cells, then the ``stage1``, ``stage2`` and ``scratch`` cells that
train), run with ``AIPATH_PROFILE=fast`` and ``AIPATH_DEVICE=cpu``; per run only ``SEED`` and
``labels_per_class`` are replaced. A seed changes everything random: the pretraining checkpoint on
MNIST digits 0-4 (its recipe holds the seed; each is cached in the data root), the labelled images of
digits 5-9, the new head's and the scratch network's initialisation, and the batch order.

Per run it prints the test accuracy after stage 1 (head only), after stage 2 (fine-tuned), of the same
network trained from scratch on the same labels for the same epochs, and the two gains. Then per
number of labels: mean, min and max of each, and, at the notebook's ``labels_per_class``, the worst
seed against the notebook's bars (``min_stage1_accuracy``, ``min_stage2_gain``,
``min_gain_over_scratch``, ``min_fine_tuned_accuracy``).

``--lr-search`` instead prints mean validation accuracy over the seeds for the fine-tuning rates
(``head_lr`` x ``lr``) and the scratch rate the notebook's Config was chosen from.

The full profile (ImageNet ResNet-18 -> CIFAR-10) needs downloads; it is not measured here.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import time
from pathlib import Path

import nbformat

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_deep_learning" / "06_transfer_learning.ipynb"
SETUP = ("config",)
PER_RUN = ("data", "model", "pretrain", "replace_head", "set_trainable", "discriminative_param_groups",
           "train_head", "train_unfrozen")
TRAIN = ("stage1", "stage2", "scratch")


def run_cells(ns: dict, cell_ids) -> None:
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}
    for cell_id in cell_ids:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(by_id[cell_id].source, f"{NOTEBOOK}:{cell_id}", "exec"), ns)


def machine() -> str:
    import torch

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), {os.cpu_count()} CPUs, load average {load}"


def notebook_run(seed: int, labels: int, overrides: dict | None = None, cells=TRAIN) -> dict:
    """The notebook's cells with SEED, labels_per_class (and any Config overrides) replaced."""
    os.environ["AIPATH_PROFILE"] = "fast"
    os.environ["AIPATH_DEVICE"] = "cpu"
    os.environ.setdefault("MPLBACKEND", "Agg")
    ns: dict = {"__name__": f"notebook:{NOTEBOOK.stem}"}
    run_cells(ns, SETUP)
    ns.update(SEED=seed, labels_per_class=labels, **(overrides or {}))
    ns["seed_everything"](seed)
    run_cells(ns, PER_RUN)
    start = time.perf_counter()
    run_cells(ns, cells)
    ns["seconds"] = time.perf_counter() - start
    ns["plt"].close("all")                     # the data cell draws a figure per run
    return ns


def parse_seeds(text: str) -> list[int]:
    if "-" in text:
        lo, hi = text.split("-")
        return list(range(int(lo), int(hi) + 1))
    return [int(s) for s in text.split(",")]


def summary(values: list[float]) -> str:
    return f"{statistics.mean(values):.4f} [{min(values):.4f}, {max(values):.4f}]"


def compare(seeds: list[int], labels: list[int]) -> None:
    print(f"fine-tuned vs from scratch, fast profile (MNIST digits 0-4 -> 5-9), seeds {seeds[0]}..{seeds[-1]}")
    print(f"    machine: {machine()}")
    print(f"    {'labels':>6s} {'seed':>4s}  {'stage 1':>7s}  {'fine-tuned':>10s}  {'scratch':>7s}  {'gain':>7s}  "
          f"{'s2 - s1':>7s}  {'train s':>7s}")
    bars = None
    for per_class in labels:
        rows = []
        for seed in seeds:
            ns = notebook_run(seed, per_class)
            bars = {k: ns[k] for k in ("min_stage1_accuracy", "min_stage2_gain", "min_gain_over_scratch",
                                       "min_fine_tuned_accuracy")}
            row = (ns["stage1_accuracy"], ns["fine_tuned_accuracy"], ns["scratch_accuracy"])
            rows.append(row)
            print(f"    {per_class:6d} {seed:4d}  {row[0]:7.4f}  {row[1]:10.4f}  {row[2]:7.4f}  {row[1] - row[2]:+7.4f}  "
                  f"{row[1] - row[0]:+7.4f}  {ns['seconds']:7.1f}", flush=True)
        gains = [f - s for _, f, s in rows]
        print(f"    {per_class:3d} labels/class over {len(seeds)} seeds: stage 1 {summary([r[0] for r in rows])}, fine-tuned "
              f"{summary([r[1] for r in rows])}, scratch {summary([r[2] for r in rows])}, gain {summary(gains)}, "
              f"stage 2 - stage 1 {summary([r[1] - r[0] for r in rows])}", flush=True)
        if per_class == notebook_config("labels_per_class"):
            print(f"    the notebook's bars at {per_class} labels/class: {bars}; worst seed: stage 1 {min(r[0] for r in rows):.4f}, "
                  f"stage 2 - stage 1 {min(r[1] - r[0] for r in rows):+.4f}, gain {min(gains):+.4f}, "
                  f"fine-tuned {min(r[1] for r in rows):.4f}")
    print(f"    machine after: {machine()}")


def lr_search(seeds: list[int], labels: int) -> None:
    print(f"learning-rate search on the validation split, {labels} labels/class, seeds {seeds}")
    for head_lr in (3e-3, 1e-2, 3e-2):
        for lr, decay in ((3e-3, 0.5), (1e-2, 0.5), (1e-2, 0.3), (3e-2, 0.3)):
            accs = [notebook_run(s, labels, {"head_lr": head_lr, "lr": lr, "lr_decay": decay}, ("stage1", "stage2"))["stage2"]
                    ["val_accuracy"][-1] for s in seeds]
            print(f"    fine-tune head_lr {head_lr:g} lr {lr:g} decay {decay:g}: validation {statistics.mean(accs):.4f}", flush=True)
    for scratch_lr in (1e-3, 3e-3, 1e-2, 3e-2):
        accs = [notebook_run(s, labels, {"scratch_lr": scratch_lr}, ("stage1", "stage2", "scratch"))["scratch_history"]
                ["val_accuracy"][-1] for s in seeds]
        print(f"    scratch lr {scratch_lr:g}: validation {statistics.mean(accs):.4f}", flush=True)


def notebook_config(name: str):
    """A value of the notebook's Config cell in the fast profile."""
    os.environ["AIPATH_PROFILE"] = "fast"
    ns: dict = {"__name__": f"notebook:{NOTEBOOK.stem}"}
    run_cells(ns, SETUP)
    return ns[name]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-9", help="seeds, '0-9' or '0,3,5' (default 0-9)")
    parser.add_argument("--labels", default="10,20,50", help="labelled images per target class (default 10,20,50)")
    parser.add_argument("--lr-search", action="store_true", help="validation accuracy by learning rate instead")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1, as the notebook in CI)")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    seeds = parse_seeds(args.seeds)
    if args.lr_search:
        lr_search(seeds, notebook_config("labels_per_class"))
    else:
        compare(seeds, [int(n) for n in args.labels.split(",")])


if __name__ == "__main__":
    main()
