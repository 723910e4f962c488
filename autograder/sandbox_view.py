"""The filesystem a grading kernel sees: an allow-list, built from an empty root.

Nothing of the host is visible unless listed here (autograder/SANDBOX.md): the system's programs and
libraries (``/usr``, ``/bin``, ``/lib*``, what Python, git, DVC and fontconfig read from ``/etc``,
``/sys``), this Python's installation (its prefixes, the folders on ``sys.path``, the package folders of
editable installs such as ``aipath``), the dataset folder, all read-only; a fresh ``/tmp``; and,
writable, the submission's working copy and kernel-socket dir (added by autograder/sandbox_launch.py).
Home folders, other checkouts of the course, ``/srv``, ``/work``, ``/opt`` and the course's own
sources are simply not there. Every path is computed at grading time: the course and its virtual
environment may live anywhere, ``/tmp`` and a closed ``/root`` (pyenv, 0700) included.
"""
from __future__ import annotations

import os
import sys
from pathlib import PurePosixPath

SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/sys")
ETC = ("alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "nsswitch.conf", "host.conf", "hosts",
       "localtime", "timezone", "fonts", "ssl", "ca-certificates", "ca-certificates.conf", "mime.types",
       "os-release", "debian_version", "gitconfig", "protocols", "services", "locale.alias", "papersize",
       "matplotlibrc", "mtab")
NOT_SYSTEM = ("/usr/src", "/usr/local/src")  # source trees someone may have unpacked (or cloned) there


def python_paths(exclude: str | None = None) -> list[str]:
    """Where this interpreter loads code from: its prefixes, the folders on ``sys.path`` (not the current
    folder, nor anything inside or above ``exclude``), and the folders editable installs map packages to."""
    paths = [sys.base_prefix, sys.prefix, os.path.dirname(sys.executable)]
    cwd = os.getcwd()
    paths += [p for p in sys.path if p and os.path.isabs(p) and p != cwd and os.path.exists(p)]
    for name, module in list(sys.modules.items()):  # setuptools' editable finders: {package: folder}
        if name.startswith("__editable__") and module is not None:
            paths += list(getattr(module, "MAPPING", {}).values())
            paths += [p for folders in getattr(module, "NAMESPACES", {}).values() for p in folders]
    if exclude:
        ex = os.path.realpath(exclude)
        paths = [p for p in paths if not (_within(os.path.realpath(p), ex) or _within(ex, os.path.realpath(p)))]
    return paths


def expose_python(prefixes: list[str]) -> list[str]:
    """Bind this Python's installation read-only, wherever it lives: under ``/tmp`` (the sandbox's own
    /tmp would hide it: ``setpriv: failed to execute .../.venv/bin/python``) or under a folder the
    student's uid may not enter (pyenv under ``/root``, 0700: only the installation appears, in
    folders made 0755, and the rest of ``/root`` is not there)."""
    return read_only(prefixes, made=set())


def read_only(paths: list[str], made: set[str], covered: tuple[str, ...] = ()) -> list[str]:
    """``--ro-bind`` each existing path at its own name (and at its real path, if a symlink leads there),
    skipping those already inside another or inside ``covered``; the folders above are created 0755
    (``made``: created so far, updated)."""
    binds = set()
    for path in paths:
        if not os.path.lexists(path):
            continue
        real = os.path.realpath(path)
        binds.update({(real, os.path.abspath(path)), (real, real)})
    options, done = [], list(covered)
    for source, dest in sorted(binds, key=lambda b: (len(PurePosixPath(b[1]).parts), b[1])):
        if any(_within(dest, d) for d in done):
            continue
        options += folders_above(dest, made) + ["--ro-bind", source, dest]
        done.append(dest)
    return options


def folders_above(path: str, made: set[str]) -> list[str]:
    """``--dir`` options for the folders above ``path`` not made yet: bwrap would make them 0700 and
    root-owned, and the student's uid could not resolve paths through them."""
    options = []
    for folder in reversed(PurePosixPath(path).parents):
        folder = str(folder)
        if folder != "/" and folder not in made:
            options += ["--perms", "0755", "--dir", folder]
            made.add(folder)
    return options


def system_view(made: set[str]) -> list[str]:
    """The system's programs, libraries and a subset of /etc, read-only; merged-/usr symlinks as symlinks."""
    options = []
    for path in SYSTEM:
        if os.path.islink(path):
            options += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            options += ["--ro-bind", path, path]
            made.add(path)
    options += ["--perms", "0755", "--dir", "/etc"]
    made.add("/etc")
    for name in ETC:
        path = f"/etc/{name}"
        if os.path.islink(path):  # e.g. mtab -> ../proc/self/mounts: resolved inside the sandbox
            options += ["--symlink", os.readlink(path), path]
        elif os.path.exists(path):
            options += ["--ro-bind", path, path]
    for path in NOT_SYSTEM:
        if os.path.isdir(path):
            options += ["--tmpfs", path]
    return options


def view(extra_read_only: list[str], made: set[str], exclude: str | None = None) -> list[str]:
    """The whole read-only part of the view: system, this Python, and ``extra_read_only`` (the data)."""
    system = tuple(p for p in SYSTEM if os.path.lexists(p))
    return system_view(made) + read_only(python_paths(exclude) + extra_read_only, made, covered=system)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")
