"""The study plan: the seed's timeline as data, scaled by weekly hours, and the pace `aipath progress` reports."""
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import nbformat
import pytest

from aipath.learner import study_plan
from aipath.learner.notebook_progress import NotebookProgress
from aipath.learner.study_plan import PHASE_WEEKS, PLAN, pace, pace_report, plan_week_on, schedule, step_at
from fabricate import answered

REPO = Path(__file__).resolve().parent.parent
START = date(2026, 9, 1)


def result(key: str, passed: int, total: int) -> NotebookProgress:
    """A progress result as `aipath progress` makes it, for notebook `phase/stem` with `passed` of `total` checks."""
    phase, stem = key.split("/")
    return NotebookProgress(Path("release") / phase / f"{stem}.ipynb",
                            passed=[f"test_{i}" for i in range(passed)],
                            failed={f"test_{i}": "NotImplementedError: " for i in range(passed, total)})


def keys(phase: str) -> list[str]:
    return [step.key for step in PLAN if step.phase == phase]


def test_phases_take_the_seed_timeline_8_8_8_6_6_weeks():
    weeks = {phase: sum(s.weeks for s in PLAN if s.phase == phase) for phase in PHASE_WEEKS}
    assert weeks == {"01_math": 8, "02_deep_learning": 8, "03_papers": 8, "04_mlops": 6, "05_portfolio": 6}
    assert list(dict.fromkeys(s.phase for s in PLAN)) == list(PHASE_WEEKS), "steps must be grouped by phase, in order"
    assert study_plan.total_weeks() == 36


def test_every_course_notebook_is_in_the_plan():
    planned = {step.key for step in PLAN}
    sources = {f"{p.parent.name}/{p.stem}" for p in (REPO / "notebooks").glob("*/*.ipynb")}
    assert sources - planned == set(), f"notebooks missing from aipath/learner/study_plan.py PLAN: {sorted(sources - planned)}"


def test_every_planned_notebook_exists():
    sources = {f"{p.parent.name}/{p.stem}" for p in (REPO / "notebooks").glob("*/*.ipynb")}
    missing = [step.key for step in PLAN if step.key not in sources]
    assert not missing, f"PLAN names notebooks that do not exist under notebooks/: {missing}"


def test_mnist_milestone_falls_in_week_4_of_phase_2():
    mnist = next(s for s in schedule() if s.step.notebook == "03_mnist_classifier")
    assert "MNIST" in mnist.step.milestone
    assert mnist.phase_week == 4 and mnist.end_week == 8 + 4


def test_weekly_hours_scale_the_calendar():
    assert study_plan.calendar_weeks(36, 12.5) == 36
    assert study_plan.calendar_weeks(36, 10) == pytest.approx(45)
    assert study_plan.calendar_weeks(36, 15) == pytest.approx(30)
    assert plan_week_on(START, 10, START + timedelta(weeks=5)) == pytest.approx(4.0)
    assert study_plan.plan_date(START, 36, 15) == START + timedelta(weeks=30)


def test_where_the_plan_is_on_a_given_day():
    assert step_at(0.0).step.key == "01_math/01_linear_algebra"
    assert step_at(13.0).step.key == "02_deep_learning/04_sentiment"        # weeks 12 to 14
    assert step_at(14.0).step.key == "02_deep_learning/05_rnn_lstm"         # a step starts where the last ends
    assert step_at(36.0) is None


def test_behind_when_the_checked_notebooks_lag_the_plan():
    results = [result(k, 3, 3) for k in keys("01_math")] + [result(k, 0, 4) for k in keys("02_deep_learning")]
    today = START + timedelta(days=50)                       # at 17.5 h/week: plan week 10
    p = pace(results, START, 17.5, today)
    assert p.plan_week == pytest.approx(10.0)
    assert p.done_weeks == pytest.approx(8.0)
    assert p.expected_weeks == pytest.approx(10.0)          # phase 1 (8) + nn_from_scratch (1) + pytorch (1)
    assert p.delta_weeks == pytest.approx(-2 * 12.5 / 17.5)  # 2 plan weeks, in calendar weeks at 17.5 h/week
    assert p.status == "behind the plan by 1.4 weeks"
    assert p.current.step.key == "02_deep_learning/03_mnist_classifier"
    assert p.next_step.step.key == "02_deep_learning/01_nn_from_scratch"
    assert p.next_status.startswith("0 of 4 checks pass; first failing: test_0")
    assert p.expected_by_phase == pytest.approx({"01_math": 1.0, "02_deep_learning": 0.25, "03_papers": 0.0,
                                                 "04_mlops": 0.0, "05_portfolio": 0.0})


def test_ahead_and_partial_credit():
    results = [result(k, 2, 2) for k in keys("01_math") + keys("02_deep_learning")]
    results.append(result("03_papers/01_reading_papers", 1, 4))             # a quarter of a 1-week notebook
    p = pace(results, START, 12.5, START + timedelta(weeks=10))
    assert p.done_weeks == pytest.approx(16.25)
    assert p.expected_weeks == pytest.approx(10.0)
    assert p.status == "ahead of the plan by 6.2 weeks"
    assert p.next_step.step.key == "03_papers/01_reading_papers"


def test_on_track_and_next_unchecked_notebook():
    results = [result("01_math/01_linear_algebra", 5, 5), result("01_math/02_calculus", 5, 5)]
    p = pace(results, START, 12.5, START + timedelta(weeks=2, days=2))
    assert p.status == "on track"
    assert p.next_step.step.key == "01_math/03_probability"
    assert "release/01_math/03_probability.ipynb" in p.next_status
    report = pace_report(p)
    assert "on track" in report and "Next: 01_math/03_probability" in report
    assert "Next milestone: a model written from scratch" in report


def test_only_checked_notebooks_are_compared():
    # a learner who checks phase 2 only, on time for it, is not "behind" for phase 1 notebooks the run never saw
    results = [result(k, 1, 1) for k in keys("02_deep_learning")[:2]]
    p = pace(results, START, 12.5, START + timedelta(weeks=10))
    assert p.checked == 2 and p.expected_weeks == pytest.approx(2.0) and p.status == "on track"


def test_a_start_date_in_the_future_is_refused():
    with pytest.raises(ValueError, match=r"start date 2026-09-02 is in the future \(today is 2026-09-01\)"):
        pace([], date(2026, 9, 2), 12, today=date(2026, 9, 1))


@pytest.mark.parametrize("hours", [0, -5, float("nan"), 169])
def test_impossible_weekly_hours_are_refused(hours):
    with pytest.raises(ValueError, match="hours per week must be"):
        plan_week_on(START, hours, START + timedelta(weeks=1))


def run_cli(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "aipath.learner.cli", *args], capture_output=True, text=True, timeout=timeout, cwd=REPO)


def test_cli_refuses_bad_plan_input_before_running_any_check(tmp_path):
    future = (date.today() + timedelta(days=3)).isoformat()
    for args, message in [(["--start", future], "is in the future"),
                          (["--start", "2026-01-01", "--hours-per-week", "0"], "hours per week must be more than 0"),
                          (["--hours-per-week", "12"], "--hours-per-week needs --start"),
                          (["--start", "01/09/2026"], "not a date of the form YYYY-MM-DD")]:
        proc = run_cli("progress", str(tmp_path), *args, timeout=60)
        assert proc.returncode == 2 and message in proc.stderr, (args, proc.stderr)


def test_cli_plan_prints_every_notebook_with_dates():
    proc = run_cli("plan", "--start", "2026-09-01", "--hours-per-week", "15", timeout=60)
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if re.match(r"\d{4}-\d\d-\d\d  \d{4}-\d\d-\d\d  ", line)]
    assert [row.split()[2] for row in rows] == [step.key for step in PLAN]
    assert rows[0].startswith("2026-09-01") and rows[-1].split()[1] == "2027-03-29"     # 30 weeks after the start
    assert "36 plan weeks = 30.0 weeks at 15 h/week" in proc.stdout


def test_progress_with_a_start_date_reports_the_pace(tmp_path):
    release = REPO / "release" / "01_math"
    copy = tmp_path / "01_math"
    copy.mkdir()
    name = "01_linear_algebra.ipynb"
    nbformat.write(answered(release / name, REPO / "notebooks" / "01_math" / name, None), str(copy / name))
    start = date.today() - timedelta(weeks=3)
    png = tmp_path / "progress.png"
    proc = run_cli("progress", str(copy), "--start", start.isoformat(), "--hours-per-week", "10", "--png", str(png))
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert re.search(r"^1 · Foundations\s+01_linear_algebra\s+(\d+)\s+\1\s*$", out, re.M), out   # all checks pass
    assert f"Study plan: started {start.isoformat()} at 10 h/week -> 45.0 weeks" in out
    assert "Today" in out and "is week 3.0 of 45.0: the plan has you in 01_math/03_probability." in out   # plan week 2.4
    assert "Of the 1 plan notebook(s) checked, you have done 1.0 plan weeks of the 1.0 the plan expects by today: on track." in out
    assert "Next: 01_math/02_calculus — not checked yet" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
