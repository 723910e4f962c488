"""Progressive hints: every exercise has them, none reveals a solution, and checks point to them."""
import re
from pathlib import Path

import nbformat
import pytest

from aipath import hints
from aipath.checks import CheckFailed, assert_close

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted((REPO / "notebooks").rglob("*.ipynb"))


def exercise_labels() -> dict[str, str]:
    """exercise label -> notebook stem, from the check calls in every graded cell."""
    labels: dict[str, str] = {}
    for path in SOURCES:
        for cell in nbformat.read(str(path), as_version=4).cells:
            if cell.metadata.get("nbgrader", {}).get("grade"):
                for label in re.findall(r'exercise="([^"]+)"', cell.source):
                    assert labels.setdefault(label, path.stem) == path.stem, \
                        f"exercise label {label!r} is used in {labels[label]} and {path.stem}: labels must be unique"
    return labels


def solution_lines() -> set[str]:
    lines = set()
    for path in SOURCES:
        for cell in nbformat.read(str(path), as_version=4).cells:
            for region in re.findall(r"### BEGIN SOLUTION(.*?)### END SOLUTION", cell.source, flags=re.S):
                lines |= {line.strip() for line in region.splitlines() if len(line.strip()) >= 20}
    return lines


@pytest.fixture(autouse=True)
def fresh_hint_state(monkeypatch):
    monkeypatch.setattr(hints, "_shown", {})
    monkeypatch.setattr(hints, "last_failed", None)


def test_every_exercise_has_at_least_three_hints_in_its_notebook():
    table = hints.all_hints()
    for label, notebook in exercise_labels().items():
        assert label in table, f"no hints for exercise {label!r} ({notebook}) in aipath/hints/"
        assert table[label]["notebook"] == notebook, f"hints for {label!r} name notebook {table[label]['notebook']}"
        assert len(table[label]["hints"]) >= 3, f"{label!r} needs at least 3 hints"


def test_no_hint_reveals_a_line_of_a_solution():
    lines = solution_lines()
    assert len(lines) > 100
    for label, entry in hints.all_hints().items():
        for text in entry["hints"]:
            assert "### BEGIN SOLUTION" not in text
            leaked = [line for line in lines if line in text]
            assert not leaked, f"hint for {label!r} contains solution code: {leaked[0]!r}"


def test_hints_are_revealed_one_at_a_time_and_stop_at_the_last():
    n = len(hints.all_hints()["fit_ridge"]["hints"])
    shown = [hints.reveal("fit_ridge") for _ in range(n + 1)]
    assert shown[0].startswith(f"**Hint 1/{n} for `fit_ridge`**")
    assert shown[1].startswith(f"**Hint 2/{n}")
    assert shown[n - 1] == shown[n] and "that was the last hint" in shown[n]
    assert hints.reveal("fit_ridge", level=1) == shown[0]


def test_unknown_exercise_suggests_a_close_name():
    with pytest.raises(ValueError, match="no hints for 'fit_rigde'. Did you mean 'fit_ridge'"):
        hints.hint("fit_rigde")


def test_a_failed_check_points_to_its_hints_and_bare_hint_follows_it():
    with pytest.raises(CheckFailed, match=r'Stuck\? hint\("fit_ridge"\) shows a nudge'):
        assert_close([1.0], [2.0], exercise="fit_ridge")
    assert "for `fit_ridge`" in hints.reveal()


def test_bare_hint_before_any_failure_says_what_to_pass():
    with pytest.raises(ValueError, match='hint\\(\\) needs an exercise name'):
        hints.hint()


def test_hint_prints_outside_jupyter(capsys):
    assert hints.hint("add_intercept") is None
    assert "Hint 1/" in capsys.readouterr().out
