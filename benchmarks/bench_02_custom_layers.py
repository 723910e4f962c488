"""Time the hand-written Linear and LayerNorm of 02_pytorch_fundamentals against nn.Linear / nn.LayerNorm.

    .venv/bin/python benchmarks/bench_02_custom_layers.py [--repeats 10] [--threads 1]

Both layers come from the notebook's solution cells (only the Config cell and the two layer cells are
run, so no data set is needed). For each size, ours and torch's get the same parameters (a copied
``state_dict``) and the same float32 input on the CPU; one timed call is a forward pass plus a backward
pass with a fixed upstream gradient (gradients of the input and of both parameters). Calls of the two
layers are interleaved, each timing is the best of ``--repeats`` (``time.perf_counter``; a repeat runs
the call enough times to last about 20 ms), and ratio = ours / torch. The last column is the largest
difference between the two layers' outputs and input gradients, a reminder that they compute the
same thing.

One CPU thread by default: on a machine shared with other jobs, several OpenMP threads wait for each
other at every kernel and the timings become noise. ``--threads 0`` keeps torch's own choice.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import time
from pathlib import Path

import nbformat
import torch
from torch import nn

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_deep_learning" / "02_pytorch_fundamentals.ipynb"
CELLS = ("config", "linear_layer", "layer_norm")      # grade_ids of the cells to run, in order
LINEAR_SIZES = [(64, 256, 256), (512, 784, 256), (2048, 1024, 1024)]   # (batch, in_features, out_features)
LAYERNORM_SIZES = [(64, 256), (512, 1024), (8192, 768)]                # (rows, features)


def notebook_layers(path: Path = NOTEBOOK) -> dict:
    """Run the Config cell and the Linear / LayerNorm solution cells of the source notebook; return the namespace."""
    os.environ.setdefault("AIPATH_PROFILE", "fast")
    os.environ.setdefault("AIPATH_DEVICE", "cpu")
    nb = nbformat.read(str(path), as_version=4)
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}
    ns: dict = {"__name__": f"notebook:{path.stem}"}
    for cell_id in CELLS:
        with contextlib.redirect_stdout(io.StringIO()):     # the Config cell prints its settings
            exec(compile(by_id[cell_id].source, f"{path}:{cell_id}", "exec"), ns)
    return ns


def forward_backward(layer: nn.Module, x: torch.Tensor, grad_out: torch.Tensor) -> torch.Tensor:
    for p in layer.parameters():
        p.grad = None
    x.grad = None
    y = layer(x)
    y.backward(grad_out)
    return y


def calibrate(fn, target_s: float = 0.02) -> int:
    """How many calls make one timed repeat last about target_s."""
    fn()
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-7)
    return max(1, int(target_s / once))


def best_pair(fn_a, fn_b, repeats: int) -> tuple[float, float]:
    """Best seconds per call of fn_a and fn_b, timed alternately (so both see the same machine load)."""
    n_a, n_b = calibrate(fn_a), calibrate(fn_b)
    best_a = best_b = float("inf")
    for _ in range(repeats):
        for fn, n, which in ((fn_a, n_a, "a"), (fn_b, n_b, "b")):
            start = time.perf_counter()
            for _ in range(n):
                fn()
            per_call = (time.perf_counter() - start) / n
            if which == "a":
                best_a = min(best_a, per_call)
            else:
                best_b = min(best_b, per_call)
    return best_a, best_b


def compare(name: str, size: str, ours: nn.Module, ref: nn.Module, x_shape, out_features: int, repeats: int) -> None:
    ours.load_state_dict(ref.state_dict())
    g = torch.Generator().manual_seed(0)
    x_ours = torch.randn(*x_shape, generator=g).requires_grad_()
    x_ref = x_ours.detach().clone().requires_grad_()
    grad_out = torch.randn(x_shape[0], out_features, generator=g)
    y_ours = forward_backward(ours, x_ours, grad_out)
    y_ref = forward_backward(ref, x_ref, grad_out)
    diff = max((y_ours - y_ref).abs().max().item(), (x_ours.grad - x_ref.grad).abs().max().item())
    t_ours, t_ref = best_pair(lambda: forward_backward(ours, x_ours, grad_out),
                              lambda: forward_backward(ref, x_ref, grad_out), repeats)
    print(f"{name:10s} {size:>20s} {1e3 * t_ours:10.3f} {1e3 * t_ref:10.3f} {t_ours / t_ref:6.2f}  {diff:.1e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10, help="timed repeats per layer; the best is kept")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (0: torch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)

    ns = notebook_layers()
    Linear, LayerNorm = ns["Linear"], ns["LayerNorm"]
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"torch {torch.__version__}, CPU, {torch.get_num_threads()} threads, {os.cpu_count()} cores, "
          f"load average {load}; float32; forward + backward per call; best of {args.repeats}")
    print(f"{'layer':10s} {'size':>20s} {'ours_ms':>10s} {'torch_ms':>10s} {'ratio':>6s}  max|diff|")
    torch.manual_seed(0)
    for batch, d_in, d_out in LINEAR_SIZES:
        compare("Linear", f"{batch} x {d_in} -> {d_out}", Linear(d_in, d_out), nn.Linear(d_in, d_out),
                (batch, d_in), d_out, args.repeats)
    for rows, features in LAYERNORM_SIZES:
        ref = nn.LayerNorm(features)
        nn.init.normal_(ref.weight)
        nn.init.normal_(ref.bias)
        compare("LayerNorm", f"{rows} x {features}", LayerNorm(features), ref, (rows, features), features, args.repeats)


if __name__ == "__main__":
    main()
