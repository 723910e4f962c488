"""Build the course website offline.

    python -m website.build [--out build/site] [--cache .site-cache] [--workers 2]

Prints where the site is (``<out>/_build/html/index.html``) and how long each step took. Serve it
with ``python -m http.server -d build/site/_build/html``.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import nbformat

from website import book, student
from website.execute import NotebookFailed, execute_all

REPO = Path(__file__).resolve().parent.parent


def build(repo: Path, out: Path, cache: Path, workers: int = 2, log=print) -> Path:
    """Build the site into ``out``; returns the HTML folder. Raises NotebookFailed naming a
    notebook that does not execute, BookFailed with Jupyter Book's errors and warnings."""
    repo, out, cache = repo.resolve(), out.resolve(), cache.resolve()
    started = time.perf_counter()
    sources = book.discover(repo)
    if not sources:
        raise SystemExit(f"no notebooks under {repo / 'notebooks'}")
    log(f"website: {len(sources)} notebooks; executing the sources (fast profile, {workers} workers)")
    executed = execute_all(sources, repo, cache / "executed", workers=workers, log=log)
    executed_at = time.perf_counter()

    bookdir = out / "book"
    if bookdir.exists():
        shutil.rmtree(bookdir)
    pages = [book.Page(path, path.parent.name, book.title_of(executed[path].notebook, path.stem)) for path in sources]
    book.write_book(bookdir, pages, repo)
    releases = student.student_versions(repo, sorted({p.assignment for p in pages}), cache / "student")
    for page in pages:
        ran = executed[page.source]
        student_nb = nbformat.read(str(releases[page.assignment] / page.name), as_version=4)
        book.write_page(bookdir, page, student_nb, student.student_page(student_nb, ran.notebook), repo, ran.files)
    written_at = time.perf_counter()

    html = book.run_jupyter_book(bookdir, out)
    done = time.perf_counter()
    log(f"website: executed in {executed_at - started:.1f} s, student pages in {written_at - executed_at:.1f} s, "
        f"jupyter-book in {done - written_at:.1f} s; total {done - started:.1f} s")
    log(f"website: {html / 'index.html'}")
    return html


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m website.build", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, default=REPO, help="the course repository (default: this checkout)")
    parser.add_argument("--out", type=Path, default=Path("build/site"),
                        help="build folder; the site is OUT/_build/html (default build/site)")
    parser.add_argument("--cache", type=Path, default=Path(".site-cache"),
                        help="executed notebooks and student versions, keyed by content hash (default .site-cache)")
    parser.add_argument("--workers", type=int, default=2, help="notebooks executed at once (default 2)")
    args = parser.parse_args(argv)
    try:
        build(args.repo, args.out, args.cache, workers=args.workers)
    except (NotebookFailed, book.BookFailed) as exc:
        print(f"website: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
