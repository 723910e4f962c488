import random

import numpy as np
import pytest
import torch

from aipath.device import device_name, get_device
from aipath.profile import get_profile
from aipath.seed import seed_everything


@pytest.mark.parametrize("requested,cuda,expected", [
    ("auto", True, "cuda"), ("auto", False, "cpu"), ("cpu", True, "cpu"), ("cuda", True, "cuda"),
    (" CPU ", False, "cpu"),
])
def test_device_name(requested, cuda, expected):
    assert device_name(requested, cuda_available=cuda) == expected


def test_device_env_override(monkeypatch):
    monkeypatch.setenv("AIPATH_DEVICE", "cpu")
    assert device_name(cuda_available=True) == "cpu"
    assert get_device() == torch.device("cpu")


def test_device_cuda_requested_without_cuda_says_how_to_fall_back():
    with pytest.raises(RuntimeError, match="AIPATH_DEVICE=cuda but no CUDA.*auto"):
        device_name("cuda", cuda_available=False)


def test_device_rejects_unknown_choice():
    with pytest.raises(ValueError, match="'gpu' is not a device choice"):
        device_name("gpu", cuda_available=False)


def test_get_device_matches_torch():
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert get_device("auto").type == expected


def test_profile(monkeypatch):
    monkeypatch.delenv("AIPATH_PROFILE", raising=False)
    assert get_profile() == "full"
    monkeypatch.setenv("AIPATH_PROFILE", "FAST")
    assert get_profile() == "fast"
    with pytest.raises(ValueError, match="'quick' is not a profile"):
        get_profile("quick")


def test_seed_everything_repeats_python_numpy_and_torch():
    def draw():
        rng = seed_everything(7)
        return random.random(), np.random.rand(), torch.rand(1).item(), rng.random()
    assert draw() == draw()
    seed_everything(8)
    assert np.random.rand() != (seed_everything(7), np.random.rand())[1]


@pytest.mark.parametrize("bad", [-1, 1.5, "3", True])
def test_seed_everything_rejects_bad_seeds(bad):
    with pytest.raises(ValueError, match="non-negative int"):
        seed_everything(bad)
