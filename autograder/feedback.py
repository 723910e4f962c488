"""Per-student HTML feedback from nbgrader's generate_feedback, without the hidden tests.

nbgrader's autograded notebooks hold the hidden tests (it restores every test cell from the
gradebook), and its feedback shows them (nbgrader #917). Here the feedback pipeline also removes
hidden-test regions from the cells and cuts tracebacks down to their last line — the check's own
message, which says what to fix — since a traceback quotes the failing hidden line.
"""
from __future__ import annotations

from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, GetGrades, NbGraderPreprocessor
from traitlets.config import Config

from autograder.course import Course
from autograder.grade import load_report


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
    students = students or sorted(p.name for p in (course.workdir / "autograded").iterdir()
                                  if (p / assignment).is_dir())
    written = []
    for student in students:
        result = api.generate_feedback(assignment, student, force=True)
        if not result["success"]:
            echo(f"{student}: feedback failed: {(result.get('error') or '').strip().splitlines()[-1:]}")
            continue
        folder = course.workdir / "feedback" / student / assignment
        problems = report.get(student, {}).get("problems", {})
        error = report.get(student, {}).get("error")
        for html in sorted(folder.glob("*.html")):
            reason = problems.get(html.stem + ".ipynb")
            if error:
                _prepend_notice(html, f"This submission was not graded ({error.strip().splitlines()[-1]}), so every "
                                      f"graded cell scored 0. Below is the notebook as received, not executed.")
            elif reason:
                _prepend_notice(html, f"This notebook was graded 0: {reason}. "
                                      f"It was replaced by the blank student version for grading.")
            written.append(html)
        echo(f"{student}: {len(list(folder.glob('*.html')))} feedback file(s) in {folder}")
    return written


def _prepend_notice(html: Path, text: str) -> None:
    import html as html_lib

    banner = (f'<div style="border:2px solid #c00;padding:1em;margin:1em;font-weight:bold">'
              f"{html_lib.escape(text)}</div>")
    page = html.read_text(encoding="utf-8")
    html.write_text(page.replace("<body>", "<body>" + banner, 1) if "<body>" in page else banner + page,
                    encoding="utf-8")
