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



# Modules whose module-scoped fixture builds a course and grades it, or starts a server or a browser
# (20-140 s). pytest-xdist runs a module fixture once per worker that gets one of the module's tests,
# so these modules' tests stay together on one worker; every other test is spread one by one.
ONE_WORKER_MODULES = {
    "test_grading_cli_errors", "test_grading_dask", "test_grading_e2e", "test_grading_hostile",
    "test_grading_parallel", "test_grading_partial_canvas", "test_grading_reasons",
    "test_learner_browser", "test_mutation_runners", "test_progress", "test_retrain", "test_serving",
}


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` (the Makefile's), grouping by ONE_WORKER_MODULES. xdist 3.8's own loadgroup
    does not group under pytest 9: it renames ``item._nodeid``, which pytest 9 no longer reads."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if Path(module).stem in ONE_WORKER_MODULES else nodeid

    return ModuleFixtureScheduling(config, log)
