"""Time the hand-written RNN of 05_rnn_lstm against nn.RNN, and the char-LSTM's training throughput.

    .venv/bin/python benchmarks/bench_02_rnn.py [--repeats 5] [--threads N] [--steps 20]

Everything comes from the notebook's solution cells (only the cells named in ``CELLS`` run; the
character-level part needs tiny Shakespeare in the data root, ``$AIPATH_DATA_DIR``), on the CPU.

1. ``rnn_forward`` (a Python loop over ``rnn_cell``) vs ``nn.RNN(batch_first=True)`` with the same
   weights and the same float32 input: one timed call is a forward pass plus a backward pass of the
   sum of the outputs (gradients of the input and of the four parameters). Calls of the two are
   interleaved, each timing is the best of ``--repeats`` (``time.perf_counter``), ratio = ours / torch.
   The last column is the largest difference between the two outputs, a reminder that they agree.
2. The notebook's ``CharLSTM`` trained as in the notebook (AdamW, ``get_batch`` windows, ``lm_loss``)
   at the fast- and full-profile sizes: windows (samples) per second and characters per second, from
   the best of ``--repeats`` runs of ``--steps`` optimizer steps after two warm-up steps.
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

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_deep_learning" / "05_rnn_lstm.ipynb"
CELLS = ("config", "rnn_cell", "rnn_forward", "lm_data", "encode_decode", "lm_split", "get_batch",
         "char_lstm", "lm_loss")                       # grade_ids of the cells to run, in order
RNN_SIZES = [(32, 50, 64), (32, 100, 128), (64, 200, 256)]   # (batch, seq, hidden); input size 32
INPUT_SIZE = 32
LM_SIZES = {  # profile -> (embed_dim, hidden_size, block_size, batch_size), as in the notebook's Config cell
    "fast": (32, 128, 64, 32),
    "full": (64, 256, 128, 32),
}


def notebook_code(path: Path = NOTEBOOK) -> dict:
    """Run the selected cells of the source notebook (fast profile, CPU); return the namespace."""
    os.environ.setdefault("AIPATH_PROFILE", "fast")
    os.environ.setdefault("AIPATH_DEVICE", "cpu")
    nb = nbformat.read(str(path), as_version=4)
    by_id = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}
    ns: dict = {"__name__": f"notebook:{path.stem}"}
    for cell_id in CELLS:
        with contextlib.redirect_stdout(io.StringIO()):     # the data cells print samples
            exec(compile(by_id[cell_id].source, f"{path}:{cell_id}", "exec"), ns)
    return ns


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def bench_rnn(ns: dict, repeats: int) -> None:
    rnn_forward = ns["rnn_forward"]
    print(f"{'RNN fwd+bwd (CPU)':18s} {'B x T x H':>14s} {'ours_s':>9s} {'torch_s':>9s} {'ratio':>7s}  max|diff|")
    for batch, seq, hidden in RNN_SIZES:
        torch.manual_seed(0)
        rnn = nn.RNN(INPUT_SIZE, hidden, batch_first=True)
        params = [rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0]
        x = torch.randn(batch, seq, INPUT_SIZE, requires_grad=True)
        h0 = torch.zeros(batch, hidden)

        def ours():
            out, _ = rnn_forward(x, h0, *params)
            out.sum().backward()
            return out

        def theirs():
            out, _ = rnn(x, h0.unsqueeze(0))
            out.sum().backward()
            return out

        ours(), theirs()                                    # warm-up
        times = {"ours": float("inf"), "torch": float("inf")}
        for _ in range(repeats):                            # interleaved, so load affects both alike
            times["ours"] = min(times["ours"], timed(ours))
            times["torch"] = min(times["torch"], timed(theirs))
        with torch.no_grad():
            diff = float((rnn_forward(x, h0, *params)[0] - rnn(x, h0.unsqueeze(0))[0]).abs().max())
        print(f"{'rnn_forward':18s} {f'{batch} x {seq} x {hidden}':>14s} {times['ours']:9.4f} {times['torch']:9.4f} "
              f"{times['ours'] / times['torch']:7.2f}  {diff:.1e}")


def bench_char_lstm(ns: dict, repeats: int, steps: int) -> None:
    CharLSTM, get_batch, lm_loss = ns["CharLSTM"], ns["get_batch"], ns["lm_loss"]
    train_data, V = ns["train_data"], ns["V"]
    print(f"\n{'char-LSTM training (CPU)':26s} {'E/H/T/B':>16s} {'s/step':>8s} {'windows/s':>10s} {'chars/s':>9s}")
    for profile, (embed_dim, hidden, block, batch) in LM_SIZES.items():
        torch.manual_seed(0)
        model = CharLSTM(V, embed_dim, hidden)
        optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
        generator = torch.Generator().manual_seed(0)

        def train(n):
            for _ in range(n):
                x, y = get_batch(train_data, block, batch, generator)
                optimizer.zero_grad(set_to_none=True)
                loss = lm_loss(model(x), y)
                loss.backward()
                optimizer.step()

        train(2)                                            # warm-up
        best = min(timed(train, steps) for _ in range(repeats))
        per_step = best / steps
        print(f"{f'CharLSTM ({profile} sizes)':26s} {f'{embed_dim}/{hidden}/{block}/{batch}':>16s} {per_step:8.4f} "
              f"{batch / per_step:10.0f} {batch * block / per_step:9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats; the best is kept")
    parser.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's default)")
    parser.add_argument("--steps", type=int, default=20, help="optimizer steps per char-LSTM repeat")
    args = parser.parse_args()
    threads = args.threads or torch.get_num_threads()
    ns = notebook_code()
    torch.set_num_threads(threads)        # after the Config cell, which pins the fast profile to one thread
    print(f"torch {torch.__version__}, {torch.get_num_threads()} CPU threads, load average "
          f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    bench_rnn(ns, args.repeats)
    bench_char_lstm(ns, args.repeats, args.steps)


if __name__ == "__main__":
    main()
