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
