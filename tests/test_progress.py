"""`aipath progress` on a fabricated half-done copy of phase 1: exact counts per notebook; only the
notebooks whose cells changed run (the rest are "not started" or cached), quietly."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from aipath.learner.progress import check_notebook
from fabricate import answered

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
    proc = run_progress(copy, png)
    return rows_of(proc.stdout), proc.stdout, png, proc


def run_progress(*paths: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "aipath.learner.cli", "progress", *map(str, paths[:-1]), "--png", str(paths[-1]),
                           "--release", str(REPO / "release")], capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def rows_of(out: str) -> dict[str, tuple[int, int]]:
    return {m.group(1): (int(m.group(2)), int(m.group(3)))
            for m in re.finditer(r"^1 · Foundations\s+(\S+(?: \S+)*?)\s+(\d+)\s+(\d+)\s*$", out, re.M)}


def test_counts_per_notebook_are_exact(report):
    rows, out, _, _ = report
    for path in sorted(RELEASE.glob("*.ipynb")):
        total = checks_in(path)
        expected = {"01_linear_algebra": total, "04_linear_regression": 3}.get(path.stem, 0)
        assert rows[path.stem] == (expected, total), f"{path.stem}: {rows.get(path.stem)} in\n{out}"


def test_phase_total_and_unstarted_phases(report):
    rows, out, png, _ = report
    total = sum(checks_in(p) for p in RELEASE.glob("*.ipynb"))
    passed = checks_in(RELEASE / "01_linear_algebra.ipynb") + 3
    assert rows["= phase total"] == (passed, total)
    for title in ["2 · Deep learning", "3 · Papers", "4 · MLOps", "5 · Portfolio"]:
        assert re.search(rf"^{title}\s+\(not started\)", out, re.M), out
    assert png.stat().st_size > 10_000 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_instructor_sources_are_refused():
    result = check_notebook(REPO / "notebooks" / "01_math" / "04_linear_regression.ipynb")
    assert result.error and "instructor source" in result.error and result.total == 0


def test_only_changed_notebooks_run_quietly_after_a_reminder_to_save(report):
    _, out, _, proc = report
    assert out.startswith("Checking your notebooks as saved on disk: save them in JupyterLab first"), out[:300]
    assert "2 changed notebook(s) run" in out and "5 not started (as released)" in out, out
    for noise in ("WARNING", "IPKernelApp", "Traceback"):   # the kernels' own log lines stay out of the terminal
        assert noise not in proc.stderr + out, proc.stderr[-2000:]


def test_unchanged_notebooks_come_from_the_cache_and_an_edit_reruns_one(report):
    rows, _, png, _ = report
    copy = png.parent / "01_math"
    again = run_progress(copy, png, timeout=120)
    assert "0 changed notebook(s) run" in again.stdout and "2 unchanged since last checked (from the cache)" in again.stdout
    assert rows_of(again.stdout) == rows
    assert (png.parent / ".progress-cache.json").is_file(), "the cache sits beside the picture, in the workspace"
    name = "04_linear_regression.ipynb"
    nbformat.write(answered(RELEASE / name, REPO / "notebooks" / "01_math" / name, ["add_intercept"]), str(copy / name))
    edited = run_progress(copy, png)
    assert "1 changed notebook(s) run" in edited.stdout, edited.stdout
    assert rows_of(edited.stdout)["04_linear_regression"] == (1, checks_in(RELEASE / name))


def test_the_picture_goes_into_the_folder_checked_by_default(tmp_path):
    copy = tmp_path / "my-work" / "01_math"
    copy.mkdir(parents=True)
    shutil.copy(RELEASE / "02_calculus.ipynb", copy)
    proc = subprocess.run([sys.executable, "-m", "aipath.learner.cli", "progress", "my-work", "--release", str(REPO / "release")],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "1 not started" in proc.stdout, proc.stdout
    assert (tmp_path / "my-work" / "progress.png").is_file() and not (tmp_path / "progress.png").exists()


def test_an_untouched_copy_stays_not_started_after_a_course_update(tmp_path):
    """`git pull` changes a student version; the learner's untouched copy of the old one is still not
    started (the workspace remembers what it copied) and runs no kernel."""
    from aipath.learner.workspace import seed

    release = tmp_path / "release"
    shutil.copytree(REPO / "release" / "01_math", release / "01_math")
    seed(release, tmp_path / "my-work")
    name = release / "01_math" / "02_calculus.ipynb"
    nb = nbformat.read(str(name), as_version=4)
    nb.cells[-1].source += "\n\nA sentence the course update added."
    nbformat.write(nb, str(name))
    proc = subprocess.run([sys.executable, "-m", "aipath.learner.cli", "progress", str(tmp_path / "my-work"), "--release", str(release)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert re.search(r"^0 changed notebook\(s\) run.* 7 not started", proc.stdout, re.M), proc.stdout
