"""AUTHORING.md stays true to the tree: every path it names exists (a ``<phase>``/``<stem>`` pattern
matches at least one file), every ``file.py::test`` names a test in that file, every ``make`` target and
``autograder`` sub-command it tells an author to run exists, and every check helper it shows is exported
by ``aipath.checks``."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import aipath.checks
from autograder.cli import build_parser

REPO = Path(__file__).resolve().parent.parent
GUIDE = (REPO / "AUTHORING.md").read_text()
SPANS = re.findall(r"`([^`\n]+)`", GUIDE)
TOP = ("aipath/", "autograder/", "tests/", "benchmarks/", "website/", "notebooks/", "release/")
PLACEHOLDER = re.compile(r"<[a-z_]+>")


def named_paths() -> list[str]:
    """Spans that are repository paths: under a top-level folder, or a file at the root."""
    paths = []
    for span in SPANS:
        path = span.split("::")[0].removeprefix(".venv/bin/")
        if " " in path or "…" in path or "*" in path:
            continue
        if path.startswith(TOP) or re.fullmatch(r"[A-Za-z_]+\.(md|py|toml)", path):
            paths.append(span)
    return paths


@pytest.mark.parametrize("span", named_paths())
def test_every_path_the_guide_names_exists(span):
    path, _, test = span.partition("::")
    pattern = PLACEHOLDER.sub("*", path)
    found = sorted(REPO.glob(pattern)) if "*" in pattern else [REPO / path] if (REPO / path).exists() else []
    assert found, f"AUTHORING.md names `{span}`, which matches nothing in the repository"
    if test:
        assert re.search(rf"^def {re.escape(test)}\(", found[0].read_text(), re.M), \
            f"AUTHORING.md names `{span}`: {path} has no test {test}"


def test_every_make_target_and_autograder_command_it_gives_exists():
    targets = set(re.findall(r"^([a-z][a-z-]*):", (REPO / "Makefile").read_text(), re.M))
    commands = set(build_parser()._subparsers._group_actions[0].choices)
    named_targets = {m for span in SPANS for m in re.findall(r"\bmake ([a-z][a-z-]*)", span)}
    named_commands = {m for span in SPANS for m in re.findall(r"\bautograder ([a-z]+)", span)}
    assert named_targets and named_commands, "the guide's commands were not found: update this test"
    assert named_targets <= targets, f"AUTHORING.md runs make targets the Makefile lacks: {named_targets - targets}"
    assert named_commands <= commands, f"AUTHORING.md runs autograder commands that do not exist: {named_commands - commands}"


def test_every_check_helper_it_shows_is_in_aipath_checks():
    shown = {m for span in SPANS for m in re.findall(r"\b((?:assert|expect)_[a-z_]+|gradient_check|no_numpy_warnings)\b", span)}
    assert len(shown) >= 5, "the guide's check helpers were not found: update this test"
    missing = sorted(name for name in shown if not callable(getattr(aipath.checks, name, None)))
    assert not missing, f"AUTHORING.md shows check helpers aipath.checks does not have: {missing}"
