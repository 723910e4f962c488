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
from autograder.sandbox_view import folders_above, view


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


def _inside_view(path: str, cmd: list[str]) -> bool:
    """Whether ``path`` lies inside a folder the command binds read-only so far."""
    binds = [cmd[i + 2] for i, option in enumerate(cmd) if option == "--ro-bind"]
    return any(path == b or path.startswith(b.rstrip("/") + "/") for b in binds)


def identity_files(launch: dict) -> dict[str, Path]:
    """/etc/passwd and /etc/group as the sandbox sees them: the host's, plus the student's uid (tools
    such as DVC and getpass call getpwuid() and fail on a uid that has no name). Kept in the job's
    scratch course, which the sandbox hides; bound read-only over the host's files."""
    folder = Path(launch["root"]) / "sandbox-etc"
    return {"/etc/passwd": folder / "passwd", "/etc/group": folder / "group"}


def _write_identity_files(launch: dict) -> None:
    uid, files = launch["uid"], identity_files(launch)
    files["/etc/passwd"].parent.mkdir(exist_ok=True)
    entries = {"/etc/passwd": f"student:x:{uid}:{uid}:student:{launch['working_copy']}:/usr/sbin/nologin\n",
               "/etc/group": f"student:x:{uid}:\n"}
    for host, copy in files.items():
        text = Path(host).read_text() if os.path.exists(host) else ""
        copy.write_text(text + ("" if text.endswith("\n") or not text else "\n") + entries[host])


def memory_limits(memory_mb: int, gpu: bool) -> list[str]:
    """prlimit options for ``--memory``: RLIMIT_DATA holds the memory a process writes to (heap, arrays;
    a blow-up ends in MemoryError). Address space only backstops shared mappings, at 3x: importing
    torch and torchvision maps ~3.5 GiB of libraries (under a 4 GiB RLIMIT_AS their extension modules
    fail to load), and CUDA reserves address ranges the size of device and host memory, so none at all
    with a GPU."""
    address_space = "unlimited" if gpu else str(3 * memory_mb << 20)
    return [f"--data={memory_mb << 20}", f"--as={address_space}"]


def bwrap_command(launch: dict, connection_file: str, kernel_args: list[str],
                  gpu_devices: list[str] | None = None) -> list[str]:
    policy, uid, wc, ipc = launch["policy"], str(launch["uid"]), launch["working_copy"], launch["ipc"]
    gpu_devices = sorted(glob.glob("/dev/nvidia*")) if gpu_devices is None else gpu_devices
    tmpfs_size = str(policy["file_mb"] << 20)  # tmpfs is memory: each as big as one file may be
    made = {"/tmp", "/dev", "/proc"}  # an allow-list on an empty root: autograder/sandbox_view.py
    cmd = [launch["bwrap"], "--dev", "/dev", "--proc", "/proc",
           "--perms", "1777", "--size", tmpfs_size, "--tmpfs", "/tmp",
           "--perms", "1777", "--size", tmpfs_size, "--tmpfs", "/dev/shm"]
    for device in gpu_devices:  # CUDA: learners' device choice works when grading
        cmd += ["--dev-bind", device, device]
    cmd += view([launch["data_dir"]] if launch.get("data_dir") else [], made, exclude=launch["root"])
    for path in [*policy["hidden"], launch["root"]]:  # defence in depth: none should be inside the view
        cmd += _hide(path) if _inside_view(path, cmd) else []
    for host, copy in identity_files(launch).items():
        cmd += ["--ro-bind", str(copy), host]
    cmd += [*folders_above(wc, made), *folders_above(ipc, made),
            "--bind", wc, wc, "--bind", ipc, ipc, "--remount-ro", "/", "--chdir", wc,
            "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent",
            "--unsetenv", "JPY_PARENT_PID", "--setenv", "HOME", wc,
            "--setenv", "IPYTHONDIR", "/tmp/ipython", "--setenv", "MPLCONFIGDIR", "/tmp/matplotlib",
            "--",
            "prlimit", *memory_limits(policy["memory_mb"], bool(gpu_devices)), f"--cpu={policy['cpu_seconds']}",
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
    _write_identity_files(launch)
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
