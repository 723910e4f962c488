"""The course's timeline as data, and where a learner should be on it today.

The plan is the seed's: five phases of 8 + 8 + 8 + 6 + 6 weeks at 10–15 hours a week. Its weeks are
counted at :data:`REFERENCE_HOURS_PER_WEEK` (12.5, the middle of that range); a learner who studies
``H`` hours a week takes ``12.5 / H`` calendar weeks per plan week. Every notebook of the course is one
:class:`Step` with its share of its phase's weeks, and some steps end on a milestone ("week 4 of phase 2:
an MNIST classifier").

    aipath plan --start 2026-09-01 --hours-per-week 12          # the schedule with dates
    aipath progress release --start 2026-09-01 --hours-per-week 12   # what passes, and the pace

:func:`pace` compares the notebooks a progress run checked with where the plan says the learner should
be, in calendar weeks, and says what to do next.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from aipath.learner.notebook_progress import NotebookProgress

REFERENCE_HOURS_PER_WEEK = 12.5          # the plan's weeks assume this many hours (the seed says 10–15)
MAX_HOURS_PER_WEEK = 7 * 24
ON_TRACK_WEEKS = 0.5                     # closer than this to the plan (calendar weeks) counts as on track

PHASE_WEEKS = {                          # the seed's timeline, in plan weeks
    "01_math": 8,
    "02_deep_learning": 8,
    "03_papers": 8,
    "04_mlops": 6,
    "05_portfolio": 6,
}


@dataclass(frozen=True)
class Step:
    """One notebook of the plan: ``weeks`` plan weeks of its phase, optionally ending on a milestone."""
    phase: str
    notebook: str
    weeks: float
    milestone: str | None = None

    @property
    def key(self) -> str:
        return f"{self.phase}/{self.notebook}"


PLAN: tuple[Step, ...] = (
    Step("01_math", "01_linear_algebra", 1.0),
    Step("01_math", "02_calculus", 1.0),
    Step("01_math", "03_probability", 1.5),
    Step("01_math", "04_linear_regression", 1.0, "a model written from scratch that matches scikit-learn"),
    Step("01_math", "05_logistic_regression", 1.0),
    Step("01_math", "06_generalisation", 1.5),
    Step("01_math", "07_decision_tree", 1.0, "phase 1 done: the foundations of ML, from scratch"),
    Step("02_deep_learning", "01_nn_from_scratch", 1.0, "a neural network from scratch, gradients checked"),
    Step("02_deep_learning", "02_pytorch_fundamentals", 1.0),
    Step("02_deep_learning", "03_mnist_classifier", 2.0, "an MNIST classifier in PyTorch (99 % test accuracy)"),
    Step("02_deep_learning", "04_sentiment", 1.5, "a text sentiment analyzer"),
    Step("02_deep_learning", "05_rnn_lstm", 1.5),
    Step("02_deep_learning", "06_transfer_learning", 1.0, "phase 2 done: deep learning with PyTorch, pretrained networks fine-tuned"),
    Step("03_papers", "01_reading_papers", 1.0),
    Step("03_papers", "02_transformer", 2.0, "the Transformer reimplemented from the paper"),
    Step("03_papers", "03_resnet", 1.5, "ResNet's degradation result reproduced"),
    Step("03_papers", "04_architectures", 1.0),
    Step("03_papers", "05_lora", 1.5, "a recent paper (LoRA) reproduced"),
    Step("03_papers", "06_gpt_from_scratch", 1.0, "phase 3 done: a GPT from scratch, measured against the LSTM"),
    Step("04_mlops", "01_experiment_tracking", 1.0),
    Step("04_mlops", "02_model_serving", 1.5, "a model served over HTTP with FastAPI"),
    Step("04_mlops", "03_retraining", 1.5),
    Step("04_mlops", "04_drift_ab_testing", 1.0),
    Step("04_mlops", "05_dvc", 1.0, "phase 4 done: tracked, served, versioned and monitored"),
    Step("05_portfolio", "01_capstone", 2.5, "the capstone: an image classifier for a custom dataset"),
    Step("05_portfolio", "02_writeup", 1.0, "a technical write-up of the capstone"),
    Step("05_portfolio", "03_ml_interview", 1.0),
    Step("05_portfolio", "04_system_design", 0.5),
    Step("05_portfolio", "05_portfolio_checklist", 1.0, "phase 5 done: a portfolio ready to share"),
)


@dataclass(frozen=True)
class Scheduled:
    """A step placed on the plan's time axis, in plan weeks from the start."""
    step: Step
    start_week: float
    end_week: float
    phase_week: float        # plan weeks into its own phase at which it ends ("week 4 of phase 2")


def schedule(plan: tuple[Step, ...] = PLAN) -> list[Scheduled]:
    """Every step with its start and end in plan weeks, in plan order."""
    out, week, phase_start = [], 0.0, {}
    for step in plan:
        phase_start.setdefault(step.phase, week)
        out.append(Scheduled(step, week, week + step.weeks, week + step.weeks - phase_start[step.phase]))
        week += step.weeks
    return out


def total_weeks(plan: tuple[Step, ...] = PLAN) -> float:
    return sum(step.weeks for step in plan)


def check_inputs(start: date, hours_per_week: float, today: date) -> None:
    """Clear errors for a pace that cannot be measured: a start after ``today``, hours out of range."""
    if start > today:
        raise ValueError(f"the start date {start.isoformat()} is in the future (today is {today.isoformat()}): "
                         "give the day you started, or today if you start now")
    check_hours(hours_per_week)


def check_hours(hours_per_week: float) -> None:
    if not hours_per_week > 0:
        raise ValueError(f"hours per week must be more than 0, got {hours_per_week:g} "
                         f"(the plan assumes 10-15; it scales to what you give)")
    if hours_per_week > MAX_HOURS_PER_WEEK:
        raise ValueError(f"hours per week must be at most {MAX_HOURS_PER_WEEK} (a week has no more), got {hours_per_week:g}")


def calendar_weeks(plan_weeks: float, hours_per_week: float) -> float:
    """Calendar weeks that ``plan_weeks`` take at ``hours_per_week``."""
    return plan_weeks * REFERENCE_HOURS_PER_WEEK / hours_per_week


def plan_date(start: date, plan_weeks: float, hours_per_week: float) -> date:
    return start + timedelta(days=round(7 * calendar_weeks(plan_weeks, hours_per_week)))


def plan_week_on(start: date, hours_per_week: float, today: date) -> float:
    """How many plan weeks someone who started on ``start`` at ``hours_per_week`` has had by ``today``."""
    check_inputs(start, hours_per_week, today)
    return (today - start).days / 7 * hours_per_week / REFERENCE_HOURS_PER_WEEK


def step_at(plan_week: float, plan: tuple[Step, ...] = PLAN) -> Scheduled | None:
    """The step the plan is in at ``plan_week`` (None once the plan is over)."""
    return next((s for s in schedule(plan) if s.start_week <= plan_week < s.end_week), None)


@dataclass
class Pace:
    start: date
    hours_per_week: float
    today: date
    plan_week: float                 # plan weeks available by today
    done_weeks: float                # plan weeks of the checked notebooks whose checks pass
    expected_weeks: float            # plan weeks of the checked notebooks the plan wanted done by today
    checked: int                     # notebooks of the plan that were checked
    current: Scheduled | None        # where the plan says the learner is
    next_step: Scheduled | None      # what to do next
    next_status: str                 # how far that step is, from the check run
    next_milestone: Scheduled | None
    expected_by_phase: dict[str, float]   # share of each phase the plan wanted done by today, 0..1

    @property
    def delta_weeks(self) -> float:
        """Calendar weeks ahead (> 0) or behind (< 0) the plan."""
        return calendar_weeks(self.done_weeks - self.expected_weeks, self.hours_per_week)

    @property
    def status(self) -> str:
        if abs(self.delta_weeks) < ON_TRACK_WEEKS:
            return "on track"
        return f"{'ahead of' if self.delta_weeks > 0 else 'behind'} the plan by {abs(self.delta_weeks):.1f} weeks"


def _fraction_passed(result: NotebookProgress) -> float:
    return len(result.passed) / result.total if result.total else 0.0


def pace(results: list[NotebookProgress], start: date, hours_per_week: float, today: date | None = None,
         plan: tuple[Step, ...] = PLAN) -> Pace:
    """Compare the checked notebooks with the plan.

    Only notebooks that were checked count on both sides: a notebook the run did not see is neither done
    nor overdue. A notebook counts done in proportion to its passing checks.
    """
    today = today or date.today()
    week = plan_week_on(start, hours_per_week, today)
    by_key = {f"{r.phase}/{r.path.stem}": r for r in results}
    placed = schedule(plan)
    done = expected = 0.0
    checked = []
    for s in placed:
        result = by_key.get(s.step.key)
        if result is None:
            continue
        checked.append(s)
        done += s.step.weeks * _fraction_passed(result)
        expected += min(max(week - s.start_week, 0.0), s.step.weeks)

    next_step, next_status = None, ""
    unfinished = [s for s in checked if _fraction_passed(by_key[s.step.key]) < 1.0]
    if unfinished:
        next_step = unfinished[0]
        result = by_key[next_step.step.key]
        next_status = f"{len(result.passed)} of {result.total} checks pass"
        if result.failed:
            grade_id, message = next(iter(result.failed.items()))
            next_status += f"; first failing: {grade_id} ({message})"
        elif result.error:
            next_status += f"; {result.error}"
    else:
        after = placed.index(checked[-1]) + 1 if checked else 0
        if after < len(placed):
            next_step = placed[after]
            next_status = f"not checked yet: open release/{next_step.step.phase}/{next_step.step.notebook}.ipynb"

    milestone = next((s for s in placed if s.step.milestone and s.end_week > week), None)
    expected_by_phase = {}
    for phase in dict.fromkeys(s.step.phase for s in placed):
        mine = [s for s in placed if s.step.phase == phase]
        length = sum(s.step.weeks for s in mine)
        expected_by_phase[phase] = min(max(week - mine[0].start_week, 0.0), length) / length
    return Pace(start, hours_per_week, today, week, done, expected, len(checked), step_at(week, plan),
                next_step, next_status, milestone, expected_by_phase)


def pace_report(p: Pace, plan: tuple[Step, ...] = PLAN) -> str:
    """The lines ``aipath progress --start ... --hours-per-week ...`` prints under its table."""
    total = total_weeks(plan)
    total_calendar = calendar_weeks(total, p.hours_per_week)
    lines = [
        f"Study plan: started {p.start.isoformat()} at {p.hours_per_week:g} h/week -> {total_calendar:.1f} weeks "
        f"in all ({total:g} plan weeks at {REFERENCE_HOURS_PER_WEEK:g} h), ending about "
        f"{plan_date(p.start, total, p.hours_per_week).isoformat()}.",
    ]
    elapsed = (p.today - p.start).days / 7
    where = (f"the plan has you in {p.current.step.key}" if p.current is not None
             else "the plan is complete by now")
    lines.append(f"Today ({p.today.isoformat()}) is week {elapsed:.1f} of {total_calendar:.1f}: {where}.")
    if p.checked:
        lines.append(f"Of the {p.checked} plan notebook(s) checked, you have done {p.done_weeks:.1f} plan weeks of the "
                     f"{p.expected_weeks:.1f} the plan expects by today: {p.status}.")
    else:
        lines.append("None of the notebooks checked is in the plan: nothing to compare with.")
    if p.next_step is not None:
        lines.append(f"Next: {p.next_step.step.key} — {p.next_status}.")
    else:
        lines.append("Next: nothing — every notebook of the plan that was checked passes, and the plan has no more.")
    if p.next_milestone is not None:
        m = p.next_milestone
        phase_number = list(PHASE_WEEKS).index(m.step.phase) + 1 if m.step.phase in PHASE_WEEKS else "?"
        lines.append(f"Next milestone: {m.step.milestone} ({m.step.key}) — week {m.phase_week:g} of phase "
                     f"{phase_number}, due {plan_date(p.start, m.end_week, p.hours_per_week).isoformat()}.")
    return "\n".join(lines)


def schedule_table(start: date, hours_per_week: float, plan: tuple[Step, ...] = PLAN) -> str:
    """The whole plan with calendar dates (``aipath plan``); the start may be in the future."""
    check_hours(hours_per_week)
    lines = [f"{'from':10s}  {'to':10s}  {'notebook':40s}  milestone"]
    for s in schedule(plan):
        first = plan_date(start, s.start_week, hours_per_week)
        last = plan_date(start, s.end_week, hours_per_week) - timedelta(days=1)
        mark = f"week {s.phase_week:g} of the phase: {s.step.milestone}" if s.step.milestone else ""
        lines.append(f"{first.isoformat()}  {last.isoformat()}  {s.step.key:40s}  {mark}".rstrip())
    lines.append(f"{len(plan)} notebooks, {total_weeks(plan):g} plan weeks = "
                 f"{calendar_weeks(total_weeks(plan), hours_per_week):.1f} weeks at {hours_per_week:g} h/week.")
    return "\n".join(lines)
