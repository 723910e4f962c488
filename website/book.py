"""The Jupyter Book: its configuration, table of contents, landing page and pages, and the build.

Book source layout (written under ``<out>/book``)::

    _config.yml  _toc.yml  index.md  progress.md  _static/aipath.css  favicon.svg
    notebooks/<phase>/<name>.ipynb   the page: student version with outputs, links on top
    notebooks/<phase>/<name>_files/  files its outputs show (written by the notebook as it ran)
    downloads/<phase>/<name>.ipynb   what "Download" gives: the student notebook as in release/

Jupyter Book 1 renders it with Sphinx and MyST-NB (``execute_notebooks: off``: the pages already hold
their outputs); ``sphinx-mathjax-offline`` copies MathJax 3 into the site, so maths needs no network.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml
from nbformat.v4 import new_markdown_cell

from autograder.colab import colab_url, course_location
from website import plan

CONTENT = Path(__file__).resolve().parent / "content"

# Jupyter Book 1's default extensions, less sphinx_thebe (live code through Binder, which this course
# does not use; under Sphinx 7.4 it declares a `const` twice on every page, a console error) and
# intersphinx (unused); plus sphinx-mathjax-offline, which copies MathJax 3 into _static/mathjax so
# maths renders with no network.
EXTENSIONS = ["sphinx_togglebutton", "sphinx_copybutton", "myst_nb", "jupyter_book", "sphinx_comments",
              "sphinx_external_toc", "sphinx_design", "sphinx_book_theme", "sphinx-mathjax-offline"]


@dataclass(frozen=True)
class Page:
    source: Path      # notebooks/<assignment>/<name>.ipynb
    assignment: str
    title: str

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def docname(self) -> str:
        return f"notebooks/{self.assignment}/{self.source.stem}"


def discover(repo: Path) -> list[Path]:
    """Every source notebook, in roadmap order (phase folder, then file name)."""
    return sorted(p for p in (repo / "notebooks").glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def title_of(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return fallback


def short_title(title: str) -> str:
    """'Phase 1 · Linear algebra for ML' -> 'Linear algebra for ML' (the landing page lists by phase)."""
    return re.sub(r"^Phase\s+\d+\s*[·:—-]\s*", "", title)


def links_cell(page: Page, repo: Path) -> nbformat.NotebookNode:
    """The bar on top of every page: Colab, download, progress report."""
    repository, branch = course_location(repo)
    colab = colab_url(repository, branch, page.assignment, page.name)
    return new_markdown_cell(
        "```{container} aipath-links\n"
        f"[Open in Colab]({colab}) · "
        f"{{download}}`Download the notebook <../../downloads/{page.assignment}/{page.name}>` · "
        "[Report your progress](../../progress.md)\n"
        "```"
    )


def write_page(book: Path, page: Page, student: nbformat.NotebookNode, page_nb: nbformat.NotebookNode,
               repo: Path, output_files: Path) -> None:
    """The page (``page_nb`` with the links bar on top), beside it the files its outputs show and the
    files of its phase folder (pictures its text may show), and the student notebook to download."""
    download = book / "downloads" / page.assignment / page.name
    download.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(student, str(download))
    page_nb.cells.insert(0, links_cell(page, repo))
    target = book / f"{page.docname}.ipynb"
    shutil.copytree(page.source.parent, target.parent, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    if output_files.is_dir():
        shutil.copytree(output_files, target.parent, dirs_exist_ok=True)
    nbformat.write(page_nb, str(target))


def parts(pages: list[Page]) -> list[tuple[str, str, list[Page]]]:
    """(caption, weeks, pages) per part in roadmap order: the plan's phases, then any other folder."""
    out = [(f"Phase {number} · {phase.title}", f"weeks {first:g}–{last:g}",
            [page for page in pages if page.assignment == phase.folder])
           for number, (phase, first, last) in enumerate(plan.week_ranges(), start=1)]
    planned = {phase.folder for phase in plan.PHASES}
    for folder in sorted({page.assignment for page in pages} - planned):
        out.append((folder, "", [page for page in pages if page.assignment == folder]))
    return out


def plan_note(page: Page) -> str:
    """' — 2 weeks · milestone: …' from the study plan (nothing for a notebook it does not list)."""
    step = plan.step(page.assignment, page.source.stem)
    if step is None:
        return ""
    note = f" — {step.weeks:g} week{'' if step.weeks == 1 else 's'}"
    return note + (f" · **milestone**: {step.milestone}" if step.milestone else "")


def landing_page(pages: list[Page]) -> str:
    low, high = plan.HOURS_PER_WEEK
    weeks = plan.total_weeks()
    lines = [
        "# aipath — from backend developer to applied AI scientist",
        "",
        "A hands-on course in Jupyter notebooks. Every exercise is a small function you write, with",
        "checks that tell you what was tested, expected against got, and a hint. These pages are the",
        "notebooks as you get them — the exercises left for you — with the figures and results you will",
        "see once they are solved. Open any of them in Colab, or download it and run it locally.",
        "",
        f"## The plan: {weeks:g} weeks at {low}–{high} hours a week",
        "",
        "Each phase's weeks are shared among its notebooks; some notebooks end on a milestone. At home,",
        "`aipath plan --start DATE --hours-per-week H` gives the schedule with dates, and",
        "{doc}`the progress report <progress>` tells you whether you are on track.",
        "",
        "| phase | weeks | hours | what you build | notebooks |",
        "| --- | --- | --- | --- | --- |",
    ]
    for number, (phase, first, last) in enumerate(plan.week_ranges(), start=1):
        count = sum(page.assignment == phase.folder for page in pages) or "planned"
        lines.append(f"| {number} · {phase.title} | {first:g}–{last:g} | {phase.weeks * low:g}–{phase.weeks * high:g} "
                     f"| {phase.builds} | {count} |")
    lines += [f"| **total** | **{weeks:g}** | **{weeks * low:g}–{weeks * high:g}** | | **{len(pages)}** |", ""]
    for caption, weeks_label, chapter in parts(pages):
        lines += [f"## {caption}" + (f" — {weeks_label}" if weeks_label else ""), ""]
        if not chapter:
            lines += ["*Planned: its notebooks are being written.*", ""]
            continue
        lines += [f"1. {{doc}}`{short_title(page.title)} <{page.docname}>`{plan_note(page)}" for page in chapter] + [""]
    lines += [
        "## How to work through a notebook",
        "",
        "- **In Colab**: the *Open in Colab* link on each page opens the notebook; its first code cell",
        "  installs the course helpers.",
        "- **On your machine**: `git clone` the course and run `make lab`; the notebooks are in `release/`.",
        "- **Check where you stand**: {doc}`progress`.",
        "",
    ]
    return "\n".join(lines)


def config(repo: Path) -> dict:
    repository, branch = course_location(repo)
    return {
        "title": "aipath",
        "author": "the aipath course",
        "copyright": "2026",
        "only_build_toc_files": True,
        "exclude_patterns": ["_build", "downloads/**", "**.ipynb_checkpoints"],
        "execute": {"execute_notebooks": "off"},
        "parse": {"myst_enable_extensions": ["amsmath", "colon_fence", "dollarmath"],
                  "myst_dmath_double_inline": True},
        "html": {"favicon": "favicon.svg", "home_page_in_navbar": True,
                 "use_repository_button": True, "use_issues_button": False, "use_edit_page_button": False},
        "repository": {"url": f"https://github.com/{repository}", "branch": branch},
        "sphinx": {
            "config": {
                "extensions": EXTENSIONS,
                "mathjax_path": "mathjax/tex-chtml.js",
                "html_context": {"default_mode": "auto"},  # else the theme logs a console error on a first visit
                "nb_ipywidgets_js": {},   # no widget scripts from a CDN
                "nb_merge_streams": True,
            },
        },
    }


def toc(pages: list[Page]) -> dict:
    chapters = [{"caption": caption, "chapters": [{"file": page.docname, "title": short_title(page.title)}
                                                  for page in chapter]}
                for caption, _, chapter in parts(pages) if chapter]
    return {"format": "jb-book", "root": "index",
            "parts": [{"caption": "Start here", "chapters": [{"file": "progress"}]}, *chapters]}


def write_book(book: Path, pages: list[Page], repo: Path) -> None:
    """Everything but the pages themselves (see :func:`write_page`)."""
    book.mkdir(parents=True, exist_ok=True)
    (book / "_config.yml").write_text(yaml.safe_dump(config(repo), sort_keys=False, allow_unicode=True))
    (book / "_toc.yml").write_text(yaml.safe_dump(toc(pages), sort_keys=False, allow_unicode=True))
    (book / "index.md").write_text(landing_page(pages))
    for name in ("progress.md", "favicon.svg"):
        shutil.copy(CONTENT / name, book / name)
    (book / "_static").mkdir(exist_ok=True)
    shutil.copy(CONTENT / "aipath.css", book / "_static" / "aipath.css")


class BookFailed(RuntimeError):
    """Jupyter Book (Sphinx) reported an error or a warning."""


def run_jupyter_book(book: Path, out: Path) -> Path:
    """Build the HTML from scratch (warnings are errors); returns the folder holding index.html."""
    shutil.rmtree(out / "_build", ignore_errors=True)  # no page of a removed notebook survives
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book), "build", str(book), "--path-output", str(out),
               "--builder", "html", "-W", "--keep-going"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise BookFailed(f"jupyter-book build failed ({result.returncode}):\n"
                         f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    return out / "_build" / "html"
