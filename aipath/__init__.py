"""Learner helpers for the aipath curriculum: one concept per module.

- ``aipath.device``  — CPU or CUDA, overridable with ``AIPATH_DEVICE``
- ``aipath.profile`` — ``full`` (learners) or ``fast`` (CI), from ``AIPATH_PROFILE``
- ``aipath.seed``    — seed python, numpy and torch in one call
- ``aipath.data``    — data root, canonical downloads with checksums, offline mirrors
- ``aipath.checks``  — exercise checks whose failures say what to fix; ``with exercise(...)``,
  ``expect`` and ``ready`` for check and plot cells
- ``aipath.hints``   — ``hint("exercise")``: progressive hints, never the solution
- ``aipath.progress``— ``aipath progress``: which exercises of each phase pass
- ``aipath.study_plan`` — the course timeline as data; the pace ``aipath progress --start`` reports
- ``aipath.serving`` / ``aipath.retrain`` — phase 4's model service (FastAPI) and retraining pipeline
  (imported on demand: they need the ``mlops`` extra)
"""
from aipath.checks import (
    CheckFailed,
    assert_close,
    assert_decreasing,
    assert_dtype,
    assert_finite,
    assert_shape,
    exercise,
    expect,
    ready,
)
from aipath.device import get_device
from aipath.hints import hint
from aipath.profile import get_profile
from aipath.seed import seed_everything

__all__ = [
    "CheckFailed",
    "assert_close",
    "assert_decreasing",
    "assert_dtype",
    "assert_finite",
    "assert_shape",
    "exercise",
    "expect",
    "ready",
    "get_device",
    "hint",
    "get_profile",
    "seed_everything",
]
