"""The README's `make lab` serves the course: start it on 127.0.0.1 and get the notebook tree back."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_serves_the_notebook_tree():
    port, token = free_port(), "aipath-test-token"
    proc = subprocess.Popen(
        ["make", "-s", "lab", f"LAB_ARGS=--no-browser --port={port} --IdentityProvider.token={token}"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline, listing = time.time() + 120, None
        while time.time() < deadline and proc.poll() is None:
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents/notebooks",
                                             headers={"Authorization": f"token {token}"})
                listing = json.load(urllib.request.urlopen(req, timeout=5))
                break
            except OSError:
                time.sleep(1)
        assert listing is not None, f"JupyterLab did not answer on 127.0.0.1:{port}:\n{proc.stdout.read1().decode()}"
        names = {item["name"] for item in listing["content"]}
        assert {"01_math", "02_deep_learning", "03_papers", "04_mlops", "05_portfolio"} <= names
        release = urllib.request.Request(f"http://127.0.0.1:{port}/api/contents/release/01_math",
                                         headers={"Authorization": f"token {token}"})
        assert any(i["name"].endswith(".ipynb") for i in json.load(urllib.request.urlopen(release))["content"])
        lab = urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10)
        assert lab.status == 200 and b"JupyterLab" in lab.read()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
