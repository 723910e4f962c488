"""The learner's workspace: their own copies of the student notebooks, in a folder git does not track.

    aipath workspace [--release release] [--to my-work]

`make lab` runs it, then opens JupyterLab on the workspace. The first run copies ``release/`` (each
phase's notebooks and README) to ``my-work/<phase>/``; a later run, after a ``git pull`` brought new
notebooks, copies only the files the workspace lacks. A file the learner has is never overwritten, so a
course update never touches their answers and ``git pull`` never conflicts with them.

Notebooks are written the way JupyterLab saves them once its kernel has started: with this
environment's ``python3`` kernelspec and the kernel's ``language_info`` (the committed student versions
carry only ``{"name": "python"}``, which JupyterLab fills in on opening, marking the notebook modified).
Opening a fresh copy and saving it without an edit then changes no byte.

The workspace remembers what it was given: ``.seeded.json`` maps each notebook to the digest of its
cells when copied (:func:`cells_digest`), so ``aipath progress`` knows a copy the learner has not touched
even after a course update changed its student version.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import nbformat

SKIPPED = {".ipynb_checkpoints", "__pycache__"}
MANIFEST = ".seeded.json"   # in the workspace: "<phase>/<notebook>.ipynb" -> cells_digest when copied


def cells_digest(nb) -> str:
    """A hash of what a learner edits: the cells' types and sources (not outputs or metadata)."""
    return hashlib.sha256(json.dumps([[c.cell_type, c.source] for c in nb.cells]).encode()).hexdigest()


def seeded_digest(path: Path) -> str | None:
    """The digest of ``<workspace>/<phase>/<notebook>`` as the workspace copied it, if it did."""
    manifest = Path(path).parent.parent / MANIFEST
    if not manifest.is_file():
        return None
    try:
        return json.loads(manifest.read_text()).get(f"{Path(path).parent.name}/{Path(path).name}")
    except ValueError:
        return None


def kernel_metadata() -> dict:
    """The notebook metadata JupyterLab writes for a ``python3`` kernel running this interpreter."""
    from ipykernel.ipkernel import IPythonKernel
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    return {
        "kernelspec": {"display_name": spec.display_name, "language": spec.language, "name": "python3"},
        "language_info": dict(IPythonKernel.language_info, version=sys.version.split()[0]),
    }


def copy_notebook(source: Path, target: Path, metadata: dict) -> str:
    """Write the notebook at ``source`` to ``target`` with the kernel's metadata, as the Jupyter server
    writes a notebook it saves (``nbformat.write``: sorted keys, indent 1, a final newline); return its
    :func:`cells_digest`."""
    nb = nbformat.read(str(source), as_version=4)
    nb.metadata.update(metadata)
    nbformat.write(nb, str(target))
    return cells_digest(nb)


def course_files(release: Path) -> list[Path]:
    """Every file under ``release`` a learner works with, relative to it (no checkpoints or caches)."""
    return sorted(p.relative_to(release) for p in release.rglob("*")
                  if p.is_file() and not SKIPPED & set(p.relative_to(release).parts))


def seed(release: Path, workspace: Path) -> list[Path]:
    """Copy into ``workspace`` each file of ``release`` it lacks; return the new files' paths."""
    release, workspace = Path(release), Path(workspace)
    if not release.is_dir():
        raise FileNotFoundError(f"{release} is not a folder: give the course's release/ folder (the student versions)")
    manifest = workspace / MANIFEST
    digests = json.loads(manifest.read_text()) if manifest.is_file() else {}
    metadata, added = None, []
    for relative in course_files(release):
        target = workspace / relative
        if target.exists():
            continue                     # the learner's copy: never overwritten
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative.suffix == ".ipynb":
            metadata = metadata or kernel_metadata()
            digests[relative.as_posix()] = copy_notebook(release / relative, target, metadata)
        else:
            shutil.copy2(release / relative, target)
        added.append(target)
    if added:
        manifest.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n")
    return added
