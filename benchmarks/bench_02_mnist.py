"""MNIST classifier (02_deep_learning/03_mnist_classifier): how fast the recipe learns, and a proxy for
the full-profile result that this machine cannot measure (full MNIST's 60,000 training images are
downloaded by learners, not mirrored here).

    AIPATH_DATA_DIR=.data .venv/bin/python benchmarks/bench_02_mnist.py [--part a|b|both]
        [--seeds 3] [--eval-every 20] [--target 0.97] [--epochs N] [--threads N]

The model, optimiser and schedule, batch size, learning rate, epochs and validation split all come
from the notebook's own cells (``CELLS`` below: Config, data, SmallCNN, predict_classes, the recipe
``make_optimizer``), run with the profile of each part and ``AIPATH_DEVICE=cpu``; the cells that
train are not run.

(a) **Time to 97 % on the offline mirror** (fast profile: mnist-mini, 7,200 training images after the
    validation split, batch 64, 3 epochs): a fresh seeded ``SmallCNN`` trained with the notebook's
    training step (zero_grad, forward, loss, backward, step; the cosine schedule stepped per epoch),
    evaluated every ``--eval-every`` steps on the validation split (800) and on the 2,000 held-out
    test digits. The clock counts training only (evaluation excluded). Per seed: seconds and steps
    until each accuracy first reaches ``--target``, training samples/s, final test accuracy.
(b) **The full-profile recipe on full Fashion-MNIST** (60,000 / 10,000; same format as MNIST, a
    harder task): the notebook's Config with ``AIPATH_PROFILE=full`` (batch 128, 8 epochs, 10 %
    validation split), the same transform with Fashion-MNIST's own mean/std, ``make_optimizer`` and
    ``aipath.training.fit``; test accuracy with the notebook's ``predict_classes``, wall time and
    samples/s. ``--epochs`` shortens it (the cosine schedule is then laid over the shorter run).
    Needs ``FashionMNIST/raw`` in the data root (``apt-get install -y dataset-fashion-mnist`` and
    ``python -m aipath.mirror ../shared/data --root .data --fashion-mnist /usr/share/datasets/fashion-mnist``).

Every part prints the torch thread count and the load average before and after: on a shared machine
the figures depend on both.
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

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_deep_learning" / "03_mnist_classifier.ipynb"
CELLS = ("config", "data", "count_trainable_parameters", "predict_classes", "SmallCNN", "recipe")
FASHION_MEAN, FASHION_STD = 0.2860, 0.3530    # pixel mean/std of Fashion-MNIST's 60,000 training images


def notebook_cells(profile: str, path: Path = NOTEBOOK) -> dict:
    """Run the cells in CELLS of the source notebook with AIPATH_PROFILE=profile on the CPU; return the namespace."""
    os.environ["AIPATH_PROFILE"] = profile
    os.environ["AIPATH_DEVICE"] = "cpu"
    os.environ.setdefault("MPLBACKEND", "Agg")
    nb = nbformat.read(str(path), as_version=4)
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}
    ns: dict = {"__name__": f"notebook:{path.stem}"}
    for cell_id in CELLS:
        with contextlib.redirect_stdout(io.StringIO()):      # the data cell prints and plots samples
            exec(compile(by_id[cell_id].source, f"{path}:{cell_id}", "exec"), ns)
    return ns


def machine() -> str:
    import torch

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), {os.cpu_count()} CPUs, load average {load}"


def accuracy(ns: dict, model, loader) -> float:
    y_pred, y_true = ns["predict_classes"](model, loader, "cpu")
    return (y_pred == y_true).float().mean().item()


def part_a(seeds: int, eval_every: int, target: float) -> None:
    import torch

    ns = notebook_cells("fast")
    print(f"(a) time to {target:.0%} on {ns['DATA']}: train {len(ns['train_set']):,}, validation {len(ns['val_set']):,}, "
          f"test {len(ns['test_set']):,}; batch {ns['batch_size']}, {ns['num_epochs']} epochs, lr {ns['lr']}, "
          f"evaluation every {eval_every} steps")
    print(f"    machine: {machine()}")
    print(f"    {'seed':>4s}  {'s to val':>8s}  {'steps':>5s}  {'s to test':>9s}  {'steps':>5s}  {'samples/s':>9s}  "
          f"{'train s':>7s}  {'final val':>9s}  {'final test':>10s}")
    rows = []
    for seed in range(seeds):
        ns["seed_everything"](seed)
        model = ns["SmallCNN"]()
        optimizer, scheduler = ns["make_optimizer"](model, ns["num_epochs"])
        loss_fn = torch.nn.CrossEntropyLoss()
        clock, samples, step = 0.0, 0, 0
        reached = {"val": None, "test": None}
        for _epoch in range(ns["num_epochs"]):
            model.train()
            for X, y in ns["train_loader"]:
                start = time.perf_counter()
                optimizer.zero_grad(set_to_none=True)
                loss_fn(model(X), y).backward()
                optimizer.step()
                clock += time.perf_counter() - start
                samples += len(y)
                step += 1
                if step % eval_every == 0:
                    for name, loader in (("val", ns["val_loader"]), ("test", ns["test_loader"])):
                        if reached[name] is None and accuracy(ns, model, loader) >= target:
                            reached[name] = (clock, step)
                    model.train()
            scheduler.step()
        final_val, final_test = accuracy(ns, model, ns["val_loader"]), accuracy(ns, model, ns["test_loader"])
        for name, final in (("val", final_val), ("test", final_test)):   # reached only at the very end
            if reached[name] is None and final >= target:
                reached[name] = (clock, step)
        rows.append((reached, samples / clock, clock, final_test))
        when = {name: (f"{r[0]:.1f}", str(r[1])) if r else ("never", "-") for name, r in reached.items()}
        print(f"    {seed:4d}  {when['val'][0]:>8s}  {when['val'][1]:>5s}  {when['test'][0]:>9s}  {when['test'][1]:>5s}  "
              f"{samples / clock:9.0f}  {clock:7.1f}  {final_val:9.4f}  {final_test:10.4f}", flush=True)
    to_test = [r[0]["test"][0] for r in rows if r[0]["test"]]
    print(f"    median over {seeds} seed(s): {statistics.median(to_test) if to_test else float('nan'):.1f} s to "
          f"{target:.0%} test accuracy ({len(to_test)}/{seeds} reached it), "
          f"{statistics.median(r[1] for r in rows):.0f} training samples/s, final test accuracy "
          f"{min(r[3] for r in rows):.4f}..{max(r[3] for r in rows):.4f}")
    print(f"    machine after: {machine()}")


def part_b(epochs: int | None) -> None:
    import torch
    import torchvision
    from torch.utils.data import DataLoader, random_split
    from torchvision import transforms

    from aipath.data import torchvision_dataset
    from aipath.training import fit

    ns = notebook_cells("full")
    num_epochs = epochs or ns["num_epochs"]
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((FASHION_MEAN,), (FASHION_STD,))])
    train_all = torchvision_dataset(torchvision.datasets.FashionMNIST, train=True, transform=transform)
    test_set = torchvision_dataset(torchvision.datasets.FashionMNIST, train=False, transform=transform)
    n_val = int(ns["val_fraction"] * len(train_all))
    train_set, val_set = random_split(train_all, [len(train_all) - n_val, n_val],
                                      generator=torch.Generator().manual_seed(ns["SEED"]))
    train_loader = DataLoader(train_set, batch_size=ns["batch_size"], shuffle=True)
    val_loader, test_loader = DataLoader(val_set, batch_size=1000), DataLoader(test_set, batch_size=1000)
    note = "" if num_epochs == ns["num_epochs"] else f" (shortened from the notebook's {ns['num_epochs']} by --epochs)"
    print(f"(b) full-profile recipe on Fashion-MNIST: train {len(train_set):,}, validation {len(val_set):,}, "
          f"test {len(test_set):,}; SmallCNN ({ns['count_trainable_parameters'](ns['SmallCNN']()):,} parameters), "
          f"batch {ns['batch_size']}, {num_epochs} epochs{note}, AdamW lr {ns['lr']}, cosine schedule")
    print(f"    machine: {machine()}")
    ns["seed_everything"](ns["SEED"])
    model = ns["SmallCNN"]()
    optimizer, scheduler = ns["make_optimizer"](model, num_epochs)
    start = time.perf_counter()
    history = fit(model, train_loader, val_loader, torch.nn.CrossEntropyLoss(), optimizer, num_epochs, "cpu",
                  scheduler=scheduler, show_progress=False)
    wall = time.perf_counter() - start
    test_accuracy = accuracy(ns, model, test_loader)
    for epoch, (acc, seconds) in enumerate(zip(history["val_accuracy"], history["seconds"]), 1):
        print(f"    epoch {epoch}: validation accuracy {acc:.4f}  ({seconds:.1f} s)")
    print(f"    Fashion-MNIST test accuracy {test_accuracy:.4f} after {num_epochs} epochs; {wall:.0f} s wall "
          f"(training and per-epoch validation), {num_epochs * len(train_set) / sum(history['seconds']):.0f} samples/s")
    print(f"    machine after: {machine()}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("a", "b", "both"), default="both", help="which measurement (default both)")
    parser.add_argument("--seeds", type=int, default=3, help="(a) seeds 0..N-1 (default 3)")
    parser.add_argument("--eval-every", type=int, default=20, help="(a) training steps between evaluations (default 20)")
    parser.add_argument("--target", type=float, default=0.97, help="(a) accuracy to reach (default 0.97)")
    parser.add_argument("--epochs", type=int, default=None, help="(b) epochs (default: the notebook's full profile, 8)")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    args = parser.parse_args(argv)
    if args.part == "both":       # each part in its own process: the notebook reads the profile at import
        options = ["--seeds", str(args.seeds), "--eval-every", str(args.eval_every), "--target", str(args.target)]
        options += ["--epochs", str(args.epochs)] if args.epochs else []
        options += ["--threads", str(args.threads)] if args.threads else []
        for part in ("a", "b"):
            subprocess.run([sys.executable, __file__, "--part", part, *options], check=True)
        return
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    part_a(args.seeds, args.eval_every, args.target) if args.part == "a" else part_b(args.epochs)


if __name__ == "__main__":
    main()
