"""The README's Layout section is the map of the repository, and it stays true.

The section is one fenced block, one entry per line: a path, then what it is; an entry indented
deeper than the one above it lives in that folder (``aipath/`` then ``  checks.py`` is
``aipath/checks.py``). Every module of ``aipath/`` and ``autograder/`` and of their sub-packages
(``aipath/learner/``, ``aipath/mlops/``: every ``*.py`` but ``__init__``/``__main__``, and every folder
at any depth) and every tracked top-level folder must be listed,
and every listed path must exist, or be a folder ``.gitignore`` keeps out of the repository
(``my-work/``, ``.venv/``: made by the Makefile).
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("aipath", "autograder")
SECTION = re.compile(r"^## Layout\n(.*?)(?=^## |\Z)", re.S | re.M)
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)


def layout_entries(readme: str) -> list[str]:
    """The paths the Layout section lists, folders ending in '/', nesting resolved by indentation."""
    section = SECTION.search(readme)
    assert section, "README.md has no '## Layout' section"
    block = FENCE.search(section.group(1))
    assert block, "README.md's Layout section has no fenced block of entries"
    stack: list[tuple[int, str]] = []  # (indent, folder path) of the enclosing folders
    entries = []
    for line in block.group(1).splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        name = line.split()[0]
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = (stack[-1][1] if stack else "") + name
        entries.append(path)
        if name.endswith("/"):
            stack.append((indent, path))
    return entries


def package_modules() -> set[str]:
    """Every module (not __init__/__main__) and folder of aipath/ and autograder/ at any depth, as
    'aipath/learner/cli.py' and 'aipath/learner/' (data folders too: 'aipath/hints/')."""
    found = set()
    for package in PACKAGES:
        for path in (REPO / package).rglob("*"):
            parts = path.relative_to(REPO).parts
            if any(part == "__pycache__" or part.startswith(".") for part in parts):
                continue
            if path.is_file() and path.suffix == ".py" and path.stem not in ("__init__", "__main__"):
                found.add("/".join(parts))
            elif path.is_dir():
                found.add("/".join(parts) + "/")
    return found


def tracked_top_level_folders() -> set[str]:
    try:
        files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"not a git checkout ({exc}): the tracked folders are unknown")
    return {line.split("/", 1)[0] + "/" for line in files.splitlines() if "/" in line}


def ignored_top_level_folders() -> set[str]:
    """Folders .gitignore names as '/name/' or 'name/' (one path component): never in a clone."""
    lines = (REPO / ".gitignore").read_text().splitlines()
    return {line.strip().lstrip("/") for line in lines
            if re.fullmatch(r"/?[^/*?\[\s#!]+/", line.strip())}


@pytest.fixture(scope="module")
def entries() -> list[str]:
    return layout_entries((REPO / "README.md").read_text(encoding="utf-8"))


def test_every_module_of_aipath_and_autograder_is_listed(entries):
    missing = sorted(package_modules() - set(entries))
    assert not missing, ("README.md's Layout section does not list " + ", ".join(missing)
                         + ": add one line each under its package (what it is, in a few words)")


def test_every_tracked_top_level_folder_is_listed(entries):
    listed = {entry.split("/", 1)[0] + "/" for entry in entries}
    missing = sorted(tracked_top_level_folders() - listed)
    assert not missing, f"README.md's Layout section does not list the tracked folder(s) {missing}"


def test_every_listed_path_exists(entries):
    ignored = ignored_top_level_folders()
    absent = [entry for entry in entries
              if not (REPO / entry).exists() and not (entry.count("/") == 1 and entry in ignored)]
    assert not absent, (f"README.md's Layout section lists {absent}, which do not exist "
                        "(moved or renamed? a folder the Makefile makes must be in .gitignore)")


def test_the_parser_nests_by_indentation_and_sees_a_missing_module():
    readme = ("# x\n## Layout\n\ntext\n\n```\nMakefile      commands\naipath/       helpers\n  checks.py   checks\n"
              "  hints/      hints\n    a.toml    one\n  seed.py     seeds\ntests/        tests\n```\n## Next\n```\nnot/ this\n```\n")
    assert layout_entries(readme) == ["Makefile", "aipath/", "aipath/checks.py", "aipath/hints/",
                                      "aipath/hints/a.toml", "aipath/seed.py", "tests/"]
    assert "autograder/cli.py" not in layout_entries(readme)


def test_modules_of_sub_packages_must_be_listed_too(entries):
    """A sub-package's modules are held to the same rule as the top level's (aipath/learner/cli.py)."""
    modules = package_modules()
    assert "aipath/learner/cli.py" in modules and "aipath/mlops/serving.py" in modules
    assert {"aipath/learner/cli.py", "aipath/mlops/serving.py"} <= set(entries)
