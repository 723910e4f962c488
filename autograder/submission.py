"""Inspect a submitted notebook before nbgrader sees it.

A submission nbgrader cannot grade (invalid JSON, not a notebook, graded or answer cells deleted,
missing file) is replaced by the released student version, which scores 0 on every graded cell
(``autograder validate`` proves that), and the reason is recorded. So the batch never stops, the
gradebook holds a real nbgrader grade for everyone, and the student is told why.
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat


def nbgrader_ids(nb) -> list[str]:
    """grade_ids of every graded or answer cell, in order."""
    ids = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") or meta.get("solution"):
            ids.append(meta.get("grade_id"))
    return ids


def problem_with(submitted: Path, released: Path) -> str | None:
    """Why ``submitted`` cannot be graded as it is, or None when it can."""
    if not submitted.is_file():
        return f"missing notebook {released.name}"
    raw = submitted.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text ({exc.reason} at byte {exc.start})"
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return f"not a Jupyter notebook (no list of cells)"
    try:
        nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # noqa: BLE001 — nbformat raises several types for bad notebooks
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"not a valid notebook ({first})"
    expected = nbgrader_ids(nbformat.read(str(released), as_version=4))
    present = set(nbgrader_ids(nb))
    deleted = [i for i in expected if i not in present]
    if deleted:
        return f"graded or answer cell(s) deleted: {', '.join(deleted)}"
    return None
