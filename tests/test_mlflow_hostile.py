"""The MLflow client against a tracking server that lies: garbage answers, huge answers, artifact paths that lead
elsewhere, and credentials that must never reach a message (a scripted server on 127.0.0.1)."""

import base64
import json
import re

import pytest

from floodsr.engine.errors import DownloadError
from floodsr.engine.models import mlflow
from floodsr.engine.models.mlflow import MlflowRegistry, fetch_registry_model
from floodsr.engine.progress import Progress

from helpers.scripted_registry import ScriptedRegistry

VERSION = {"model_version": {"version": "1", "run_id": "r1"}}
DOWNLOAD_URI = {"artifact_uri": "mlflow-artifacts:/exp/run/artifacts/model"}
LISTING = {"files": [{"path": "model.onnx", "is_dir": False, "file_size": 10}]}


def answers(**overrides):
    good = {
        "mlflow/model-versions/get": (200, json.dumps(VERSION).encode()),
        "mlflow/model-versions/get-download-uri": (200, json.dumps(DOWNLOAD_URI).encode()),
        "mlflow-artifacts/artifacts": (200, json.dumps(LISTING).encode()),
    }
    return {**good, **{key.replace("__", "/").replace("_", "-"): value for key, value in overrides.items()}}


@pytest.fixture
def start_scripted_registry(monkeypatch):
    """start(answers, uri_credentials="") serves a ScriptedRegistry as the tracking server and returns it."""
    registries = []

    def start(table, uri_credentials=""):
        registry = ScriptedRegistry(table)
        registries.append(registry)
        monkeypatch.setenv("MLFLOW_TRACKING_URI", registry.url.replace("//", f"//{uri_credentials}", 1))
        return registry

    for name in ("MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    yield start
    for registry in registries:
        registry.close()


def test_a_password_in_the_tracking_uri_is_sent_as_a_header_and_never_shown(start_scripted_registry, tmp_path):
    table = answers()
    table["mlflow-artifacts/artifacts/exp/run/artifacts/model/model.onnx"] = (404, b"gone")
    server = start_scripted_registry(table, "ann:s3cret-pass@")
    with pytest.raises(DownloadError) as raised:
        fetch_registry_model("models:/m/1", tmp_path / "cache", Progress())
    message = str(raised.value)
    assert "s3cret-pass" not in message and "ann:" not in message
    assert f"for {server.url}/api/2.0/mlflow-artifacts/artifacts/exp/run/artifacts/model/model.onnx." in message
    expected = "Basic " + base64.b64encode(b"ann:s3cret-pass").decode()
    assert server.requests and all(authorization == expected for _, authorization in server.requests)
    assert all("s3cret" not in path for path, _ in server.requests)


def test_a_token_or_password_echoed_by_the_server_is_blanked_out(start_scripted_registry, tmp_path, monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", "tok-0123456789")
    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", "pw-9876543210")
    echo = b'{"message": "token tok-0123456789 and password pw-9876543210 at http://bob:hunter22@proxy/x"}'
    start_scripted_registry(answers(mlflow__model_versions__get=(400, echo)))
    with pytest.raises(DownloadError) as raised:
        fetch_registry_model("models:/m/1", tmp_path / "cache", Progress())
    assert str(raised.value).endswith("HTTP 400, token *** and password *** at http://***@proxy/x")


@pytest.mark.parametrize(
    "path",
    [
        "../../../../api/2.0/mlflow/users/list.onnx",
        "a/../../x.onnx",
        "%2e%2e/x.onnx",
        "/x.onnx",
        "a?b=.onnx",
        "a//b.onnx",
    ],
)
def test_an_artifact_path_leading_out_of_the_models_folder_is_refused_before_any_download(
    start_scripted_registry, tmp_path, path
):
    listing = {"files": [{"path": path, "is_dir": False, "file_size": 10}]}
    server = start_scripted_registry(answers(mlflow_artifacts__artifacts=(200, json.dumps(listing).encode())))
    with pytest.raises(DownloadError, match="a path that leads out of the model's folder; nothing was downloaded"):
        fetch_registry_model("models:/m/1", tmp_path / "cache", Progress())
    assert [path.split("?")[0] for path, _ in server.requests] == [
        "/api/2.0/mlflow/model-versions/get",
        "/api/2.0/mlflow/model-versions/get-download-uri",
        "/api/2.0/mlflow-artifacts/artifacts",
    ]
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    "overrides, problem",
    [
        ({"mlflow__model_versions__get": (200, b"<html>login</html>")}, "with something that is not a JSON object"),
        ({"mlflow__model_versions__get": (200, b"[1, 2]")}, "with something that is not a JSON object"),
        ({"mlflow__model_versions__get": (200, b"{}")}, "without a valid model_version.version"),
        ({"mlflow__model_versions__get": (200, b'{"model_version": 7}')}, "without a valid model_version.version"),
        ({"mlflow__model_versions__get_download_uri": (200, b'{"uri": 1}')}, "without a valid artifact_uri"),
        ({"mlflow_artifacts__artifacts": (200, b'{"files": "x"}')}, "without a valid files"),
        ({"mlflow_artifacts__artifacts": (200, b'{"files": [{"size": 1}]}')}, "without a valid files: path"),
        ({"mlflow__model_versions__get": (500, b"\xff\xfe oops")}, "HTTP 500, '\\ufffd\\ufffd oops'"),
    ],
)
def test_a_malformed_answer_is_a_clear_download_error(start_scripted_registry, tmp_path, overrides, problem):
    start_scripted_registry(answers(**overrides))
    with pytest.raises(DownloadError, match=re.escape(problem)):
        fetch_registry_model("models:/m/1", tmp_path / "cache", Progress())


def test_a_huge_answer_is_cut_off_not_read_whole(start_scripted_registry, tmp_path, monkeypatch):
    monkeypatch.setattr(mlflow, "MAX_ANSWER_BYTES", 1 << 20)
    total = 256 << 20
    chunk = b"[" * (1 << 16)
    server = start_scripted_registry(
        answers(mlflow__model_versions__get=(200, (chunk for _ in range(total // len(chunk)))))
    )
    with pytest.raises(DownloadError, match="sent more than 1,048,576 bytes for models:/m/1"):
        MlflowRegistry.from_environment().resolve("models:/m/1")
    assert server.sent < total // 4, "the client went on reading"


@pytest.mark.parametrize(
    "uri, shown",
    [
        ("ann:s3cret-pass@tracking.internal:5000", "'***@tracking.internal:5000'"),
        ("ann:s3c@ret-pass@tracking.internal", "'***@tracking.internal'"),
        ("ann:s3c/ret-pass@tracking.internal", "'***@tracking.internal'"),
        ("http://ann:s3c@ret/pass@tracking.internal", "'http://***@tracking.internal'"),
        ("ftp://ann:s3cret-pass@tracking.internal", "'ftp://***@tracking.internal'"),
    ],
)
def test_a_tracking_uri_refused_for_its_form_is_shown_without_its_credentials(monkeypatch, uri, shown):
    """Without http://, or with a password holding an unescaped / (the host would be its end), the redaction of
    URLs' user:password@ does not apply: the refusal must not echo them."""
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    with pytest.raises(DownloadError) as raised:
        MlflowRegistry.from_environment()
    assert str(raised.value) == (
        f"MLFLOW_TRACKING_URI must be the http:// or https:// address of an MLflow tracking server (got {shown}); "
        "set it to reach models:/ URIs."
    )
