"""The learner's workspace (aipath/learner/workspace.py): seeded from release/, never overwriting the learner's
copies, picking up new notebooks, and written so that the Jupyter server saves an unedited copy byte for byte."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from aipath.learner.workspace import MANIFEST, cells_digest, course_files, kernel_metadata, seed, seeded_digest

REPO = Path(__file__).resolve().parent.parent
RELEASE = REPO / "release"


@pytest.fixture()
def workspace(tmp_path) -> Path:
    seed(RELEASE, tmp_path / "my-work")
    return tmp_path / "my-work"


def test_first_run_copies_every_student_notebook_with_its_cells_unchanged(workspace):
    assert course_files(RELEASE) and [p.relative_to(workspace) for p in sorted(workspace.rglob("*"))
                                      if p.is_file() and p.name != MANIFEST] == course_files(RELEASE)
    for relative in course_files(RELEASE):
        if relative.suffix != ".ipynb":
            assert (workspace / relative).read_bytes() == (RELEASE / relative).read_bytes()
            continue
        mine, released = (nbformat.read(str(root / relative), as_version=4) for root in (workspace, RELEASE))
        nbformat.validate(mine)
        assert seeded_digest(workspace / relative) == cells_digest(released), "the workspace remembers what it copied"
        assert [(c.id, c.cell_type, c.source, c.metadata) for c in mine.cells] == \
               [(c.id, c.cell_type, c.source, c.metadata) for c in released.cells], relative


def test_a_learners_copy_is_never_overwritten_and_new_notebooks_appear(tmp_path, workspace):
    mine = workspace / "01_math" / "01_linear_algebra.ipynb"
    mine.write_text(mine.read_text().replace("# YOUR CODE HERE", "# my answer"))
    before = mine.read_bytes()
    assert seed(RELEASE, workspace) == [], "a second run found nothing new"
    assert mine.read_bytes() == before
    update = tmp_path / "release"                       # a `git pull` brings a new notebook
    shutil.copytree(RELEASE, update)
    shutil.copy(RELEASE / "01_math" / "02_calculus.ipynb", update / "01_math" / "08_new_topic.ipynb")
    assert seed(update, workspace) == [workspace / "01_math" / "08_new_topic.ipynb"]
    assert mine.read_bytes() == before


def test_kernel_metadata_is_what_the_running_kernel_reports():
    """JupyterLab writes the kernel's language_info into the notebook when it starts: ours must match it
    exactly, or every notebook opens marked modified."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        reply = kc.kernel_info(reply=True, timeout=60)["content"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert kernel_metadata()["language_info"] == reply["language_info"]
    assert kernel_metadata()["kernelspec"]["display_name"] == km.kernel_spec.display_name


def test_the_server_saves_an_unedited_copy_byte_for_byte(workspace):
    from jupyter_server.services.contents.filemanager import FileContentsManager

    contents = FileContentsManager(root_dir=str(workspace))
    for relative in [p for p in course_files(RELEASE) if p.suffix == ".ipynb"]:
        path = workspace / relative
        before = path.read_bytes()
        contents.save(contents.get(relative.as_posix(), content=True), relative.as_posix())
        assert path.read_bytes() == before, f"{relative}: saving it unedited changed its bytes"


def test_cli_reports_new_notebooks_and_refuses_a_missing_release(tmp_path):
    def cli(*args):
        return subprocess.run([sys.executable, "-m", "aipath.learner.cli", "workspace", *args],
                              capture_output=True, text=True, timeout=120, cwd=REPO)

    first = cli("--to", str(tmp_path / "w"))
    assert first.returncode == 0 and "new notebook(s) copied" in first.stdout, first.stderr
    again = cli("--to", str(tmp_path / "w"))
    assert again.returncode == 0 and "copied" not in again.stdout, again.stdout
    missing = cli("--release", str(tmp_path / "nope"), "--to", str(tmp_path / "w"))
    assert missing.returncode == 2 and "is not a folder" in missing.stderr.splitlines()[-1]
    assert json.loads((tmp_path / "w" / "01_math" / "01_linear_algebra.ipynb").read_text())["nbformat"] == 4
