"""One submission, graded in its own process and its own scratch nbgrader course.

A :class:`GradingJob` is plain data (picklable), so the same job runs in a local worker or on a Dask
cluster. :func:`run_job` copies the template gradebook (the assignment registered, no students) and
the staged submission into a fresh course root, runs ``nbgrader autograde`` there as a subprocess in
its own process group under a wall-clock limit, and returns each grade cell's auto score and the
autograded notebooks. The parent merges them into the real gradebook (autograder/merge.py); a
job never opens it, so concurrent jobs never contend for it.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import IGNORED
from autograder.sandbox import SANDBOX_MARKER, SandboxPolicy, install_kernelspec


@dataclass(frozen=True)
class GradingJob:
    assignment: str
    student: str
    submission: Path          # staged folder of the student's notebooks
    template_db: Path         # gradebook.db with the assignment registered and no students
    source_dir: Path          # the course's notebooks/ (nbgrader copies non-notebook files from it)
    cell_timeout: int = 600   # seconds per cell
    submission_timeout: float = 1800.0  # seconds for the whole submission, kernel start included
    sandbox: SandboxPolicy | None = None
    env: tuple[tuple[str, str], ...] = ()  # extra environment for nbgrader and the kernel


@dataclass
class JobResult:
    student: str
    grades: dict[tuple[str, str], float | None] = field(default_factory=dict)  # (notebook, cell) -> auto score
    notebooks: dict[str, bytes] = field(default_factory=dict)           # autograded notebook name -> content
    error: str | None = None                                            # why nothing could be graded
    seconds: float = 0.0


def run_job(job: GradingJob, preloaded: bool = False) -> JobResult:
    """Grade one submission. ``preloaded``: fork nbgrader's process from a server that has already
    imported it (autograder/preloaded.py; local workers) instead of starting ``python -m nbgrader``."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"grade-{job.student}-") as tmp:
        root = Path(tmp)
        result = _grade_in(root, job, preloaded)
    result.seconds = time.perf_counter() - start
    return result


def _grade_in(root: Path, job: GradingJob, preloaded: bool) -> JobResult:
    shutil.copyfile(job.template_db, root / "gradebook.db")
    shutil.copytree(job.submission, root / "submitted" / job.student / job.assignment)
    config = _config(root, job)
    env = {**os.environ, **dict(job.env), "PATH": _path_with_this_python()}
    if job.sandbox is not None:
        env.update(install_kernelspec(root, job, config))
    (root / "nbgrader_config.py").write_text(_config_py(config))
    log = (_autograde_preloaded if preloaded else _autograde)(root, job, env)
    if log is not None:
        return JobResult(job.student, error=log)
    if job.sandbox is not None and not (root / "ipc" / SANDBOX_MARKER).exists():  # fail closed
        return JobResult(job.student, error="grading error: the kernel did not start in the sandbox")
    return _collect(root, job)


def _config(root: Path, job: GradingJob) -> dict[str, object]:
    return {
        "CourseDirectory.root": str(root),
        "CourseDirectory.source_directory": str(job.source_dir),
        "CourseDirectory.db_url": f"sqlite:///{root / 'gradebook.db'}",
        "CourseDirectory.ignore": IGNORED,
        "Execute.timeout": job.cell_timeout,
        "ExecutePreprocessor.timeout": job.cell_timeout,  # nbgrader #1463: set both
        # every output is in once the last cell has run; a graceful shutdown waits ~0.9 s for nothing
        "Execute.shutdown_kernel": "immediate",
    }


PREPROCESSORS = """\
from autograder.guarded_execute import GuardedExecute
from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput, SaveAutoGrades
c = get_config()  # noqa: F821
# nbgrader's autograde steps, with Execute hardened (autograder/guarded_execute.py)
c.Autograde.autograde_preprocessors = [GuardedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                       SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
"""


def _config_py(config: dict[str, object]) -> str:
    return PREPROCESSORS + "".join(f"c.{key} = {value!r}\n" for key, value in config.items())


def _path_with_this_python() -> str:
    return os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")


def _argv(job: GradingJob) -> list[str]:
    return ["autograde", job.assignment, "--student", job.student, "--force", "--create"]


def _autograde(root: Path, job: GradingJob, env: dict[str, str]) -> str | None:
    """Run nbgrader autograde; None when it succeeded, else why it did not."""
    proc = subprocess.Popen([sys.executable, "-m", "nbgrader", *_argv(job)], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=job.submission_timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        return f"timed out after {job.submission_timeout:g} s"
    return _outcome(out.decode("utf-8", "replace").strip(), proc.returncode)


def _autograde_preloaded(root: Path, job: GradingJob, env: dict[str, str]) -> str | None:
    from autograder.preloaded import LOG, start_autograde

    process = start_autograde(root, _argv(job), env)
    process.join(job.submission_timeout)
    if process.is_alive():
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:  # killed before it became a session leader
            process.kill()
        process.join()
        return f"timed out after {job.submission_timeout:g} s"
    log = root / LOG
    text = log.read_text("utf-8", "replace").strip() if log.exists() else ""
    return _outcome(text, process.exitcode)


def _outcome(text: str, returncode: int | None) -> str | None:
    if "Exception while loading config file" in text:  # traitlets logs it and goes on with defaults
        return f"{text[-2000:]}\ngrading error: nbgrader could not load the job's nbgrader_config.py"
    if returncode != 0:
        return text[-2000:] or f"nbgrader autograde exited with status {returncode}"
    return None


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()


def _collect(root: Path, job: GradingJob) -> JobResult:
    from nbgrader.api import Gradebook

    result = JobResult(job.student)
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        submission = gb.find_submission(job.assignment, job.student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                result.grades[(notebook.name, grade.name)] = grade.auto_score
    folder = root / "autograded" / job.student / job.assignment
    result.notebooks = {p.name: p.read_bytes() for p in sorted(folder.glob("*.ipynb"))}
    return result
