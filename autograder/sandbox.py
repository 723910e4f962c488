"""The sandbox student code runs in: bubblewrap namespaces, an unprivileged uid and rlimits.

nbgrader starts each submission's kernel from a kernelspec; :func:`install_kernelspec` writes one
(into the job's own ``JUPYTER_PATH``) whose command is :mod:`autograder.sandbox_launch`, which execs

    bwrap --dev /dev --proc /proc --tmpfs /tmp --ro-bind <system, this Python, the data> ...
          --bind <working copy> --bind <ipc dir> --unshare-net --unshare-pid --die-with-parent ...
      prlimit --data --as --cpu --fsize --nproc   setpriv --reuid U --regid U --clear-groups --inh-caps=-all
        python -m ipykernel_launcher -f {connection_file}

The kernel sees an allow-list of the host's files, nothing else (autograder/sandbox_view.py). It
talks to nbgrader over IPC sockets in the ipc dir (no network namespace needed for that). What this does and does not defend against: autograder/SANDBOX.md.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

KERNEL_NAME = "aipath-sandbox"
SANDBOX_MARKER = "kernel-sandboxed"  # written into the ipc dir by sandbox_launch; jobs check it
FIRST_UID = 60000  # students' code runs as FIRST_UID + (crc32(student) % UID_RANGE)
UID_RANGE = 5000


class SandboxUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class SandboxPolicy:
    hidden: tuple[str, ...] = ()  # hidden again (empty tmpfs, /dev/null) should the view ever include them
    memory_mb: int = 4096         # RLIMIT_DATA per process (address space 3x; see sandbox_launch.memory_limits)
    cpu_seconds: int = 1800       # RLIMIT_CPU per process
    file_mb: int = 512            # RLIMIT_FSIZE: largest file it may write
    processes: int = 256          # RLIMIT_NPROC for its uid (threads count too)


def require_bwrap() -> str:
    path = shutil.which("bwrap")
    if path is None:
        raise SandboxUnavailable(
            "grading runs student code inside bubblewrap, which is not installed: "
            "`sudo apt-get install -y bubblewrap` (Debian/Ubuntu), or pass --no-sandbox to run "
            "student code with your own rights (only for submissions you trust)")
    if os.geteuid() != 0:
        raise SandboxUnavailable(
            "the grading sandbox runs each student's code as its own unprivileged uid, which needs root: "
            "grade as root (e.g. in a VM or container made for grading), or pass --no-sandbox to run "
            "student code with your own rights (only for submissions you trust)")
    return path


def student_uid(student: str) -> int:
    return FIRST_UID + zlib.crc32(student.encode()) % UID_RANGE


def install_kernelspec(root: Path, job, config: dict) -> dict[str, str]:
    """Write the sandboxed kernelspec under ``root/jupyter`` and point nbgrader's kernel at it.

    Adds to ``config`` the settings nbgrader needs. Returns the environment nbgrader needs: the
    kernelspec on JUPYTER_PATH and connection files in the ipc dir the sandbox can see."""
    ipc = root / "ipc"
    ipc.mkdir()
    working_copy = root / "autograded" / job.student / job.assignment
    spec_dir = root / "jupyter" / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    launch = {"bwrap": require_bwrap(), "uid": student_uid(job.student), "root": str(root),
              "working_copy": str(working_copy), "ipc": str(ipc), "policy": job.sandbox.__dict__,
              "data_dir": dict(job.env).get("AIPATH_DATA_DIR") or os.environ.get("AIPATH_DATA_DIR")}
    (spec_dir / "launch.json").write_text(json.dumps(launch, indent=1))
    spec = {"argv": [sys.executable, "-m", "autograder.sandbox_launch", str(spec_dir / "launch.json"),
                     "{connection_file}"],
            "display_name": "Python 3 (aipath grading sandbox)", "language": "python"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))
    config.update({
        "Execute.kernel_name": KERNEL_NAME,
        "KernelManager.transport": "ipc",
        "KernelManager.ip": str(ipc / "kernel"),
    })
    # jupyter_client writes a lone kernel's connection file with tempfile.mkstemp: into TMPDIR
    return {"JUPYTER_PATH": str(root / "jupyter"), "JUPYTER_RUNTIME_DIR": str(ipc), "TMPDIR": str(ipc)}
