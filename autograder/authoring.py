"""Build nbgrader *source* cells in code (for scripts that write notebooks).

nbgrader reads a cell's role from ``metadata.nbgrader``; these helpers write that metadata so a
notebook built in code is the same as one built with nbgrader's "Create Assignment" toolbar:

- :func:`markdown` / :func:`code`: read-only cells (``locked``) learners cannot change;
- :func:`solution`: an answer cell, ``### BEGIN SOLUTION`` … ``### END SOLUTION`` inside;
- :func:`tests`: an autograded test cell worth ``points``; ``### BEGIN HIDDEN TESTS`` … inside.
"""
from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def _meta(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def markdown(text: str, cell_id: str | None = None):
    cell = new_markdown_cell(text.strip("\n"))
    if cell_id:
        cell.metadata.update(_meta(cell_id, locked=True))
    return cell


def code(source: str, cell_id: str | None = None):
    cell = new_code_cell(source.strip("\n"))
    if cell_id:
        cell.metadata.update(_meta(cell_id, locked=True))
    return cell


def solution(source: str, cell_id: str):
    if "### BEGIN SOLUTION" not in source:
        raise ValueError(f"solution cell {cell_id!r} has no '### BEGIN SOLUTION' region")
    cell = new_code_cell(source.strip("\n"))
    cell.metadata.update(_meta(cell_id, solution=True))
    return cell


def tests(source: str, cell_id: str, points: float):
    if points <= 0:
        raise ValueError(f"test cell {cell_id!r} must be worth > 0 points")
    cell = new_code_cell(source.strip("\n"))
    cell.metadata.update(_meta(cell_id, grade=True, locked=True, points=points))
    return cell


def write_notebook(path, cells) -> None:
    for index, cell in enumerate(cells):  # stable ids: rebuilding a notebook gives a small diff
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        cell.id = grade_id.replace(".", "-")[:64] if grade_id else f"cell-{index}"
    nb = new_notebook(cells=cells)
    nb.metadata.update({
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })
    nbformat.validate(nb)
    nbformat.write(nb, str(path))
