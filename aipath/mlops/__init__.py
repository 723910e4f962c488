"""Phase 4's MLOps reference services, imported on demand (they need the ``mlops`` extra: MLflow,
FastAPI, uvicorn); the notebooks of phases 4 and 5 and the instructor's tools use them.

- ``aipath.mlops.model_contract`` — the classifier contract the service and the retraining share
- ``aipath.mlops.serving``        — the model service (FastAPI), ``python -m aipath.mlops.serving``
- ``aipath.mlops.retrain``        — the retraining pipeline, ``python -m aipath.mlops.retrain``

``aipath.serving``, ``aipath.retrain`` and ``aipath.model_contract`` are the same modules under the
names notebooks used before this package existed.
"""
