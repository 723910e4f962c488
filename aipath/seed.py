"""Seed every random number generator a notebook uses, in one call."""
from __future__ import annotations

import os
import random
import sys

import numpy as np


def seed_everything(seed: int, *, deterministic: bool = False) -> np.random.Generator:
    """Seed python's ``random``, numpy's global RNG and torch (CPU and CUDA) when it is imported.

    Import torch before calling this (the Config cell's imports come first): a notebook that never
    uses torch then does not pay for importing it.

    Returns a fresh ``np.random.Generator(seed)`` for code that prefers explicit generators.
    deterministic=True also asks torch for deterministic kernels (slower on CUDA).
    """
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}.")
    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed % 2**32)
    os.environ["PYTHONHASHSEED"] = str(seed)
    torch = sys.modules.get("torch")
    if torch is None:
        return np.random.default_rng(seed)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)
    if deterministic:
        torch.use_deterministic_algorithms(True, warn_only=True)
        torch.backends.cudnn.benchmark = False
    return np.random.default_rng(seed)
