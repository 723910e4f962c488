"""The classifier contract shared by the model service and the retraining pipeline.

A served model is any **MLflow pyfunc** model logged with a signature whose input is a 2-D float
array ``(n, n_features)`` — a tensor spec ``(-1, n_features)``, or ``n_features`` columns — and whose
output is either class ids ``(n,)`` or class probabilities ``(n, n_classes)`` (an array, or a
DataFrame whose columns are the class ids).

- :class:`PyfuncClassifier` — load by URI, check the signature, predict ``(labels, probabilities)``;
- :func:`split_output` — a pyfunc's raw output as ``(labels, probabilities | None)``;
- :func:`registry_info` — ``(name, version)`` of a ``models:/NAME@ALIAS`` or ``models:/NAME/VERSION``.

Imported only by :mod:`aipath.mlops.serving` and :mod:`aipath.mlops.retrain` (it imports MLflow).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import numpy as np


class ModelContractError(ValueError):
    """The model cannot be served: not found, no signature, or not a 2-D float input."""


def registry_info(model_uri: str) -> tuple[str | None, str | None]:
    """``models:/digits@champion`` -> ('digits', '3') resolved in the registry; other URIs -> (None, None)."""
    from mlflow import MlflowClient

    if not model_uri.startswith("models:/"):
        return None, None
    ref = model_uri[len("models:/"):].strip("/")
    client = MlflowClient()
    if "@" in ref:
        name, alias = ref.split("@", 1)
        return name, str(client.get_model_version_by_alias(name, alias).version)
    if "/" in ref:
        name, version = ref.split("/", 1)
        if version.isdigit():
            return name, version
        if version == "latest":
            versions = client.search_model_versions(f"name = '{name}'")
            return name, str(max(int(v.version) for v in versions)) if versions else None
    return None, None                                   # models:/m-<id>: a logged model, not registered


def split_output(output: Any) -> tuple[list[int], list[list[float]] | None]:
    """A pyfunc's output -> (class ids, probabilities or None), as plain Python lists (JSON-ready).

    1-D (n,) -> class ids; 2-D (n, C) -> probabilities, class id = argmax (or the argmax column's
    name when a DataFrame's columns are integer class ids); a one-column DataFrame -> class ids.
    """
    columns = None
    if hasattr(output, "to_numpy"):                    # pandas DataFrame or Series
        columns = list(getattr(output, "columns", [])) or None
        output = output.to_numpy()
    out = np.asarray(output)
    if out.ndim == 2 and out.shape[1] == 1:
        out = out[:, 0]
        columns = None
    if out.ndim == 1:
        if out.dtype.kind == "f" and not np.all(out == np.round(out)):
            raise ModelContractError(f"the model returned non-integer values {out[:3]} where class ids were expected")
        return [int(v) for v in out], None
    if out.ndim != 2:
        raise ModelContractError(f"the model returned an array of shape {out.shape}; expected (n,) or (n, n_classes)")
    best = out.argmax(axis=1)
    if columns is not None and all(_is_int_like(c) for c in columns):
        labels = [int(columns[i]) for i in best]
    else:
        labels = [int(i) for i in best]
    return labels, out.astype(float).tolist()


def _is_int_like(value: Any) -> bool:
    try:
        return int(value) == float(value)
    except (TypeError, ValueError):
        return False


@dataclass
class PyfuncClassifier:
    """A loaded pyfunc classifier and what its signature says about its input."""

    model_uri: str
    model: Any                        # mlflow.pyfunc.PyFuncModel
    n_features: int
    dtype: np.dtype                   # what the input array is cast to
    columns: list[str] | None         # column names when the signature is column-based
    model_name: str | None
    model_version: str                # registry version, else the model's uuid

    @classmethod
    def load(cls, model_uri: str) -> "PyfuncClassifier":
        import mlflow
        from mlflow.exceptions import MlflowException

        try:
            name, version = registry_info(model_uri)
            model = mlflow.pyfunc.load_model(model_uri)
        except (MlflowException, OSError) as exc:
            store = os.environ.get("MLFLOW_TRACKING_URI") or mlflow.get_tracking_uri()
            raise ModelContractError(
                f"cannot load the model {model_uri!r} (tracking store {store}): {exc}\n"
                "  Fix: register a model first (python -m aipath.mlops.retrain --create-store ...), check the name and alias, "
                "and point MLFLOW_TRACKING_URI at the store that holds it.") from exc
        n_features, dtype, columns = input_spec(model.metadata.get_input_schema(), model_uri)
        return cls(model_uri, model, n_features, dtype, columns, name,
                   version or str(model.metadata.model_uuid or "unversioned"))

    def predict(self, X: np.ndarray) -> tuple[list[int], list[list[float]] | None]:
        """X: (n, n_features) -> (class ids (n,), probabilities (n, C) or None)."""
        X = np.asarray(X, dtype=self.dtype)
        if X.ndim != 2 or X.shape[1] != self.n_features:
            raise ModelContractError(f"input has shape {X.shape}; the model expects (n, {self.n_features})")
        if self.columns is not None:
            import pandas as pd

            X = pd.DataFrame(X, columns=self.columns)
        return split_output(self.model.predict(X))


def input_spec(schema, model_uri: str = "the model") -> tuple[int, np.dtype, list[str] | None]:
    """(n_features, dtype, column names or None) from an MLflow input schema; ModelContractError if unusable."""
    if schema is None:
        raise ModelContractError(f"{model_uri} has no signature: log it with signature=infer_signature(X, y_hat) "
                                 "so the service knows how many features a row has")
    if schema.is_tensor_spec():
        if len(schema.inputs) != 1:
            raise ModelContractError(f"{model_uri} takes {len(schema.inputs)} tensors; expected one (n, n_features) array")
        spec = schema.inputs[0]
        if len(spec.shape) != 2 or spec.shape[1] in (-1, None):
            raise ModelContractError(f"{model_uri} takes a tensor of shape {spec.shape}; expected (-1, n_features)")
        if spec.type.kind != "f":
            raise ModelContractError(f"{model_uri} takes {spec.type} input; expected floats")
        return int(spec.shape[1]), np.dtype(spec.type), None
    names = schema.input_names()
    kinds = {getattr(t, "name", str(t)) for t in schema.input_types()}
    if kinds not in ({"double"}, {"float"}):
        raise ModelContractError(f"{model_uri} takes columns of types {sorted(kinds)}; expected {len(names)} "
                                 "columns that are all double (float64) or all float (float32)")
    return len(names), np.dtype(np.float64 if kinds == {"double"} else np.float32), [str(n) for n in names]
