"""Property tests (Hypothesis) for the helpers every check relies on.

Each property is stated against an independent reference: numpy's own comparison for
``assert_close``, a direct reading of the wildcard rule for ``assert_shape``, and the calendar for
the study plan's pace.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

from aipath.checks import CheckFailed, assert_close, assert_shape
from aipath.learner.notebook_progress import NotebookProgress
from aipath.learner.study_plan import PLAN, pace, plan_week_on

FAST = settings(max_examples=150, deadline=None)

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False, width=64)
shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4)


def _passes(check, *args, **kwargs) -> bool:
    try:
        check(*args, exercise="prop", **kwargs)
    except CheckFailed:
        return False
    return True


@st.composite
def array_pairs(draw):
    """(got, expected): same shape, got either a perturbation of expected or unrelated."""
    shape = draw(shapes)
    expected = draw(hnp.arrays(np.float64, shape, elements=finite))
    noise = draw(hnp.arrays(np.float64, shape, elements=st.floats(-1e-3, 1e-3, width=64)))
    got = expected + noise * draw(st.sampled_from([0.0, 1e-9, 1e-6, 1.0, 1e3]))
    return got, expected


@FAST
@given(array_pairs(), st.sampled_from([0.0, 1e-12, 1e-7, 1e-3]), st.sampled_from([0.0, 1e-9, 1e-6, 1e-2]))
def test_assert_close_agrees_with_numpys_isclose(pair, rtol, atol):
    got, expected = pair
    reference = bool(np.all(np.isclose(got, expected, rtol=rtol, atol=atol)))
    assert _passes(assert_close, got, expected, rtol=rtol, atol=atol) == reference


@FAST
@given(shapes, shapes)
def test_assert_close_rejects_every_shape_mismatch(got_shape, expected_shape):
    if got_shape == expected_shape:
        return
    assert not _passes(assert_close, np.zeros(got_shape), np.zeros(expected_shape))


@FAST
@given(hnp.arrays(np.float64, shapes, elements=finite), st.data())
def test_assert_close_fails_on_any_nan_when_expected_is_finite(expected, data):
    got = expected.copy()
    index = tuple(data.draw(st.integers(0, n - 1)) for n in expected.shape)
    got[index] = np.nan
    assert not _passes(assert_close, got, expected, atol=1e9)


@FAST
@given(shapes, st.data())
def test_assert_shape_wildcards_match_any_size_on_their_axis(shape, data):
    wildcards = data.draw(st.lists(st.booleans(), min_size=len(shape), max_size=len(shape)))
    want = tuple(None if w else s for w, s in zip(wildcards, shape))
    assert _passes(assert_shape, np.zeros(shape), want)
    # a pattern that disagrees on a fixed axis, or has another rank, fails
    if shape and not all(wildcards):
        axis = wildcards.index(False)
        wrong = want[:axis] + (shape[axis] + 1,) + want[axis + 1:]
        assert not _passes(assert_shape, np.zeros(shape), wrong)
    assert not _passes(assert_shape, np.zeros(shape), want + (None,))


START = date(2026, 1, 5)
days = st.integers(min_value=0, max_value=3 * 365)
hours = st.floats(min_value=1.0, max_value=60.0, allow_nan=False)


@FAST
@given(days, days, hours, hours)
def test_plan_week_is_monotone_in_time_and_hours(d1, d2, h1, h2):
    (d_lo, d_hi), (h_lo, h_hi) = sorted((d1, d2)), sorted((h1, h2))
    at = lambda d, h: plan_week_on(START, h, START + timedelta(days=d))  # noqa: E731
    assert at(d_lo, h_lo) <= at(d_hi, h_lo) + 1e-12
    assert at(d_lo, h_lo) <= at(d_lo, h_hi) + 1e-12


def _progress(passed_fraction: float) -> list[NotebookProgress]:
    """Every notebook of the plan checked, each with 4 checks of which a fixed share pass."""
    n_pass = round(4 * passed_fraction)
    return [NotebookProgress(Path(f"{s.phase}/{s.notebook}.ipynb"),
                             passed=[f"t{i}" for i in range(n_pass)],
                             failed={f"t{i}": "failed" for i in range(n_pass, 4)}) for s in PLAN]


@FAST
@given(days, days, hours, st.sampled_from([0.0, 0.25, 0.5, 1.0]))
def test_pace_falls_behind_as_time_passes_and_gains_with_work(d1, d2, h, share):
    d_lo, d_hi = sorted((d1, d2))
    results = _progress(share)
    early = pace(results, START, h, START + timedelta(days=d_lo))
    late = pace(results, START, h, START + timedelta(days=d_hi))
    assert late.expected_weeks >= early.expected_weeks - 1e-9
    assert late.delta_weeks <= early.delta_weeks + 1e-9
    more_work = pace(_progress(min(share + 0.25, 1.0)), START, h, START + timedelta(days=d_lo))
    assert more_work.delta_weeks >= early.delta_weeks - 1e-9


@pytest.mark.parametrize("bad", [0.0, -3.0])
def test_pace_rejects_non_positive_hours(bad):
    with pytest.raises(ValueError):
        plan_week_on(START, bad, START)


# --- gradient_check: central differences are exact on quadratics, and a wrong entry is caught ---------

@st.composite
def quadratics(draw):
    """(A, b, x): f(x) = 0.5 x.A.x + b.x has gradient 0.5 (A + A.T) x + b, exact for central differences."""
    n = draw(st.integers(1, 5))
    entries = st.floats(-3, 3, allow_nan=False, width=64)
    return (draw(hnp.arrays(np.float64, (n, n), elements=entries)), draw(hnp.arrays(np.float64, n, elements=entries)),
            draw(hnp.arrays(np.float64, n, elements=entries)))


@FAST
@given(quadratics(), st.data())
def test_gradient_check_accepts_the_true_gradient_and_rejects_one_wrong_entry(problem, data):
    from aipath.checks import gradient_check

    A, b, x = problem
    f = lambda v: 0.5 * v @ A @ v + b @ v                                     # noqa: E731
    grad = 0.5 * (A + A.T) @ x + b
    assert _passes(gradient_check, f, x, grad, rtol=1e-6, atol=1e-6)
    wrong = grad.copy()
    k = data.draw(st.integers(0, x.size - 1))
    wrong[k] += data.draw(st.sampled_from([-1.0, 1.0])) * (1e-3 + 1e-3 * abs(grad[k]))   # well above tolerance
    assert not _passes(gradient_check, f, x, wrong, rtol=1e-6, atol=1e-6)
