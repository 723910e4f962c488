"""The release property, per notebook: the committed student version is fresh and fails every graded
cell, and every plausible wrong answer in tests/mutants is caught. (That the sources pass every check
is proved by nbmake executing them in the same run: a failing graded cell fails the notebook.)"""
import json
from pathlib import Path

import pytest

from autograder.course import Course
from autograder.release import stale_files
from autograder.validate import validate

REPO = Path(__file__).resolve().parent.parent
COURSE = Course(REPO)
SOURCES = [(a, p.stem) for a in COURSE.assignments() for p in COURSE.source_notebooks(a)]


def test_every_phase_folder_exists():
    for phase in ["01_math", "02_deep_learning", "03_papers", "04_mlops", "05_portfolio"]:
        assert (REPO / "notebooks" / phase).is_dir(), f"notebooks/{phase} is missing"


def test_release_is_fresh():
    stale = stale_files(COURSE, COURSE.assignments())
    assert not stale, "release/ is stale; run `autograder release` and commit:\n" + "\n".join(stale)


@pytest.mark.parametrize("path", sorted((REPO / "notebooks").rglob("*.ipynb")) + sorted((REPO / "release").rglob("*.ipynb")),
                         ids=lambda p: str(p.relative_to(REPO)))
def test_notebooks_are_stored_without_outputs(path):
    nb = json.loads(path.read_text())
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and (c["outputs"] or c["execution_count"])]
    assert not dirty, f"{path} has outputs in cells {dirty}; clear them before committing"


@pytest.mark.parametrize("assignment,stem", SOURCES, ids=[f"{a}/{s}" for a, s in SOURCES])
def test_validate_student_version_and_mutants(assignment, stem):
    # The source notebooks pass their checks: nbmake executes them in the same test run.
    findings = validate(COURSE, assignment, [stem], mutants_dir=REPO / "tests" / "mutants", sources=False,
                        echo=lambda *_: None)
    assert not findings, "\n".join(map(str, findings))
