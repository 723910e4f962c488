"""``benchmarks/thresholds.py`` stays true to the notebooks: every threshold is read after a test cell
that exists, every notebook's Config cell has the ``SEED = 0`` line the script replaces, and a bar a
notebook binds to the threshold's name (``min_test_accuracy = {"full": 0.94, "fast": 0.85}[PROFILE]``,
``max_accuracy_gap = 0.05``) is the bar the table measures margins against. Nothing is executed."""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import thresholds  # noqa: E402  (a script of benchmarks/, not a package)

CONFIG_BAR = re.compile(r"^[ \t]*(\w+) = (\{[^}\n]*\})\[PROFILE\]|^[ \t]*(\w+) = ([-0-9.e]+)\s*(?:#|$)", re.MULTILINE)


def config_bars(notebook: str) -> dict[str, dict]:
    """Names the notebook's code binds to a per-profile dict or a number, as {name: {profile: value}}."""
    nb = nbformat.read(REPO / "notebooks" / f"{notebook}.ipynb", as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    bars = {}
    for per_profile, dict_text, name, number in CONFIG_BAR.findall(source):
        if per_profile:
            bars[per_profile] = ast.literal_eval(dict_text)
        else:
            bars[name] = {"full": float(number), "fast": float(number)}
    return bars


@pytest.mark.parametrize("notebook", sorted(thresholds.THRESHOLDS))
def test_every_threshold_is_read_after_a_cell_that_exists(notebook):
    cells = thresholds.seeded_cells(notebook, 7, thresholds.THRESHOLDS[notebook]).cells  # SystemExit: a stop is missing
    [config] = [c for c in cells if c.metadata.get("nbgrader", {}).get("grade_id") == "config"]
    assert re.search(r"^SEED = 7\b", config.source, re.MULTILINE)
    assert sum(thresholds.MARK in c.source for c in cells) == len({t.stop for t in thresholds.THRESHOLDS[notebook]})


@pytest.mark.parametrize("notebook", sorted(thresholds.THRESHOLDS))
def test_bars_named_in_the_config_cell_are_the_tables_bars(notebook):
    named = config_bars(notebook)
    for t in thresholds.THRESHOLDS[notebook]:
        assert set(t.bars) == {"full", "fast"}, t.name
        assert t.op in (">=", "<="), t.name
        variable = re.match(r"\w+", t.name).group()
        if variable in named:
            assert named[variable] == pytest.approx(t.bars), f"{notebook}: {variable} is {named[variable]} in Config"


def test_a_changed_config_bar_is_caught(monkeypatch):
    notebook = "02_deep_learning/02_pytorch_fundamentals"
    assert config_bars(notebook)["min_test_accuracy"] == {"full": 0.94, "fast": 0.85}
    monkeypatch.setattr(thresholds, "THRESHOLDS", {notebook: [
        thresholds.Threshold("min_test_accuracy", 'test_metrics["accuracy"]', ">=", {"full": 0.95, "fast": 0.85},
                             "test_mnist_accuracy")]})
    with pytest.raises(AssertionError, match="min_test_accuracy"):
        test_bars_named_in_the_config_cell_are_the_tables_bars(notebook)
