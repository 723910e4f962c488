"""The model service: a FastAPI app serving one MLflow pyfunc classifier over HTTP.

    GET  /health   -> {"status": "ok", "model_uri": ..., "model_name": ..., "model_version": ...}
    POST /predict  {"instances": [[float, ...], ...]}   1 <= rows <= 1024, each n_features finite numbers
                   -> {"predictions": [int, ...], "probabilities": [[float, ...], ...] | null, "model_version": str}

Bad input (wrong shape or type, empty, NaN/inf, extra fields, not JSON) is answered with 422 and a
message naming the problem; a valid request never gets a 500 for its content. ``n_features``
comes from the model's signature (see :mod:`aipath.mlops.model_contract`).

Run by hand (uvicorn)::

    MLFLOW_TRACKING_URI=sqlite:////abs/path/mlflow.db \\
        python -m aipath.mlops.serving --model-uri models:/digits@champion --host 127.0.0.1 --port 8000
    curl -s localhost:8000/health
    curl -s -X POST localhost:8000/predict -H 'content-type: application/json' -d '{"instances": [[0, 1, ...]]}'

``--model-uri`` defaults to ``$AIPATH_MODEL_URI``; ``--tracking-uri`` sets ``MLFLOW_TRACKING_URI``.
Importing this module sets ``MLFLOW_DISABLE_TELEMETRY=true`` unless it is set (the course runs offline).
Interactive API docs: http://127.0.0.1:8000/docs. In Python: :func:`create_app` (for uvicorn or a
test client) and :func:`start_server` (a real uvicorn subprocess on a free loopback port).
"""
import argparse
import atexit
import collections
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from typing import Annotated, Optional

import anyio
import numpy as np

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")   # MLflow 3 reports usage online unless told not to
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.exceptions import RequestValidationError  # noqa: E402
from fastapi.responses import JSONResponse  # noqa: E402
from mlflow.exceptions import MlflowException  # noqa: E402
from pydantic import BaseModel, ConfigDict, Field, field_validator  # noqa: E402

from aipath.mlops.model_contract import ModelContractError, PyfuncClassifier  # noqa: E402

MAX_ROWS = 1024
MAX_ERRORS_SHOWN = 10
MODEL_URI_ENV = "AIPATH_MODEL_URI"
DEFAULT_THREADS = 4
FiniteFloat = Annotated[float, Field(strict=True, allow_inf_nan=False)]   # rejects "1.5", true, NaN, inf


class Health(BaseModel):
    status: str
    model_uri: str
    model_name: Optional[str]
    model_version: str


class PredictResponse(BaseModel):
    predictions: list[int] = Field(description="class id per row")
    probabilities: Optional[list[list[float]]] = Field(description="(n, n_classes) when the model returns them")
    model_version: str


def make_request_model(n_features: int, max_rows: int = MAX_ROWS) -> type[BaseModel]:
    """The request schema for a model with ``n_features`` inputs: {"instances": (n, n_features) finite floats}."""

    class PredictRequest(BaseModel):
        model_config = ConfigDict(extra="forbid")
        instances: list[list[FiniteFloat]] = Field(
            min_length=1, max_length=max_rows,
            description=f"1 to {max_rows} rows, each {n_features} finite numbers")

        @field_validator("instances")
        @classmethod
        def rows_have_n_features(cls, rows: list[list[float]]) -> list[list[float]]:
            for i, row in enumerate(rows):
                if len(row) != n_features:
                    raise ValueError(f"row {i} has {len(row)} values; the model expects {n_features} features per row")
            return rows

    return PredictRequest


def create_app(model_uri: Optional[str] = None, *, threads: int = DEFAULT_THREADS) -> FastAPI:
    """The service for ``model_uri`` (default ``$AIPATH_MODEL_URI``), loaded now: a bad URI fails here, not per request.

    threads: worker threads for /predict (FastAPI's default pool has 40; predictions are serialised by
    a lock anyway, and every thread costs address space, which a sandbox may limit)."""
    model_uri = model_uri or os.environ.get(MODEL_URI_ENV)
    if not model_uri:
        raise ModelContractError(f"no model to serve: pass --model-uri (e.g. models:/digits@champion) or set {MODEL_URI_ENV}")
    classifier = PyfuncClassifier.load(model_uri)
    PredictRequest = make_request_model(classifier.n_features)
    lock = threading.Lock()   # pyfunc models are not all thread-safe (torch modules, tokenizers)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(title="aipath model service", lifespan=lifespan,
                  description=f"Serves {model_uri} ({classifier.n_features} features per row).")
    app.state.classifier = classifier
    app.add_exception_handler(RequestValidationError, validation_error_response)

    @app.get("/health", response_model=Health)
    def health() -> Health:
        return Health(status="ok", model_uri=model_uri, model_name=classifier.model_name,
                      model_version=classifier.model_version)

    @app.post("/predict", response_model=PredictResponse)
    def predict(request: PredictRequest) -> PredictResponse:   # a plain def: FastAPI runs it in a thread pool
        X = np.asarray(request.instances, dtype=classifier.dtype)    # (n, n_features)
        try:
            with lock:
                labels, probabilities = classifier.predict(X)
        except (MlflowException, ValueError, TypeError) as exc:    # e.g. the model's own schema enforcement
            raise RequestValidationError([{"type": "value_error", "loc": ("body", "instances"),
                                           "msg": f"the model rejected the input: {exc}", "input": None}])
        if probabilities is not None and not np.all(np.isfinite(probabilities)):   # NaN is not JSON: avoid a 500
            bad = int(np.flatnonzero(~(np.isfinite(np.asarray(probabilities)).all(axis=1)))[0])
            raise RequestValidationError([{"type": "value_error", "loc": ("body", "instances", bad),
                                           "msg": f"the model produced non-finite probabilities for row {bad}; "
                                                  "check the range of its values", "input": None}])
        return PredictResponse(predictions=labels, probabilities=probabilities,
                               model_version=classifier.model_version)

    return app


def validation_error_response(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with {"message": "instances[3]: row 3 has 63 values; ...", "detail": [{loc, msg, type}, ...]}.

    FastAPI's default echoes every bad input back, which fails on NaN (not JSON) and repeats a
    1024-row payload; this keeps the location and the message of the first few errors only.
    """
    errors = exc.errors()
    detail = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")).removeprefix("Value error, "),
               "type": e.get("type", "value_error")} for e in errors[:MAX_ERRORS_SHOWN]]
    first = detail[0] if detail else {"loc": [], "msg": "invalid request"}
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"] if p != "body").lstrip(".")
    if first.get("type") == "json_invalid":
        where, first["msg"] = "body", "not valid JSON (send {\"instances\": [[...], ...]} with content-type application/json)"
    more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
    return JSONResponse(status_code=422, content={"message": f"{where or 'body'}: {first['msg']}{more}", "detail": detail})


# --- a real server in a subprocess (tests, notebooks, benchmarks) ---------------------------------

def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class Server:
    """A uvicorn process serving :func:`create_app`; ``with start_server(...) as server: server.url``."""

    def __init__(self, process: subprocess.Popen, url: str, log: collections.deque):
        self.process, self.url, self._log = process, url, log

    def log_tail(self) -> str:
        return "".join(self._log)

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()                     # uvicorn shuts down gracefully on SIGTERM
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _die_with_parent() -> None:
    """In the child, before exec (Linux): get SIGTERM when the parent dies, even if it is killed."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, 15)   # prctl(PR_SET_PDEATHSIG, SIGTERM)
    except (OSError, AttributeError):
        pass


def start_server(model_uri: str, *, tracking_uri: Optional[str] = None, host: str = "127.0.0.1",
                 port: Optional[int] = None, timeout: float = 120.0, access_log: bool = False,
                 extra_env: Optional[dict] = None) -> Server:
    """Start ``python -m aipath.mlops.serving`` on ``host:port`` (a free port by default) and wait for /health.

    Its stderr (uvicorn's log) is kept in memory, not written anywhere; on failure the error shows its tail.
    """
    port = port or free_port(host)
    cmd = [sys.executable, "-m", "aipath.mlops.serving", "--model-uri", model_uri, "--host", host, "--port", str(port),
           "--log-level", "warning"] + ([] if access_log else ["--no-access-log"])
    env = {"MALLOC_ARENA_MAX": "2", **os.environ, **(extra_env or {})}   # fewer malloc arenas: less address space
    if tracking_uri:
        env["MLFLOW_TRACKING_URI"] = tracking_uri
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    log: collections.deque = collections.deque(maxlen=200)
    threading.Thread(target=lambda: log.extend(process.stderr), daemon=True).start()   # drain the pipe
    server = Server(process, f"http://{host}:{port}", log)
    atexit.register(server.stop)                         # a kernel or test run that ends stops its server
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            time.sleep(0.2)                              # let the reader thread take the last lines
            raise RuntimeError(f"the model service exited with code {process.returncode} before answering:\n"
                               f"{server.log_tail()[-3000:]}")
        try:
            with urllib.request.urlopen(server.url + "/health", timeout=2) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"the model service did not answer /health on {server.url} within {timeout:.0f} s:\n"
                       f"{server.log_tail()[-3000:]}")


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aipath.mlops.serving", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-uri", default=os.environ.get(MODEL_URI_ENV),
                        help=f"model to serve, e.g. models:/digits@champion or a model folder (default ${MODEL_URI_ENV})")
    parser.add_argument("--tracking-uri", help="MLflow tracking store (default $MLFLOW_TRACKING_URI)")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (0.0.0.0 in a container)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    parser.add_argument("--no-access-log", action="store_true", help="do not log every request")
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS, help="worker threads for /predict")
    args = parser.parse_args(argv)
    if args.tracking_uri:
        os.environ["MLFLOW_TRACKING_URI"] = args.tracking_uri
    import uvicorn

    try:
        app = create_app(args.model_uri, threads=args.threads)
    except ModelContractError as exc:
        print(f"aipath.mlops.serving: {exc}", file=sys.stderr)
        return 2
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, access_log=not args.no_access_log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
