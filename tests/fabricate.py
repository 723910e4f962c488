"""Fabricated submissions for tests and benchmarks (a test fixture: it lives in tests/, pip never installs it).

``answered(student, source, cells)`` copies the solution of each named answer cell (all of them when
``cells`` is None) from the source notebook into the student version, as a student who solved
exactly those exercises would hand it in.
"""
from __future__ import annotations

import copy
from pathlib import Path

import nbformat


def _solutions(source) -> dict[str, str]:
    """grade_id -> the answer as a student would write it (solution markers removed)."""
    return {c.metadata["nbgrader"]["grade_id"]: _without_markers(c.source) for c in source.cells
            if c.metadata.get("nbgrader", {}).get("solution")}


def _without_markers(code: str) -> str:
    return "\n".join(line for line in code.splitlines()
                     if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)


def answered(student_path: Path, source_path: Path, cells: list[str] | None = None):
    student = copy.deepcopy(nbformat.read(str(student_path), as_version=4))
    solutions = _solutions(nbformat.read(str(source_path), as_version=4))
    unknown = set(cells or []) - set(solutions)
    if unknown:
        raise ValueError(f"no answer cells {sorted(unknown)} in {source_path}")
    for cell in student.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("solution") and (cells is None or grade_id in cells):
            cell.source = solutions[grade_id]
    return student


def solution_cell_ids(source_path: Path) -> list[str]:
    return list(_solutions(nbformat.read(str(source_path), as_version=4)))
