"""The course's reference answers that the instructor's tools run: the tests, the benchmarks and the
repository's retraining workflow (``python -m aipath.mlops.retrain --rule autograder.reference:should_promote``).

They are exercise answers, so they live here and never in ``aipath``, the package learners import
(tests/test_no_answer_leaks.py searches it for every solution line).
"""
from __future__ import annotations


def should_promote(candidate: float, champion: float | None, *, margin: float, higher_is_better: bool = True) -> bool:
    """True when there is no champion, or the candidate beats it by more than ``margin`` (>= 0).
    The answer to 04_mlops/03_retraining, Exercise 1."""
    if champion is None:
        return True
    gain = candidate - champion if higher_is_better else champion - candidate
    return bool(gain > margin)
