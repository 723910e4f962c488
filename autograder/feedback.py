"""Per-student HTML feedback from nbgrader's generate_feedback, without the hidden tests.

nbgrader's autograded notebooks hold the hidden tests (it restores every test cell from the
gradebook), and its feedback shows them (nbgrader #917). Here the feedback pipeline also removes
hidden-test regions from the cells and cuts tracebacks down to their last line — the check's own
message, which says what to fix — since a traceback quotes the failing hidden line. Each page opens
with why points were lost (autograder/reasons.py, from ``grading_report.json``).
"""
from __future__ import annotations

from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, GetGrades, NbGraderPreprocessor
from traitlets.config import Config

from autograder.course import Course
from autograder.grade import load_report
from autograder.reasons import submission_reason


class TracebackToMessage(NbGraderPreprocessor):
    """Replace each error's traceback with ``ExceptionName: message``."""

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources


def feedback(course: Course, assignment: str, students: list[str] | None = None, *, echo=print) -> list[Path]:
    cfg = Config()
    cfg.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, TracebackToMessage, CSSHTMLHeaderPreprocessor]
    cfg.ClearHiddenTests.enforce_metadata = True
    api = course.api(cfg)
    report = load_report(course).get(assignment, {})
    graded = course.workdir / "autograded"
    if not students and graded.is_dir():
        students = sorted(p.name for p in graded.iterdir() if (p / assignment).is_dir())
    if not students:
        raise SystemExit(f"no graded submissions of {assignment} in {graded}: grade first "
                         f"(`autograder grade {assignment} SUBMISSIONS`), or pass the --workdir you graded into")
    written = []
    for student in students:
        result = api.generate_feedback(assignment, student, force=True)
        if not result["success"]:
            echo(f"{student}: feedback failed: {(result.get('error') or '').strip().splitlines()[-1:]}")
            continue
        folder = course.workdir / "feedback" / student / assignment
        entry = report.get(student, {})
        problems, error = entry.get("problems", {}), entry.get("error")
        for html in sorted(folder.glob("*.html")):
            reason, lost = problems.get(html.stem + ".ipynb"), entry.get("cells", {}).get(html.stem + ".ipynb")
            if error:
                _prepend_notice(html, [f"This submission was not graded ({submission_reason(error)}), so every "
                                       f"graded cell scored 0. Below is the notebook as received, not executed."])
            elif reason:
                _prepend_notice(html, [f"This notebook was graded 0: {reason}. "
                                       f"It was replaced by the blank student version for grading."])
            elif lost:
                _prepend_notice(html, ["Points lost:", *lost])
            written.append(html)
        echo(f"{student}: {len(list(folder.glob('*.html')))} feedback file(s) in {folder}")
    return written


def _prepend_notice(html: Path, lines: list[str]) -> None:
    """A box at the top of the page: the first line, then the others as a list."""
    import html as html_lib

    items = "".join(f"<li>{html_lib.escape(line)}</li>" for line in lines[1:])
    banner = (f'<div class="aipath-reasons" style="border:2px solid #c00;padding:1em;margin:1em;font-weight:bold">'
              f"{html_lib.escape(lines[0])}" + (f"<ul>{items}</ul>" if items else "") + "</div>")
    page = html.read_text(encoding="utf-8")
    html.write_text(page.replace("<body>", "<body>" + banner, 1) if "<body>" in page else banner + page,
                    encoding="utf-8")
