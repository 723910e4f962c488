"""The first two cells of every student notebook: an "Open in Colab" badge and a bootstrap cell.

Both are generated at release time from one configured location (``[tool.aipath]`` in
pyproject.toml: ``repository = "owner/name"``, ``branch``), never typed by hand. The bootstrap
installs the helper package (and the pinned scikit-learn the checks rely on) on Colab only, checks the
versions Colab ships, and does nothing anywhere else.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell

BADGE_SVG = "https://colab.research.google.com/assets/colab-badge.svg"
ROLE_KEY = "aipath"


def course_location(repo: Path) -> tuple[str, str]:
    """[tool.aipath] of the course's pyproject.toml; a course folder without one (a scratch course)
    takes this checkout's."""
    pyproject = repo / "pyproject.toml"
    if not pyproject.is_file():
        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    config = tomllib.loads(pyproject.read_text())["tool"]["aipath"]
    return config["repository"], config.get("branch", "main")


def colab_url(repository: str, branch: str, assignment: str, name: str) -> str:
    return f"https://colab.research.google.com/github/{repository}/blob/{branch}/release/{assignment}/{name}"


def badge_cell(repository: str, branch: str, assignment: str, name: str):
    cell = new_markdown_cell(f"[![Open In Colab]({BADGE_SVG})]({colab_url(repository, branch, assignment, name)})")
    cell.metadata[ROLE_KEY] = {"role": "colab-badge"}
    return cell


def bootstrap_cell(repository: str, branch: str, packages: list[str]):
    from aipath.environment import VALIDATED

    source = f'''# Colab only: install the course helpers this notebook imports. Does nothing anywhere else.
import sys
if "google.colab" in sys.modules:
    import subprocess
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                    "aipath @ git+https://github.com/{repository}@{branch}",
                    "scikit-learn=={VALIDATED["scikit-learn"]}"], check=True)
    from aipath.environment import check_versions
    check_versions({packages!r})'''
    cell = new_code_cell(source)
    cell.metadata[ROLE_KEY] = {"role": "colab-bootstrap"}
    return cell


def needed_packages(nb) -> list[str]:
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    packages = ["numpy", "scipy", "scikit-learn", "matplotlib"]
    if "import torch" in code or "from torch" in code:
        packages.append("torch")
    if "torchvision" in code:
        packages.append("torchvision")
    return packages


def add_colab_cells(path: Path, assignment: str, repo: Path) -> None:
    """Put the badge and the bootstrap cell at the top of a released notebook (idempotent)."""
    repository, branch = course_location(repo)
    nb = nbformat.read(str(path), as_version=4)
    nb.cells = [c for c in nb.cells if ROLE_KEY not in c.metadata]
    nb.cells[:0] = [badge_cell(repository, branch, assignment, path.name),
                    bootstrap_cell(repository, branch, needed_packages(nb))]
    for cell in nb.cells[:2]:  # stable ids, so a regenerated release is byte-identical
        cell.id = f"aipath-{cell.metadata[ROLE_KEY]['role']}"
    nbformat.write(nb, str(path))
