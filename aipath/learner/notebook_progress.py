"""One notebook's check results, the record ``aipath progress`` produces and the study plan reads.

Its own module so that :mod:`aipath.learner.progress` (which makes these records) and
:mod:`aipath.learner.study_plan` (which compares them with the plan) both import it and neither
imports the other's module.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class NotebookProgress:
    path: Path
    passed: list[str] = field(default_factory=list)            # grade_ids of passing check cells
    failed: dict[str, str] = field(default_factory=dict)       # grade_id -> first line of the error
    error: str | None = None                                   # the notebook could not be run at all
    source: str = "run"                                        # "run", "cache" or "not started"

    @property
    def phase(self) -> str:
        return self.path.parent.name

    @property
    def total(self) -> int:
        return len(self.passed) + len(self.failed)
