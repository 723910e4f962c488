"""Run profile: ``full`` (learners: real epochs, full data) or ``fast`` (CI: tiny subsets, few steps).

Both run the same code; a notebook's Config cell picks sizes from the profile, e.g.::

    PROFILE = get_profile()                     # 'full' unless AIPATH_PROFILE=fast
    num_epochs = {"full": 20, "fast": 2}[PROFILE]
"""
from __future__ import annotations

import os

ENV_VAR = "AIPATH_PROFILE"
PROFILES = ("full", "fast")


def get_profile(requested: str | None = None) -> str:
    """'full' or 'fast'; default ``$AIPATH_PROFILE`` or 'full'."""
    profile = (requested or os.environ.get(ENV_VAR) or "full").strip().lower()
    if profile not in PROFILES:
        raise ValueError(f"{ENV_VAR}={profile!r} is not a profile; use 'full' or 'fast'.")
    return profile
