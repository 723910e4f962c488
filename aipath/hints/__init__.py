"""Progressive hints: ``hint("fit_ridge")`` shows the next hint for that exercise each time.

Hints live in ``aipath/hints/<phase>.toml``, one table per exercise label (the ``exercise=`` name the
checks print), ordered from a conceptual nudge to a near-recipe — never the solution. A failed check
remembers its exercise, so a bare ``hint()`` right after a failure helps with that one.
"""
from __future__ import annotations

import difflib
import tomllib
from functools import lru_cache
from importlib import resources

_shown: dict[str, int] = {}      # exercise label -> hints revealed so far in this kernel
last_failed: str | None = None   # set by aipath.checks when a check fails


@lru_cache(maxsize=1)
def all_hints() -> dict[str, dict]:
    """label -> {"notebook": str, "hints": [str, ...], "phase": str} from every hints file."""
    table: dict[str, dict] = {}
    for file in sorted(resources.files(__package__).iterdir(), key=lambda f: f.name):
        if not file.name.endswith(".toml"):
            continue
        phase = file.name.removesuffix(".toml")
        for label, entry in tomllib.loads(file.read_text(encoding="utf-8")).items():
            if label in table:
                raise ValueError(f"exercise label {label!r} has hints in two files ({table[label]['phase']}, {phase})")
            table[label] = {**entry, "phase": phase}
    return table


def has_hints(exercise: str) -> bool:
    return exercise in all_hints()


def hint(exercise: str | None = None, *, level: int | None = None) -> None:
    """Show the next hint for ``exercise`` (default: the last exercise whose check failed).

    level=k shows hint k (1-based) again. Displays Markdown in Jupyter, prints elsewhere.
    """
    _display(reveal(exercise, level=level))


def reveal(exercise: str | None = None, *, level: int | None = None) -> str:
    """The text :func:`hint` shows, advancing the same counter."""
    exercise = exercise or last_failed
    if exercise is None:
        raise ValueError('hint() needs an exercise name, e.g. hint("fit_ridge"); '
                         "after a failed check, hint() alone helps with that exercise.")
    table = all_hints()
    if exercise not in table:
        close = difflib.get_close_matches(exercise, table, n=3)
        raise ValueError(f"no hints for {exercise!r}." + (f" Did you mean {', '.join(map(repr, close))}?" if close else ""))
    hints = table[exercise]["hints"]
    if level is None:
        level = min(_shown.get(exercise, 0) + 1, len(hints))
    if not 1 <= level <= len(hints):
        raise ValueError(f"{exercise!r} has hints 1..{len(hints)}, not {level}.")
    _shown[exercise] = max(_shown.get(exercise, 0), level)
    more = ("call hint() again for the next one" if level < len(hints)
            else "that was the last hint: reread the prose above the exercise and the check's message")
    return f"**Hint {level}/{len(hints)} for `{exercise}`**: {hints[level - 1]}\n\n*({more}.)*"


def _display(markdown: str) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
    except ImportError:
        print(markdown)
        return
    if get_ipython() is not None:
        display(Markdown(markdown))
    else:
        print(markdown)
