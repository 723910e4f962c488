"""`make lab` serves the learner's workspace with nbgrader's instructor UI off; `make instructor` serves
the repository with it on. Both start on 127.0.0.1 and are asked over HTTP what they serve."""
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PHASES = {"01_math", "02_deep_learning", "03_papers", "04_mlops", "05_portfolio"}
NBGRADER_PAGES = ("formgrader", "formgraders", "assignments", "courses")   # nbgrader's server extensions


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def make_server(target: str, *make_vars: str):
    """Run `make TARGET` until JupyterLab answers; yield a GET function for its URLs."""
    port, token = free_port(), "aipath-test-token"
    log = open(os.devnull, "wb")
    proc = subprocess.Popen(["make", "-s", target, *make_vars,
                             f"LAB_ARGS=--no-browser --port={port} --IdentityProvider.token={token}"],
                            cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def get(path: str) -> tuple[int, bytes]:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/{path}", headers={"Authorization": f"token {token}"})
        try:
            with urllib.request.urlopen(req, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, b""

    try:
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            try:
                get("api/status")
                break
            except OSError:
                time.sleep(0.5)
        assert proc.poll() is None, f"make {target} exited with {proc.returncode}"
        yield get
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def page_config(get) -> dict:
    status, page = get("lab")
    assert status == 200 and b"JupyterLab" in page
    return json.loads(re.search(rb'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)[1])


def listing(get, path: str = "") -> set[str]:
    status, body = get(f"api/contents/{path}")
    assert status == 200, f"api/contents/{path}: HTTP {status}"
    return {item["name"] for item in json.loads(body)["content"]}


def test_make_lab_serves_the_learners_workspace_without_the_instructor_ui(tmp_path):
    workspace = tmp_path / "my-work"
    with make_server("lab", f"WORKSPACE={workspace}") as get:
        assert listing(get) == PHASES, "the learner's lab opens on their workspace: the phases, nothing else"
        assert "01_linear_algebra.ipynb" in listing(get, "01_math")
        assert get("api/contents/notebooks")[0] == 404, "the instructor sources (with solutions) are out of reach"
        assert "@jupyter/nbgrader" in page_config(get)["disabledExtensions"], "nbgrader's menu and Validate button"
        for endpoint in NBGRADER_PAGES:
            assert get(endpoint)[0] == 404, f"nbgrader's /{endpoint} should be off in the learner's lab"
    assert (workspace / "01_math" / "01_linear_algebra.ipynb").is_file(), "make lab seeds the workspace"


def test_make_instructor_serves_the_repository_with_nbgrader(tmp_path):
    with make_server("instructor") as get:
        assert {"notebooks", "release"} <= listing(get)
        assert "@jupyter/nbgrader" not in page_config(get).get("disabledExtensions", [])
        for endpoint in NBGRADER_PAGES:
            assert get(endpoint)[0] != 404, f"the instructor gets nbgrader's /{endpoint}"
