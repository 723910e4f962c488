"""The sandbox's command line and what it hides (unit level; tests/test_grading_hostile.py attacks it)."""
import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.course import Course
from autograder.grade import hidden_paths
from autograder.sandbox import SandboxPolicy
from autograder.sandbox_launch import _write_identity_files, bwrap_command, memory_limits

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
    cmd = bwrap_command(launch, "/job/ipc/kernel.json", ["--HistoryManager.hist_file=:memory:"], gpu_devices=[])
    joined = " ".join(cmd)
    for flag in ("--unshare-net", "--unshare-pid", "--die-with-parent", "--remount-ro /",
                 f"--bind {launch['working_copy']} {launch['working_copy']}",
                 "--unsetenv JPY_PARENT_PID", f"--data={1024 << 20}", f"--as={3 * 1024 << 20}",
                 f"--size {512 << 20} --tmpfs /tmp", "--nproc=256", "--reuid=60123",
                 "--inh-caps=-all", "--no-new-privs"):
        assert flag in joined, f"{flag!r} missing from the kernel command"
    assert cmd.index("prlimit") < cmd.index("setpriv") < cmd.index("ipykernel_launcher")
    assert cmd[-1] == "--HistoryManager.hist_file=:memory:"
    assert "--ro-bind / /" not in joined and str(tmp_path / "secret") not in joined  # an allow-list


def test_with_a_gpu_the_devices_are_bound_and_only_written_memory_is_limited(tmp_path):
    """CUDA reserves address ranges the size of device and host memory: an address-space limit would
    make torch.cuda.is_available() False in the sandbox and grade on the CPU."""
    launch = {"bwrap": "/usr/bin/bwrap", "uid": 60123, "root": str(tmp_path / "job"),
              "working_copy": str(tmp_path / "job" / "wc"), "ipc": str(tmp_path / "job" / "ipc"),
              "policy": {**SandboxPolicy().__dict__, "memory_mb": 2048}}
    devices = ["/dev/nvidia0", "/dev/nvidiactl", "/dev/nvidia-uvm"]
    cmd = " ".join(bwrap_command(launch, "/ipc/kernel.json", [], gpu_devices=devices))
    for device in devices:
        assert f"--dev-bind {device} {device}" in cmd
    assert f"--data={2048 << 20}" in cmd and "--as=unlimited" in cmd


RESERVE = """
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
# what CUDA does at init: reserve a huge range, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
address = libc.mmap(None, 64 << 30, 0, 0x02 | 0x20 | 0x4000, -1, 0)
print("reserved" if address not in (None, ctypes.c_void_p(-1).value) else "refused")
"""
BLOWUP = "data = bytearray(2 << 30)"


def _under(memory_mb: int, gpu: bool, code: str) -> subprocess.CompletedProcess:
    return subprocess.run(["prlimit", *memory_limits(memory_mb, gpu), sys.executable, "-c", code],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("gpu", [False, True])
def test_memory_limit_stops_a_blowup_with_or_without_a_gpu(gpu):
    assert "MemoryError" in _under(1024, gpu, BLOWUP).stderr


def test_gpu_limits_let_cuda_reserve_address_space_the_cpu_limits_do_not():
    assert _under(1024, True, RESERVE).stdout.strip() == "reserved"
    assert _under(1024, False, RESERVE).stdout.strip() == "refused"


def test_student_uid_can_start_this_python_in_the_sandbox(tmp_path):
    """A subprocess of the kernel (a model server, a CLI, DVC) runs the grader's Python with its own
    standard library, even when that Python lives under a folder the student's uid cannot enter."""
    wc, ipc = tmp_path / "job" / "autograded" / "alice" / "a1", tmp_path / "job" / "ipc"
    for folder in (wc, ipc):
        folder.mkdir(parents=True)
        os.chown(folder, 60123, 60123)
    launch = {"bwrap": shutil.which("bwrap"), "uid": 60123, "root": str(tmp_path / "job"),
              "working_copy": str(wc), "ipc": str(ipc), "policy": SandboxPolicy().__dict__}
    _write_identity_files(launch)
    cmd = bwrap_command(launch, "unused", [], gpu_devices=[])
    child = ("import getpass, os, subprocess, sys; print(getpass.getuser(), os.path.realpath(os.getcwd()) == "
             f"os.path.realpath({str(wc)!r})); subprocess.run([sys.executable, '-c', 'import sys; print(sys.base_prefix)'])")
    python = cmd.index("ipykernel_launcher") - 2
    proc = subprocess.run([*cmd[:python + 1], "-c", child], capture_output=True, text=True, timeout=60)
    assert proc.stdout.split() == ["student", "True", sys.base_prefix], proc.stderr[-2000:]


def _planted(root: Path, token: str) -> list[Path]:
    """Solution-like files where a grading host may keep them: another checkout of the course (under a
    temp root, and laid out like /work/main), /srv, a home folder, root's home, /opt."""
    return [root / "other_checkout" / "notebooks" / "01_math" / "04_linear_regression.ipynb",
            root / "work" / "main" / "notebooks" / "00_tiny" / "tiny.ipynb",
            root / "work" / "main" / "tests" / "mutants" / "00_tiny" / "tiny.py",
            Path(f"/srv/aipath-planted-{token}/notebooks/solutions.ipynb"),
            Path(f"/home/aipath-planted-{token}/course/notebooks/solutions.py"),
            Path(f"/root/aipath-planted-{token}.py"),
            Path(f"/opt/aipath-planted-{token}/solutions.py")]


def _probe_source(paths: list[str]) -> str:
    """An answer cell: print which paths it could read, which it should (its Python, the data), and /."""
    return (f"import os, sys, aipath.checks\nread = []\nfor p in {paths!r}:\n    try:\n"
            "        open(p, 'rb').read(1)\n        read.append(p)\n    except OSError:\n        pass\n"
            "print('READ', read)\n"
            "print('CAN', all(os.access(p, os.R_OK) for p in (sys.executable, aipath.checks.__file__)))\n"
            "print('ROOT', sorted(os.listdir('/')))\n"
            "def triple(x):\n    return 3 * x\n")


@pytest.mark.e2e
def test_a_submission_reads_nothing_of_the_host_but_what_it_needs(tmp_path_factory):
    """Graded through the real `autograder grade`: solution-like files planted around the host, this
    checkout's sources and tests, and the course's own sources are all out of reach."""
    import secrets

    import nbformat

    from tiny_course import ASSIGNMENT, NB, autograder, make_course, put, with_answer

    course = make_course(tmp_path_factory.mktemp("allowlist"))
    planted = _planted(tmp_path_factory.mktemp("host"), secrets.token_hex(4))
    this_checkout = [REPO / "notebooks" / "01_math" / "04_linear_regression.ipynb", REPO / "tests" / "tiny_course.py",
                     REPO / "nbgrader_config.py", course / "notebooks" / ASSIGNMENT / NB, course / "pyproject.toml"]
    made = []
    try:
        for path in planted:
            made.append(next(p for p in [*reversed(path.parents), path] if not p.exists()))  # what we create
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("def should_promote(): return 'the answer'\n")
            path.chmod(0o644)
        put(course / "subs", "probe", with_answer(course, "triple", _probe_source(list(map(str, planted + this_checkout)))))
        autograder(course, "grade", ASSIGNMENT, "subs", "--workdir", "work", "--no-progress", "--timeout", "60")
    finally:
        for top in made:
            shutil.rmtree(top) if top.is_dir() else top.unlink(missing_ok=True)
    nb = nbformat.read(str(course / "work" / "autograded" / "probe" / ASSIGNMENT / NB), as_version=4)
    out = "\n".join(str(o.get("text", "")) for c in nb.cells for o in c.get("outputs", []))
    assert "READ []" in out and "CAN True" in out, out[-2000:]
    visible_root = set(ast.literal_eval(out.split("ROOT ")[1].splitlines()[0]))
    assert not visible_root & {"home", "srv", "opt", "mnt", "media", "var", "boot"}, visible_root
