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
