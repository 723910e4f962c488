"""The package versions the course's checks were validated with, and a check of what is installed.

Used by each notebook's Colab bootstrap cell: Colab ships its own numpy/torch/…; where they differ
from what the checks were validated with, the learner gets a clear message instead of a mystery.
"""
from __future__ import annotations

from importlib import metadata

# What CI installs (pyproject.toml, `make install`); tests/test_colab.py keeps this list true.
VALIDATED = {
    "numpy": "2.4.6",
    "scipy": "1.17.1",
    "scikit-learn": "1.9.1",
    "matplotlib": "3.11.2",
    "torch": "2.14.1",
    "torchvision": "0.29.1",
}


def _minor(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split("+")[0].split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def check_versions(packages: list[str], *, echo=print) -> list[str]:
    """Compare installed versions with VALIDATED (major.minor); returns one line per mismatch."""
    problems = []
    for name in packages:
        want = VALIDATED[name]
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name} is not installed (validated with {want}): pip install {name}=={want}")
            continue
        if _minor(have) != _minor(want):
            problems.append(f"{name} {have} is installed; the checks were validated with {want}. "
                            f"Most checks still hold; if one fails oddly: pip install {name}=={want}, "
                            f"then Runtime → Restart session.")
    for line in problems:
        echo(f"aipath: {line}")
    if not problems:
        echo(f"aipath: {', '.join(packages)} match the validated versions.")
    return problems
