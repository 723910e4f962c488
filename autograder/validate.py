"""The release property: every source notebook passes all its checks, and every student version
fails every graded cell (a check that passes on the stub is a defect).

Both directions use nbgrader's own Validator, which executes the notebook in a fresh kernel.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import Course


@dataclass
class Finding:
    notebook: Path
    problem: str
    cells: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        detail = "".join(f"\n    --- cell ---\n    {c[:400]}" for c in self.cells)
        return f"{self.notebook}: {self.problem}{detail}"


def _validator(course: Course, invert: bool):
    from nbgrader.validator import Validator

    validator = Validator(config=course.config())
    validator.invert = invert
    validator.ignore_checksums = False
    return validator


def check_source(course: Course, notebook: Path) -> list[Finding]:
    """The solution notebook passes every graded cell."""
    results = _validator(course, invert=False).validate(str(notebook))
    findings = []
    if results.get("failed"):
        cells = [f"{r['source']}\n    error: {r['raw_error'][-600:]}" for r in results["failed"]]
        findings.append(Finding(notebook, f"{len(cells)} graded cell(s) fail on the solution", cells))
    if results.get("type_changed") or results.get("changed"):
        findings.append(Finding(notebook, "cells changed type or content against their checksum"))
    return findings


def check_student(course: Course, notebook: Path) -> list[Finding]:
    """The student version (stubs) fails every graded cell."""
    results = _validator(course, invert=True).validate(str(notebook))
    findings = []
    if results.get("passed"):
        cells = [r["source"] for r in results["passed"]]
        findings.append(Finding(notebook, f"{len(cells)} graded cell(s) pass on the unanswered student version",
                                cells))
    if results.get("type_changed") or results.get("changed"):
        findings.append(Finding(notebook, "released cells changed against their checksum: run `autograder release`"))
    return findings


def validate(course: Course, assignment: str, notebooks: list[str] | None = None,
             *, mutants_dir: Path | None = None, sources: bool = True, echo=print) -> list[Finding]:
    """Validate sources (unless sources=False, e.g. when nbmake already ran them), student versions
    and (optionally) mutants; returns every finding."""
    from autograder.mutation import mutants_for, run_mutants, runner_for

    findings: list[Finding] = []
    selected = [p for p in course.source_notebooks(assignment) if notebooks is None or p.stem in notebooks]
    if notebooks and len(selected) != len(notebooks):
        raise SystemExit(f"unknown notebook(s) in {notebooks}; {assignment} has "
                         f"{[p.stem for p in course.source_notebooks(assignment)]}")
    for source in selected:
        student = course.release_dir / assignment / source.name
        found = check_source(course, source) if sources else []
        if not student.is_file():
            found.append(Finding(student, "no student version: run `autograder release`"))
        else:
            found += check_student(course, student)
        if mutants_dir is not None:
            mutants = mutants_for(mutants_dir, assignment, source.stem)
            if not mutants:
                found.append(Finding(source, f"no mutants in {mutants_dir}/{assignment}/{source.stem}.py"))
            for result in run_mutants(source, mutants, runner_for(mutants_dir, assignment, source.stem)):
                echo(f"  mutant {result}")
                if not result.killed:
                    found.append(Finding(source, f"mutant {result.cell}/{result.name} survives: "
                                                 f"no graded cell fails on this wrong answer"))
        echo(f"{'ok  ' if not found else 'FAIL'} {assignment}/{source.name}")
        findings += found
    return findings
