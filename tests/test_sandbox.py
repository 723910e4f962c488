"""The sandbox's command line and what it hides (unit level; tests/test_grading_hostile.py attacks it)."""
from pathlib import Path

from autograder.course import Course
from autograder.grade import hidden_paths
from autograder.sandbox import SandboxPolicy
from autograder.sandbox_launch import bwrap_command

REPO = Path(__file__).resolve().parent.parent


def test_hides_sources_tests_workdir_and_submissions():
    hidden = hidden_paths(Course(repo=REPO, workdir=Path("/srv/grading")), Path("/srv/subs"))
    assert set(hidden) == {str(REPO / "notebooks"), str(REPO / "tests"), "/srv/grading", "/srv/subs"}


def test_a_workdir_holding_the_course_code_is_hidden_piecewise():
    hidden = hidden_paths(Course(repo=REPO), Path("/srv/subs"))
    assert str(REPO) not in hidden  # the kernel imports aipath from the repository
    assert {str(REPO / "gradebook.db"), str(REPO / "submitted"), str(REPO / "autograded")} <= set(hidden)


def test_kernel_command_isolates_then_drops_privileges(tmp_path):
    (tmp_path / "secret").mkdir()
    launch = {"bwrap": "/usr/bin/bwrap", "uid": 60123, "root": str(tmp_path / "job"),
              "working_copy": str(tmp_path / "job" / "wc"), "ipc": str(tmp_path / "job" / "ipc"),
              "policy": {**SandboxPolicy(hidden=(str(tmp_path / "secret"),)).__dict__, "memory_mb": 1024}}
    cmd = bwrap_command(launch, "/job/ipc/kernel.json", ["--HistoryManager.hist_file=:memory:"])
    joined = " ".join(cmd)
    for flag in ("--ro-bind / /", "--unshare-net", "--unshare-pid", "--die-with-parent",
                 f"--tmpfs {tmp_path / 'secret'}", f"--bind {launch['working_copy']} {launch['working_copy']}",
                 "--unsetenv JPY_PARENT_PID", f"--as={1024 << 20}", "--nproc=256", "--reuid=60123",
                 "--inh-caps=-all", "--no-new-privs"):
        assert flag in joined, f"{flag!r} missing from the kernel command"
    assert cmd.index("prlimit") < cmd.index("setpriv") < cmd.index("ipykernel_launcher")
    assert cmd[-1] == "--HistoryManager.hist_file=:memory:"
