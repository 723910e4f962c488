"""Device choice: CUDA when available, else CPU; ``AIPATH_DEVICE=cpu|cuda|auto`` overrides.

torch is imported lazily so that the maths notebooks run without it.
"""
from __future__ import annotations

import os

ENV_VAR = "AIPATH_DEVICE"
CHOICES = ("auto", "cpu", "cuda")


def device_name(requested: str | None = None, *, cuda_available: bool | None = None) -> str:
    """Resolve the device name: 'cpu' or 'cuda'.

    requested: 'auto', 'cpu' or 'cuda'; default ``$AIPATH_DEVICE`` or 'auto'.
    cuda_available: injected in tests; default asks torch (False if torch is absent).
    """
    choice = (requested or os.environ.get(ENV_VAR) or "auto").strip().lower()
    if choice not in CHOICES:
        raise ValueError(
            f"{ENV_VAR}={choice!r} is not a device choice; use one of {', '.join(CHOICES)}."
        )
    if cuda_available is None:
        cuda_available = _torch_cuda_available()
    if choice == "cuda" and not cuda_available:
        raise RuntimeError(
            f"{ENV_VAR}=cuda but no CUDA device is visible to torch. "
            f"Unset {ENV_VAR} (or set it to 'auto') to fall back to the CPU."
        )
    if choice == "auto":
        return "cuda" if cuda_available else "cpu"
    return choice


def get_device(requested: str | None = None):
    """The ``torch.device`` to train on (see :func:`device_name`)."""
    import torch

    return torch.device(device_name(requested))


def _torch_cuda_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())
