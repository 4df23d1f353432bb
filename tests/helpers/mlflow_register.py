"""Register ONNX files in an MLflow Model Registry with mlflow's own client (run by the mlflow venv's Python).

Usage: python mlflow_register.py TRACKING_URI NAME ALIAS MODEL.onnx [MODEL.onnx ...]
Each file is logged as the artifact "model" of a run of its own and registered as the next version of NAME;
ALIAS points at the last. Prints [{"run_id", "version"}, ...] as JSON. Started beside the tracking server, it
imports mlflow (slow) while the server starts, then waits for the server to answer.
"""

import json
import sys
import time
import urllib.request

import mlflow
from mlflow import MlflowClient

SERVER_START_TIMEOUT_S = 300


def wait_for(tracking_uri: str) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(f"{tracking_uri}/health", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.25)


def main(tracking_uri: str, name: str, alias: str, *model_files: str) -> None:
    wait_for(tracking_uri)
    mlflow.set_tracking_uri(tracking_uri)
    client = MlflowClient()
    client.create_registered_model(name)
    registered = []
    for model_file in model_files:
        with mlflow.start_run() as run:
            mlflow.log_artifact(model_file, artifact_path="model")
        version = client.create_model_version(name, source=f"runs:/{run.info.run_id}/model", run_id=run.info.run_id)
        registered.append({"run_id": run.info.run_id, "version": str(version.version)})
    client.set_registered_model_alias(name, alias, registered[-1]["version"])
    print(json.dumps(registered))


if __name__ == "__main__":
    main(*sys.argv[1:])
