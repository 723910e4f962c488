"""`aipath progress` on a fabricated half-done copy of phase 1: exact counts per notebook."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from aipath.progress import check_notebook
from autograder.fabricate import answered

REPO = Path(__file__).resolve().parent.parent
RELEASE = REPO / "release" / "01_math"


def checks_in(path: Path) -> int:
    return sum(bool(c.metadata.get("nbgrader", {}).get("grade")) for c in nbformat.read(str(path), as_version=4).cells)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    copy = tmp_path_factory.mktemp("learner") / "01_math"
    shutil.copytree(RELEASE, copy)
    for stem, cells in [("01_linear_algebra", None),
                        ("04_linear_regression", ["add_intercept", "fit_least_squares", "mse_gradient"])]:
        name = f"{stem}.ipynb"
        nbformat.write(answered(RELEASE / name, REPO / "notebooks" / "01_math" / name, cells), str(copy / name))
    png = copy.parent / "progress.png"
    proc = subprocess.run([sys.executable, "-m", "aipath.cli", "progress", str(copy), "--png", str(png)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = {m.group(1): (int(m.group(2)), int(m.group(3)))
            for m in re.finditer(r"^1 · Foundations\s+(\S+(?: \S+)*?)\s+(\d+)\s+(\d+)\s*$", proc.stdout, re.M)}
    return rows, proc.stdout, png


def test_counts_per_notebook_are_exact(report):
    rows, out, _ = report
    for path in sorted(RELEASE.glob("*.ipynb")):
        total = checks_in(path)
        expected = {"01_linear_algebra": total, "04_linear_regression": 3}.get(path.stem, 0)
        assert rows[path.stem] == (expected, total), f"{path.stem}: {rows.get(path.stem)} in\n{out}"


def test_phase_total_and_unstarted_phases(report):
    rows, out, png = report
    total = sum(checks_in(p) for p in RELEASE.glob("*.ipynb"))
    passed = checks_in(RELEASE / "01_linear_algebra.ipynb") + 3
    assert rows["= phase total"] == (passed, total)
    for title in ["2 · Deep learning", "3 · Papers", "4 · MLOps", "5 · Portfolio"]:
        assert re.search(rf"^{title}\s+\(not started\)", out, re.M), out
    assert png.stat().st_size > 10_000 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_instructor_sources_are_refused():
    result = check_notebook(REPO / "notebooks" / "01_math" / "04_linear_regression.ipynb")
    assert result.error and "instructor source" in result.error and result.total == 0
