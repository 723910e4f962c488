"""LoRA (03_papers/05_lora): the notebook's experiment — full fine-tuning vs LoRA at ranks 1, 2, 4, 8 —
at a chosen profile and over several seeds, with the margin the notebook's result check relies on.

    AIPATH_DATA_DIR=.data .venv/bin/python benchmarks/bench_03_lora.py [--profile full|fast]
        [--seeds 0,1,2] [--lr-search] [--threads N]

Everything comes from the source notebook's own cells (``SETUP`` and ``PER_SEED``: Config, the model,
the solution cells, data, the pretraining, the models to compare; then the ``adapt`` cell, which trains
every method and prints its table), run with ``AIPATH_PROFILE=<profile>`` and ``AIPATH_DEVICE=cpu``;
only ``SEED`` is replaced per seed (it also picks the data subset and the validation split). The full
profile fine-tunes on all of Fashion-MNIST (54,000 training images after the validation split, 5 epochs);
the MNIST pretraining uses whatever the data root holds (the offline mirror: 8,000 images; learners:
60,000).

Per seed it prints the notebook's table: method, trainable parameters, their share of full
fine-tuning's, test accuracy, validation accuracy, seconds of training (wall clock). Then, over seeds:
each method's test accuracy (mean, min, max) and the gap between full fine-tuning and LoRA at the
notebook's ``small_rank``, against the notebook's ``max_accuracy_gap``.

It also trains the same MLP from scratch on Fashion-MNIST (``full_lr``; not in the notebook), to show
how much the MNIST pretraining helps at all.

``--lr-search`` instead trains full fine-tuning at {1e-3, 3e-3}, and the new head alone and LoRA (every
rank) at {1e-2, 2e-2, 3e-2}, and prints validation accuracies (the notebook's Config was chosen this way).

The torch thread count and the load average are printed before and after: on a shared machine the
seconds depend on both.
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

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_papers" / "05_lora.ipynb"
SETUP = ("config",)
PER_SEED = ("model", "LoRALinear", "merge_lora", "unmerge_lora", "parameter_counts", "inject_lora", "data", "pretrain",
            "models", "adapt_functions")
FULL_LRS, LORA_LRS = (1e-3, 3e-3), (1e-2, 2e-2, 3e-2)


def run_cells(ns: dict, cell_ids, path: Path = NOTEBOOK, quiet: bool = True) -> None:
    nb = nbformat.read(str(path), as_version=4)
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}
    for cell_id in cell_ids:
        with contextlib.redirect_stdout(io.StringIO()) if quiet else contextlib.nullcontext():
            exec(compile(by_id[cell_id].source, f"{path}:{cell_id}", "exec"), ns)


def machine() -> str:
    import torch

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), {os.cpu_count()} CPUs, load average {load}"


def notebook_for_seed(profile: str, seed: int) -> dict:
    os.environ["AIPATH_PROFILE"] = profile
    os.environ["AIPATH_DEVICE"] = "cpu"
    os.environ.setdefault("MPLBACKEND", "Agg")
    ns: dict = {"__name__": f"notebook:{NOTEBOOK.stem}"}
    run_cells(ns, SETUP)
    ns["SEED"] = seed
    ns["seed_everything"](seed)
    run_cells(ns, PER_SEED)
    return ns


def experiment(ns: dict) -> dict:
    """The notebook's adapt cell (it prints its table), then the same MLP trained from scratch on
    Fashion-MNIST with full_lr (not in the notebook: is the MNIST pretraining any help?)."""
    run_cells(ns, ("adapt",), quiet=False)
    ns["seed_everything"](ns["SEED"])
    scratch = ns["adapt"](ns["MLP"](ns["hidden"]).to(ns["DEVICE"]), ns["full_lr"])
    print(f"{'from scratch':>18s} {scratch['trainable']:10,d} {'':9s} {scratch['accuracy']:9.4f} "
          f"{scratch['val_accuracy']:8.4f} {scratch['seconds']:8.1f}", flush=True)
    return {**ns["results"], "scratch": scratch}


def lr_search(ns: dict) -> dict:
    rows = {}
    for lr in FULL_LRS:
        rows[("full", lr)] = ns["adapt"](ns["from_pretrained"](), lr)
    for lr in LORA_LRS:
        rows[("head", lr)] = ns["adapt"](ns["new_head_model"](), lr)
        for r in ns["ranks"]:
            rows[(r, lr)] = ns["adapt"](ns["lora_model"](r), lr)
    for (method, lr), row in rows.items():
        name = {"full": "full fine-tuning", "head": "new head only"}.get(method, f"LoRA r={method}")
        print(f"    {name:>18s} lr {lr:6.0e}: validation {row['val_accuracy']:.4f}  test {row['accuracy']:.4f}", flush=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=("full", "fast"), default="full", help="notebook profile (default full)")
    parser.add_argument("--seeds", default="0", help="comma-separated seeds (default 0, the notebook's SEED)")
    parser.add_argument("--lr-search", action="store_true", help="validation accuracy over the learning-rate grid")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    args = parser.parse_args(argv)
    seeds = [int(s) for s in args.seeds.split(",")]
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"LoRA benchmark, {args.profile} profile, seeds {seeds}{', learning-rate search' if args.lr_search else ''}")
    print(f"machine: {machine()}", flush=True)
    per_seed, searches = [], []
    for seed in seeds:
        start = time.perf_counter()
        ns = notebook_for_seed(args.profile, seed)
        print(f"\nseed {seed}: MNIST-pretrained MLP, MNIST test accuracy {ns['mnist_accuracy']:.4f}; Fashion-MNIST train "
              f"{len(ns['train_loader'].dataset):,}, validation {len(ns['val_loader'].dataset):,}, test "
              f"{len(ns['test_loader'].dataset):,}; {ns['num_epochs']} epochs, full_lr {ns['full_lr']}, lora_lr {ns['lora_lr']}, "
              f"alpha {ns['lora_alpha']}", flush=True)
        if args.lr_search:
            searches.append(lr_search(ns))
        else:
            per_seed.append(experiment(ns))
        print(f"seed {seed}: {time.perf_counter() - start:.0f} s in all;  {machine()}", flush=True)
    if args.lr_search:
        print("\nmean validation accuracy over seeds and ranks, per learning rate:")
        for method, lrs in (("full", FULL_LRS), ("lora", LORA_LRS)):
            for lr in lrs:
                vals = [row["val_accuracy"] for s in searches for (m, l), row in s.items()
                        if l == lr and ((m == "full") == (method == "full")) and m != "head"]
                print(f"    {method:>4s} lr {lr:6.0e}: {statistics.mean(vals):.4f}  (min {min(vals):.4f}, {len(vals)} runs)")
        return
    small, bar = ns["small_rank"], ns["max_accuracy_gap"]
    names = {"full": "full fine-tuning", "head": "new head only", **{r: f"LoRA r={r}" for r in ns["ranks"]},
             "scratch": "from scratch"}
    print(f"\nover {len(seeds)} seed(s): test accuracy mean [min, max]")
    for key, name in names.items():
        accs = [res[key]["accuracy"] for res in per_seed]
        secs = [res[key]["seconds"] for res in per_seed]
        print(f"    {name:>18s} {per_seed[0][key]['trainable']:8,d} params  {statistics.mean(accs):.4f} "
              f"[{min(accs):.4f}, {max(accs):.4f}]  {statistics.mean(secs):6.1f} s")
    gaps = [res["full"]["accuracy"] - res[small]["accuracy"] for res in per_seed]
    print(f"gap full fine-tuning - LoRA r={small}: mean {statistics.mean(gaps):.4f}, min {min(gaps):.4f}, max {max(gaps):.4f}; "
          f"the notebook allows {bar}: holds for {sum(g <= bar for g in gaps)} of {len(gaps)} seed(s)")
    print(f"machine after: {machine()}")


if __name__ == "__main__":
    main()
