"""Undo what a forked child wrote in a folder: take a snapshot before the fork, restore it after.

The fork mutation runner (autograder/mutation_fork.py) forks one child per mutant from a notebook
that is half-way through. Notebooks that keep state on disk (an MLflow store on SQLite, a DVC
repository, a model registry) would otherwise let one mutant's writes leak into the next mutant and
into the rest of the notebook. Children run one at a time, so the parent can undo each one::

    copy = take(folder)            # between two cells: a sibling copy of the folder
    ... fork, the child runs the mutant and the cells after it, writing in `folder`, and ends ...
    restore(folder, copy)          # the folder as it was; the copy is removed

``restore`` writes changed files back *in place*: a file keeps its inode, so what the notebook still
holds open (an SQLite connection checks that its file was not replaced) stays valid and sees the
old content again. Files the child added are removed, files it removed come back. While a child
runs, processes the notebook started before the fork (a model server) see the child's writes.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def take(folder: Path) -> Path:
    """A copy of ``folder`` beside it (same file system, so copying stays cheap)."""
    copy = Path(tempfile.mkdtemp(prefix=f"{folder.name}-snapshot-", dir=folder.parent))
    shutil.copytree(folder, copy, symlinks=True, dirs_exist_ok=True)
    return copy


def restore(folder: Path, copy: Path) -> None:
    """Make ``folder`` hold exactly what ``copy`` holds, rewriting changed files in place; remove ``copy``."""
    _remove_added(folder, copy)
    for root, dirs, files in os.walk(copy):
        here = folder / Path(root).relative_to(copy)
        for name in dirs:
            if (Path(root) / name).is_symlink():
                _put_back_link(Path(root) / name, here / name)
            else:
                (here / name).mkdir(exist_ok=True)
        for name in files:
            _put_back_file(Path(root) / name, here / name)
    shutil.rmtree(copy)


def _remove_added(folder: Path, copy: Path) -> None:
    for root, dirs, files in os.walk(folder, topdown=True):
        twin_root = copy / Path(root).relative_to(folder)
        for name in list(dirs):
            path, twin = Path(root) / name, twin_root / name
            if path.is_symlink() or not twin.is_dir() or twin.is_symlink():
                _delete(path)
                dirs.remove(name)
        for name in files:
            path, twin = Path(root) / name, twin_root / name
            if path.is_symlink() != twin.is_symlink() or not (twin.is_symlink() or twin.is_file()):
                _delete(path)


def _put_back_file(twin: Path, path: Path) -> None:
    if twin.is_symlink():
        _put_back_link(twin, path)
        return
    data = twin.read_bytes()
    if not path.exists():
        shutil.copy2(twin, path)
    elif path.stat().st_size != len(data) or path.read_bytes() != data:
        with open(path, "r+b") as handle:      # same inode: open handles stay valid
            handle.write(data)
            handle.truncate()


def _put_back_link(twin: Path, path: Path) -> None:
    if path.is_symlink() and os.readlink(path) == os.readlink(twin):
        return
    _delete(path)
    os.symlink(os.readlink(twin), path)


def _delete(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
