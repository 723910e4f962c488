"""The GPT of 06_gpt_from_scratch: validation loss vs the char-LSTM at equal training time, the KV cache's
speed-up by generated length, and the seeds behind the notebook's ``val_bound``.

    .venv/bin/python benchmarks/bench_03_gpt.py [--profile fast|full] [--threads N]
        [--seconds S] [--lengths 32 64 128 256 512] [--seeds 0 1 2 3 4 5] [--skip compare,kv]

Everything comes from the notebook's own cells (only the cells named in ``CELLS`` run; tiny Shakespeare
must be in the data root, ``$AIPATH_DATA_DIR``), on the CPU, at the sizes of the chosen profile's Config.

1. **Equal time** (``--seconds``, default: the notebook's profile time): the notebook's ``GPT`` and
   ``CharLSTM`` each trained by the notebook's ``train_lm`` for the same number of seconds of optimizer
   steps (validation excluded), on the same windows of the same split; the table gives both validation
   losses (nats/char, 20 fixed windows) at a few shared times, read off each curve at its last
   measurement before that time.
2. **KV cache**: the notebook's ``generate`` (greedy, one sequence, 1-token prompt) with and without the
   cache, for each generated length; a model of the profile's width and depth whose ``block_size`` fits
   the longest length (untrained: the cost does not depend on the weights). Best of ``--repeats`` runs,
   interleaved; ratio = without / with. The tokens are checked identical.
3. **Seeds** (``--seeds``): the notebook's training run (``num_steps`` steps) once per seed (the seed
   sets the initial weights and the windows); prints each final validation loss, the worst, and the
   margin to the notebook's ``val_bound``.
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

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_papers" / "06_gpt_from_scratch.ipynb"
CELLS = ("config", "data", "CausalSelfAttention", "mlp", "Block", "init_gpt_weights", "GPT", "train_fn",
         "top_k_logits", "generate", "char_lstm")      # grade_ids of the cells to run, in order


def notebook_code(profile: str) -> dict:
    """Run the selected cells of the source notebook (CPU, the given profile); return the namespace."""
    os.environ["AIPATH_PROFILE"] = profile
    os.environ.setdefault("AIPATH_DEVICE", "cpu")
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}
    ns: dict = {"__name__": f"notebook:{NOTEBOOK.stem}"}
    for cell_id in CELLS:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(by_id[cell_id].source, f"{NOTEBOOK}:{cell_id}", "exec"), ns)
    return ns


def new_gpt(ns: dict, seed: int, block_size: int | None = None):
    torch.manual_seed(seed)
    return ns["GPT"](ns["vocab_size"], block_size or ns["block_size"], ns["n_embd"], ns["n_head"], ns["n_layer"])


def loss_at(history: dict, t: float) -> float:
    """Validation loss of the last measurement at or before t seconds of training."""
    return [v for s, v in zip(history["seconds"], history["val_loss"]) if s <= t + 1e-9][-1]


def bench_equal_time(ns: dict, seconds: float) -> None:
    quiet = dict(log=lambda *_: None)
    gpt = new_gpt(ns, 0)
    gpt_history = ns["train_lm"](gpt, ns["lr"], seconds=seconds, **quiet)
    torch.manual_seed(0)
    lstm = ns["CharLSTM"](ns["vocab_size"], ns["lstm_embed_dim"], ns["lstm_hidden_size"])
    lstm_history = ns["train_lm"](lstm, ns["lstm_lr"], seconds=seconds, eval_every=3 * ns["eval_every"], **quiet)
    n_gpt, n_lstm = (sum(p.numel() for p in m.parameters()) for m in (gpt, lstm))
    print(f"\nEqual training time, {ns['PROFILE']} profile ({len(ns['train_data']):,} training characters), "
          f"{torch.get_num_threads()} thread(s): GPT {n_gpt:,} parameters, LSTM {n_lstm:,}")
    print(f"GPT {gpt_history['step'][-1]} steps ({gpt_history['step'][-1] / gpt_history['seconds'][-1]:.1f}/s), "
          f"LSTM {lstm_history['step'][-1]} steps ({lstm_history['step'][-1] / lstm_history['seconds'][-1]:.1f}/s)")
    print(f"{'seconds':>8}  {'GPT val':>8}  {'LSTM val':>8}  GPT - LSTM (nats/char)")
    end = min(gpt_history["seconds"][-1], lstm_history["seconds"][-1])
    for t in [end * f for f in (0.25, 0.5, 0.75)] + [end]:
        g, l = loss_at(gpt_history, t), loss_at(lstm_history, t)
        print(f"{t:8.1f}  {g:8.3f}  {l:8.3f}  {g - l:+.3f}")


def bench_kv_cache(ns: dict, lengths: list[int], repeats: int) -> None:
    model = new_gpt(ns, 0, block_size=max(lengths) + 1).eval()
    generate = ns["generate"]
    start = torch.zeros(1, 1, dtype=torch.long)
    print(f"\nKV cache, greedy generation after a 1-token prompt: GPT n_layer={ns['n_layer']}, n_embd={ns['n_embd']}, "
          f"{torch.get_num_threads()} thread(s), best of {repeats}")
    print(f"{'tokens':>6}  {'no cache':>10}  {'cache':>10}  speed-up")
    for n in lengths:
        best = {False: float("inf"), True: float("inf")}
        outputs = {}
        for _ in range(repeats):
            for use_cache in (False, True):
                t0 = time.perf_counter()
                outputs[use_cache] = generate(model, start, n, temperature=0.0, use_cache=use_cache)
                best[use_cache] = min(best[use_cache], time.perf_counter() - t0)
        same = torch.equal(outputs[False], outputs[True])
        print(f"{n:6d}  {best[False] * 1e3:8.1f} ms  {best[True] * 1e3:8.1f} ms  {best[False] / best[True]:6.2f}x"
              + ("" if same else "  TOKENS DIFFER"))


def bench_seeds(ns: dict, seeds: list[int]) -> None:
    print(f"\nSeeds, {ns['PROFILE']} profile: {ns['num_steps']} steps, {torch.get_num_threads()} thread(s)")
    print(f"{'seed':>4}  {'val loss':>8}  {'seconds':>7}")
    finals = []
    for seed in seeds:
        history = ns["train_lm"](new_gpt(ns, seed), ns["lr"], num_steps=ns["num_steps"], seed=seed, log=lambda *_: None)
        finals.append(history["val_loss"][-1])
        print(f"{seed:4d}  {finals[-1]:8.3f}  {history['seconds'][-1]:7.1f}", flush=True)
    worst = max(finals)
    print(f"best {min(finals):.3f}, worst {worst:.3f}, mean {sum(finals) / len(finals):.3f}; "
          f"notebook val_bound {ns['val_bound']} is {ns['val_bound'] - worst:+.3f} above the worst")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", choices=["fast", "full"], default=os.environ.get("AIPATH_PROFILE", "fast"),
                        help="the notebook Config's sizes (default: $AIPATH_PROFILE, else fast)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    parser.add_argument("--seconds", type=float, default=None,
                        help="training seconds for each model in the equal-time comparison (default: fast 20, full 240)")
    parser.add_argument("--lengths", type=int, nargs="+", default=[32, 64, 128, 256, 512],
                        help="generated lengths for the KV-cache table")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per length; the best counts (default 3)")
    parser.add_argument("--seeds", type=int, nargs="*", default=[], help="train once per seed (default: none)")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: compare, kv")
    args = parser.parse_args()
    ns = notebook_code(args.profile)
    torch.set_num_threads(args.threads)
    skip = set(filter(None, args.skip.split(",")))
    if "compare" not in skip:
        bench_equal_time(ns, args.seconds or {"fast": 20.0, "full": 240.0}[args.profile])
    if "kv" not in skip:
        bench_kv_cache(ns, args.lengths, args.repeats)
    if args.seeds:
        bench_seeds(ns, args.seeds)


if __name__ == "__main__":
    main()
