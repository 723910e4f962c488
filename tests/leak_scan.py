"""Reading what a learner receives as searchable text: shared by the website's leak scan
(tests/test_site.py) and the answer-leak scan of everything a learner gets
(tests/test_no_answer_leaks.py).

``file_texts(path)`` gives every way a file's text could show a solution (raw; tags stripped and
entities decoded for HTML; JSON strings decoded for notebooks); ``site_corpus(site)`` joins them for
a built website, skipping MathJax's own files after checking they are the package's bytes.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

REGION = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)[^\n]*\n(.*?)^[ \t]*### END \1", re.S | re.M)


def squash(text: str) -> str:
    return " ".join(text.split())


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        if value and all(isinstance(v, str) for v in value):
            return ["".join(value)]  # a notebook's multi-line source or output text
        return [s for v in value for s in _json_strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    return []


def file_texts(path: Path) -> list[str] | None:
    """Every way the file's text could show a solution: raw, tags stripped and entities decoded
    (highlighted code is split into <span>s), JSON strings decoded. None for binary files."""
    data = path.read_bytes()
    if b"\0" in data[:8192]:
        return None
    raw = data.decode("utf-8", errors="replace")
    texts = [raw]
    if path.suffix in {".html", ".htm", ".xml", ".svg"}:
        texts.append(html.unescape(re.sub(r"<[^>]+>", "", raw)))
    if path.suffix in {".ipynb", ".json"}:
        try:
            texts += _json_strings(json.loads(raw))
        except json.JSONDecodeError:
            pass
    return [squash(t) for t in texts]


def site_files(site: Path):
    """(relative path, texts or None for binary) of every file of a built site but MathJax's own."""
    import importlib

    mathjax = Path(importlib.import_module("sphinx-mathjax-offline").__file__).parent / "static" / "mathjax"
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if relative.startswith("_static/mathjax/"):
            # the MathJax package's own files, copied verbatim: same bytes, so no course text
            assert path.read_bytes() == (mathjax / relative.removeprefix("_static/mathjax/")).read_bytes(), relative
            continue
        yield relative, file_texts(path)


def site_corpus(site: Path) -> tuple[str, int, int]:
    """All the site's text in one string; the number of files and of binary files among them."""
    chunks, files, binary = [], 0, 0
    for _, texts in site_files(site):
        files += 1
        if texts is None:
            binary += 1
        else:
            chunks += texts
    return "\0".join(chunks), files, binary
