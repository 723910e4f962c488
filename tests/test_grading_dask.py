"""`grade --scheduler` runs the same per-submission jobs on a real Dask distributed cluster (a
scheduler and a worker started here on 127.0.0.1) and gives the same export as local grading."""
import csv
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tiny_course import ASSIGNMENT, autograder, make_course, put, solved, student_version, with_answer

pytestmark = pytest.mark.e2e
DASK = Path(sys.executable).parent / "dask"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("distributed")
    address = f"tcp://127.0.0.1:{_free_port()}"
    flags = ["--no-dashboard"]
    scheduler = subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                  *flags], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([DASK, "worker", address, "--nworkers", "1", "--nthreads", "2",
                               "--host", "127.0.0.1", *flags], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(1, timeout=60)
        yield address
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def _export(course, workdir):
    autograder(course, "export", ASSIGNMENT, "--workdir", workdir, "--to", f"{workdir}.csv")
    with open(course / f"{workdir}.csv", newline="") as f:
        return list(csv.DictReader(f))


def test_dask_and_local_grading_agree(cluster, tmp_path):
    course = make_course(tmp_path / "course")
    subs = course / "subs"
    put(subs, "correct", solved(course))
    put(subs, "half", solved(course, ["double"]))
    put(subs, "blank", student_version(course))
    put(subs, "loops_in_triple", with_answer(course, "triple", "while True:\n    pass"))
    put(subs, "invalid_json", raw=b"{")
    common = ["grade", ASSIGNMENT, "subs", "--timeout", "5", "--no-progress"]
    autograder(course, *common, "--workdir", "on_dask", "--scheduler", cluster)
    on_dask = _export(course, "on_dask")
    autograder(course, *common, "--workdir", "local", "--workers", "1")
    assert on_dask == _export(course, "local")
    assert {r["student_id"]: r["score"] for r in on_dask} == {
        "correct": "3", "half": "2", "blank": "0", "loops_in_triple": "2", "invalid_json": "0"}
