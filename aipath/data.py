"""Where datasets live, and how they get there.

Datasets load the way learners expect: torchvision datasets with ``download=True``, and canonical
URLs checked against SHA-256 sums for the rest, cached under one data root:

    ``$AIPATH_DATA_DIR``, else ``$XDG_CACHE_HOME/aipath/data``, else ``~/.cache/aipath/data``.

Point ``AIPATH_DATA_DIR`` at an offline mirror (laid out by ``python -m aipath.mirror``) and
nothing is downloaded. When a file is neither present nor downloadable, :class:`DataNotFoundError`
says which file is missing, where it was looked for, and which setting points at a mirror.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ENV_VAR = "AIPATH_DATA_DIR"


class DataNotFoundError(FileNotFoundError):
    """A dataset file is neither in the data root nor downloadable."""


@dataclass(frozen=True)
class RemoteDataset:
    """Files under ``<root>/<name>/``, fetched from ``url`` (a file, or a zip holding them)."""

    name: str
    url: str
    sha256: dict[str, str] = field(default_factory=dict)  # file name -> hex digest
    is_zip: bool = False


DATASETS: dict[str, RemoteDataset] = {
    "tinyshakespeare": RemoteDataset(
        name="tinyshakespeare",
        url="https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
        sha256={"input.txt": "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"},
    ),
    "sentiment": RemoteDataset(  # UCI "Sentiment Labelled Sentences" (Kotzias et al., 2015)
        name="sentiment",
        url="https://archive.ics.uci.edu/static/public/331/sentiment+labelled+sentences.zip",
        sha256={
            "amazon_cells_labelled.txt": "acfd92d58ba89f2fe59b6cf0a21e0c8182140c0695543d176a1accd316cc19e0",
            "imdb_labelled.txt": "210911421198903f02c2341c374bc0fda40a3ac47d64a6d3a2b7b2ef7446db9d",
            "yelp_labelled.txt": "c3a233c40540799ba09652948a73283ac2be000d83723ba4305bd9501fb40698",
        },
        is_zip=True,
    ),
}


def data_root(root: str | os.PathLike | None = None) -> Path:
    """The data root: ``root`` if given, else ``$AIPATH_DATA_DIR``, else the per-user cache."""
    if root is not None:
        return Path(root).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "aipath" / "data"


def sha256sum(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(dataset: str | RemoteDataset, root: str | os.PathLike | None = None,
          *, timeout: float = 30.0) -> Path:
    """Make sure every file of ``dataset`` is in ``<root>/<name>/`` with the right checksum.

    Downloads what is missing; returns the dataset's folder. Raises DataNotFoundError.
    """
    spec = DATASETS[dataset] if isinstance(dataset, str) else dataset
    folder = data_root(root) / spec.name
    missing = [name for name in spec.sha256 if not (folder / name).is_file()]
    if missing:
        try:
            _download(spec, folder, timeout)
        except OSError as exc:  # URLError, timeouts, refused connections, disk errors
            raise DataNotFoundError(_missing_message(spec.name, [folder / m for m in missing],
                                                     folder.parent, f"downloading {spec.url} failed: {exc}")) from exc
    for name, digest in spec.sha256.items():
        got = sha256sum(folder / name)
        if got != digest:
            raise DataNotFoundError(
                f"{folder / name} is corrupt: sha256 {got}, expected {digest}. "
                f"Delete it to download it again, or replace it with a good copy."
            )
    return folder


def torchvision_dataset(cls, *, train: bool = True, root: str | os.PathLike | None = None, **kwargs):
    """``cls(root, train=train, download=True, **kwargs)`` for an MNIST-style torchvision dataset
    (MNIST, FashionMNIST, KMNIST), with a clear error when neither the files nor a network are there."""
    root = data_root(root)
    try:
        return cls(str(root), train=train, download=True, **kwargs)
    except (RuntimeError, OSError) as exc:
        raw = root / cls.__name__ / "raw"
        expected = [raw / Path(url.rsplit("/", 1)[-1]).stem for url, _md5 in cls.resources]
        missing = [p for p in expected if not p.is_file()] or expected
        raise DataNotFoundError(_missing_message(cls.__name__, missing, root, f"torchvision said: {exc}")) from exc


def _download(spec: RemoteDataset, folder: Path, timeout: float) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        target = Path(tmp) / "download"
        with urllib.request.urlopen(spec.url, timeout=timeout) as response, open(target, "wb") as out:
            shutil.copyfileobj(response, out)
        if not spec.is_zip:
            (name,) = spec.sha256
            os.replace(target, folder / name)
            return
        with zipfile.ZipFile(target) as archive:
            for member in archive.namelist():
                name = Path(member).name
                if name in spec.sha256 and not member.startswith("__MACOSX"):
                    with archive.open(member) as src, open(folder / name, "wb") as dst:
                        shutil.copyfileobj(src, dst)


def _missing_message(name: str, missing: list[Path], root: Path, cause: str) -> str:
    files = "\n".join(f"    {p}" for p in missing)
    source = f"${ENV_VAR}" if os.environ.get(ENV_VAR) else "the default cache"
    return (
        f"Dataset {name!r} is not available.\n"
        f"  missing file(s):\n{files}\n"
        f"  looked in the data root {root} (from {source}); {cause}\n"
        f"  Fix: connect to the internet and run again, or set {ENV_VAR} to a folder holding an offline "
        f"mirror (lay one out with `python -m aipath.mirror SRC --root DIR`)."
    )


def load_sentiment(root: str | os.PathLike | None = None) -> list[tuple[str, int, str]]:
    """UCI Sentiment Labelled Sentences: (sentence, label 0/1, source) for amazon, imdb and yelp."""
    folder = fetch("sentiment", root)
    rows = []
    for name in sorted(DATASETS["sentiment"].sha256):
        source = name.split("_")[0]
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                sentence, label = line.rsplit("\t", 1)
                rows.append((sentence.strip(), int(label), source))
    return rows


def load_tinyshakespeare(root: str | os.PathLike | None = None) -> str:
    """The tiny Shakespeare corpus (1,115,394 characters) as one string."""
    return (fetch("tinyshakespeare", root) / "input.txt").read_text(encoding="utf-8")
