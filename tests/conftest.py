import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

os.environ.setdefault("AIPATH_PROFILE", "fast")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def mirror_root() -> Path:
    """The data root holding the offline mirrors (CI lays them out; see .ci/run)."""
    root = Path(os.environ.get("AIPATH_DATA_DIR", REPO / ".data"))
    if not (root / "MNIST" / "raw").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI must lay out the offline mirrors in {root} (make data)")
        pytest.skip(f"no offline mirror in {root}: run `make data`")
    return root
