"""The five phases as the landing page shows them.

The timeline itself — the seed's 8 + 8 + 8 + 6 + 6 weeks, each notebook's share of its phase and the
milestones — is the helper package's study plan (:mod:`aipath.learner.study_plan`); this module only adds the
words the site needs: each phase's title and what the learner builds in it.
"""
from __future__ import annotations

from dataclasses import dataclass

from aipath.learner import study_plan

HOURS_PER_WEEK = (10, 15)  # the seed's range; study_plan counts its weeks at the middle of it

DESCRIPTIONS = {
    "01_math": ("Foundations", "linear algebra, calculus, probability; linear & logistic regression, a decision "
                               "tree, k-means and cross-validation from scratch, checked against scikit-learn"),
    "02_deep_learning": ("Deep learning", "backpropagation from scratch, PyTorch, an MNIST classifier, sentiment "
                                          "analysis, RNNs and LSTMs"),
    "03_papers": ("Papers", "reading papers, a Transformer, a ResNet reproduction, LoRA, a GPT from scratch"),
    "04_mlops": ("MLOps", "MLflow tracking and registry, FastAPI serving, CI/CD retraining, DVC, drift and A/B tests"),
    "05_portfolio": ("Portfolio", "an end-to-end capstone, a write-up, interview preparation"),
}


@dataclass(frozen=True)
class Phase:
    folder: str      # notebooks/<folder>, the nbgrader assignment
    title: str
    weeks: float
    builds: str      # what the learner builds, one line


def _phase(folder: str, weeks: float) -> Phase:
    title, builds = DESCRIPTIONS.get(folder, (folder, ""))
    return Phase(folder, title, weeks, builds)


PHASES = tuple(_phase(folder, weeks) for folder, weeks in study_plan.PHASE_WEEKS.items())


def week_ranges() -> list[tuple[Phase, float, float]]:
    """Each phase with its first and last week, phases back to back from week 1."""
    out, start = [], 1
    for phase in PHASES:
        out.append((phase, start, start + phase.weeks - 1))
        start += phase.weeks
    return out


def total_weeks() -> float:
    return sum(phase.weeks for phase in PHASES)


def step(folder: str, stem: str) -> study_plan.Step | None:
    """The plan's step for notebook ``notebooks/<folder>/<stem>.ipynb``, if the plan has it."""
    return next((s for s in study_plan.PLAN if s.phase == folder and s.notebook == stem), None)
