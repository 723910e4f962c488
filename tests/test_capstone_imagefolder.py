"""The capstone notebook (05_portfolio/01_capstone) works on any ImageFolder, not only Fashion-MNIST.

A small ImageFolder of generated PNGs (three colour classes, images of different sizes) goes through the
whole notebook — data pipeline, training, evaluation, MLflow tracking, registration and the HTTP service —
executed by nbclient with ``AIPATH_IMAGE_FOLDER`` pointing at it, in a temporary working folder.
"""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "notebooks" / "05_portfolio" / "01_capstone.ipynb"
CLASSES = ("blue_things", "green_things", "red_things")      # ImageFolder sorts the class folders by name


def make_image_folder(root: Path, per_class: int = 30, seed: int = 0) -> Path:
    """root/<class>/<i>.png: noisy RGB images whose dominant colour is the class; sizes vary from 18 to 40 pixels."""
    from PIL import Image

    rng = np.random.default_rng(seed)
    channel = {"red_things": 0, "green_things": 1, "blue_things": 2}
    for name in CLASSES:
        (root / name).mkdir(parents=True)
        for i in range(per_class):
            height, width = rng.integers(18, 41, size=2)
            image = rng.integers(0, 90, size=(height, width, 3))
            top, left = rng.integers(0, height // 2), rng.integers(0, width // 2)
            image[top:top + height // 2, left:left + width // 2, channel[name]] += 150    # a bright patch of the class colour
            Image.fromarray(image.clip(0, 255).astype(np.uint8)).save(root / name / f"{i:03d}.png")
    return root


@pytest.mark.notebooks
def test_the_capstone_trains_tracks_and_serves_a_model_on_an_image_folder(tmp_path, monkeypatch):
    from nbclient import NotebookClient

    images = make_image_folder(tmp_path / "my_dataset")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("AIPATH_IMAGE_FOLDER", str(images))
    monkeypatch.setenv("AIPATH_PROFILE", "fast")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(work)}}).execute()

    errors = {cell.get("id"): f"{o.ename}: {o.evalue}"[:500] for cell in nb.cells if cell.cell_type == "code"
              for o in cell.get("outputs", []) if o.output_type == "error"}
    assert not errors, f"cells failed on an ImageFolder: {errors}"
    graded = [cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("grade")]
    assert graded and all(cell.get("execution_count") for cell in graded), "every graded check ran"

    import mlflow

    info = json.loads((work / "capstone_work" / "latest_run.json").read_text())
    client = mlflow.MlflowClient(tracking_uri=info["tracking_uri"], registry_uri=info["tracking_uri"])
    run = client.get_run(info["run_id"])
    assert run.data.params["dataset"] == "my_dataset"
    assert (run.data.params["num_classes"], run.data.params["image_channels"], run.data.params["image_height"]) == ("3", "3", "32")
    assert int(run.data.params["n_train"]) + int(run.data.params["n_val"]) + int(run.data.params["n_test"]) == 3 * 30
    evaluation = json.loads(Path(client.download_artifacts(info["run_id"], "evaluation.json", str(tmp_path))).read_text())
    assert evaluation["class_names"] == list(CLASSES)
    assert sum(evaluation["support"]) == int(run.data.params["n_test"])

    version = client.get_model_version_by_alias("capstone-classifier", "champion")
    assert version.run_id == info["run_id"]
    logged_model = client.get_logged_model(version.source.removeprefix("models:/"))   # models:/m-<id>, the logged model
    assert logged_model.source_run_id == info["run_id"]
    model = mlflow.pyfunc.load_model(logged_model.artifact_location)       # unpickled here, outside the notebook's kernel
    assert model.metadata.get_input_schema().inputs[0].shape == (-1, 3 * 32 * 32), "the signature gives the service C*H*W"
    rows = np.random.default_rng(1).random((4, 3 * 32 * 32)).astype(np.float32)
    probabilities = np.asarray(model.predict(rows))
    assert probabilities.shape == (4, 3) and np.allclose(probabilities.sum(axis=1), 1, atol=1e-5)
