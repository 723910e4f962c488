"""Exercise checks whose failure messages a learner can act on.

Every check names the exercise, says what was checked, shows the input shapes, expected vs got,
and a hint. They raise :class:`CheckFailed` (an ``AssertionError``), so nbgrader counts a failed
check as a failed test cell; in Jupyter a failed check prints its message, not a traceback
(:meth:`CheckFailed._render_traceback_`). Tensors (torch) are compared as numpy arrays on the CPU.

API for a visible check cell (everything before ``### BEGIN HIDDEN TESTS``)::

    with exercise("normalize_rows"):               # optional number: exercise("normalize_rows", 1)
        U = normalize_rows(X_small)
        assert_shape(U, (3, 2), exercise="normalize_rows", inputs={"X": X_small})
        expect(np.all(U >= -1), "every entry of a unit row lies in [-1, 1]")   # no bare `assert`

Inside ``with exercise(name)``:

- an unsolved stub's ``NotImplementedError`` becomes one line, ``normalize_rows (Exercise 1): not
  written yet — …`` (the name and number come from the stub's message, which ``autograder release``
  writes as ``"normalize_rows (Exercise 1): write your code here"``; a stub of *another* exercise reads
  ``PCA: needs sorted_eigh (Exercise 5), which is not written yet — …``);
- a bare ``AssertionError`` becomes a :class:`CheckFailed` naming the exercise;
- a ``NameError`` raised by the check cell itself (a cell above was not run) says which cell to run;
- ``expect(cond, message)`` takes the exercise from the block; outside one pass ``exercise=``;
- the outcome is recorded: ``hint()`` with no argument helps with the exercise that just failed, and
  :func:`ready` knows which exercises passed.

Cells that build on an exercise (plots, demos) start with ``if ready("low_rank_approx"):`` — it is
True once that exercise's check passed in this kernel; otherwise it prints one line saying which
exercise to finish first, and the cell draws nothing.

    >>> assert_close(softmax(z), expected, exercise="softmax", inputs={"z": z},
    ...              hint="Subtract the row max before exp.")
"""
from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from types import FrameType, TracebackType
from typing import Any

import numpy as np


class CheckFailed(AssertionError):
    """A check failed; the message says what to fix. ``exercise`` is the exercise it names."""

    def __init__(self, message: str, exercise: str | None = None):
        super().__init__(message)
        self.exercise = exercise

    def _render_traceback_(self) -> list[str]:
        """IPython shows these lines instead of a traceback (InteractiveShell.showtraceback)."""
        return str(self).splitlines()


# --- exercises: the check cell's context ------------------------------------------------

_numbers: dict[str, int] = {}   # exercise name -> its number in the notebook, when known
_status: dict[str, str] = {}    # exercise name -> "passed" | "failed" | "unwritten" (this kernel)
_current: str | None = None     # the exercise of the enclosing `with exercise(...)` block
_skipped_for: set[str] = set()  # exercises that made a ready(...) cell skip its work
_STUB = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*) \(Exercise (?P<number>\d+)\)")


class exercise:  # noqa: N801 — used as `with exercise("name"):`, like a function
    """Context of a visible check cell: ``with exercise("normalize_rows"):`` (see the module doc)."""

    def __init__(self, name: str, number: int | None = None):
        if not isinstance(name, str) or not name.isidentifier():
            raise TypeError(f"exercise() needs the exercise's name, e.g. exercise(\"normalize_rows\"), not {name!r}")
        self.name = name
        if number is not None:
            _numbers[name] = int(number)
        self._frame: FrameType | None = None
        self._outer: str | None = None

    def __enter__(self) -> "exercise":
        global _current
        self._frame = sys._getframe(1)   # the check cell's frame: tells its own NameErrors from others
        self._outer, _current = _current, self.name
        return self

    def __exit__(self, exc_type, exc, tb: TracebackType | None) -> bool:
        global _current
        __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
        _current = self._outer
        if exc is None:
            _status[self.name] = "passed"
            return False
        _status[self.name] = "failed"
        if isinstance(exc, CheckFailed):
            return False
        message = self._explain(exc, tb)
        if message is None:               # the learner's own error (TypeError, …): keep its traceback
            _remember(self.name)
            return False
        raise CheckFailed(message, exercise=self.name) from exc

    def _explain(self, exc: BaseException, tb: TracebackType | None) -> str | None:
        """The one-line message for ``exc``, or None to let it through unchanged."""
        if isinstance(exc, NotImplementedError):
            return _not_written(self.name, exc, tb)
        if isinstance(exc, NameError) and _last_frame(tb) is self._frame:
            return _not_defined(self.name, exc.name)
        if isinstance(exc, AssertionError):
            _remember(self.name)
            text = str(exc).strip().rstrip(".") or "a check failed"
            return _with_stuck_line(self.name, f"{_label(self.name)}: {text}.")
        return None


def expect(condition: Any, message: str, *, exercise: str | None = None, hint: str | None = None) -> None:
    """A visible check's ``assert``: when ``condition`` is false, fail with ``message`` (what is wrong),
    naming ``exercise`` (default: the enclosing ``with exercise(...)`` block's)."""
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    name = exercise or _current
    if name is None:
        raise TypeError("expect() needs exercise=\"name\" outside a `with exercise(\"name\"):` block")
    if not condition:
        message = message.strip().removeprefix(f"{name}: ")   # the message may name it already
        _fail(name, message.rstrip("."), None, hint=hint)


def ready(*names: str) -> bool:
    """True when every named exercise's check passed in this kernel; otherwise print which exercise
    to finish first (one line) and return False, so a plot cell draws nothing."""
    todo = [name for name in names if _status.get(name) != "passed"]
    _skipped_for.update(todo)
    if todo:
        print("Skipped (this cell draws nothing yet): " + "; ".join(_why_not_ready(name) for name in todo) + ".")
    return not todo


def _why_not_ready(name: str) -> str:
    state = _status.get(name)
    if state == "unwritten":
        return f"finish {_label(name)} first, it is not written yet"
    if state == "failed":
        return f"fix {_label(name)} first, its check failed"
    return f"run the check cell of {_label(name)} first"


def _label(name: str) -> str:
    return f"{name} (Exercise {_numbers[name]})" if name in _numbers else name


def _remember(name: str) -> None:
    from aipath import hints

    hints.last_failed = name


def _has_hints(name: str) -> bool:
    from aipath import hints

    return hints.has_hints(name)


def _with_stuck_line(name: str, text: str) -> str:
    from aipath import hints

    if hints.has_hints(name):
        text += f'\n  Stuck? hint("{name}") shows a nudge; call it again for the next one.'
    return text


def _not_written(name: str, exc: NotImplementedError, tb: TracebackType | None) -> str:
    stub, number = _stub_of(exc, tb)
    if number is not None:
        _numbers[stub] = number
    stub = stub or name
    _status[stub] = "unwritten"
    _remember(stub if stub == name or _has_hints(stub) else name)
    if stub == name or (number is not None and _numbers.get(name) == number):   # same exercise
        _status[name] = "unwritten"
        return _with_stuck_line(stub, f"{_label(stub)}: not written yet — write its body where it says "
                                "`# YOUR CODE HERE` (delete the `raise NotImplementedError` line), "
                                "run that cell, then this one.")
    return (f"{_label(name)}: needs {_label(stub)}, which is not written yet — "
            f"write {stub} first, then run this cell again.")


def _stub_of(exc: NotImplementedError, tb: TracebackType | None) -> tuple[str | None, int | None]:
    """Which exercise raised: from the stub's message, else from the innermost frame's function."""
    found = _STUB.match(str(exc))
    if found:
        return found["name"], int(found["number"])
    frame = _last_frame(tb)
    if frame is None:
        return None, None
    owner = frame.f_locals.get("self")
    return (type(owner).__name__ if owner is not None else frame.f_code.co_name), None


def _not_defined(name: str, missing: str | None) -> str:
    from aipath import hints

    _remember(name)
    if missing == name:
        return (f"{_label(name)}: `{name}` is not defined — run the cell with your answer "
                f"(where it says `# YOUR CODE HERE`) first, then this one.")
    if missing in _numbers or hints.has_hints(missing or ""):
        return f"{_label(name)}: `{missing}` is not defined — finish {_label(missing)} first, then this one."
    blocking = sorted(n for n in _skipped_for if _status.get(n) != "passed")
    if blocking:
        return (f"{_label(name)}: `{missing}` is not defined — a cell above skipped its work until "
                f"{', '.join(map(_label, blocking))} pass{'es' if len(blocking) == 1 else ''} its check; "
                "finish that first, then run the cells above again.")
    return (f"{_label(name)}: `{missing}` is not defined — run the cells above this one first "
            f"(Run > Run All Above Selected Cell), then this one.")


def _last_frame(tb: TracebackType | None) -> FrameType | None:
    frame = None
    while tb is not None:
        frame, tb = tb.tb_frame, tb.tb_next
    return frame


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
    _status[exercise] = "failed"
    lines = [f"{_label(exercise)}: {what}."]
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
    raise CheckFailed("\n".join(lines), exercise=exercise)
