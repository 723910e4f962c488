# The model service (aipath.mlops.serving): FastAPI + uvicorn serving one MLflow pyfunc model.
#   docker build -t aipath-serving .
#   docker run --rm -p 127.0.0.1:8000:8000 -v "$PWD/model:/model:ro" aipath-serving
# /model is a model folder (MLmodel inside), e.g. exported from the registry with
#   mlflow artifacts download --artifact-uri models:/digits@champion --dst-path ./model
# A model that needs more packages: docker build --build-arg EXTRA_PIP="torch==2.14.1" ...
FROM python:3.11-slim

ARG EXTRA_PIP=""
ENV PYTHONDONTWRITEBYTECODE=1 \
    MLFLOW_DISABLE_TELEMETRY=true \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN pip install "mlflow==3.17.2" "fastapi==0.165.0" "uvicorn==0.54.0" "pydantic==2.14.4" \
        "scikit-learn==1.9.1" "numpy==2.4.6" "cloudpickle==3.1.3" ${EXTRA_PIP}

WORKDIR /app
COPY aipath/ /app/aipath/
ENV PYTHONPATH=/app \
    AIPATH_MODEL_URI=/model

RUN useradd --create-home --uid 10001 app
USER app

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"
CMD ["python", "-m", "aipath.mlops.serving", "--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
