"""Helpers taught once, imported after (d2l's ``#@save``): notebook cells marked ``# aipath: save``
gathered, in course order, into the learner's package as ``aipath/saved.py``.

A marked cell is a code cell whose first line is ``# aipath: save``. It may hold only imports,
``def``/``class`` definitions and UPPER_CASE constants, and must import what it uses, so that the saved
module imports on its own. It may not be an answer or a test cell (nbgrader ``solution``/``grade``,
``### BEGIN SOLUTION``/``HIDDEN TESTS``): that would ship an answer or a hidden test to every learner.

    python -m autograder.saved            # (re)write aipath/saved.py
    python -m autograder.saved --check    # exit 1 if aipath/saved.py is stale (tests/test_saved.py)
"""
from __future__ import annotations

import argparse
import ast
import builtins
import re
import symtable
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

REPO_ROOT = Path(__file__).resolve().parent.parent
MARKER = "# aipath: save"
TARGET = Path("aipath") / "saved.py"
_REGION = re.compile(r"^\s*### (BEGIN|END) (SOLUTION|HIDDEN TESTS)", re.M)
_CONSTANT = re.compile(r"^[A-Z][A-Z0-9_]*$")


class MarkedCellError(ValueError):
    """A marked cell that cannot be saved; the message names the notebook and cell and says what to fix."""


@dataclass(frozen=True)
class SavedCell:
    notebook: str          # notebooks/<phase>/<name>.ipynb
    cell: str              # the cell's grade_id (or id)
    code: str              # the cell's source without the marker line
    names: tuple[str, ...]  # what it defines


def course_notebooks(repo: Path) -> list[Path]:
    """Every source notebook, in course order (phase folders and notebooks are numbered)."""
    return sorted((repo / "notebooks").glob("*/*.ipynb"))


def marked_cells(path: Path, repo: Path) -> list[SavedCell]:
    """The notebook's marked cells, each checked; raises MarkedCellError for one that may not be saved."""
    notebook = path.relative_to(repo).as_posix()
    saved = []
    for index, cell in enumerate(nbformat.read(str(path), as_version=4).cells):
        lines = cell.source.splitlines()
        if cell.cell_type != "code" or not any(line.strip() == MARKER for line in lines):
            continue
        meta = cell.metadata.get("nbgrader", {})
        where = f"{notebook}, cell {meta.get('grade_id') or cell.get('id') or index}"
        if lines[0].strip() != MARKER:
            raise MarkedCellError(f"{where}: `{MARKER}` must be the cell's first line.")
        if meta.get("solution") or meta.get("grade") or _REGION.search(cell.source):
            raise MarkedCellError(f"{where}: an answer or test cell cannot be saved — it would ship the answer "
                                  "(or hidden tests) to every learner. Move the helper to a read-only cell.")
        code = "\n".join(lines[1:]).strip("\n")
        saved.append(SavedCell(notebook, meta.get("grade_id") or cell.get("id") or str(index), code,
                               _definitions_only(code, where)))
    return saved


def _definitions_only(code: str, where: str) -> tuple[str, ...]:
    """The names a marked cell defines; it must hold only imports, definitions and CONSTANTS."""
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        raise MarkedCellError(f"{where}: does not parse ({exc.msg}, line {exc.lineno}).") from None
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if not all(isinstance(t, ast.Name) and _CONSTANT.match(t.id) for t in targets):
                raise MarkedCellError(f"{where}: line {node.lineno} assigns a variable; a saved cell holds only "
                                      "imports, definitions and UPPER_CASE constants — move it to another cell.")
            names += [t.id for t in targets]
        elif not isinstance(node, (ast.Import, ast.ImportFrom)) and not (
                isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            raise MarkedCellError(f"{where}: line {node.lineno} runs code; a saved cell holds only imports, "
                                  "definitions and UPPER_CASE constants — move it to another cell.")
    return tuple(names)


def _unbound_globals(code: str) -> list[str]:
    """Global names the code reads but neither defines, imports nor gets from builtins."""
    table = symtable.symtable(code, "saved", "exec")
    bound = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}
    needed: set[str] = set()
    todo = list(table.get_children())
    while todo:
        scope = todo.pop()
        todo += scope.get_children()
        needed |= {s.get_name() for s in scope.get_symbols() if s.is_global() and s.is_referenced()}
    needed |= {s.get_name() for s in table.get_symbols() if s.is_referenced()}
    return sorted(needed - bound - set(dir(builtins)))


def gather(repo: Path) -> list[SavedCell]:
    """Every marked cell of the course, in course order; each name saved once, each cell self-contained."""
    cells, owner = [], {}
    for path in course_notebooks(repo):
        for cell in marked_cells(path, repo):
            for name in cell.names:
                if name in owner:
                    raise MarkedCellError(f"{cell.notebook}, cell {cell.cell}: `{name}` is already saved from "
                                          f"{owner[name]}; import it from aipath.saved instead of redefining it.")
                owner[name] = f"{cell.notebook}, cell {cell.cell}"
            missing = _unbound_globals(cell.code)
            if missing:
                raise MarkedCellError(f"{cell.notebook}, cell {cell.cell}: uses {', '.join(missing)} without "
                                      "importing or defining it; a saved cell must import what it uses.")
            cells.append(cell)
    return cells


def render(cells: list[SavedCell]) -> str:
    """The text of aipath/saved.py."""
    sources = "\n".join(f"- {c.notebook}, cell `{c.cell}`: {', '.join(c.names)}" for c in cells) or "- (none yet)"
    names = sorted(name for c in cells for name in c.names)
    parts = [
        '"""Helpers taught in the course\'s notebooks, for later notebooks to import (d2l\'s #@save idea).\n\n'
        f"GENERATED by `python -m autograder.saved` from the cells marked `{MARKER}` — do not edit:\n"
        "edit the notebook cell and regenerate. tests/test_saved.py fails when this file is stale.\n\n"
        f"Sources, in course order:\n{sources}\n"
        '"""\n',
        f"__all__ = {names!r}\n",
    ]
    for cell in cells:
        parts.append(f"\n\n# --- {cell.notebook}, cell `{cell.cell}` ---\n{cell.code}\n")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.saved", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help=f"exit 1 if {TARGET} is stale; write nothing")
    parser.add_argument("--repo", type=Path, default=REPO_ROOT, help="the course repository (default: this one)")
    args = parser.parse_args(argv)
    try:
        text = render(gather(args.repo))
    except MarkedCellError as exc:
        print(f"autograder.saved: {exc}", file=sys.stderr)
        return 2
    target = args.repo / TARGET
    if args.check:
        if not target.exists() or target.read_text() != text:
            print(f"{TARGET} is stale: run `python -m autograder.saved`.", file=sys.stderr)
            return 1
        return 0
    target.write_text(text)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
