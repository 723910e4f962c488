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

Checks of behaviour, each naming the exercise of the enclosing block unless ``exercise=`` is given:

- ``expect_error(lambda: f(bad), ValueError, match="bad")`` — bad input raises, with a message that
  says what to fix (returns the message, to print);
- ``no_numpy_warnings(fn, *args)`` — ``fn(*args)`` without numpy overflow/invalid-value warnings;
- ``gradient_check(f, x, grad)`` — an analytic gradient against central finite differences;
- ``expect_not_fitted(estimator)`` — the caller's estimator was left unfitted (fit a clone).
- ``calls_code_of(fn, target, *args)`` — whether ``fn(*args)`` ran ``target``'s code (a hidden check that
  rejects an answer delegating to the package's copy of the function it asks for).

Cells that build on an exercise (plots, demos) start with ``if ready("low_rank_approx"):`` — it is
True once that exercise's check passed in this kernel; otherwise it prints one line saying which
exercise to finish first, and the cell draws nothing.

    >>> assert_close(softmax(z), expected, exercise="softmax", inputs={"z": z},
    ...              hint="Subtract the row max before exp.")
"""
from __future__ import annotations

import inspect
import linecache
import re
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
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
    name = _exercise_name(exercise, "expect")
    if not condition:
        message = message.strip().removeprefix(f"{name}: ")   # the message may name it already
        _fail(name, message.rstrip("."), None, hint=hint)


def _exercise_name(exercise: str | None, check: str) -> str:
    """The exercise a check names: ``exercise=``, else the enclosing ``with exercise(...)`` block's."""
    name = exercise or _current
    if name is None:
        raise TypeError(f"{check}() needs exercise=\"name\" outside a `with exercise(\"name\"):` block")
    return name


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


# --- behaviour: errors, numpy warnings, gradients, fitted estimators --------------------

_ERROR_HINTS = {  # error type's name -> what usually fixes a missing or wrong error of that type
    "NotFittedError": "Start the method with check_is_fitted(self), before using any fitted attribute.",
}
_ERROR_HINT = ("Check the arguments at the top of the function, before using them, and raise with a message "
               "that says what was passed and what to pass instead.")


def expect_error(
    fn: Callable[[], Any],
    error_type: type[BaseException] = ValueError,
    match: str | None = None,
    *,
    message: bool = True,
    exercise: str | None = None,
    what: str | None = None,
    hint: str | None = None,
) -> str:
    """Calling ``fn()`` raises ``error_type`` with a non-empty message; returns the message.

    ``match``: a regular expression that must occur in the message (``re.search``, case-insensitive),
    e.g. the value that was wrong. ``message=False``: any message, none included (a hidden check of an
    exercise whose text asks for the error type only). ``what`` names the call in a failure (default: the lambda's source,
    ``LoRALinear(nn.Linear(4, 4), r=0, alpha=1)``). A stub's ``NotImplementedError`` is not swallowed:
    inside ``with exercise(...)`` it still reads "not written yet".

        expect_error(lambda: LoRALinear(nn.Linear(4, 4), r=0, alpha=1), ValueError, match="r")
    """
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    name = _exercise_name(exercise, "expect_error")
    kind = error_type.__name__
    call = what or _describe_call(fn)
    hint = hint or _ERROR_HINTS.get(kind, _ERROR_HINT)
    try:
        result = fn()
    except Exception as exc:  # noqa: BLE001 — any error is a verdict on the learner's code
        if isinstance(exc, NotImplementedError) and not issubclass(error_type, NotImplementedError):
            raise                                    # an unsolved stub: `with exercise` says so
        if not isinstance(exc, error_type):
            _fail(name, f"{call} raised {type(exc).__name__}: {exc}; expected {_article(kind)} {kind}",
                  None, hint=hint)
        text = str(exc).strip()
        if message and not text:
            _fail(name, f"{call} raised {kind} without a message", None,
                  hint=f"Say what was wrong and what to pass instead: raise {kind}(\"...\").")
        if match is not None and not re.search(match, text, re.IGNORECASE):
            _fail(name, f"{call} raised {kind}({text!r}), but the message does not mention {match!r}",
                  None, hint="Say what was passed and what to pass instead.")
        return text
    _fail(name, f"{call} was accepted (it returned {_short(result)}); expected {_article(kind)} {kind}",
          None, hint=hint)


def no_numpy_warnings(fn: Callable[..., Any], *args: Any, exercise: str | None = None,
                      hint: str | None = None, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)``, with numpy's RuntimeWarnings (overflow, invalid value, division by zero)
    turned into a failed check, so that a result right only by luck (``exp(1000) = inf``) does not pass."""
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    name = _exercise_name(exercise, "no_numpy_warnings")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        try:
            return fn(*args, **kwargs)
        except RuntimeWarning as exc:
            _fail(name, f"numpy warned {str(exc)!r}", _arguments(fn, args, kwargs),
                  hint=hint or _STABILITY_HINT)


def gradient_check(
    f: Callable[[np.ndarray], Any],
    x: Any,
    grad: Any,
    *,
    exercise: str | None = None,
    h: float = 1e-6,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    what: str = "gradient",
    inputs: Mapping[str, Any] | None = None,
    hint: str | None = None,
) -> np.ndarray:
    """``grad``, an analytic gradient of the scalar function ``f`` at ``x``, matches central finite
    differences ``(f(x + h e_i) - f(x - h e_i)) / 2h`` within ``atol + rtol * |fd|``; returns them (x's shape).

        gradient_check(lambda W: loss(X, W), W, dW, exercise="dense_backward", what="dW")
    """
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    name = _exercise_name(exercise, "gradient_check")
    reference = _central_differences(f, x, h, name)
    assert_close(grad, reference, exercise=name, inputs=inputs, rtol=rtol, atol=atol,
                 what=f"{what} (vs central finite differences)",
                 hint=hint or "Compare each entry with how f moves when only that entry is nudged.")
    return reference


def expect_not_fitted(estimator: Any, *, exercise: str | None = None, what: str = "the estimator passed in",
                      hint: str | None = None) -> None:
    """scikit-learn's ``check_is_fitted(estimator)`` says it is not fitted, e.g. a function that must
    fit a clone (cross-validation) left the caller's estimator untouched."""
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    name = _exercise_name(exercise, "expect_not_fitted")
    try:
        check_is_fitted(estimator)
    except NotFittedError:
        return
    _fail(name, f"{what} ({type(estimator).__name__}) was fitted; it must stay unfitted", None,
          hint=hint or "Fit a copy, sklearn.base.clone(estimator), never the estimator you were given.")


def calls_code_of(fn: Callable[..., Any], target: Callable[..., Any], /, *args: Any, **kwargs: Any) -> bool:
    """Whether calling ``fn(*args, **kwargs)`` ran ``target``'s code, at any depth (decorators unwrapped).

    For a hidden check that an answer does not delegate to the package's copy of what the exercise asks
    for (``aipath.training.train_one_epoch`` is taught in the notebook that asks for it)::

        assert not calls_code_of(train_one_epoch, aipath.training.train_one_epoch, model, loader, ...), "..."

    Python functions only (a profiler records their ``call`` events; builtins are not seen); the profiler
    that was set before the call is restored afterwards, also when ``fn`` raises.
    """
    code = inspect.unwrap(target).__code__
    ran: set = set()
    before = sys.getprofile()
    sys.setprofile(lambda frame, event, arg: ran.add(frame.f_code) if event == "call" else None)
    try:
        fn(*args, **kwargs)
    finally:
        sys.setprofile(before)
    return code in ran


def _central_differences(f: Callable[[np.ndarray], Any], x: Any, h: float, name: str) -> np.ndarray:
    """The finite-difference reference for :func:`gradient_check`, one coordinate at a time."""
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    point = _as_array(x).astype(np.float64)            # a new float array: the caller's x is never touched
    flat = point.reshape(-1)                           # (size,)
    slopes = np.empty(flat.size)
    for k in range(flat.size):
        step = np.zeros(flat.size)
        step[k] = h
        up = _scalar_value(f((flat + step).reshape(point.shape)), name)
        down = _scalar_value(f((flat - step).reshape(point.shape)), name)
        slopes[k] = (up - down) / (2 * h)
    return slopes.reshape(point.shape)


def _scalar_value(value: Any, name: str) -> float:
    __tracebackhide__ = True  # IPython/pytest: show the learner's frame, not ours
    arr = _checked_array(value, exercise=name, inputs=None, what="f(x) in the gradient check", hint=None)
    if arr.size != 1:
        _fail(name, f"f(x) in the gradient check returned shape {arr.shape}; it must return one number", None,
              hint="A gradient is taken of a scalar: return the loss (a mean or sum), not per-sample values.")
    return float(arr.reshape(()))


def _describe_call(fn: Callable[..., Any]) -> str:
    """A lambda's body as written (``LoRALinear(nn.Linear(4, 4), r=0)``), else ``name()``."""
    code = getattr(fn, "__code__", None)
    if code is not None and getattr(fn, "__name__", "") == "<lambda>":
        spans = [p for p in code.co_positions() if None not in p and (p[0], p[2]) != (p[1], p[3])]
        lines = linecache.getlines(code.co_filename)
        if spans and lines:
            (l0, c0), (l1, c1) = min((p[0], p[2]) for p in spans), max((p[1], p[3]) for p in spans)
            chunk = lines[l0 - 1:l1]
            if len(chunk) == l1 - l0 + 1:
                text = chunk[0][c0:] if l0 != l1 else chunk[0][c0:c1]
                if l0 != l1:
                    text += "".join(chunk[1:-1]) + chunk[-1][:c1]
                return " ".join(text.split())
        return "the call"
    return f"{getattr(fn, '__name__', type(fn).__name__)}()"


def _arguments(fn: Callable[..., Any], args: tuple, kwargs: dict) -> dict[str, Any]:
    """The call's arguments by parameter name (``{"z": z}``), for the inputs line of a failure."""
    try:
        return dict(inspect.signature(fn).bind_partial(*args, **kwargs).arguments)
    except (TypeError, ValueError):
        return {**{f"args[{i}]": a for i, a in enumerate(args)}, **kwargs}


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _short(value: Any) -> str:
    text = " ".join(repr(value).split())              # a module's repr spans lines
    return text if len(text) <= 60 else text[:57] + "..."


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


def _shape_of(value: Any) -> str:
    try:
        return str(tuple(np.shape(_as_array(value))))
    except (TypeError, ValueError):   # ragged lists, objects numpy cannot take
        return f" ({type(value).__name__})"


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
        shapes = ", ".join(f"{name}{_shape_of(v)}" for name, v in inputs.items())
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
