"""Run the source notebooks in the fast profile, each in a fresh kernel, cached by content.

A notebook's cache key hashes its bytes, the helper package it imports (``aipath/``) and the
execution settings, so an unchanged notebook is never run twice; the cache folder is git-ignored.
The kernel runs in a scratch copy of the notebook's phase folder, so files a notebook writes never
land in ``notebooks/``.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat

CACHE_FORMAT = "2"  # bump when what is cached changes shape

# The fast profile on one thread, figures as PNG outputs (the inline backend, not Agg).
KERNEL_ENV = {
    "AIPATH_PROFILE": "fast",
    "OMP_NUM_THREADS": "1",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}


class NotebookFailed(RuntimeError):
    """A source notebook raised while executing; the message starts with its path."""


def kernel_env(repo: Path) -> dict[str, str]:
    """KERNEL_ENV, the data folder, and the course's own helper package first on the path (the
    kernel runs in a scratch folder, and the cache key hashes ``repo/aipath``)."""
    env = dict(KERNEL_ENV)
    env["AIPATH_DATA_DIR"] = os.environ.get("AIPATH_DATA_DIR", str(repo / ".data"))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(repo), os.environ.get("PYTHONPATH")) if p)
    return env


def cache_key(notebook: Path, repo: Path) -> str:
    digest = hashlib.sha256(f"{CACHE_FORMAT}\n{sorted(KERNEL_ENV.items())}\n".encode())
    digest.update(notebook.read_bytes())
    for helper in sorted((repo / "aipath").rglob("*")):
        if helper.is_file() and helper.suffix in {".py", ".toml"}:
            digest.update(str(helper.relative_to(repo)).encode() + b"\0" + helper.read_bytes())
    return digest.hexdigest()[:32]


# A picture an output points to by a relative path: Markdown ![alt](path) or HTML <img src="path">.
REFERENCE = re.compile(r"""(!\[[^\]]*\]\(\s*<?)([^)\s>]+)|(<img\b[^>]*?\bsrc=["'])([^"']+)""")


@dataclass
class Executed:
    notebook: nbformat.NotebookNode
    files: Path   # files its outputs show, laid out relative to the notebook's folder (may not exist)


def keep_output_files(nb: nbformat.NotebookNode, workdir: Path, stem: str, files: Path) -> None:
    """Copy the files the Markdown/HTML outputs show (written by the notebook in ``workdir``) to
    ``files/<stem>_files/`` and point the outputs there, so the site shows them."""
    def relocate(match: re.Match) -> str:
        prefix, path = (match[1], match[2]) if match[2] else (match[3], match[4])
        source = (workdir / path).resolve()
        if re.match(r"^[a-z]+:|^/|^#", path) or not source.is_file() or not source.is_relative_to(workdir.resolve()):
            return match[0]
        target = f"{stem}_files/{path}"
        (files / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, files / target)
        return prefix + target

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for mime in ("text/markdown", "text/html"):
                if mime in output.get("data", {}):
                    text = output["data"][mime]
                    text = "".join(text) if isinstance(text, list) else text
                    output["data"][mime] = REFERENCE.sub(relocate, text)


def execute(notebook: Path, repo: Path, files: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Execute one source notebook and return it with its outputs (the files they show copied to
    ``files``); raise NotebookFailed."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    name = notebook.relative_to(repo)
    nb = nbformat.read(str(notebook), as_version=4)
    os.environ.update(kernel_env(repo))  # the kernel inherits this process's environment
    with tempfile.TemporaryDirectory(prefix="aipath-site-") as tmp:
        workdir = Path(tmp) / notebook.parent.name
        shutil.copytree(notebook.parent, workdir, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(workdir)}})
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            raise NotebookFailed(f"{name} failed to execute:\n{exc}") from None
        keep_output_files(nb, workdir, notebook.stem, files)
    return nb


def _execute_cached(notebook: Path, repo: Path, cache_dir: Path) -> tuple[Path, Path, float | None]:
    """(notebook, its cache entry, seconds it took; None when it was cached). An entry is a folder:
    ``notebook.ipynb`` (executed) and ``files/``."""
    entry = cache_dir / f"{notebook.stem}-{cache_key(notebook, repo)}"
    if (entry / "notebook.ipynb").is_file():
        return notebook, entry, None
    started = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f"{entry.name}.", dir=cache_dir))
    try:
        nb = execute(notebook, repo, scratch / "files")
        nbformat.write(nb, str(scratch / "notebook.ipynb"))
        try:
            scratch.rename(entry)  # atomic: two builds sharing a cache never read half an entry
        except OSError:
            if not (entry / "notebook.ipynb").is_file():
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return notebook, entry, time.perf_counter() - started


def execute_all(notebooks: list[Path], repo: Path, cache_dir: Path, workers: int = 2,
                log=print) -> dict[Path, Executed]:
    """Executed copies of ``notebooks`` (from the cache where possible), ``workers`` kernels at a time.
    The first failure stops the build with the notebook's name."""
    results: dict[Path, Executed] = {}
    pool = ProcessPoolExecutor(max_workers=max(1, workers))
    try:
        futures = [pool.submit(_execute_cached, nb, repo, cache_dir) for nb in notebooks]
        for future in as_completed(futures):
            notebook, entry, seconds = future.result()
            log(f"  {'cached' if seconds is None else f'{seconds:5.1f} s'}  {notebook.relative_to(repo)}")
            results[notebook] = Executed(nbformat.read(str(entry / "notebook.ipynb"), as_version=4), entry / "files")
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return {notebook: results[notebook] for notebook in notebooks}
