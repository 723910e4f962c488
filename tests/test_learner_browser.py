"""The README's first hour as a person meets it: headless Chromium (Debian ``chromium`` +
``chromium-driver``, through Selenium) drives the JupyterLab that ``make lab`` opens on a fresh workspace.

- First hour: open ``01_math/01_linear_algebra``, Run All (it stops at Exercise 1's check), type a wrong
  ``normalize_rows``, read the check's message on the page, call ``hint("normalize_rows")`` and read it,
  type a right answer, see the check pass, save, run ``make progress`` and read the passed exercise.
- Each phase's first notebook opens clean (not marked modified; saving it unedited changes no byte) and
  Run All reaches its first exercise with no error that is not the learner's.

One JupyterLab server and one browser serve every step. Screenshots of each step are kept in
``test-artifacts/learner/``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from tests.browser import chromium
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts" / "learner"
FIRST = "01_math/01_linear_algebra.ipynb"
FIRST_OF_PHASE = ["02_deep_learning/01_nn_from_scratch.ipynb", "03_papers/01_reading_papers.ipynb",
                  "04_mlops/01_experiment_tracking.ipynb", "05_portfolio/01_capstone.ipynb"]
WRONG = "return X / X.sum(axis=1, keepdims=True)"                                 # L1 row sums, not L2 norms
SHIFT_ENTER = (Keys.SHIFT, Keys.ENTER)
RIGHT = ["norms = np.linalg.norm(X, axis=1, keepdims=True)", "return X / np.where(norms == 0, 1.0, norms)"]

# What the current notebook panel shows: its cells, whether it is modified, and the kernel's state.
PANEL_STATE = """
const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
if (!panel) return null;
const tab = document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current');
const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
return {cells: panel.querySelectorAll('.jp-Notebook .jp-Cell').length,
        busy: [...panel.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*')),
        kernel: indicator ? indicator.getAttribute('data-status') : null,
        dirty: tab ? tab.classList.contains('jp-mod-dirty') : null,
        menus: [...document.querySelectorAll('.lm-MenuBar-itemLabel')].map(m => m.textContent)};
"""



class Lab:
    """`make lab` on a fresh workspace, and the browser that uses it."""

    def __init__(self, root: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.token, self.workspace = "learner-browser", root / "my-work"
        env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "JUPYTER_CONFIG_PATH")}
        env.update(AIPATH_PROFILE="fast",                                   # CI sizes; the same code path
                   JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),           # no settings or layout of the
                   JUPYTERLAB_WORKSPACES_DIR=str(root / "layouts"))          # person running the tests
        self.env = env
        self.log = (root / "make-lab.log").open("wb")
        self.proc = subprocess.Popen(
            ["make", "-s", "lab", f"WORKSPACE={self.workspace}",
             f"LAB_ARGS=--no-browser --port={self.port} --IdentityProvider.token={self.token}"],
            cwd=REPO, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 180
        while time.time() < deadline and self.proc.poll() is None:
            try:
                self.api("GET", "status")
                break
            except OSError:
                time.sleep(0.5)
        assert self.proc.poll() is None, f"make lab exited: {(root / 'make-lab.log').read_text()[-2000:]}"
        self.driver = chromium()

    def api(self, method: str, path: str):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def close(self):
        self.driver.quit()
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=60)
        self.log.close()

    # --- the page ------------------------------------------------------------------------------
    def state(self) -> dict | None:
        return self.driver.execute_script(PANEL_STATE)

    def wait(self, condition, what: str, timeout: float = 120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            state = self.state()
            if state and condition(state):
                return state
            time.sleep(0.5)
        self.shot("timeout")
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}; last state {self.state()}")

    def open(self, path: str) -> nbformat.NotebookNode:
        """Open a notebook of the workspace as the only tab, with its kernel idle; return it as on disk."""
        for session in self.api("GET", "sessions"):                # one kernel at a time: 2 cores
            self.api("DELETE", f"sessions/{session['id']}")
        nb = nbformat.read(str(self.workspace / path), as_version=4)
        self.driver.get(f"http://127.0.0.1:{self.port}/lab/tree/{path}?reset&token={self.token}")
        self.wait(lambda s: s["cells"] == len(nb.cells) and s["kernel"] == "idle", f"{path} to open", timeout=90)
        time.sleep(1.5)                                            # JupyterLab settles the model after the kernel
        return nb

    def cell(self, index: int):
        cells = self.driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", cells[index])
        return cells[index]

    def output_text(self, index: int) -> str:
        return self.driver.execute_script(
            "const a = arguments[0].querySelector('.jp-OutputArea'); return a ? a.innerText : '';", self.cell(index))

    def keys(self, *keys):
        chain = ActionChains(self.driver)
        for key in keys:
            if isinstance(key, tuple):                               # a chord: (modifier, key)
                chain.key_down(key[0]).send_keys(key[1]).key_up(key[0])
            else:
                chain.send_keys(key)
        chain.perform()

    def replace_last_line(self, index: int, lines: list[str]):
        """Click into cell ``index``, select its last line (after the indentation) and type ``lines``."""
        self.cell(index).find_element(By.CSS_SELECTOR, ".cm-content").click()
        typed = []
        for i, line in enumerate(lines):
            typed += [Keys.ENTER] * bool(i) + [line]                   # the editor indents each new line
        self.keys((Keys.CONTROL, Keys.END), (Keys.SHIFT, Keys.HOME), *typed)

    def run_all(self):
        self.driver.find_element(By.XPATH, "//div[contains(@class,'lm-MenuBar-itemLabel')][text()='Run']").click()
        self.driver.find_element(By.XPATH, "//div[contains(@class,'lm-Menu-itemLabel')][text()='Run All Cells']").click()
        self.wait_for_kernel()

    def wait_for_kernel(self, timeout: float = 300):
        time.sleep(1)
        self.wait(lambda s: not s["busy"] and s["kernel"] == "idle", "the cells to run", timeout=timeout)

    def save(self, path: str):
        """Ctrl+S, as the learner does; wait until the server wrote the file."""
        before = (self.workspace / path).stat().st_mtime_ns
        self.keys(Keys.ESCAPE, (Keys.CONTROL, "s"))
        deadline = time.time() + 30
        while (self.workspace / path).stat().st_mtime_ns == before and time.time() < deadline:
            time.sleep(0.3)
        assert (self.workspace / path).stat().st_mtime_ns != before, f"Ctrl+S did not save {path}"
        self.wait(lambda s: not s["dirty"], "the notebook to be saved", timeout=30)

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    lab = Lab(tmp_path_factory.mktemp("learner"))
    yield lab
    lab.close()


def grade_ids(nb) -> list[tuple[int, str, bool]]:
    """(index, grade_id, is_check) of the notebook's exercise and check cells, in order."""
    return [(i, c.metadata["nbgrader"]["grade_id"], bool(c.metadata["nbgrader"].get("grade")))
            for i, c in enumerate(nb.cells) if c.cell_type == "code" and "nbgrader" in c.metadata
            and (c.metadata["nbgrader"].get("grade") or c.metadata["nbgrader"].get("solution"))]


def first_error(path: Path) -> tuple[int, dict] | None:
    nb = nbformat.read(str(path), as_version=4)
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                return i, output
    return None


def opens_clean(lab: Lab, path: str) -> nbformat.NotebookNode:
    """Open ``path``; it must not be marked modified, and saving it unedited must change no byte."""
    before = (lab.workspace / path).read_bytes()
    nb = lab.open(path)
    assert not lab.state()["dirty"], f"{path} opened marked modified, with no edit"
    lab.save(path)
    assert (lab.workspace / path).read_bytes() == before, f"saving {path} unedited changed its bytes"
    return nb


def test_the_first_hour_in_jupyterlab(lab):
    nb = opens_clean(lab, FIRST)
    state = lab.state()
    assert "Nbgrader" not in state["menus"], f"the learner's lab shows nbgrader's instructor menu: {state['menus']}"
    lab.shot("01-first-notebook-open")

    cells = grade_ids(nb)
    solution = next(i for i, gid, check in cells if gid == "normalize_rows")
    check = next(i for i, _, is_check in cells if is_check and i > solution)
    lab.run_all()
    lab.save(FIRST)
    error = first_error(lab.workspace / FIRST)
    assert error and error[0] == check, f"Run All should stop at Exercise 1's check (cell {check}), not at {error}"
    unsolved = lab.output_text(check)
    assert "normalize_rows" in unsolved, f"the unsolved check should name its exercise:\n{unsolved}"
    lab.shot("02-run-all-stops-at-exercise-1")

    lab.replace_last_line(solution, [WRONG])
    lab.keys(SHIFT_ENTER, SHIFT_ENTER)                              # run the answer, then its check
    lab.wait_for_kernel()
    wrong = lab.output_text(check)
    assert wrong != unsolved and "normalize_rows" in wrong and 'hint("normalize_rows")' in wrong, \
        f"a wrong answer's message should name the exercise and point to hint():\n{wrong}"
    lab.shot("03-wrong-answer-message")

    lab.keys(Keys.ESCAPE, "a", Keys.ENTER, 'hint("normalize_rows")', SHIFT_ENTER)   # a: a new cell above the next one
    lab.wait_for_kernel()
    hint_text = lab.output_text(check + 1)
    assert re.search(r"Hint 1/\d+ for normalize_rows", hint_text), f"hint() should show the first hint:\n{hint_text}"
    lab.shot("04-hint")

    lab.replace_last_line(solution, RIGHT)
    lab.keys(SHIFT_ENTER, SHIFT_ENTER)
    lab.wait_for_kernel()
    passed = lab.output_text(check)
    assert lab.driver.execute_script("return arguments[0].querySelector('.jp-InputPrompt').textContent",
                                     lab.cell(check)).strip() not in ("[ ]:", "[*]:"), "the check cell did not run"
    assert passed.strip() == "", f"the right answer's check should pass in silence:\n{passed}"
    lab.shot("05-right-answer-check-passes")
    lab.save(FIRST)

    progress = subprocess.run(["make", "-s", "progress", f"WORKSPACE={lab.workspace}"], cwd=REPO, env=lab.env,
                              capture_output=True, text=True, timeout=300)
    ARTIFACTS.joinpath("06-make-progress.txt").write_text(progress.stdout + progress.stderr)
    assert progress.returncode == 0, progress.stderr[-3000:]
    total = sum(is_check for _, _, is_check in cells)
    assert re.search(rf"^1 · Foundations\s+01_linear_algebra\s+1\s+{total}\s*$", progress.stdout, re.M), progress.stdout
    assert re.search(r"^1 changed notebook\(s\) run", progress.stdout, re.M), "only the notebook the learner changed runs"
    assert (lab.workspace / "progress.png").is_file()
    lab.driver.get(f"http://127.0.0.1:{lab.port}/lab/tree/progress.png?reset&token={lab.token}")
    deadline = time.time() + 60
    while time.time() < deadline and not lab.driver.execute_script(
            "const i = document.querySelector('.jp-ImageViewer img'); return i && i.complete && i.naturalWidth > 0;"):
        time.sleep(0.5)
    time.sleep(1)
    lab.shot("06-progress-picture")


@pytest.mark.parametrize("path", FIRST_OF_PHASE)
def test_each_phase_opens_clean_and_runs_to_its_first_exercise(lab, path):
    nb = opens_clean(lab, path)
    solutions = [i for i, _, is_check in grade_ids(nb) if not is_check]
    names = {gid for _, gid, _ in grade_ids(nb)} | {   # grade ids and the functions/classes the exercises define
        m for i in solutions for m in re.findall(r"^(?:def|class) (\w+)", nb.cells[i].source, re.M)}
    lab.run_all()
    lab.save(path)
    error = first_error(lab.workspace / path)
    assert error is not None, f"{path}: Run All should stop at the first unsolved exercise"
    index, output = error
    text = f"{output.ename}: {output.evalue}"
    lab.cell(index)
    lab.shot(f"phase-{path.replace('/', '-').removesuffix('.ipynb')}")
    assert index >= solutions[0], f"{path}: cell {index} failed before the first exercise (cell {solutions[0]}): {text}"
    learners = output.ename == "NotImplementedError" or "not written yet" in text or any(name in text for name in names)
    assert learners, f"{path}: the first error (cell {index}) is not about an unsolved exercise: {text}"
