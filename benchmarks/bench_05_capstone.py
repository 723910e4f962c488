"""Capstone (05_portfolio/01_capstone): time to 92 % test accuracy on the full Fashion-MNIST, and what the
speed tricks of the recipe buy.

    AIPATH_DATA_DIR=.data .venv/bin/python benchmarks/bench_05_capstone.py [--part a|b|both]
        [--seeds 1] [--target 0.92] [--epochs N] [--evals-per-epoch 2] [--threads N] [--device cpu|cuda]

The data pipeline, ``augment_batch``, ``CapstoneNet``, the normalisation and every knob (batch size,
epochs, peak learning rate, weight decay, augmentation, bfloat16, validation split) come from the
notebook's own cells (``CELLS`` below), run with ``AIPATH_PROFILE=full``; the cells that train, log to
MLflow or serve are not run.

(a) **Time to target on full Fashion-MNIST** (54,000 training images after the validation split, the
    10,000 test images): a fresh seeded ``CapstoneNet`` trained with the notebook's step (augment,
    normalise, channels-last, bfloat16 autocast where supported, AdamW, one-cycle schedule stepped per
    batch), the test accuracy measured ``--evals-per-epoch`` times per epoch with the clock stopped.
    The clock counts training only. Per seed: seconds (and epochs) until the test accuracy first
    reaches ``--target``, the final test accuracy, training samples/s.
(b) **Throughput of the recipe's speed tricks** (the same model and batch size, 30 steps each, after
    5 warm-up steps): float32 with the default memory format (the reference), channels-last alone,
    bfloat16 autocast alone, both (the notebook's choice where bfloat16 is supported); samples/s and
    the ratio to the reference, measured in the same run.

On a GPU (``--device cuda``, or ``AIPATH_DEVICE=cuda``) both parts run there. Every part prints the
torch thread count and the load average before and after: on a shared machine the figures depend on both.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "05_portfolio" / "01_capstone.ipynb"
CELLS = ("config", "data", "augment_batch", "CapstoneNet")


def notebook_cells(path: Path = NOTEBOOK) -> dict:
    """Run the cells in CELLS of the source notebook in the full profile; return the namespace."""
    os.environ["AIPATH_PROFILE"] = "full"
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.pop("AIPATH_IMAGE_FOLDER", None)
    nb = nbformat.read(str(path), as_version=4)
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}
    ns: dict = {"__name__": f"notebook:{path.stem}"}
    for cell_id in CELLS:
        with contextlib.redirect_stdout(io.StringIO()):      # the data cell prints and plots samples
            exec(compile(by_id[cell_id].source, f"{path}:{cell_id}", "exec"), ns)
    return ns


def machine(ns: dict) -> str:
    import torch

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    gpu = f", {torch.cuda.get_device_name()}" if ns["DEVICE"].type == "cuda" else ""
    return (f"torch {torch.__version__}, device {ns['DEVICE']}{gpu}, {torch.get_num_threads()} thread(s), "
            f"{os.cpu_count()} CPUs, bf16 {ns['use_bf16']}, load average {load}")


def make_step(ns: dict, model, optimizer, scheduler, *, bf16: bool, channels_last: bool):
    """The notebook's training step (train_model's inner loop) as a function of one batch."""
    import torch
    from torch.nn import functional as F

    device, mean, std = ns["DEVICE"], ns["mean"], ns["std"]
    mean_d, std_d = mean.to(device).view(1, -1, 1, 1), std.to(device).view(1, -1, 1, 1)
    fmt = torch.channels_last if channels_last else torch.contiguous_format

    def step(X, y):
        X = ns["augment_batch"](X.to(device), ns["max_shift"], ns["hflip"])
        X = ((X - mean_d) / std_d).contiguous(memory_format=fmt)
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
            loss = F.cross_entropy(model(X), y.to(device))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
        return loss

    return step


def test_accuracy(ns: dict, model) -> float:
    """float32 test accuracy, in eval mode, as the notebook's evaluation computes it."""
    import torch

    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(ns["X_test"]), 1000):
            X = ns["X_test"][start:start + 1000].to(ns["DEVICE"])
            X = ((X - ns["mean"].to(X.device).view(1, -1, 1, 1)) / ns["std"].to(X.device).view(1, -1, 1, 1))
            X = X.contiguous(memory_format=torch.channels_last)
            correct += (model(X).argmax(dim=1).cpu() == ns["y_test"][start:start + 1000]).sum().item()
    model.train()
    return correct / len(ns["X_test"])


def sync(ns: dict) -> None:
    import torch

    if ns["DEVICE"].type == "cuda":
        torch.cuda.synchronize()


def part_a(seeds: int, target: float, epochs: int | None, evals_per_epoch: int) -> None:
    import torch

    ns = notebook_cells()
    assert ns["full_dataset"], "part (a) needs the full Fashion-MNIST (60,000 / 10,000) in the data root"
    num_epochs = epochs or ns["num_epochs"]
    steps = len(ns["train_loader"])
    note = "" if num_epochs == ns["num_epochs"] else f" (the notebook's full profile: {ns['num_epochs']})"
    print(f"(a) time to {target:.0%} test accuracy: Fashion-MNIST train {len(ns['X_train']):,}, test {len(ns['X_test']):,}; "
          f"CapstoneNet, batch {ns['batch_size']}, {num_epochs} epochs{note}, AdamW lr {ns['lr']} one-cycle, "
          f"max_shift {ns['max_shift']}, hflip {ns['hflip']}; test accuracy {evals_per_epoch}x per epoch (clock stopped)")
    print(f"    machine: {machine(ns)}")
    print(f"    {'seed':>4s}  {'s to target':>11s}  {'epochs':>6s}  {'samples/s':>9s}  {'train s':>7s}  {'final test':>10s}  curve")
    rows = []
    for seed in range(seeds):
        ns["seed_everything"](seed)
        model = ns["CapstoneNet"](in_channels=ns["image_shape"][0], num_classes=ns["num_classes"])
        model = model.to(ns["DEVICE"]).to(memory_format=torch.channels_last)
        optimizer = torch.optim.AdamW(model.parameters(), lr=ns["lr"], weight_decay=ns["weight_decay"])
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=ns["lr"], total_steps=num_epochs * steps, pct_start=0.25)
        step = make_step(ns, model, optimizer, scheduler, bf16=ns["use_bf16"], channels_last=True)
        eval_at = {round(steps * k / evals_per_epoch) for k in range(1, evals_per_epoch + 1)}
        clock, samples, reached, curve = 0.0, 0, None, []
        model.train()
        for epoch in range(num_epochs):
            for i, (X, y) in enumerate(ns["train_loader"], 1):
                sync(ns)
                start = time.perf_counter()
                step(X, y)
                sync(ns)
                clock += time.perf_counter() - start
                samples += len(y)
                if i in eval_at:
                    acc = test_accuracy(ns, model)
                    curve.append(acc)
                    if reached is None and acc >= target:
                        reached = (clock, epoch + i / steps)
        final = curve[-1]
        rows.append((reached, samples / clock, clock, final))
        when = (f"{reached[0]:.1f}", f"{reached[1]:.2f}") if reached else ("never", "-")
        print(f"    {seed:4d}  {when[0]:>11s}  {when[1]:>6s}  {samples / clock:9.0f}  {clock:7.1f}  {final:10.4f}  "
              + " ".join(f"{a:.3f}" for a in curve), flush=True)
    to_target = [r[0][0] for r in rows if r[0]]
    print(f"    median over {seeds} seed(s): {statistics.median(to_target) if to_target else float('nan'):.1f} s to "
          f"{target:.0%} ({len(to_target)}/{seeds} reached it), {statistics.median(r[1] for r in rows):.0f} training samples/s, "
          f"final test accuracy {min(r[3] for r in rows):.4f}..{max(r[3] for r in rows):.4f}")
    print(f"    machine after: {machine(ns)}")


def part_b(n_steps: int = 30, warmup: int = 5) -> None:
    import torch

    ns = notebook_cells()
    print(f"(b) training throughput of CapstoneNet, batch {ns['batch_size']}, {n_steps} steps after {warmup} warm-up steps")
    print(f"    machine: {machine(ns)}")
    batches = []
    for X, y in ns["train_loader"]:
        batches.append((X, y))
        if len(batches) == n_steps + warmup:
            break
    variants = [("float32, default memory format (reference)", False, False), ("float32, channels-last", False, True)]
    if ns["use_bf16"]:
        variants += [("bfloat16 autocast, default memory format", True, False),
                     ("bfloat16 autocast, channels-last (the notebook)", True, True)]
    else:
        print("    bfloat16 autocast: not supported here, skipped (the notebook trains in float32)")
    reference = None
    for name, bf16, channels_last in variants:
        ns["seed_everything"](0)
        fmt = torch.channels_last if channels_last else torch.contiguous_format
        model = ns["CapstoneNet"](in_channels=ns["image_shape"][0], num_classes=ns["num_classes"]).to(ns["DEVICE"]).to(memory_format=fmt)
        optimizer = torch.optim.AdamW(model.parameters(), lr=ns["lr"], weight_decay=ns["weight_decay"])
        step = make_step(ns, model, optimizer, None, bf16=bf16, channels_last=channels_last)
        model.train()
        for X, y in batches[:warmup]:
            step(X, y)
        sync(ns)
        start = time.perf_counter()
        for X, y in batches[warmup:]:
            step(X, y)
        sync(ns)
        rate = n_steps * ns["batch_size"] / (time.perf_counter() - start)
        reference = reference or rate
        print(f"    {name:48s} {rate:8.0f} samples/s  x{rate / reference:.2f}  "
              f"({len(ns['X_train']) / rate:.1f} s per epoch of {len(ns['X_train']):,})", flush=True)
    print(f"    machine after: {machine(ns)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("a", "b", "both"), default="both", help="which measurement (default both)")
    parser.add_argument("--seeds", type=int, default=1, help="(a) seeds 0..N-1 (default 1)")
    parser.add_argument("--target", type=float, default=0.92, help="(a) test accuracy to reach (default 0.92)")
    parser.add_argument("--epochs", type=int, default=None, help="(a) epochs (default: the notebook's full profile)")
    parser.add_argument("--evals-per-epoch", type=int, default=2, help="(a) test evaluations per epoch (default 2)")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    parser.add_argument("--device", choices=("cpu", "cuda"), default=None, help="default: $AIPATH_DEVICE, else CUDA if available")
    args = parser.parse_args(argv)
    if args.device:
        os.environ["AIPATH_DEVICE"] = args.device
    if args.part == "both":              # each part in its own process: a clean allocator and thread pool
        options = ["--seeds", str(args.seeds), "--target", str(args.target), "--evals-per-epoch", str(args.evals_per_epoch)]
        options += ["--epochs", str(args.epochs)] if args.epochs else []
        options += ["--threads", str(args.threads)] if args.threads else []
        for part in ("b", "a"):
            subprocess.run([sys.executable, __file__, "--part", part, *options], check=True)
        return
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    part_a(args.seeds, args.target, args.epochs, args.evals_per_epoch) if args.part == "a" else part_b()


if __name__ == "__main__":
    main()
