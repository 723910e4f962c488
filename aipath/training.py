"""Small PyTorch training utilities, taught in phase 2 and imported afterwards.

- :func:`train_one_epoch` — one pass over a loader: zero_grad → forward → loss → backward → step;
- :func:`evaluate` — mean loss and accuracy in ``model.eval()`` under ``torch.no_grad()``;
- :func:`fit` — epochs of both, with a progress bar and a history dict for plotting.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import torch
from torch import nn


def train_one_epoch(model: nn.Module, loader: Iterable, loss_fn: Callable, optimizer: torch.optim.Optimizer,
                    device: torch.device | str = "cpu", *, progress=None) -> float:
    """One epoch of mini-batch training; returns the mean training loss over samples."""
    model.train()
    total, count = 0.0, 0
    for X, y in loader:
        X, y = X.to(device), y.to(device)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(X), y)            # mean over the batch
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
        count += len(y)
        if progress is not None:
            progress.update(1)
            progress.set_postfix(loss=f"{loss.item():.4f}")
    return total / max(count, 1)


@torch.no_grad()
def evaluate(model: nn.Module, loader: Iterable, loss_fn: Callable | None = None,
             device: torch.device | str = "cpu") -> dict[str, float]:
    """Mean loss (if loss_fn) and accuracy of a classifier over a loader, in eval mode."""
    was_training = model.training
    model.eval()
    total, correct, count = 0.0, 0, 0
    for X, y in loader:
        X, y = X.to(device), y.to(device)
        logits = model(X)                      # (B, C)
        if loss_fn is not None:
            total += loss_fn(logits, y).item() * len(y)
        correct += (logits.argmax(dim=1) == y).sum().item()
        count += len(y)
    model.train(was_training)
    out = {"accuracy": correct / max(count, 1)}
    if loss_fn is not None:
        out["loss"] = total / max(count, 1)
    return out


def fit(model: nn.Module, train_loader, val_loader, loss_fn: Callable, optimizer: torch.optim.Optimizer,
        num_epochs: int, device: torch.device | str = "cpu", *, scheduler=None,
        show_progress: bool = True) -> dict[str, list[float]]:
    """Train for num_epochs; returns history with train_loss, val_loss, val_accuracy, seconds per epoch."""
    from tqdm.auto import tqdm

    history: dict[str, list[float]] = {"train_loss": [], "val_loss": [], "val_accuracy": [], "seconds": []}
    for epoch in range(num_epochs):
        start = time.perf_counter()
        with tqdm(total=len(train_loader), desc=f"epoch {epoch + 1}/{num_epochs}", leave=False,
                  disable=not show_progress) as bar:
            train_loss = train_one_epoch(model, train_loader, loss_fn, optimizer, device, progress=bar)
        if scheduler is not None:
            scheduler.step()
        val = evaluate(model, val_loader, loss_fn, device)
        history["train_loss"].append(train_loss)
        history["val_loss"].append(val["loss"])
        history["val_accuracy"].append(val["accuracy"])
        history["seconds"].append(time.perf_counter() - start)
        if show_progress:
            print(f"epoch {epoch + 1}/{num_epochs}: train loss {train_loss:.4f}  "
                  f"val loss {val['loss']:.4f}  val accuracy {val['accuracy']:.4f}  ({history['seconds'][-1]:.1f} s)")
    return history
