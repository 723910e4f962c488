import functools
import sys

import numpy as np
import pytest
import torch

from aipath.checks import (CheckFailed, assert_close, assert_decreasing, assert_dtype, assert_finite,
                           assert_shape)


def test_assert_close_passes_within_tolerance():
    assert_close(np.array([1.0, 2.0]), [1.0, 2.0 + 1e-9], exercise="ex", rtol=1e-8)


def test_assert_close_message_names_exercise_shapes_expected_got_and_hint():
    x = np.zeros((2, 3))
    with pytest.raises(CheckFailed) as info:
        assert_close(np.array([1.0, 5.0]), [1.0, 2.0], exercise="softmax", inputs={"z": x},
                     hint="Subtract the row max.")
    msg = str(info.value)
    assert msg.startswith("softmax: result is not close")
    assert "z(2, 3)" in msg and "expected:" in msg and "got:" in msg
    assert "max abs error 3" in msg and "index (1,)" in msg
    assert "Hint: Subtract the row max." in msg


def test_assert_close_rejects_shape_mismatch_and_spots_transpose():
    with pytest.raises(CheckFailed, match="transposed"):
        assert_close(np.zeros((3, 2)), np.zeros((2, 3)), exercise="matmul")


def test_assert_close_does_not_broadcast():
    with pytest.raises(CheckFailed, match=r"shape \(1, 3\), expected \(3,\)"):
        assert_close(np.zeros((1, 3)), np.zeros(3), exercise="ex")


def test_assert_close_says_when_result_is_none():
    with pytest.raises(CheckFailed, match="forget to `return`"):
        assert_close(None, [1.0], exercise="ex")


def test_assert_close_reports_nan_with_stability_hint():
    with pytest.raises(CheckFailed, match="NaN or inf.*\n(.*\n)*.*overflow"):
        assert_close(np.array([np.nan, 1.0]), [0.5, 1.0], exercise="sigmoid")


def test_assert_close_accepts_torch_tensors():
    assert_close(torch.tensor([1.0, 2.0], requires_grad=True) * 1, np.array([1.0, 2.0]), exercise="ex")


def test_check_failed_is_an_assertion_error_so_nbgrader_counts_it():
    assert issubclass(CheckFailed, AssertionError)


def test_assert_shape_with_wildcards():
    assert_shape(np.zeros((4, 3)), (None, 3), exercise="ex")
    with pytest.raises(CheckFailed, match=r"shape \(4, 2\), expected \(any, 3\)"):
        assert_shape(np.zeros((4, 2)), (None, 3), exercise="ex")


def test_assert_dtype():
    assert_dtype(np.zeros(2), "f", exercise="ex")
    with pytest.raises(CheckFailed, match="dtype int64, expected floating point"):
        assert_dtype(np.zeros(2, dtype=np.int64), "f", exercise="ex")


def test_assert_finite():
    with pytest.raises(CheckFailed, match="1 NaN/inf entries of 3"):
        assert_finite([1.0, np.inf, 2.0], exercise="ex")


def test_assert_decreasing_accepts_round_off_at_convergence():
    assert_decreasing([3.0, 1.0, 0.25, 0.25 + 1e-16], exercise="gd")


def test_assert_decreasing_rejects_a_rise_and_a_flat_curve():
    with pytest.raises(CheckFailed, match="rose from 1 to 2 at step 2"):
        assert_decreasing([3.0, 1.0, 2.0], exercise="gd")
    with pytest.raises(CheckFailed, match="fell only"):
        assert_decreasing([1.0, 1.0, 1.0], exercise="gd", min_drop=0.1)
    with pytest.raises(CheckFailed, match="1 value"):
        assert_decreasing([1.0], exercise="gd")


# --- check cells: `with exercise(...)`, expect, ready, and how IPython shows a failure ---------------

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from aipath import checks, hints  # noqa: E402
from aipath.checks import exercise, expect, ready  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_exercise_state(monkeypatch):
    monkeypatch.setattr(checks, "_numbers", {})
    monkeypatch.setattr(checks, "_status", {})
    monkeypatch.setattr(checks, "_skipped_for", set())
    monkeypatch.setattr(hints, "last_failed", None)


def _stub(name, number):
    def stub(*args):
        raise NotImplementedError(f"{name} (Exercise {number}): write your code here")
    return stub


def test_unsolved_stub_reads_as_one_line_not_written_yet_with_its_number():
    normalize_rows = _stub("normalize_rows", 1)
    with pytest.raises(CheckFailed) as info:
        with exercise("normalize_rows"):
            normalize_rows(np.zeros((2, 2)))
    first = str(info.value).splitlines()[0]
    assert first.startswith("normalize_rows (Exercise 1): not written yet — write its body")
    assert info.value.exercise == "normalize_rows" and hints.last_failed == "normalize_rows"


def test_a_stub_of_an_earlier_exercise_names_that_exercise():
    sorted_eigh = _stub("sorted_eigh", 5)
    with pytest.raises(CheckFailed, match=r"^PCA: needs sorted_eigh \(Exercise 5\), which is not written yet"):
        with exercise("PCA"):
            sorted_eigh(np.eye(2))
    assert hints.last_failed == "sorted_eigh"      # hint() helps with what must be written first


def test_a_stub_without_a_message_is_named_by_its_function():
    def pairwise_distances(A, B):
        raise NotImplementedError()
    with pytest.raises(CheckFailed, match=r"^pairwise_distances: not written yet"):
        with exercise("pairwise_distances"):
            pairwise_distances(1, 2)


def test_bare_assertion_error_becomes_a_check_failed_naming_the_exercise_and_bare_hint_follows_it():
    with pytest.raises(CheckFailed) as info:
        with exercise("fit_ridge", 2):
            assert 1 == 2, "fit must return self."
    assert str(info.value).startswith("fit_ridge (Exercise 2): fit must return self.")
    assert 'Stuck? hint("fit_ridge")' in str(info.value)
    assert "for `fit_ridge`" in hints.reveal()


def test_expect_takes_the_exercise_from_the_block_and_needs_one_outside():
    expect(True, "fine", exercise="fit_ridge")
    with pytest.raises(CheckFailed, match=r"^fit_ridge: coef_ has shape \(3,\)\.\n  Hint: one per feature"):
        with exercise("fit_ridge"):
            expect(False, "coef_ has shape (3,).", hint="one per feature")
    with pytest.raises(TypeError, match="expect\\(\\) needs exercise="):
        expect(True, "no exercise named")


def test_name_error_in_the_check_cell_says_which_cell_to_run_but_a_learners_own_typo_keeps_its_traceback():
    with pytest.raises(CheckFailed, match=r"`normalize_rows` is not defined — run the cell with your answer"):
        with exercise("normalize_rows"):
            normalize_rows  # noqa: B018, F821 — the cell defining it was not run
    with pytest.raises(CheckFailed, match=r"^PCA: `covariance_matrix` is not defined — finish covariance_matrix"):
        with exercise("PCA"):
            covariance_matrix  # noqa: B018, F821

    def learners_function():
        return undefined_inside  # noqa: F821 — a typo in the answer
    with pytest.raises(NameError):
        with exercise("normalize_rows"):
            learners_function()
    assert hints.last_failed == "normalize_rows"


def test_ready_is_true_only_after_the_check_passed(capsys):
    assert not ready("low_rank_approx")
    assert "run the check cell of low_rank_approx first" in capsys.readouterr().out
    with pytest.raises(CheckFailed):
        with exercise("low_rank_approx", 6):
            _stub("low_rank_approx", 6)()
    assert not ready("low_rank_approx")
    assert "finish low_rank_approx (Exercise 6) first, it is not written yet" in capsys.readouterr().out
    with exercise("low_rank_approx"):
        pass
    assert ready("low_rank_approx") and capsys.readouterr().out == ""
    with pytest.raises(CheckFailed):                       # a failed hidden check counts as failed again
        assert_close([1.0], [2.0], exercise="low_rank_approx")
    assert not ready("low_rank_approx")


def test_check_failed_renders_as_its_message_lines():
    err = CheckFailed("ex: wrong.\n  Hint: look again.", exercise="ex")
    assert err._render_traceback_() == ["ex: wrong.", "  Hint: look again."]


def test_in_a_real_kernel_a_failed_check_shows_its_message_and_is_still_an_error_output():
    """IPython renders CheckFailed with _render_traceback_; nbgrader still sees an error output."""
    cells = [
        "from aipath import exercise, expect\n"
        "def normalize_rows(X):\n"
        "    raise NotImplementedError('normalize_rows (Exercise 1): write your code here')",
        'with exercise("normalize_rows"):\n    normalize_rows(None)',
        'with exercise("normalize_rows"):\n    expect(1 > 2, "rows must have length 1")',
        "from aipath import hint\nhint()",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3").execute()
    for cell, first_line in [(nb.cells[1], "normalize_rows (Exercise 1): not written yet"),
                             (nb.cells[2], "normalize_rows (Exercise 1): rows must have length 1.")]:
        (out,) = cell.outputs
        assert out.output_type == "error" and out.ename == "CheckFailed", out
        assert out.traceback[0].startswith(first_line), out.traceback
        assert not any("Traceback" in line or "File " in line for line in out.traceback), out.traceback
    assert "for `normalize_rows`" in nb.cells[3].outputs[0]["data"]["text/markdown"]


def test_a_name_left_undefined_by_a_skipped_cell_points_to_the_exercise_that_blocked_it(capsys):
    assert not ready("MLPClassifierScratch")                 # the training cell draws nothing
    with pytest.raises(CheckFailed, match=r"`train_acc` is not defined — a cell above skipped its work until "
                                          r"MLPClassifierScratch passes its check"):
        with exercise("MLPClassifierScratch"):
            train_acc  # noqa: B018, F821


# --- behaviour checks: expect_error, no_numpy_warnings, gradient_check, expect_not_fitted -----------

from aipath.checks import expect_error, expect_not_fitted, gradient_check, no_numpy_warnings  # noqa: E402


def _rank(r):
    if r <= 0:
        raise ValueError(f"rank r must be a positive integer, got {r}")
    return r


def test_expect_error_returns_the_message_when_the_right_error_mentions_the_match():
    assert expect_error(lambda: _rank(0), ValueError, match="got 0", exercise="LoRALinear") == \
        "rank r must be a positive integer, got 0"
    expect_error(lambda: _rank(-2), ValueError, match="RANK", exercise="LoRALinear")     # case-insensitive


def test_expect_error_names_the_call_from_the_lambdas_source_when_bad_input_is_accepted():
    with pytest.raises(CheckFailed) as info:
        expect_error(lambda: _rank(3), ValueError, exercise="LoRALinear")
    first, *rest = str(info.value).splitlines()
    assert first == "LoRALinear: _rank(3) was accepted (it returned 3); expected a ValueError."
    assert rest[0].startswith("  Hint: Check the arguments at the top of the function")


def test_expect_error_says_which_other_error_was_raised_and_which_was_expected():
    with pytest.raises(CheckFailed, match=r"^LoRALinear: _rank\(None\) raised TypeError: .*; expected a ValueError\."):
        expect_error(lambda: _rank(None), ValueError, exercise="LoRALinear")


def test_expect_error_rejects_an_empty_message_and_a_message_that_misses_the_match():
    def silent(r):
        raise ValueError()
    with pytest.raises(CheckFailed, match=r"raised ValueError without a message"):
        expect_error(lambda: silent(0), exercise="rank")
    with pytest.raises(CheckFailed, match=r"raised ValueError\('rank r must .*got 0'\), but the message does not "
                                          r"mention 'alpha'"):
        expect_error(lambda: _rank(0), ValueError, match="alpha", exercise="rank")


def test_expect_error_with_message_false_accepts_a_bare_raise_but_still_needs_the_error():
    def silent(r):
        raise ValueError()
    assert expect_error(lambda: silent(0), ValueError, message=False, exercise="rank") == ""
    with pytest.raises(CheckFailed, match=r"_rank\(3\) was accepted"):
        expect_error(lambda: _rank(3), ValueError, message=False, exercise="rank")
    with pytest.raises(CheckFailed, match=r"raised TypeError"):
        expect_error(lambda: _rank(None), ValueError, message=False, exercise="rank")


def test_expect_error_lets_a_stub_through_so_the_block_says_not_written_yet():
    stub = _stub("ab_ztest", 3)
    with pytest.raises(CheckFailed, match=r"^ab_ztest \(Exercise 3\): not written yet"):
        with exercise("ab_ztest"):
            expect_error(lambda: stub(-1, 10), ValueError)


def test_expect_error_takes_the_exercise_from_the_block_and_its_hint_from_the_error_type():
    from sklearn.exceptions import NotFittedError
    from sklearn.linear_model import Ridge

    class Forgetful(Ridge):
        def predict(self, X):
            return np.zeros(len(X))

    with pytest.raises(CheckFailed) as info:
        with exercise("RidgeRegression", 6):
            expect_error(lambda: Forgetful().predict(np.zeros((2, 1))), NotFittedError)
    assert str(info.value).startswith("RidgeRegression (Exercise 6): Forgetful().predict(np.zeros((2, 1))) was "
                                      "accepted (it returned array([0., 0.])); expected a NotFittedError.")
    assert "Hint: Start the method with check_is_fitted(self)" in str(info.value)
    with pytest.raises(TypeError, match="needs exercise="):
        expect_error(lambda: _rank(0), ValueError)
    expect_error(lambda: Ridge().predict(np.zeros((2, 1))), NotFittedError, exercise="RidgeRegression")


def test_expect_error_names_a_function_by_its_name_and_honours_what():
    def accepts_anything():
        return None
    with pytest.raises(CheckFailed, match=r"^ex: accepts_anything\(\) was accepted"):
        expect_error(accepts_anything, exercise="ex")
    with pytest.raises(CheckFailed, match=r"^ex: psi\(\[\], \[1\.0\]\) was accepted"):
        expect_error(lambda: accepts_anything(), exercise="ex", what="psi([], [1.0])")


def test_no_numpy_warnings_returns_the_result_and_fails_on_overflow_naming_the_inputs():
    z = np.array([-1000.0, 0.0, 1000.0])
    naive_sigmoid = lambda z: 1 / (1 + np.exp(-z))                                       # noqa: E731
    stable = no_numpy_warnings(lambda z: np.exp(-np.logaddexp(0, -z)), z, exercise="sigmoid")
    np.testing.assert_allclose(stable, [0.0, 0.5, 1.0], atol=1e-300)
    with pytest.raises(CheckFailed) as info:
        no_numpy_warnings(naive_sigmoid, z, exercise="sigmoid", hint="Only exponentiate -|z|.")
    lines = str(info.value).splitlines()
    assert lines[0] == "sigmoid: numpy warned 'overflow encountered in exp'."
    assert lines[1] == "  inputs: z(3,)" and lines[2] == "  Hint: Only exponentiate -|z|."
    with np.errstate(over="warn"), pytest.warns(RuntimeWarning):                      # the filter is undone
        np.exp(np.array([1000.0]))


def test_gradient_check_passes_a_right_gradient_and_returns_the_finite_differences():
    A = np.array([[2.0, 1.0], [0.0, 3.0]])
    x = np.array([[0.5, -1.0], [2.0, 0.25]])                                   # any shape
    f = lambda v: float(np.sum(v ** 3) + np.sum(A * v))                        # noqa: E731
    x_before = x.copy()
    fd = gradient_check(f, x, 3 * x ** 2 + A, exercise="ex", rtol=1e-7)
    np.testing.assert_allclose(fd, 3 * x ** 2 + A, rtol=1e-7)
    assert fd.shape == x.shape and np.array_equal(x, x_before)


def test_gradient_check_catches_a_wrong_factor_and_works_at_an_integer_point_and_a_scalar():
    with pytest.raises(CheckFailed, match=r"^mse_gradient: dL/dw \(vs central finite differences\) is not close"):
        gradient_check(lambda w: float(np.sum(w ** 2)), np.array([1.0, 2.0]), np.array([1.0, 2.0]),
                       exercise="mse_gradient", what="dL/dw")
    gradient_check(lambda w: float(np.sum(w.astype(float) ** 2)), np.array([1, -2]), [2.0, -4.0], exercise="ex")
    gradient_check(lambda b: float((3.0 * b - 1.0) ** 2), 0.5, 2 * (3 * 0.5 - 1) * 3, exercise="ex")


def test_gradient_check_needs_a_scalar_function_and_accepts_torch():
    with pytest.raises(CheckFailed, match=r"f\(x\) in the gradient check returned shape \(2,\); it must return one number"):
        gradient_check(lambda v: v ** 2, np.array([1.0, 2.0]), np.array([2.0, 4.0]), exercise="ex")
    gradient_check(lambda v: torch.tensor(v).pow(2).sum(), np.array([1.0, 2.0]), torch.tensor([2.0, 4.0]),
                   exercise="ex", rtol=1e-6)


def test_expect_not_fitted_passes_an_unfitted_estimator_and_names_a_fitted_one():
    from sklearn.linear_model import Ridge

    expect_not_fitted(Ridge(), exercise="cross_val_score_scratch")
    with pytest.raises(CheckFailed) as info:
        expect_not_fitted(Ridge().fit(np.eye(3), np.ones(3)), exercise="cross_val_score_scratch")
    assert str(info.value).splitlines()[:2] == [
        "cross_val_score_scratch: the estimator passed in (Ridge) was fitted; it must stay unfitted.",
        "  Hint: Fit a copy, sklearn.base.clone(estimator), never the estimator you were given."]


from aipath.checks import calls_code_of  # noqa: E402


def _reference_mean(values):
    return sum(values) / len(values)


def _decorated(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


def test_calls_code_of_sees_delegation_at_any_depth_and_through_decorators():
    delegating = lambda values: _reference_mean(values)                        # noqa: E731
    deeper = lambda values: delegating(list(values))                           # noqa: E731
    own = lambda values: float(np.mean(values))                                # noqa: E731
    assert calls_code_of(delegating, _reference_mean, [1, 2, 3])
    assert calls_code_of(deeper, _reference_mean, values=(1, 2))
    assert calls_code_of(deeper, _decorated(_reference_mean), [1])             # the target is unwrapped
    assert not calls_code_of(own, _reference_mean, [1, 2, 3])


def test_calls_code_of_restores_the_profiler_also_when_the_answer_raises():
    before = sys.getprofile()
    seen = []
    sys.setprofile(lambda frame, event, arg: seen.append(event))
    try:
        mine = sys.getprofile()
        assert calls_code_of(lambda: _reference_mean([2]), _reference_mean)
        assert sys.getprofile() is mine
        with pytest.raises(ZeroDivisionError):
            calls_code_of(_reference_mean, _reference_mean, [])
        assert sys.getprofile() is mine
    finally:
        sys.setprofile(before)
