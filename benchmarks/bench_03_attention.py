"""The from-scratch Transformer of 03_papers/02_transformer: its attention against PyTorch's, and how long
the toy task takes to learn.

    .venv/bin/python benchmarks/bench_03_attention.py [--repeats 5] [--threads N] [--seeds 0 1 2]
        [--lengths 32 128 512 1024] [--device cpu|cuda] [--part attention|toy|both]

Everything comes from the notebook's own cells (only the cells in ``CELLS`` run, with ``AIPATH_PROFILE``
defaulting to fast); ``AIPATH_DEVICE`` follows ``--device``.

1. **Multi-head attention, forward + backward.** The notebook's ``MultiHeadAttention`` against
   ``nn.MultiheadAttention(batch_first=True)`` with the same weights (``copy_attention_weights``), self-attention
   on a float32 batch (B=4, d_model=256, h=8) at each ``--lengths`` n, with a causal mask (ours: the boolean
   ``causal_mask``; PyTorch's: its complement). One timed call is a forward pass and the backward pass of
   ``out.pow(2).mean()`` (gradients of the input and of the eight parameter tensors). Two references:
   ``need_weights=True, average_attn_weights=False`` — the same arithmetic as ours (attention weights
   materialised, per head) — and ``need_weights=False``, which dispatches to the fused
   ``scaled_dot_product_attention`` kernel. Calls are interleaved; each time is the best of ``--repeats``
   (``time.perf_counter``, with ``torch.cuda.synchronize`` on a GPU); ratio = ours / PyTorch's.
   The last column is the largest difference between our output and PyTorch's.
2. **Seconds to 100 % exact match on the toy task** (sequence reversal): for each seed, a fresh
   ``Seq2SeqTransformer`` trained with the notebook's ``train_reversal`` (its sizes, batch, schedule, label
   smoothing and evaluation every ``eval_every`` steps on 500 validation sequences) until the validation
   set is decoded exactly; wall seconds and process CPU seconds (evaluation included), steps, and the exact
   match on the 1,000 test sequences afterwards.

The torch thread count and the load average are printed before each part: on a shared machine the
figures depend on both.
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

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_papers" / "02_transformer.ipynb"
CELLS = ("config", "scaled_dot_product_attention", "causal_mask", "padding_mask", "copy_attention_weights",
         "MultiHeadAttention", "positional_encoding", "feed_forward", "EncoderLayer", "DecoderLayer", "model",
         "task", "label_smoothed_cross_entropy", "transformer_lr", "greedy_decode", "train_fn")
BATCH, D_MODEL, HEADS = 4, 256, 8


def notebook_code(path: Path = NOTEBOOK) -> dict:
    """Run the selected cells of the source notebook; return the namespace."""
    os.environ.setdefault("AIPATH_PROFILE", "fast")
    os.environ.setdefault("MPLBACKEND", "Agg")
    nb = nbformat.read(str(path), as_version=4)
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}
    ns: dict = {"__name__": f"notebook:{path.stem}"}
    for cell_id in CELLS:
        with contextlib.redirect_stdout(io.StringIO()):      # the Config and task cells print
            exec(compile(by_id[cell_id].source, f"{path}:{cell_id}", "exec"), ns)
    return ns


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def timed(fn, device: torch.device) -> float:
    if device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    fn()
    if device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - start


def bench_attention(ns: dict, lengths: list[int], repeats: int, device: torch.device) -> None:
    MultiHeadAttention, causal_mask, copy_weights = ns["MultiHeadAttention"], ns["causal_mask"], ns["copy_attention_weights"]
    print(f"\nmulti-head attention, forward + backward, B={BATCH}, d_model={D_MODEL}, h={HEADS}, causal mask, float32, "
          f"{device}; torch threads {torch.get_num_threads()}, load {load()}")
    print(f"{'n':>6s} {'ours_ms':>9s} {'torch_ms':>9s} {'ratio':>6s} {'fused_ms':>9s} {'ratio':>6s}  max|diff|")
    for n in lengths:
        torch.manual_seed(0)
        ours = MultiHeadAttention(D_MODEL, HEADS).to(device)
        theirs = nn.MultiheadAttention(D_MODEL, HEADS, batch_first=True).to(device)
        copy_weights(ours, theirs)
        x = torch.randn(BATCH, n, D_MODEL, device=device, requires_grad=True)
        keep = causal_mask(n, device=device)
        blocked = ~keep

        def run_ours():
            out, _ = ours(x, x, x, keep)
            out.pow(2).mean().backward()

        def run_torch():
            out, _ = theirs(x, x, x, attn_mask=blocked, need_weights=True, average_attn_weights=False)
            out.pow(2).mean().backward()

        def run_fused():
            out, _ = theirs(x, x, x, attn_mask=blocked, need_weights=False)
            out.pow(2).mean().backward()

        runs = {"ours": run_ours, "torch": run_torch, "fused": run_fused}
        for fn in runs.values():                             # warm-up
            fn()
        best = {name: float("inf") for name in runs}
        for _ in range(repeats):                             # interleaved: load changes hit all three alike
            for name, fn in runs.items():
                best[name] = min(best[name], timed(fn, device))
        with torch.no_grad():
            diff = float((ours(x, x, x, keep)[0] - theirs(x, x, x, attn_mask=blocked)[0]).abs().max())
        print(f"{n:6d} {best['ours'] * 1e3:9.2f} {best['torch'] * 1e3:9.2f} {best['ours'] / best['torch']:6.2f} "
              f"{best['fused'] * 1e3:9.2f} {best['ours'] / best['fused']:6.2f}  {diff:.1e}")


def bench_toy_task(ns: dict, seeds: list[int], device: torch.device) -> None:
    print(f"\ntoy task (reverse {ns['min_len']}..{ns['max_len']} digits), profile {ns['PROFILE']}, d_model={ns['d_model']}, "
          f"{ns['num_layers']}+{ns['num_layers']} layers, batch {ns['batch_size']}, {device}; "
          f"torch threads {torch.get_num_threads()}, load {load()}")
    print(f"{'seed':>4s} {'steps':>6s} {'wall_s':>7s} {'cpu_s':>7s} {'val_exact':>9s} {'test_exact':>10s}  load after")
    for seed in seeds:
        torch.manual_seed(seed)
        model = ns["Seq2SeqTransformer"](ns["vocab_size"], ns["d_model"], ns["num_heads"], ns["d_ff"], ns["num_layers"],
                                         ns["dropout"]).to(device)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        history = ns["train_reversal"](model, ns["max_steps"], torch.Generator().manual_seed(seed), log=lambda *_: None)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        test_exact = ns["exact_match"](model, *ns["test_set"])
        print(f"{seed:4d} {history['step'][-1]:6d} {wall:7.1f} {cpu:7.1f} {history['val_exact'][-1]:9.1%} "
              f"{test_exact:10.1%}  {load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats of each attention call; the best is kept")
    parser.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's default)")
    parser.add_argument("--lengths", type=int, nargs="+", default=[32, 128, 512, 1024], help="sequence lengths n")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="seeds of the toy-task runs")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--part", choices=["attention", "toy", "both"], default="both")
    args = parser.parse_args()
    os.environ["AIPATH_DEVICE"] = args.device
    threads = args.threads or torch.get_num_threads()
    ns = notebook_code()
    torch.set_num_threads(threads)       # after the Config cell, which pins the fast profile to one thread
    device = torch.device(args.device)
    print(f"torch {torch.__version__}, {os.cpu_count()} CPUs, load average {load()}")
    if args.part in ("attention", "both"):
        bench_attention(ns, args.lengths, args.repeats, device)
    if args.part in ("toy", "both"):
        bench_toy_task(ns, args.seeds, device)


if __name__ == "__main__":
    main()
