"""The course website (``python -m website.build``, ``make site``).

- No solution and no hidden test of any source notebook appears anywhere in the built site: every
  built file is searched for the *text* of every solution region and hidden-test region.
- Checked in a real browser: the site is served on 127.0.0.1 and headless Chromium (Debian's
  ``chromium`` + ``chromium-driver``, through Selenium, never downloading a driver) crawls it from
  the landing page: console errors, navigation to every notebook, images, maths, links. The landing
  page's screenshot is kept in ``test-artifacts/site-landing.png``.

The site is built once per test run (shared by pytest-xdist workers; notebook executions are cached
in ``.site-cache/``), or taken from ``$AIPATH_SITE_HTML`` — the ``_build/html`` folder of a site
built beforehand, as CI does after ``make site``.
"""
from __future__ import annotations

import functools
import html
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import nbformat
import pytest

from autograder.colab import ROLE_KEY, colab_url, course_location
from tests.browser import chromium
from tests.leak_scan import REGION, file_texts, site_corpus, squash

REPO = Path(__file__).resolve().parent.parent
SITE_ENV = "AIPATH_SITE_HTML"
ARTIFACTS = REPO / "test-artifacts"


def sources(repo: Path) -> list[Path]:
    return sorted((repo / "notebooks").glob("*/*.ipynb"))


def _once(tmp_path_factory, worker_id: str, name: str, produce) -> dict:
    """Run ``produce(folder)`` once per test run, shared by xdist workers; returns its JSON result."""
    from filelock import FileLock

    if worker_id == "master":  # not under xdist
        return produce(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / name
    with FileLock(str(shared) + ".lock"):
        done = shared / "result.json"
        if not done.is_file():
            shared.mkdir(exist_ok=True)
            done.write_text(json.dumps(produce(shared)))
        return json.loads(done.read_text())


@pytest.fixture(scope="session")
def site(request, tmp_path_factory, worker_id) -> Path:
    """The built site's HTML folder."""
    if os.environ.get(SITE_ENV):
        html_dir = Path(os.environ[SITE_ENV]).resolve()
        assert (html_dir / "index.html").is_file(), f"${SITE_ENV}={html_dir} holds no index.html"
        return html_dir
    mirror_root = request.getfixturevalue("mirror_root")  # the notebooks read the offline data

    def build(out: Path) -> dict:
        command = [sys.executable, "-m", "website.build", "--out", str(out), "--cache", str(REPO / ".site-cache")]
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True,
                                env={**os.environ, "AIPATH_DATA_DIR": str(mirror_root)})
        assert result.returncode == 0, f"website build failed:\n{result.stdout[-5000:]}\n{result.stderr[-5000:]}"
        return {"html": str(out / "_build" / "html")}

    return Path(_once(tmp_path_factory, worker_id, "site", build)["html"])


# ---------------------------------------------------------------- a tiny course, built end to end

SENTINELS = {"plain": "plain-output-7c1e", "solution": "solution-output-51d0", "check": "check-output-93ab",
             "hidden": "hidden_value_4f2e"}


def printing(sentinel: str) -> str:
    """Code whose output, not its text, holds the sentinel."""
    head, tail = sentinel.split("-", 1)
    return f"print({head + '-'!r} + {tail!r})"


def tiny_course(root: Path, broken: bool = False) -> Path:
    from autograder.authoring import code, markdown, solution, tests, write_notebook

    cells = [
        markdown("# Phase 0 · Tiny\n\nThe mean: $\\bar x = \\frac{1}{n}\\sum_i x_i$.", "intro"),
        code("import numpy as np\nimport matplotlib.pyplot as plt\n"
             f"{printing(SENTINELS['plain'])}\nplt.plot([0, 1], [1, 0])\nplt.show()", "setup"),
        code("import os\nfrom IPython.display import Markdown, display\nos.makedirs('report', exist_ok=True)\n"
             "plt.figure(figsize=(2, 2))\nplt.plot([0, 1], [0, 1])\nplt.savefig('report/diagonal.png')\nplt.close()\n"
             "display(Markdown('A figure the notebook wrote: ![diagonal](report/diagonal.png)'))", "report"),
        solution("### BEGIN SOLUTION\ndef mean(x):\n    return float(np.mean(x))\n\n\n"
                 f"{printing(SENTINELS['solution'])}\n### END SOLUTION", "mean"),
        tests(f"assert mean([1, 3]) == 2\n### BEGIN HIDDEN TESTS\n"
              f"{SENTINELS['hidden']} = [2.0, 4.0]\nassert mean({SENTINELS['hidden']}) == 3.0\n### END HIDDEN TESTS",
              "test_mean", points=1),
        tests(f"{printing(SENTINELS['check'])}\nassert mean([-1, 1]) == 0", "test_mean_centred", points=1),
    ]
    if broken:
        cells.append(code("raise ValueError('broken on purpose')", "boom"))
    (root / "notebooks" / "00_tiny").mkdir(parents=True)
    write_notebook(root / "notebooks" / "00_tiny" / "01_tiny.ipynb", cells)
    return root


def build_site(course: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "website.build", "--repo", str(course), "--out", str(out),
                           "--cache", str(out / "cache"), "--workers", "1"],
                          cwd=REPO, capture_output=True, text=True, timeout=600)


def test_a_page_keeps_the_outputs_of_plain_cells_only(tmp_path):
    result = build_site(tiny_course(tmp_path / "course"), tmp_path / "out")
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    page_path = tmp_path / "out" / "_build" / "html" / "notebooks" / "00_tiny" / "01_tiny.html"
    page = page_path.read_text()
    text = squash(html.unescape(re.sub(r"<[^>]+>", "", page)))
    assert SENTINELS["plain"] in text and '<img alt=' in page, "the plain cell's printout and figure are missing"
    written = re.findall(r'<img alt="diagonal" src="([^"]+)"', page)
    assert written and (page_path.parent / written[0]).is_file(), "the figure a Markdown output shows is missing"
    # the student version's stub, named by `autograder release` (autograder/release.py, named_stubs)
    assert re.search(r'raise NotImplementedError\("[^"]*: write your code here"\)', text), "the stub is missing"
    assert "assert mean([1, 3]) == 2" in text
    for kind in ("solution", "check", "hidden"):
        assert SENTINELS[kind] not in page, f"the page shows the {kind} cell's text or output"
    assert "return float(np.mean(x))" not in text


def test_a_notebook_that_fails_to_execute_fails_the_build_with_its_name(tmp_path):
    result = build_site(tiny_course(tmp_path / "course", broken=True), tmp_path / "out")
    assert result.returncode == 1
    assert "notebooks/00_tiny/01_tiny.ipynb failed to execute" in result.stderr
    assert "broken on purpose" in result.stderr
    assert not (tmp_path / "out" / "_build").exists()


# ---------------------------------------------------------------- no solutions, no hidden tests

def test_no_solution_or_hidden_test_text_appears_anywhere_in_the_site(site):
    corpus, n_files, n_binary = site_corpus(site)
    regions, visible, shown = [], [], []
    for path in sources(REPO):
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            regions += [(path.relative_to(REPO), kind, squash(text))
                        for kind, text in REGION.findall(cell.source) if text.strip()]
            visible.append(squash(REGION.sub("", cell.source)))
            grading = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and not grading.get("solution") and not grading.get("grade"):
                shown.append((path.relative_to(REPO), grading.get("grade_id"), squash(cell.source)))
    assert regions, "the source notebooks hold no solution or hidden-test regions"
    # The scan sees highlighted code: every locked code cell is found in its page's HTML.
    page_text = {}
    for nb in {nb for nb, _, _ in shown}:
        page_text[nb] = file_texts(site / nb.with_suffix(".html"))[-1]
    missing = [f"{nb} cell {cell_id}" for nb, cell_id, text in shown if text and text not in page_text[nb]]
    assert not missing, f"cells a learner should read are not on their pages: {missing}"

    visible_text = "\0".join(visible)
    checkable = [r for r in regions if r[2] not in visible_text]  # text also outside a region proves nothing
    leaks = [f"{nb}: {kind} region {text[:70]!r}" for nb, kind, text in checkable if text in corpus]
    assert not leaks, "solution or hidden-test text in the built site:\n" + "\n".join(leaks)
    assert len(checkable) >= 0.9 * len(regions), (
        f"only {len(checkable)} of {len(regions)} regions have text that appears nowhere else in the sources")
    print(f"\nsite scan: {len(checkable)} of {len(regions)} regions searched for in {n_files} files "
          f"({n_binary} binary skipped; MathJax compared with its package)")


# ---------------------------------------------------------------- in a real browser

class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser dropping a preload is fine
            super().handle_error(request, client_address)


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = QuietServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server



# What each page reports once loaded and its maths typeset.
PAGE_STATE = """
const done = arguments[arguments.length - 1];
const typeset = (window.MathJax && MathJax.startup) ? MathJax.startup.promise : Promise.resolve();
typeset.then(() => done({
  links: [...document.querySelectorAll('a[href]')].map(a => ({href: a.href, download: a.hasAttribute('download')})),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  images: [...document.images].map(i => ({src: i.src, ok: i.complete && i.naturalWidth > 0})),
  outputImages: document.querySelectorAll('.cell_output img').length,
  maths: document.querySelectorAll('.math').length,
  unrendered: [...document.querySelectorAll('.math')].filter(m => !m.querySelector('mjx-container')).length,
  mathErrors: document.querySelectorAll('mjx-merror').length,
  resources: performance.getEntriesByType('resource').map(r => r.name),
}));
"""


def crawl(site: Path, screenshot: Path) -> dict:
    """Visit every page reachable from the landing page; GET every other internal link."""
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = chromium(console_logs=True)
    driver.set_script_timeout(30)
    pages: dict[str, dict] = {}
    try:
        queue = [base + "index.html"]
        while queue:
            url = queue.pop(0)
            if url in pages:
                continue
            driver.get(url)
            state = driver.execute_async_script(PAGE_STATE)
            state["console"] = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            pages[url] = state
            if url == base + "index.html":
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(screenshot))
            for link in state["links"]:
                target = urldefrag(link["href"]).url
                if target.startswith(base) and target.endswith(".html") and target not in pages:
                    queue.append(target)
        links = {link["href"] for state in pages.values() for link in state["links"]}
        statuses = {}
        for href in sorted(h for h in links if h.startswith(base)):
            target, fragment = urldefrag(href)
            if target in pages:
                statuses[href] = 200 if not fragment or fragment in pages[target]["ids"] else f"no #{fragment}"
                continue
            try:
                with urllib.request.urlopen(target, timeout=10) as response:
                    statuses[href] = response.status
            except urllib.error.HTTPError as exc:
                statuses[href] = exc.code
        downloads = {}
        for state in pages.values():
            for link in state["links"]:
                if link["download"] and link["href"].startswith(base):
                    with urllib.request.urlopen(link["href"], timeout=10) as response:
                        downloads[link["href"]] = response.read().decode()
    finally:
        driver.quit()
        server.shutdown()
    return {"base": base, "pages": pages, "statuses": statuses, "downloads": downloads}


@pytest.fixture(scope="session")
def browsed(site, tmp_path_factory, worker_id) -> dict:
    return _once(tmp_path_factory, worker_id, "site-crawl",
                 lambda _folder: crawl(site, ARTIFACTS / "site-landing.png"))


def notebook_pages(browsed: dict) -> dict[Path, str]:
    return {path: f"{browsed['base']}notebooks/{path.parent.name}/{path.stem}.html" for path in sources(REPO)}


def test_every_page_loads_without_console_errors(browsed):
    errors = {url: state["console"] for url, state in browsed["pages"].items() if state["console"]}
    assert not errors, f"console errors: {json.dumps(errors, indent=1)}"


def test_the_site_loads_nothing_from_other_hosts(browsed):
    outside = {url: [r for r in state["resources"] if not r.startswith(browsed["base"])]
               for url, state in browsed["pages"].items()}
    assert not any(outside.values()), f"resources from elsewhere (the site must work offline): {outside}"


def test_navigation_reaches_every_notebook_page(browsed):
    expected = notebook_pages(browsed)
    unreached = [str(path.relative_to(REPO)) for path, url in expected.items() if url not in browsed["pages"]]
    assert not unreached, f"no link path from the landing page to: {unreached}"
    print(f"\nsite crawl: {len(browsed['pages'])} pages, {len(expected)} of them notebooks")


def figures_in(output) -> int:
    """Pictures an output holds (image/* data) or shows (Markdown or HTML pointing to a file)."""
    data = output.get("data", {})
    shown = "".join(data.get("text/markdown", "")) + "".join(data.get("text/html", ""))
    return (any(mime.startswith("image/") for mime in data)
            + len(re.findall(r"!\[[^\]]*\]\(|<img\b", shown)))


def test_images_load_and_every_figure_output_is_shown(browsed, site):
    broken = {url: [i["src"] for i in state["images"] if not i["ok"]] for url, state in browsed["pages"].items()}
    assert not any(broken.values()), f"images that did not load: {broken}"
    for path, url in notebook_pages(browsed).items():
        source = site / "_sources" / "notebooks" / path.parent.name / path.name
        figures = sum(figures_in(output) for cell in nbformat.read(str(source), as_version=4).cells
                      for output in cell.get("outputs", []))
        assert browsed["pages"][url]["outputImages"] == figures, (
            f"{path.name}: the page shows {browsed['pages'][url]['outputImages']} figure(s) of the {figures} in its outputs")
    assert sum(state["outputImages"] for state in browsed["pages"].values()) > 0, "no figure on any page"


def test_maths_is_rendered_by_mathjax(browsed):
    problems = {url: f"{s['unrendered']} of {s['maths']} unrendered, {s['mathErrors']} TeX errors"
                for url, s in browsed["pages"].items() if s["unrendered"] or s["mathErrors"]}
    assert not problems, f"maths not rendered: {problems}"
    assert sum(s["maths"] for s in browsed["pages"].values()) > 0, "no maths on any page"


def test_internal_links_resolve(browsed):
    bad = {href: status for href, status in browsed["statuses"].items() if status != 200}
    assert not bad, f"internal links that do not resolve: {bad}"
    anchors = sum(len(s["links"]) for s in browsed["pages"].values())
    print(f"\nsite links: {len(browsed['statuses'])} distinct internal links checked ({anchors} <a> elements)")


def test_every_notebook_page_links_to_colab_the_download_and_the_progress_report(browsed):
    repository, branch = course_location(REPO)
    for path, url in notebook_pages(browsed).items():
        hrefs = [link["href"] for link in browsed["pages"][url]["links"]]
        assert colab_url(repository, branch, path.parent.name, path.name) in hrefs, f"{path.name}: no Colab link"
        assert urljoin(url, "../../progress.html") in hrefs, f"{path.name}: no link to the progress report"
        downloads = [h for h in hrefs if h in browsed["downloads"] and urlparse(h).path.endswith("/" + path.name)]
        assert downloads, f"{path.name}: no download link for the notebook"
        student = nbformat.reads(browsed["downloads"][downloads[0]], as_version=4)
        roles = [cell.metadata.get(ROLE_KEY, {}).get("role") for cell in student.cells[:2]]
        assert roles == ["colab-badge", "colab-bootstrap"], f"{path.name}: the download is not the student version"
        assert not any("### BEGIN" in cell.source for cell in student.cells), f"{path.name}: download has solutions"


def test_landing_page_screenshot_is_saved(browsed):
    shot = ARTIFACTS / "site-landing.png"
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"no screenshot at {shot}"
