"""Kernel command of the grading sandbox (see autograder/sandbox.py): prepare, then exec bwrap.

    python -m autograder.sandbox_launch LAUNCH_JSON CONNECTION_FILE [KERNEL ARGS ...]

Runs as the grader, outside the sandbox, in the working copy: hands the working copy, the ipc dir
and the connection file to the student's uid, then replaces itself with bubblewrap, so that
jupyter_client's signals and kills reach the sandbox's process group.
"""
from __future__ import annotations

import glob
import json
import os
import signal
import sys
from pathlib import Path

from autograder.sandbox import SANDBOX_MARKER


def _chown_tree(path: Path, uid: int) -> None:
    os.chown(path, uid, uid)
    for folder, dirs, files in os.walk(path):
        for name in dirs + files:
            os.chown(os.path.join(folder, name), uid, uid, follow_symlinks=False)


def _hide(path: str) -> list[str]:
    if os.path.isdir(path):
        return ["--tmpfs", path]
    if os.path.exists(path):
        return ["--ro-bind", "/dev/null", path]
    return []


def bwrap_command(launch: dict, connection_file: str, kernel_args: list[str]) -> list[str]:
    policy, uid, wc, ipc = launch["policy"], str(launch["uid"]), launch["working_copy"], launch["ipc"]
    cmd = [launch["bwrap"], "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
           "--perms", "1777", "--tmpfs", "/tmp", "--perms", "1777", "--tmpfs", "/dev/shm"]
    for device in sorted(glob.glob("/dev/nvidia*")):  # CUDA: learners' device choice works when grading
        cmd += ["--dev-bind", device, device]
    for path in [*policy["hidden"], launch["root"]]:
        cmd += _hide(path)
    cmd += ["--bind", wc, wc, "--bind", ipc, ipc, "--chdir", wc,
            "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent",
            "--unsetenv", "JPY_PARENT_PID", "--setenv", "HOME", wc,
            "--setenv", "IPYTHONDIR", "/tmp/ipython", "--setenv", "MPLCONFIGDIR", "/tmp/matplotlib",
            "--",
            "prlimit", f"--as={policy['memory_mb'] << 20}", f"--cpu={policy['cpu_seconds']}",
            f"--fsize={policy['file_mb'] << 20}", f"--nproc={policy['processes']}", f"--core=0",
            "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
            "--bounding-set=-all", "--no-new-privs",
            sys.executable, "-m", "ipykernel_launcher", "-f", connection_file, *kernel_args]
    return cmd


def main(argv: list[str]) -> None:
    launch_json, connection_file, *kernel_args = argv
    launch = json.loads(Path(launch_json).read_text())
    uid = launch["uid"]
    (Path(launch["ipc"]) / SANDBOX_MARKER).touch()
    _chown_tree(Path(launch["working_copy"]), uid)
    _chown_tree(Path(launch["ipc"]), uid)
    cmd = bwrap_command(launch, connection_file, kernel_args)
    # jupyter_client interrupts a cell by sending SIGINT to the kernel's process group, bwrap
    # included, which it would kill (taking the kernel along). Ignored signals survive exec; the
    # kernel installs its own SIGINT handler while it runs a cell.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _detach_output(Path(launch["ipc"]))
    os.execv(cmd[0], cmd)


def _detach_output(ipc: Path) -> None:
    """The kernel echoes raw fd writes to the stdout/stderr it inherits (nbgrader's pipe or log):
    gigabytes of output would pile up in the grader. stdout goes nowhere (cell outputs travel over
    IOPub); stderr to a file held to the sandbox's file-size limit, for kernels that fail to start."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.dup2(os.open(ipc / "kernel-stderr.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)


if __name__ == "__main__":
    main(sys.argv[1:])
