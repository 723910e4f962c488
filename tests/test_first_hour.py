"""A new learner's first hour, as the README tells it, on a fresh clone with a fresh environment:
`make lab` installs and serves the course; the learner opens the first notebook, answers exercise 1,
runs it, sees its check pass; `make progress` shows it."""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from fabricate import answered, solution_cell_ids

REPO = Path(__file__).resolve().parent.parent
FIRST = "01_math/01_linear_algebra.ipynb"      # in the learner's workspace, my-work/


def readme_commands() -> list[str]:
    section = (REPO / "README.md").read_text().split("## First hour", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^(make \w+)", section, re.M)


def api(port: int, token: str, path: str, data: dict | None = None) -> dict:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents/{path}",
                                 data=json.dumps(data).encode() if data else None, method="PUT" if data else "GET",
                                 headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req, timeout=30))


def test_readme_first_hour_path_on_a_fresh_clone(tmp_path):
    assert readme_commands() == ["make lab", "make progress"], "README's First hour section changed: update this test"
    clone = tmp_path / "aipath"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "AIPATH_"))}
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "first-hour"
    log = tmp_path / "make-lab.log"  # a file, not a pipe: pip's output fills an unread pipe and stalls the install
    with log.open("wb") as out:
        lab = subprocess.Popen(["make", "lab", f"LAB_ARGS=--no-browser --port={port} --IdentityProvider.token={token}"],
                               cwd=clone, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline, model = time.time() + 1800, None  # the first `make lab` installs everything (~7 min idle, more under CI load)
        while time.time() < deadline and lab.poll() is None and model is None:
            try:
                model = api(port, token, FIRST)
            except (OSError, http.client.HTTPException):  # not listening yet, or another server on the port
                time.sleep(2)
        assert model is not None, (f"make lab did not serve {FIRST} (exit code {lab.poll()}):\n"
                                  f"{log.read_text(errors='replace')[-3000:]}")
        assert (clone / ".venv" / "bin" / "python").exists(), "make lab should have created .venv in the clone"

        # The learner answers exercise 1 in the browser, which saves the notebook through this API.
        source = clone / "notebooks" / "01_math" / "01_linear_algebra.ipynb"
        first_exercise = solution_cell_ids(source)[0]
        nb = answered(clone / "release" / FIRST, source, [first_exercise])
        api(port, token, FIRST, {"type": "notebook", "format": "json", "content": json.loads(nbformat.writes(nb))})
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=60)

    # ... and runs the notebook (JupyterLab's "Run All"; here with the same environment's kernel).
    mine = clone / "my-work" / FIRST
    subprocess.run([str(clone / ".venv" / "bin" / "jupyter"), "execute", "--allow-errors", "--inplace", str(mine)],
                   cwd=mine.parent, env=env, check=True, capture_output=True, timeout=600)
    ran = nbformat.read(str(mine), as_version=4)
    checks = [c for c in ran.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert not [o for o in checks[0].outputs if o.output_type == "error"], "the first check should pass"
    assert [o for o in checks[1].outputs if o.output_type == "error"], "exercise 2 is still unanswered"

    # the whole course: only the changed notebook runs, the untouched copies are not started
    progress = subprocess.run(["make", "-s", "progress"], cwd=clone, env=env, capture_output=True, text=True, timeout=900)
    assert progress.returncode == 0, progress.stderr[-3000:]
    assert re.search(rf"01_linear_algebra\s+1\s+{len(checks)}\s*$", progress.stdout, re.M), progress.stdout
    assert re.search(r"^1 changed notebook\(s\) run", progress.stdout, re.M), progress.stdout
    assert (clone / "my-work" / "progress.png").is_file() and not (clone / "progress.png").exists()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True)
    assert status.stdout == "", f"the learner's work must leave git's tree clean (no conflict on pull):\n{status.stdout}"
