"""The sandbox's command line and what it hides (unit level; tests/test_grading_hostile.py attacks it)."""
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
    for flag in ("--ro-bind / /", "--unshare-net", "--unshare-pid", "--die-with-parent",
                 f"--tmpfs {tmp_path / 'secret'}", f"--bind {launch['working_copy']} {launch['working_copy']}",
                 "--unsetenv JPY_PARENT_PID", f"--data={1024 << 20}", f"--as={3 * 1024 << 20}",
                 f"--size {512 << 20} --tmpfs /tmp", "--nproc=256", "--reuid=60123",
                 "--inh-caps=-all", "--no-new-privs"):
        assert flag in joined, f"{flag!r} missing from the kernel command"
    assert cmd.index("prlimit") < cmd.index("setpriv") < cmd.index("ipykernel_launcher")
    assert cmd[-1] == "--HistoryManager.hist_file=:memory:"


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
