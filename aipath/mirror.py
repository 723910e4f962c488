"""Lay out offline dataset mirrors in a data root, the way the loaders in ``aipath.data`` expect.

    python -m aipath.mirror ../shared/data --root .data [--fashion-mnist /usr/share/datasets/fashion-mnist]

Source layout (see shared/data/README.md): ``mnist-mini/*.gz`` (IDX, gzip), ``sentiment/*.txt``,
``tinyshakespeare/input.txt``. Result: ``<root>/MNIST/raw/<idx files, uncompressed>``,
``<root>/FashionMNIST/raw/…``, ``<root>/sentiment/…``, ``<root>/tinyshakespeare/input.txt``.
Checksums of the text datasets are verified against ``aipath.data.DATASETS``.
"""
from __future__ import annotations

import argparse
import gzip
import shutil
from pathlib import Path

from aipath.data import DATASETS, fetch


def gunzip_idx(src_dir: Path, dst_dir: Path) -> list[Path]:
    """Decompress every ``*-ubyte.gz`` in src_dir into dst_dir (torchvision's raw/ folder)."""
    dst_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for gz in sorted(src_dir.glob("*-ubyte.gz")):
        target = dst_dir / gz.stem
        with gzip.open(gz, "rb") as f, open(target, "wb") as out:
            shutil.copyfileobj(f, out)
        written.append(target)
    if not written:
        raise FileNotFoundError(f"no *-ubyte.gz IDX files in {src_dir}")
    return written


def lay_out(src: Path, root: Path, fashion_mnist: Path | None = None) -> list[str]:
    """Copy what ``src`` holds into ``root``; returns a line per dataset laid out."""
    done = []
    if (src / "mnist-mini").is_dir():
        n = len(gunzip_idx(src / "mnist-mini", root / "MNIST" / "raw"))
        done.append(f"MNIST ({n} files from mnist-mini)")
    if fashion_mnist is not None:
        n = len(gunzip_idx(fashion_mnist, root / "FashionMNIST" / "raw"))
        done.append(f"FashionMNIST ({n} files)")
    for name, spec in DATASETS.items():
        if (src / name).is_dir():
            (root / name).mkdir(parents=True, exist_ok=True)
            for file in spec.sha256:
                shutil.copyfile(src / name / file, root / name / file)
            fetch(name, root)  # verifies the checksums; downloads nothing since all files are there
            done.append(f"{name} ({len(spec.sha256)} files, sha256 verified)")
    return done


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="mirror folder (e.g. ../shared/data)")
    parser.add_argument("--root", type=Path, required=True, help="data root to fill (AIPATH_DATA_DIR)")
    parser.add_argument("--fashion-mnist", type=Path, default=None,
                        help="folder of Fashion-MNIST IDX .gz files (Debian: /usr/share/datasets/fashion-mnist)")
    args = parser.parse_args(argv)
    for line in lay_out(args.src, args.root, args.fashion_mnist):
        print(f"laid out {line} in {args.root}")


if __name__ == "__main__":
    main()
