"""Visible checks read the same way everywhere: no bare `assert`, and each graded check cell runs its
visible checks inside `with exercise("name"):`, so an unsolved stub reads "not written yet" in one line,
every failure names its exercise and `hint()` helps with the one that just failed (aipath.checks).

Visible test code is what a learner sees of a check cell: a graded cell before `### BEGIN HIDDEN TESTS`,
and every other code cell that is not an answer cell. Hidden tests are not read by learners; they may
use `assert` (their failures still count, and the checks' helpers name the exercise there too).
"""
from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted((REPO / "notebooks").glob("*/*.ipynb"))
HIDDEN = "### BEGIN HIDDEN TESTS"


def visible_test_code(cell) -> str | None:
    """The part of a code cell a learner reads as checks, or None for answer cells and Markdown."""
    meta = cell.metadata.get("nbgrader", {})
    if cell.cell_type != "code" or meta.get("solution"):
        return None
    return cell.source.split(HIDDEN)[0]


def bare_asserts(source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: no checks in such cells
        return []
    return [ast.get_source_segment(source, node).splitlines()[0] for node in ast.walk(tree)
            if isinstance(node, ast.Assert)]


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


@pytest.mark.parametrize("path", SOURCES, ids=_id)
def test_visible_test_code_has_no_bare_assert(path):
    nb = nbformat.read(str(path), as_version=4)
    found = [f"{cell.metadata.get('nbgrader', {}).get('grade_id', i)}: {line}"
             for i, cell in enumerate(nb.cells) if (code := visible_test_code(cell)) is not None
             for line in bare_asserts(code)]
    assert not found, (f"{path.relative_to(REPO)}: bare `assert` in visible test code — use expect(cond, "
                       "message) or the assert_* helpers of aipath.checks so the failure names its exercise:\n"
                       + "\n".join(found))


@pytest.mark.parametrize("path", SOURCES, ids=_id)
def test_graded_check_cells_run_their_visible_checks_inside_with_exercise(path):
    nb = nbformat.read(str(path), as_version=4)
    outside = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        visible = cell.source.split(HIDDEN)[0]
        if not visible.strip():
            continue  # hidden-only check cell: the learner sees no code
        body = ast.parse(visible).body
        if not (len(body) == 1 and isinstance(body[0], ast.With)
                and getattr(body[0].items[0].context_expr, "func", None) is not None
                and getattr(body[0].items[0].context_expr.func, "id", None) == "exercise"):
            outside.append(meta["grade_id"])
    assert not outside, (f"{path.relative_to(REPO)}: graded cells whose visible checks are not one "
                         f"`with exercise(\"name\"):` block: {outside}")


def test_the_scan_finds_a_bare_assert_and_ignores_hidden_tests():
    cell = nbformat.v4.new_code_cell('x = 1\nassert x == 1, "x"\n' + HIDDEN + "\nassert x\n### END HIDDEN TESTS")
    assert bare_asserts(visible_test_code(cell)) == ['assert x == 1, "x"']
    answer = nbformat.v4.new_code_cell("assert True", metadata={"nbgrader": {"solution": True}})
    assert visible_test_code(answer) is None
