"""ResNet reproduction (03_papers/03_resnet): training time of plain vs residual networks, and how often
the degradation ordering that the notebook's check asserts holds across seeds.

    AIPATH_DATA_DIR=.data OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_03_resnet.py
        [--part time|seeds|both] [--seeds 10] [--full-steps 10] [--device cpu|cuda] [--threads N]
        [--set NAME=VALUE ...]

The networks, the data pipeline, the training loop and the recipe all come from the notebook's own
cells (``CELLS``: Config, data, batches, BasicBlock, he_init, CifarNet, train_with_curves, run
helpers), executed with the profile of each part; the cells that train are not run.

(time) **Seconds per training epoch**, plain vs residual, for every depth of each profile. Fast:
    512 images at 14x14, widths 4/8/16, batch 64 (8 steps an epoch; 5 epochs timed). Full: 60,000
    images at 28x28, widths 16/32/64, batch 128 (468 steps an epoch): ``--full-steps`` steps are
    timed after 2 warm-up steps and the epoch time is **extrapolated** from their mean.
    Also the residual/plain time ratio at each depth.
(seeds) **Robustness of the check** (fast profile): for seeds 0..N-1, the final training losses of
    the shallowest and deepest plain and residual networks, and how often each of the check's
    conditions holds — per seed (1: plain deep > plain shallow; 2: residual deep < plain deep;
    4: residual deep < plain shallow; and residual deep <= residual shallow) and, for condition 3
    (over 3 seeds, the residual networks' mean gap deep - shallow is below half the plain networks'),
    over every 3-seed subset. ``--set`` overrides Config values (a Python
    literal), e.g. ``--set num_steps=400 --set "widths=(8, 16, 32)"`` to explore.

Every part prints the torch thread count and the load average before and after: on a shared machine
the figures depend on both.
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import io
import itertools
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_papers" / "03_resnet.ipynb"
CELLS = ("config", "data", "batches", "BasicBlock", "he_init", "CifarNet", "train_with_curves", "run_helpers")


def notebook_cells(profile: str, device: str, overrides: dict | None = None, path: Path = NOTEBOOK) -> dict:
    """Run CELLS of the source notebook with AIPATH_PROFILE=profile; overrides replace Config values."""
    os.environ["AIPATH_PROFILE"] = profile
    os.environ["AIPATH_DEVICE"] = device
    os.environ.setdefault("MPLBACKEND", "Agg")
    nb = nbformat.read(str(path), as_version=4)
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}
    ns: dict = {"__name__": f"notebook:{path.stem}"}
    for cell_id in CELLS:
        with contextlib.redirect_stdout(io.StringIO()):      # the data cell prints and plots samples
            exec(compile(by_id[cell_id].source, f"{path}:{cell_id}", "exec"), ns)
        if cell_id == "config" and overrides:
            ns.update(overrides)
            ns["milestones"] = [ns["num_steps"] // 2, 3 * ns["num_steps"] // 4]
    return ns


def machine() -> str:
    import torch

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), {os.cpu_count()} CPUs, load average {load}"


def time_steps(ns: dict, depth: int, residual: bool, steps: int, warmup: int = 2) -> float:
    """Mean seconds per step of `steps` training steps (after `warmup`) of a fresh network, with the notebook's loop."""
    import torch

    ns["seed_everything"](0)
    model = ns["CifarNet"]((depth - 2) // 6, residual=residual, widths=ns["widths"]).to(ns["DEVICE"])
    X, y = ns["X_train"], ns["y_train"]
    sync = torch.cuda.synchronize if ns["DEVICE"].type == "cuda" else (lambda: None)
    ns["train_with_curves"](model, X, y, warmup, ns["batch_size"], ns["lr"], seed=1)
    sync()
    start = time.perf_counter()
    ns["train_with_curves"](model, X, y, steps, ns["batch_size"], ns["lr"], seed=2)
    sync()
    return (time.perf_counter() - start) / steps


def part_time(full_steps: int, device: str) -> None:
    for profile in ("fast", "full"):
        ns = notebook_cells(profile, device)
        n, batch = len(ns["X_train"]), ns["batch_size"]
        per_epoch = n // batch
        steps = 5 * per_epoch if profile == "fast" else full_steps
        how = "5 epochs timed" if profile == "fast" else f"extrapolated from {steps} timed steps"
        print(f"(time) {profile} profile: {n:,} images {ns['image_size']}x{ns['image_size']}, widths {ns['widths']}, "
              f"batch {batch}, {per_epoch} steps an epoch ({how}); device {ns['DEVICE']}")
        print(f"    machine: {machine()}")
        print(f"    {'depth':>5s}  {'plain s/epoch':>13s}  {'residual s/epoch':>16s}  {'ratio':>5s}  {'plain ms/step':>13s}  {'residual ms/step':>16s}")
        for depth in ns["depths"]:
            row = {}
            for residual in (False, True):
                per_step = time_steps(ns, depth, residual, steps)
                row[residual] = (per_step * per_epoch, 1000 * per_step)
            print(f"    {depth:5d}  {row[False][0]:13.3g}  {row[True][0]:16.3g}  {row[True][0] / row[False][0]:5.2f}  "
                  f"{row[False][1]:13.1f}  {row[True][1]:16.1f}", flush=True)
        print(f"    machine after: {machine()}")


def part_seeds(num_seeds: int, device: str, overrides: dict) -> None:
    ns = notebook_cells("fast", device, overrides)
    shallow, deep = ns["depths"][0], ns["depths"][-1]
    print(f"(seeds) fast profile{' with ' + str(overrides) if overrides else ''}: {len(ns['X_train']):,} images "
          f"{ns['image_size']}x{ns['image_size']}, widths {ns['widths']}, depths {shallow} vs {deep}, {ns['num_steps']} steps, "
          f"batch {ns['batch_size']}, lr {ns['lr']} /10 at {ns['milestones']}; device {ns['DEVICE']}")
    print(f"    machine: {machine()}")
    print(f"    {'seed':>4s}  {'plain-' + str(shallow):>9s}  {'plain-' + str(deep):>9s}  {'res-' + str(shallow):>9s}  "
          f"{'res-' + str(deep):>9s}  cond1 cond2 cond4  cpu s")
    final = {}
    for seed in range(num_seeds):
        cpu = time.process_time()
        for residual in (False, True):
            for depth in (shallow, deep):
                final[(seed, residual, depth)] = ns["run"](depth, residual, seed)["final_loss"]
        f = {k[1:]: v for k, v in final.items() if k[0] == seed}
        c1, c2 = f[(False, deep)] > f[(False, shallow)], f[(True, deep)] < f[(False, deep)]
        c4 = f[(True, deep)] < f[(False, shallow)]
        print(f"    {seed:4d}  {f[(False, shallow)]:9.3f}  {f[(False, deep)]:9.3f}  {f[(True, shallow)]:9.3f}  "
              f"{f[(True, deep)]:9.3f}  {c1!s:5s} {c2!s:5s} {c4!s:5s}  {time.process_time() - cpu:5.1f}", flush=True)
    seeds = range(num_seeds)
    count = lambda cond: sum(cond(s) for s in seeds)
    print(f"    per seed, of {num_seeds}: (1) plain-{deep} > plain-{shallow}: {count(lambda s: final[(s, False, deep)] > final[(s, False, shallow)])};  "
          f"(2) res-{deep} < plain-{deep}: {count(lambda s: final[(s, True, deep)] < final[(s, False, deep)])};  "
          f"(4) res-{deep} < plain-{shallow}: {count(lambda s: final[(s, True, deep)] < final[(s, False, shallow)])};  "
          f"res-{deep} <= res-{shallow}: {count(lambda s: final[(s, True, deep)] <= final[(s, True, shallow)])}")
    gaps = {s: final[(s, True, deep)] - final[(s, True, shallow)] for s in seeds}
    pgaps = {s: final[(s, False, deep)] - final[(s, False, shallow)] for s in seeds}
    triples = list(itertools.combinations(seeds, 3))
    held3 = sum(statistics.mean(gaps[s] for s in t) < 0.5 * statistics.mean(pgaps[s] for s in t) for t in triples)
    below = sum(statistics.mean(gaps[s] for s in t) <= 0 for t in triples)
    print(f"    (3) over 3-seed triples, mean res gap < half the mean plain gap: {held3} of {len(triples)};  "
          f"(mean res-{deep} <= mean res-{shallow}: {below} of {len(triples)})")
    print(f"    gaps deep - shallow: residual mean {statistics.mean(gaps.values()):+.3f} (min {min(gaps.values()):+.3f}, "
          f"max {max(gaps.values()):+.3f});  plain mean {statistics.mean(pgaps.values()):+.3f} (min {min(pgaps.values()):+.3f})")
    print(f"    machine after: {machine()}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("time", "seeds", "both"), default="both", help="which measurement (default both)")
    parser.add_argument("--seeds", type=int, default=10, help="(seeds) seeds 0..N-1 (default 10)")
    parser.add_argument("--full-steps", type=int, default=10, help="(time) steps timed at the full size (default 10)")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="device (default cpu)")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="(seeds) override a Config value with a Python literal (repeatable)")
    args = parser.parse_args(argv)
    if args.part == "both":       # each part in its own process: the notebook reads the profile at import
        options = ["--seeds", str(args.seeds), "--full-steps", str(args.full_steps), "--device", args.device]
        options += ["--threads", str(args.threads)] if args.threads else []
        options += [x for s in args.set for x in ("--set", s)]
        for part in ("time", "seeds"):
            subprocess.run([sys.executable, __file__, "--part", part, *options], check=True)
        return
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    overrides = {}
    for item in args.set:
        name, _, value = item.partition("=")
        overrides[name.strip()] = ast.literal_eval(value.strip())
    part_time(args.full_steps, args.device) if args.part == "time" else part_seeds(args.seeds, args.device, overrides)


if __name__ == "__main__":
    main()
