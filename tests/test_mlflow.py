"""Models from an MLflow Model Registry: a real `mlflow server` on 127.0.0.1, models registered with mlflow's
own client (in its own venv), resolved by FloodSR's plain-HTTP client, the Processing algorithms and the server."""

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from qgis.core import QgsApplication

from floodsr.engine.errors import DownloadError
from floodsr.engine.models.diagnostics import model_rows
from floodsr.engine.models.mlflow import MlflowRegistry, fetch_registry_model
from floodsr.engine.progress import Progress

from helpers.onnx_models import random_cnn_model
from helpers.paths import CHECKOUT as ROOT
from helpers.server_process import engine_output, free_port, running_server, upload

MLFLOW_VENV = ROOT / "build" / "mlflow-venv"
REGISTER_MODELS = ROOT / "tests" / "helpers" / "mlflow_register.py"  # run in the MLflow venv
QUIET_MLFLOW = {"MLFLOW_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "1"}
NAME = "flood sr small"  # a space, to check the name FloodSR gives it


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def tracking_server(tmp_path_factory):
    """A tracking server with two versions of one registered model; the alias 'champion' points at version 2.

    The registration starts beside the server: both spend most of their time importing mlflow."""
    subprocess.run(["make", "--no-print-directory", "mlflow-env"], cwd=ROOT, check=True)  # a no-op once built
    folder = tmp_path_factory.mktemp("mlflow")
    shutil.copyfile(MLFLOW_VENV / "empty.db", folder / "mlflow.db")
    files = [random_cnn_model(folder / f"v{seed}.onnx", seed=seed) for seed in (3, 5)]
    url = f"http://127.0.0.1:{free_port()}"
    environment = {**os.environ, **QUIET_MLFLOW}
    with (folder / "mlflow.log").open("wb") as log:
        server = subprocess.Popen(
            [str(MLFLOW_VENV / "bin" / "mlflow"), "server", "--host", "127.0.0.1", "--port", url.rsplit(":", 1)[1]]
            + ["--workers", "1", "--backend-store-uri", f"sqlite:///{folder / 'mlflow.db'}"]
            + ["--artifacts-destination", str(folder / "artifacts")],
            cwd=folder,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        registration = subprocess.run(
            [str(MLFLOW_VENV / "bin" / "python"), str(REGISTER_MODELS), url, NAME, "champion"]
            + [str(path) for path in files],
            capture_output=True,
            text=True,
            env=environment,
            timeout=600,
        )
        assert registration.returncode == 0, registration.stderr[-3000:] + (folder / "mlflow.log").read_text()[-3000:]
        registered = json.loads(registration.stdout.strip().splitlines()[-1])
        assert [item["version"] for item in registered] == ["1", "2"]
        yield url, [dict(item, file=path) for item, path in zip(registered, files)]
    finally:
        server.terminate()
        server.wait(60)


@pytest.fixture(scope="module")
def registered_versions(tracking_server):
    return tracking_server[1]


@pytest.fixture
def tracking_uri(tracking_server, monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", tracking_server[0])
    for name in ("MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    return tracking_server[0]


def test_a_version_is_fetched_checked_and_recorded_with_its_sha256_and_lineage(
    tracking_uri, registered_versions, tmp_path
):
    cache = tmp_path / "cache"
    first = registered_versions[0]
    entry = fetch_registry_model(f"models:/{NAME}/1", cache, Progress())
    stored = cache / "flood_sr_small.v1" / "v3.onnx"
    assert entry.local_path(cache) == stored and stored.read_bytes() == first["file"].read_bytes()
    assert (entry.name, entry.sha256, entry.size) == ("flood_sr_small.v1", sha256(first["file"]), stored.stat().st_size)
    assert (entry.registered_model, entry.registered_version, entry.run_id) == (NAME, "1", first["run_id"])
    record = json.loads((cache / "models.json").read_text())["models"][0]
    assert (record["registered_model"], record["registered_version"], record["run_id"]) == (NAME, "1", first["run_id"])
    assert model_rows(cache)[-1] == (
        "flood_sr_small.v1",
        "MLflow",
        "yes",
        "0.0",
        "yes",
        entry.contract,
        str(stored),
        f"models:/{NAME}/1 (run {first['run_id']})",
    )

    modified = stored.stat().st_mtime_ns
    assert fetch_registry_model(f"models:/{NAME}/1", cache, Progress()) == entry
    assert stored.stat().st_mtime_ns == modified, "an intact cached version is not downloaded again"


def test_an_alias_resolves_to_the_version_it_points_at(tracking_uri, registered_versions, tmp_path):
    entry = fetch_registry_model(f"models:/{NAME}@champion", tmp_path, Progress(), name="champion")
    assert entry.name == "champion" and (entry.registered_version, entry.run_id) == (
        "2",
        registered_versions[1]["run_id"],
    )
    assert entry.local_path(tmp_path).read_bytes() == registered_versions[1]["file"].read_bytes()


@pytest.mark.parametrize(
    "uri, message",
    [
        (f"models:/{NAME}/9", f"could not resolve models:/{NAME}/9: HTTP 404, Model Version (name={NAME}, version=9)"),
        (f"models:/{NAME}@nobody", f"could not resolve models:/{NAME}@nobody: HTTP 400, Registered model alias nobody"),
        ("models:/", "'models:/' is not a model registry URI: use models:/<name>/<version> or models:/<name>@<alias>."),
    ],
)
def test_what_the_registry_cannot_resolve_is_a_clear_error_and_changes_nothing(
    tracking_uri, registered_versions, tmp_path, uri, message
):
    with pytest.raises(DownloadError, match=re.escape(message)):
        fetch_registry_model(uri, tmp_path / "cache", Progress())
    assert not (tmp_path / "cache").exists()


def test_without_a_tracking_server_the_error_says_which_variable_to_set(monkeypatch, tmp_path):
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    with pytest.raises(DownloadError, match="MLFLOW_TRACKING_URI must be the http:// or https:// address"):
        fetch_registry_model("models:/any/1", tmp_path, Progress())


def test_credentials_come_from_the_environment():
    token = MlflowRegistry.from_environment({"MLFLOW_TRACKING_URI": "http://h:5000/", "MLFLOW_TRACKING_TOKEN": "t0k"})
    assert token.tracking_uri == "http://h:5000" and token.headers == {"Authorization": "Bearer t0k"}
    basic = MlflowRegistry.from_environment(
        {"MLFLOW_TRACKING_URI": "https://h", "MLFLOW_TRACKING_USERNAME": "ann", "MLFLOW_TRACKING_PASSWORD": "pw"}
    )
    assert basic.headers == {"Authorization": "Basic " + base64.b64encode(b"ann:pw").decode()}
    assert MlflowRegistry.from_environment({"MLFLOW_TRACKING_URI": "http://h"}).headers == {}
    in_address = MlflowRegistry("http://ann:pw@h:5000/")
    assert (in_address.tracking_uri, in_address.headers) == ("http://h:5000", basic.headers)  # no URL carries it


def test_the_server_warms_up_and_infers_with_registry_models(tracking_uri, registered_versions, tmp_path):
    with running_server(tmp_path, model=f"models:/{NAME}@champion") as server:
        assert server.wait_ready()["model"] == "flood_sr_small.v2"
        lineages = {model["name"]: model["lineage"] for model in server.get("/version").json()["models"]}
        assert lineages["flood_sr_small.v2"] == f"models:/{NAME}/2 (run {registered_versions[1]['run_id']})"
        answer = server.post("/infer", files=upload(), data={"model": f"models:/{NAME}/1"})
        assert answer.status_code == 200
    assert answer.content == engine_output(registered_versions[0]["file"], "flood_sr_small.v1", tmp_path / "engine.tif")


@pytest.fixture
def plugin_cache_dir(tmp_path, monkeypatch, floodsr_plugin):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FLOODSR_CACHE_DIR", str(folder))
    yield folder
    monkeypatch.delenv("FLOODSR_CACHE_DIR")
    QgsApplication.processingRegistry().providerById("floodsr").refreshAlgorithms()


def test_fetchmodel_and_importmodel_take_registry_uris_and_listmodels_shows_lineage(
    tracking_uri, registered_versions, plugin_cache_dir, tmp_path
):
    import processing

    fetched = processing.run("floodsr:fetchmodel", {"MODEL_URI": f"models:/{NAME}/1"})
    assert Path(fetched["OUTPUT"]) == plugin_cache_dir / "flood_sr_small.v1" / "v3.onnx"
    imported = processing.run("floodsr:importmodel", {"MODEL_URI": f"models:/{NAME}@champion", "NAME": "champion"})
    assert Path(imported["OUTPUT"]).read_bytes() == registered_versions[1]["file"].read_bytes()
    superresolve_models = QgsApplication.processingRegistry().algorithmById("floodsr:superresolve")
    assert {"flood_sr_small.v1", "champion"} <= set(superresolve_models.parameterDefinition("MODEL").options())

    report = Path(processing.run("floodsr:listmodels", {"OUTPUT": str(tmp_path / "models.html")})["OUTPUT"]).read_text()
    assert "<td>champion</td><td>MLflow</td><td>yes</td>" in report
    assert f"<td>models:/{NAME}/2 (run {registered_versions[1]['run_id']})</td>" in report
