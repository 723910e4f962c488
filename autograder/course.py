"""The course on disk: this repository (sources, releases) and a grading working directory.

nbgrader's course root is the *working directory* (gradebook.db, submitted/, autograded/,
feedback/ live there); the sources stay in the repository's ``notebooks/``. With the default working
directory (the repository root) this is the same layout as ``nbgrader_config.py``.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from traitlets.config import Config

REPO_ROOT = Path(__file__).resolve().parent.parent

# Never copied into student versions or grading folders: caches, data, and the working folders that
# notebooks create next to themselves (MLflow stores, DVC repositories).
IGNORED = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".data", "mlruns", "mlops_work", "*_work"]


@dataclass
class Course:
    repo: Path = REPO_ROOT
    workdir: Path = field(default=None)  # type: ignore[assignment]
    db_url: str | None = None            # default: sqlite:///<workdir>/gradebook.db
    cell_timeout: int = 600              # seconds per cell when nbgrader executes notebooks

    def __post_init__(self):
        _expose_environment_scripts()
        _stamp_new_gradebooks_in_process()
        self.repo = Path(self.repo).resolve()
        self.workdir = Path(self.workdir or self.repo).resolve()

    @property
    def source_dir(self) -> Path:
        return self.repo / "notebooks"

    @property
    def release_dir(self) -> Path:
        return self.repo / "release"

    def assignments(self) -> list[str]:
        """Assignment folders that hold at least one notebook, in roadmap order."""
        return sorted(p.name for p in self.source_dir.iterdir()
                      if p.is_dir() and any(p.glob("*.ipynb")))

    def source_notebooks(self, assignment: str) -> list[Path]:
        folder = self.source_dir / assignment
        if not folder.is_dir():
            raise SystemExit(f"no assignment {assignment!r}: {folder} does not exist "
                             f"(assignments: {', '.join(self.assignments())})")
        return sorted(folder.glob("*.ipynb"))

    def released_notebooks(self, assignment: str) -> list[Path]:
        return sorted((self.release_dir / assignment).glob("*.ipynb"))

    def config(self) -> Config:
        c = Config()
        c.CourseDirectory.root = str(self.workdir)
        c.CourseDirectory.source_directory = str(self.source_dir)
        c.CourseDirectory.release_directory = str(self.release_dir)
        c.CourseDirectory.db_url = self.db_url or f"sqlite:///{self.workdir / 'gradebook.db'}"
        c.CourseDirectory.ignore = IGNORED
        c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
        c.ExecutePreprocessor.timeout = self.cell_timeout
        c.Execute.timeout = self.cell_timeout  # nbgrader #1463: set both
        return c

    def api(self, config: Config | None = None):
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        cfg = self.config()
        if config is not None:
            cfg.merge(config)
        os.makedirs(self.workdir, exist_ok=True)
        return NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)


def _expose_environment_scripts() -> None:
    """nbgrader shells out to ``alembic`` and jupyter looks up kernels on PATH: make this Python's
    scripts visible even when its virtual environment is not activated."""
    scripts = os.path.dirname(sys.executable)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def _stamp_new_gradebooks_in_process() -> None:
    """nbgrader stamps each new gradebook with the schema's alembic revision by running ``alembic heads``
    as a subprocess (about 4 s on 2 cores, mostly starting Python); alembic's API gives the same
    revision in milliseconds. Kept as nbgrader's own function if its helper ever moves."""
    import nbgrader.api

    if hasattr(nbgrader.api, "_temp_alembic_ini"):
        nbgrader.api.get_alembic_version = alembic_head


def alembic_head() -> str:
    """The gradebook schema's alembic revision, as ``alembic heads`` prints it."""
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory
    from nbgrader.api import _temp_alembic_ini

    with _temp_alembic_ini("sqlite:///gradebook.db") as ini:  # the URL is not opened
        return ScriptDirectory.from_config(AlembicConfig(ini)).get_current_head()
