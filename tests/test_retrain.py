"""The retraining pipeline (python -m aipath.mlops.retrain) end to end on a real MLflow SQLite store:
a first run promotes, a worse candidate is refused, and the store records both decisions."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("mlflow")

from aipath.mlops.retrain import PipelineError, data_sha256, load_rule  # noqa: E402
from autograder.reference import should_promote  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def retrain(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MLFLOW_TRACKING_URI"}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "aipath.mlops.retrain", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=600)


RULE = ("--rule", "autograder.reference:should_promote")


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> dict:
    """Run the pipeline twice on one store: the default model, then one trained on 60 rows only."""
    work = tmp_path_factory.mktemp("retrain")
    uri = f"sqlite:///{work / 'mlflow.db'}"
    first = retrain(*RULE, "--tracking-uri", uri, "--create-store", "--metrics-out", str(work / "first.json"), cwd=work)
    second = retrain(*RULE, "--tracking-uri", uri, "--train-size", "60", "--metrics-out", str(work / "second.json"), cwd=work)
    return {"uri": uri, "work": work, "first": first, "second": second,
            "first_json": json.loads((work / "first.json").read_text()) if first.returncode == 0 else None,
            "second_json": json.loads((work / "second.json").read_text()) if second.returncode == 0 else None}


@pytest.fixture(scope="module")
def client(two_runs):
    import mlflow
    from mlflow import MlflowClient

    mlflow.set_tracking_uri(two_runs["uri"])
    return MlflowClient(tracking_uri=two_runs["uri"])


def test_both_runs_exit_0_and_print_their_decision(two_runs):
    first, second = two_runs["first"], two_runs["second"]
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert "PROMOTED: no champion yet for digits; digits v1 is now @champion" in first.stdout
    assert "REJECTED" in second.stdout and "@champion stays on v1" in second.stdout
    assert "trained on 60 rows" in second.stdout


def test_first_run_registered_version_1_and_pointed_champion_at_it(two_runs, client):
    version = client.get_model_version_by_alias("digits", "champion")
    assert version.version == "1" or version.version == 1
    assert version.run_id == two_runs["first_json"]["run_id"]
    assert float(version.tags["holdout_accuracy"]) == pytest.approx(two_runs["first_json"]["candidate"]["accuracy"], abs=1e-6)


def test_worse_candidate_is_logged_but_not_registered(two_runs, client):
    versions = client.search_model_versions("name = 'digits'")
    assert [str(v.version) for v in versions] == ["1"], "a refused candidate must not become a model version"
    second = two_runs["second_json"]
    assert second["decision"] == "rejected" and second["registered_version"] is None
    assert second["candidate"]["accuracy"] < second["champion"]["accuracy"] - 0.005


def test_store_holds_both_runs_with_decision_params_and_metrics(two_runs, client):
    experiment = client.get_experiment_by_name("digits-retraining")
    runs = client.search_runs([experiment.experiment_id], order_by=["attributes.start_time ASC"])
    assert [r.data.tags["aipath.decision"] for r in runs] == ["promoted", "rejected"]
    first, second = runs
    assert first.data.params["n_train"] == "1347" and second.data.params["n_train"] == "60"
    assert all(r.data.params["n_holdout"] == "450" and r.data.params["decision_metric"] == "accuracy"
               and float(r.data.params["decision_margin"]) == 0.005 for r in runs)
    assert first.data.tags["aipath.champion_version"] == "none" and second.data.tags["aipath.champion_version"] == "1"
    assert first.data.tags["aipath.registered_version"] == "1" and "aipath.registered_version" not in second.data.tags
    assert "champion_accuracy" not in first.data.metrics
    assert second.data.metrics["champion_accuracy"] == pytest.approx(first.data.metrics["candidate_accuracy"])
    assert first.data.tags["aipath.data_sha256"] == second.data.tags["aipath.data_sha256"]
    assert "does not beat champion v1" in second.data.tags["aipath.decision_reason"]


def test_artifacts_stay_beside_the_store(two_runs, client):
    run = client.get_run(two_runs["first_json"]["run_id"])
    experiment = client.get_experiment(run.info.experiment_id)
    assert experiment.artifact_location == (two_runs["work"] / "artifacts").as_uri()
    assert any((two_runs["work"] / "artifacts").rglob("MLmodel"))


def test_champion_serves_probabilities_for_64_features(two_runs):
    import mlflow
    from sklearn.datasets import load_digits

    mlflow.set_tracking_uri(two_runs["uri"])
    model = mlflow.pyfunc.load_model("models:/digits@champion")
    schema = model.metadata.get_input_schema()
    assert schema.is_tensor_spec() and tuple(schema.inputs[0].shape) == (-1, 64)
    proba = model.predict(load_digits().data[:5])
    assert proba.shape == (5, 10)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-9)


def test_missing_store_is_a_clear_error_not_a_new_empty_registry(tmp_path):
    missing = retrain(*RULE, "--tracking-uri", f"sqlite:///{tmp_path / 'mlflow.db'}", cwd=tmp_path)
    assert missing.returncode == 2
    assert "does not exist. Pass --create-store" in missing.stderr
    assert not (tmp_path / "mlflow.db").exists()
    no_folder = retrain(*RULE, "--tracking-uri", f"sqlite:///{tmp_path / 'nope' / 'mlflow.db'}", "--create-store", cwd=tmp_path)
    assert no_folder.returncode == 2 and "does not exist; create it first" in no_folder.stderr
    no_uri = retrain(*RULE, cwd=tmp_path)
    assert no_uri.returncode == 2 and "no tracking store" in no_uri.stderr
    assert list(tmp_path.iterdir()) == [], "a failed run must not write anything"


def test_bad_data_file_is_a_clear_error(tmp_path):
    np.savez(tmp_path / "bad.npz", features=np.zeros((30, 4)), labels=np.zeros(30))
    proc = retrain(*RULE, "--tracking-uri", f"sqlite:///{tmp_path / 'mlflow.db'}", "--create-store",
                   "--data", str(tmp_path / "bad.npz"), cwd=tmp_path)
    assert proc.returncode == 2 and "it needs arrays named X and y" in proc.stderr


@pytest.mark.parametrize("candidate, champion, margin, higher, expected", [
    (0.90, None, 0.005, True, True),       # no champion yet
    (0.97, 0.96, 0.005, True, True),       # wins by 0.01 > margin
    (0.964, 0.96, 0.005, True, False),     # wins, but by less than the margin
    (0.96, 0.96, 0.0, True, False),        # a tie never promotes
    (0.95, 0.96, 0.0, True, False),        # worse
    (0.20, 0.30, 0.05, False, True),       # a loss: lower is better
    (0.28, 0.30, 0.05, False, False),
])
def test_should_promote_rule(candidate, champion, margin, higher, expected):
    assert should_promote(candidate, champion, margin=margin, higher_is_better=higher) is expected


def test_the_package_ships_no_promotion_rule_and_the_command_needs_one(tmp_path):
    import aipath.mlops.retrain

    assert not hasattr(aipath.mlops.retrain, "should_promote"), "the answer to 04_mlops/03_retraining ships in aipath"
    proc = retrain("--tracking-uri", f"sqlite:///{tmp_path / 'mlflow.db'}", "--create-store", cwd=tmp_path)
    assert proc.returncode == 2 and "no promotion rule: pass --rule promotion.py:should_promote" in proc.stderr
    assert list(tmp_path.iterdir()) == [], "a run without a rule must not write anything"


def test_a_rule_file_is_what_decides(tmp_path):
    (tmp_path / "promotion.py").write_text("def never(candidate, champion, *, margin, higher_is_better=True):\n"
                                           "    return False\n")
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    proc = retrain("--rule", f"{tmp_path / 'promotion.py'}:never", "--tracking-uri", uri, "--create-store", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "REJECTED: no champion yet for digits" in proc.stdout, proc.stdout
    assert load_rule(f"{tmp_path / 'promotion.py'}:never")(0.9, None, margin=0.0) is False


@pytest.mark.parametrize("spec, message", [
    ("promotion.py", "write it as FILE.py:FUNCTION or module:FUNCTION"),
    ("missing.py:should_promote", "no such file missing.py"),
    ("autograder.reference:no_such_rule", "autograder.reference defines no function no_such_rule"),
    ("no_such_module_xyz:rule", "importing no_such_module_xyz failed: ModuleNotFoundError"),
])
def test_a_bad_rule_is_a_one_line_error(spec, message):
    with pytest.raises(PipelineError, match=message):
        load_rule(spec)


def test_data_fingerprint_changes_with_values_and_order():
    X, y = np.arange(12.0).reshape(6, 2), np.array([0, 1, 0, 1, 0, 1])
    assert data_sha256(X, y) == data_sha256(X.copy(), y.copy())
    assert data_sha256(X, y) != data_sha256(X[::-1], y[::-1])
    assert data_sha256(X, y) != data_sha256(X.astype(np.float32), y)


def test_ci_workflow_runs_the_pipeline_with_options_it_accepts():
    import re
    import shlex

    import yaml

    from aipath.mlops.retrain import parse_args

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "retrain.yml").read_text())
    steps = workflow["jobs"]["retrain"]["steps"]
    commands = [s["run"] for s in steps if "aipath.mlops.retrain" in s.get("run", "")]
    assert len(commands) == 1, "the workflow should run the pipeline in one step"
    command = re.sub(r"\$\{\{[^}]*\|\|\s*'([^']*)'\s*\}\}", r"\1", commands[0])   # ${{ inputs.x || 'default' }} -> default
    argv = shlex.split(command)
    assert argv[:3] == ["python", "-m", "aipath.mlops.retrain"]
    cfg = parse_args(argv[3:])
    assert cfg.model_name == "digits" and cfg.alias == "champion" and cfg.metrics_out == "retrain.json"
    assert workflow["jobs"]["retrain"]["env"]["MLFLOW_TRACKING_URI"] == "${{ secrets.MLFLOW_TRACKING_URI }}"
    assert "--create-store" not in argv, "CI must never start an empty registry"
    assert load_rule(cfg.rule) is should_promote, "the workflow's --rule must name the course's reference rule"
