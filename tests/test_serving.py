"""The model service (aipath.mlops.serving) against real components: an MLflow SQLite store with a registered
model, and uvicorn serving it on 127.0.0.1 on a free port in a subprocess, called over HTTP."""
import json
import math
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("mlflow")
pytest.importorskip("fastapi")

from aipath.mlops.retrain import RetrainConfig, load_data, run_pipeline, split  # noqa: E402
from autograder.reference import should_promote  # noqa: E402

N_LOAD_REQUESTS = 300
LOAD_CONCURRENCY = 4


def post(url: str, body=None, *, raw: bytes | None = None, timeout: float = 10.0) -> tuple[int, dict]:
    data = raw if raw is not None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        text = err.read()
        try:
            return err.code, json.loads(text)
        except json.JSONDecodeError:
            return err.code, {"raw": text.decode(errors="replace")}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> dict:
    """A fresh SQLite store with digits v1 @champion (the retraining pipeline's first run)."""
    folder = tmp_path_factory.mktemp("serving-store")
    uri = f"sqlite:///{folder / 'mlflow.db'}"
    result = run_pipeline(RetrainConfig(tracking_uri=uri, create_store=True), decide=should_promote,
                          out=lambda line: None)
    assert result.promoted and result.registered_version == "1"
    X, y = load_data("digits")
    _, X_hold, _, y_hold = split(X, y, holdout=0.25, split_seed=0, train_size=None)
    return {"uri": uri, "X": X_hold, "y": y_hold, "accuracy": result.candidate["accuracy"]}


@pytest.fixture(scope="module")
def server(store):
    from aipath.mlops.serving import start_server

    with start_server("models:/digits@champion", tracking_uri=store["uri"]) as srv:
        yield srv
    assert srv.process.poll() is not None, "the server process should have stopped"


def test_server_listens_on_loopback_in_its_own_process(server):
    assert server.url.startswith("http://127.0.0.1:")
    assert server.process.pid != os.getpid() and server.process.poll() is None


def test_health_names_the_model_and_its_registry_version(server):
    with urllib.request.urlopen(server.url + "/health", timeout=10) as response:
        body = json.loads(response.read())
    assert response.status == 200
    assert body == {"status": "ok", "model_uri": "models:/digits@champion", "model_name": "digits", "model_version": "1"}


def test_predict_returns_class_ids_probabilities_and_version(server, store):
    X, y = store["X"], store["y"]
    status, body = post(server.url + "/predict", {"instances": X.tolist()})
    assert status == 200, body
    assert set(body) == {"predictions", "probabilities", "model_version"} and body["model_version"] == "1"
    predictions = np.array(body["predictions"])
    probabilities = np.array(body["probabilities"])
    assert predictions.shape == (len(X),) and probabilities.shape == (len(X), 10)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, atol=1e-9)
    np.testing.assert_array_equal(predictions, probabilities.argmax(axis=1))
    accuracy = float((predictions == y).mean())
    assert accuracy == pytest.approx(store["accuracy"]), "the service must agree with the pipeline's own evaluation"


def test_predict_matches_the_registered_model_loaded_in_process(server, store):
    import mlflow

    mlflow.set_tracking_uri(store["uri"])
    model = mlflow.pyfunc.load_model("models:/digits@champion")
    X = store["X"][:32]
    _, body = post(server.url + "/predict", {"instances": X.tolist()})
    np.testing.assert_allclose(np.array(body["probabilities"]), model.predict(X), rtol=1e-12, atol=1e-15)


def test_integer_pixels_are_accepted_as_numbers(server, store):
    row = [int(v) for v in store["X"][0]]
    status, body = post(server.url + "/predict", {"instances": [row]})
    assert status == 200 and len(body["predictions"]) == 1


def _row(n=64, value=1.0):
    return [value] * n


BAD_BODIES = {
    "empty list": ({"instances": []}, "at least 1"),
    "too many rows": ({"instances": [_row()] * 1025}, "at most 1024"),
    "short row": ({"instances": [_row(), _row(63)]}, "row 1 has 63 values; the model expects 64"),
    "long row": ({"instances": [_row(65)]}, "row 0 has 65 values"),
    "flat list": ({"instances": _row()}, "valid list"),
    "string value": ({"instances": [["a"] + _row(63)]}, "valid number"),
    "numeric string": ({"instances": [["1.5"] + _row(63)]}, "valid number"),
    "boolean value": ({"instances": [[True] + _row(63)]}, "valid number"),
    "null value": ({"instances": [[None] + _row(63)]}, "valid number"),
    "missing field": ({}, "Field required"),
    "extra field": ({"instances": [_row()], "debug": True}, "Extra inputs are not permitted"),
    "not an object": ([_row()], "valid dictionary"),
}
BAD_RAW = {
    "NaN": (b'{"instances": [[NaN' + b", 1.0" * 63 + b"]]}", "finite number"),
    "Infinity": (b'{"instances": [[1.0, -Infinity' + b", 1.0" * 62 + b"]]}", "finite number"),
    "not JSON": (b"instances=1,2,3", "not valid JSON"),
    "empty body": (b"", "Field required"),
}


@pytest.mark.parametrize("case", sorted(BAD_BODIES))
def test_bad_json_bodies_get_422_with_a_message_naming_the_problem(server, case):
    body, expected = BAD_BODIES[case]
    status, answer = post(server.url + "/predict", body)
    assert status == 422, f"{case}: expected 422, got {status}: {answer}"
    assert expected in answer["message"], f"{case}: message {answer['message']!r} should mention {expected!r}"
    assert answer["detail"] and all({"loc", "msg", "type"} <= set(d) for d in answer["detail"])


@pytest.mark.parametrize("case", sorted(BAD_RAW))
def test_bad_raw_bodies_get_422_not_500(server, case):
    raw, expected = BAD_RAW[case]
    status, answer = post(server.url + "/predict", raw=raw)
    assert status == 422, f"{case}: expected 422, got {status}: {answer}"
    assert expected in answer["message"]


def test_an_error_report_stays_small_for_a_large_bad_payload(server):
    status, answer = post(server.url + "/predict", {"instances": [["x"] * 64] * 1000})
    assert status == 422 and len(answer["detail"]) == 10
    assert "(and 63999 more errors)" in answer["message"]


def test_bounded_load_has_no_errors_and_reports_latency(server, store):
    rows = store["X"]
    bodies = [json.dumps({"instances": [rows[i % len(rows)].tolist()]}).encode() for i in range(N_LOAD_REQUESTS)]

    def one(body: bytes) -> tuple[int, float]:
        start = time.perf_counter()
        status, _ = post(server.url + "/predict", raw=body)
        return status, time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(LOAD_CONCURRENCY) as pool:
        results = list(pool.map(one, bodies))
    wall = time.perf_counter() - start
    statuses = [s for s, _ in results]
    latencies_ms = np.array([t for _, t in results]) * 1000
    p50, p99 = np.percentile(latencies_ms, [50, 99], method="inverted_cdf")
    print(f"\nload: {N_LOAD_REQUESTS} requests of 1 row, {LOAD_CONCURRENCY} client threads: "
          f"{N_LOAD_REQUESTS / wall:.0f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
          f"errors {sum(s != 200 for s in statuses)}; load average {os.getloadavg()[0]:.1f}")
    assert statuses == [200] * N_LOAD_REQUESTS
    assert 0 < p50 <= p99 < 5000


def test_python_m_aipath_serving_without_a_model_exits_2_with_a_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "AIPATH_MODEL_URI"}
    proc = subprocess.run([sys.executable, "-m", "aipath.mlops.serving"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 2 and "no model to serve" in proc.stderr


def test_start_server_reports_why_a_missing_alias_failed(store):
    from aipath.mlops.serving import start_server

    with pytest.raises(RuntimeError, match="(?s)exited with code 2.*cannot load the model 'models:/digits@staging'"):
        start_server("models:/digits@staging", tracking_uri=store["uri"], timeout=120)


# --- other pyfunc models under the same contract (in-process, FastAPI's test client) ------------------

def _log_pyfunc(tmp_path, python_model, X_example, output_example):
    import mlflow
    from mlflow.models import infer_signature

    mlflow.set_tracking_uri(f"sqlite:///{tmp_path / 'mlflow.db'}")
    experiment = mlflow.create_experiment("contract", artifact_location=(tmp_path / "artifacts").as_uri())
    with mlflow.start_run(experiment_id=experiment):
        info = mlflow.pyfunc.log_model(name="model", python_model=python_model, pip_requirements=["numpy"],
                                       signature=infer_signature(X_example, output_example))
    return info.model_uri


def test_float32_tensor_model_returning_labels_only(tmp_path):
    import mlflow.pyfunc
    from fastapi.testclient import TestClient

    from aipath.mlops.serving import create_app

    class Labels(mlflow.pyfunc.PythonModel):
        def predict(self, context, model_input, params=None):
            return (np.asarray(model_input).sum(axis=1) > 1.0).astype(np.int64)

    X = np.array([[0.2, 0.3, 0.1], [0.9, 0.8, 0.7]], dtype=np.float32)
    uri = _log_pyfunc(tmp_path, Labels(), X, np.array([0, 1]))
    client = TestClient(create_app(uri))
    answer = client.post("/predict", json={"instances": X.tolist()}).json()
    assert answer["predictions"] == [0, 1] and answer["probabilities"] is None
    assert client.get("/health").json()["model_name"] is None
    assert client.post("/predict", json={"instances": [[0.1, 0.2]]}).status_code == 422


def test_column_signature_model_returning_a_probability_dataframe(tmp_path):
    import mlflow.pyfunc
    import pandas as pd
    from fastapi.testclient import TestClient

    from aipath.mlops.serving import create_app

    class Probabilities(mlflow.pyfunc.PythonModel):
        def predict(self, context, model_input, params=None):
            p = 1 / (1 + np.exp(-model_input.to_numpy().sum(axis=1)))
            return pd.DataFrame({3: 1 - p, 7: p})            # columns are the class ids

    X = pd.DataFrame({"a": [0.5, -2.0], "b": [1.0, -1.0]})
    uri = _log_pyfunc(tmp_path, Probabilities(), X, pd.DataFrame({"3": [0.1, 0.9], "7": [0.9, 0.1]}))
    answer = TestClient(create_app(uri)).post("/predict", json={"instances": X.to_numpy().tolist()}).json()
    assert answer["predictions"] == [7, 3]
    p = 1 / (1 + math.exp(-1.5))
    np.testing.assert_allclose(answer["probabilities"][0], [1 - p, p])


def test_importing_aipath_does_not_import_mlflow_or_fastapi():
    code = "import sys, aipath; print(sorted(m for m in ('mlflow', 'fastapi', 'uvicorn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stderr
