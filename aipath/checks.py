"""Exercise checks whose failure messages a learner can act on.

Every check names the exercise, says what was checked, shows the input shapes, expected vs got,
and a hint. They raise :class:`CheckFailed` (an ``AssertionError``), so nbgrader counts a failed
check as a failed test cell. Tensors (torch) are compared as numpy arrays on the CPU.

    >>> assert_close(softmax(z), expected, exercise="softmax", inputs={"z": z},
    ...              hint="Subtract the row max before exp.")
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


class CheckFailed(AssertionError):
    """A check failed; the message says what to fix."""


def assert_close(
    got: Any,
    expected: Any,
    *,
    exercise: str,
    inputs: Mapping[str, Any] | None = None,
    rtol: float = 1e-7,
    atol: float = 0.0,
    what: str = "result",
    hint: str | None = None,
) -> None:
    """``got`` equals ``expected`` elementwise within ``atol + rtol * |expected|``, same shape."""
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    expected_arr = _as_array(expected)
    got_arr = _checked_array(got, exercise=exercise, inputs=inputs, what=what, hint=hint)
    _check_same_shape(got_arr, expected_arr, exercise, inputs, what, hint)
    if not np.all(np.isfinite(got_arr)) and np.all(np.isfinite(expected_arr)):
        _fail(exercise, f"{what} contains NaN or inf", inputs,
              expected=expected_arr, got=got_arr, hint=hint or _STABILITY_HINT)
    err = np.abs(got_arr.astype(np.float64) - expected_arr.astype(np.float64))
    bound = atol + rtol * np.abs(expected_arr.astype(np.float64))
    if np.all(err <= bound):
        return
    worst = np.unravel_index(np.argmax(err - bound), err.shape) if err.ndim else ()
    detail = (f"max abs error {float(np.max(err)):.3g} (allowed atol={atol:g}, rtol={rtol:g})"
              + (f", worst at index {tuple(int(i) for i in worst)}" if worst else ""))
    _fail(exercise, f"{what} is not close to the expected value: {detail}", inputs,
          expected=expected_arr, got=got_arr, hint=hint)


def assert_shape(
    got: Any,
    shape: Sequence[int | None],
    *,
    exercise: str,
    inputs: Mapping[str, Any] | None = None,
    what: str = "result",
    hint: str | None = None,
) -> None:
    """``got`` has ``shape``; ``None`` in ``shape`` matches any size on that axis."""
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    got_arr = _checked_array(got, exercise=exercise, inputs=inputs, what=what, hint=hint)
    ok = got_arr.ndim == len(shape) and all(
        want is None or want == have for want, have in zip(shape, got_arr.shape)
    )
    if not ok:
        want = "(" + ", ".join("any" if s is None else str(s) for s in shape) + ")"
        _fail(exercise, f"{what} has shape {got_arr.shape}, expected {want}", inputs,
              hint=hint or _shape_hint(got_arr.shape, tuple(shape)))


def assert_dtype(
    got: Any,
    kind: str,
    *,
    exercise: str,
    inputs: Mapping[str, Any] | None = None,
    what: str = "result",
    hint: str | None = None,
) -> None:
    """``got``'s dtype is of numpy kind ``kind``: 'f' float, 'i' signed int, 'b' bool, 'u' unsigned."""
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    got_arr = _checked_array(got, exercise=exercise, inputs=inputs, what=what, hint=hint)
    if got_arr.dtype.kind != kind:
        names = {"f": "floating point", "i": "integer", "u": "unsigned integer", "b": "boolean"}
        _fail(exercise, f"{what} has dtype {got_arr.dtype}, expected {names.get(kind, kind)}",
              inputs, hint=hint)


def assert_finite(
    got: Any,
    *,
    exercise: str,
    inputs: Mapping[str, Any] | None = None,
    what: str = "result",
    hint: str | None = None,
) -> None:
    """No NaN or inf anywhere in ``got``."""
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    got_arr = _checked_array(got, exercise=exercise, inputs=inputs, what=what, hint=hint)
    bad = ~np.isfinite(got_arr.astype(np.float64))
    if np.any(bad):
        _fail(exercise, f"{what} has {int(bad.sum())} NaN/inf entries of {bad.size}", inputs,
              got=got_arr, hint=hint or _STABILITY_HINT)


def assert_decreasing(
    losses: Any,
    *,
    exercise: str,
    tol: float = 0.0,
    min_drop: float = 0.0,
    what: str = "loss",
    hint: str | None = None,
) -> None:
    """``losses`` never rises by more than ``tol`` per step, and falls by at least ``min_drop``
    (a fraction of the first value) from first to last."""
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    arr = _checked_array(losses, exercise=exercise, inputs=None, what=what, hint=hint).ravel()
    if arr.size < 2:
        _fail(exercise, f"{what} curve has {arr.size} value(s); record one per step", None,
              hint=hint or "Append the loss to a list at every epoch and return it.")
    assert_finite(arr, exercise=exercise, what=what, hint=hint or "The learning rate may be too large.")
    rises = np.flatnonzero(np.diff(arr) > tol + 1e-12 * np.abs(arr[:-1]))  # ignore round-off at convergence
    if rises.size:
        i = int(rises[0])
        _fail(exercise, f"{what} rose from {arr[i]:.6g} to {arr[i + 1]:.6g} at step {i + 1}", None,
              hint=hint or "Check the gradient's sign and that the learning rate is small enough.")
    if arr[-1] > arr[0] - min_drop * abs(arr[0]):
        _fail(exercise, f"{what} fell only from {arr[0]:.6g} to {arr[-1]:.6g} "
              f"(expected a drop of at least {min_drop:.0%})", None,
              hint=hint or "Are the parameters actually updated each step?")


# --- message building -------------------------------------------------------------------

_STABILITY_HINT = "Look for overflow (exp of a large number), log(0) or a division by zero."


def _as_array(x: Any) -> np.ndarray:
    if hasattr(x, "detach"):  # torch.Tensor, without importing torch
        x = x.detach().cpu().numpy()
    return np.asarray(x)


def _checked_array(got, *, exercise, inputs, what, hint) -> np.ndarray:
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    if got is None:
        _fail(exercise, f"{what} is None", inputs,
              hint=hint or "Did the function forget to `return` its result?")
    try:
        arr = _as_array(got)
    except Exception as exc:  # noqa: BLE001 — any conversion failure is the learner's to fix
        _fail(exercise, f"{what} of type {type(got).__name__} is not array-like ({exc})", inputs, hint=hint)
    if arr.dtype == object:
        _fail(exercise, f"{what} of type {type(got).__name__} is not a numeric array", inputs, hint=hint)
    return arr


def _check_same_shape(got, expected, exercise, inputs, what, hint) -> None:
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    if got.shape != expected.shape:
        _fail(exercise, f"{what} has shape {got.shape}, expected {expected.shape}", inputs,
              hint=hint or _shape_hint(got.shape, expected.shape))


def _shape_hint(got: tuple, want: tuple) -> str:
    if len(got) == len(want) == 2 and got == want[::-1]:
        return "The shape is transposed: check the order of a matrix product or a missing `.T`."
    if got == tuple(s for s in want if s != 1) or want == tuple(s for s in got if s != 1):
        return "A size-1 axis is missing or extra: check keepdims=True or a reshape."
    return "Check which axis you reduced over and the order of a matrix product."


def _describe(a: np.ndarray) -> str:
    if a.ndim == 0:
        return f"{a.item()!r}"
    text = np.array2string(a, precision=6, threshold=12, edgeitems=3, max_line_width=88)
    return f"array of shape {a.shape}: {text}"


def _fail(exercise, what, inputs, *, expected=None, got=None, hint=None):
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    from aipath import hints

    hints.last_failed = exercise
    lines = [f"{exercise}: {what}."]
    if inputs:
        shapes = ", ".join(f"{name}{tuple(np.shape(_as_array(v)))}" for name, v in inputs.items())
        lines.append(f"  inputs: {shapes}")
    if expected is not None:
        lines.append(f"  expected: {_describe(expected)}")
    if got is not None:
        lines.append(f"  got:      {_describe(got)}")
    if hint:
        lines.append(f"  Hint: {hint}")
    if hints.has_hints(exercise):
        lines.append(f'  Stuck? hint("{exercise}") shows a nudge; call it again for the next one.')
    raise CheckFailed("\n".join(lines))
