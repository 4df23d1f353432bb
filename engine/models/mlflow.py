"""Models from an MLflow Model Registry, resolved over MLflow's REST API with plain HTTP (no mlflow package).

`models:/<name>/<version>` and `models:/<name>@<alias>` are looked up on the tracking server that
MLFLOW_TRACKING_URI names, with MLFLOW_TRACKING_TOKEN (a bearer token) or MLFLOW_TRACKING_USERNAME and
MLFLOW_TRACKING_PASSWORD. The version's files must be served by the tracking server's artifact proxy
(mlflow-artifacts, what `mlflow server` does by default). The one .onnx file among them (and a
train_config.json beside it) is downloaded through download.py, checked against the model contract, and
recorded in the user's registry with its sha256 and lineage: registered name, version and run id.
"""

import base64
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Dict, List, Mapping, Optional, Tuple

from ..errors import DownloadError
from ..progress import Progress
from .checksums import sha256_of_unchanged_file
from .download import fetch_model
from .importer import import_model
from .registry import Lineage, ModelEntry, load_registry

URI_PATTERN = re.compile(r"^models:/(?P<name>[^/@]+)(?:/(?P<version>[0-9]+)|@(?P<alias>[^/@]+))/?$")
REGISTRY_API = "api/2.0/mlflow"
ARTIFACTS_API = "api/2.0/mlflow-artifacts/artifacts"
TIMEOUT_S = (15, 60)
CONFIG_NAME = "train_config.json"


def is_registry_uri(text: str) -> bool:
    return str(text).strip().startswith("models:/")


@dataclass(frozen=True)
class RegisteredVersion:
    name: str
    version: str
    run_id: str
    artifact_uri: str


@dataclass(frozen=True)
class Artifact:
    path: str  # under the artifact proxy's root
    size: int


class MlflowRegistry:
    """One tracking server: its address and the credentials every request carries."""

    def __init__(self, tracking_uri: str, headers: Optional[Mapping[str, str]] = None):
        if not re.match(r"^https?://", tracking_uri or ""):
            raise DownloadError(
                "MLFLOW_TRACKING_URI must be the http:// or https:// address of an MLflow tracking server "
                "(got {uri!r}); set it to reach models:/ URIs.",
                uri=tracking_uri,
            )
        self.tracking_uri = tracking_uri.rstrip("/")
        self.address = re.sub(r"//[^/@]*@", "//", self.tracking_uri)  # for messages: never a user:password@
        self.headers = dict(headers or {})

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> "MlflowRegistry":
        headers = {}
        if environ.get("MLFLOW_TRACKING_TOKEN"):
            headers["Authorization"] = f"Bearer {environ['MLFLOW_TRACKING_TOKEN']}"
        elif environ.get("MLFLOW_TRACKING_USERNAME"):
            pair = f"{environ['MLFLOW_TRACKING_USERNAME']}:{environ.get('MLFLOW_TRACKING_PASSWORD', '')}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
        return cls(environ.get("MLFLOW_TRACKING_URI", ""), headers)

    def resolve(self, uri: str) -> RegisteredVersion:
        """The registered version a models:/ URI names now (an alias follows whatever it points at)."""
        match = URI_PATTERN.match(uri.strip())
        if not match:
            raise DownloadError(
                "{uri!r} is not a model registry URI: use models:/<name>/<version> or models:/<name>@<alias>.", uri=uri
            )
        name = match["name"]
        if match["alias"]:
            record = self._get(uri, "registered-models/alias", name=name, alias=match["alias"])
        else:
            record = self._get(uri, "model-versions/get", name=name, version=match["version"])
        version = str(record["model_version"]["version"])
        artifact_uri = self._get(uri, "model-versions/get-download-uri", name=name, version=version)["artifact_uri"]
        return RegisteredVersion(name, version, record["model_version"].get("run_id", ""), artifact_uri)

    def model_files(self, version: RegisteredVersion) -> Tuple[Artifact, Optional[Artifact]]:
        """The version's .onnx file, and the train_config.json beside it if there is one."""
        root = self._proxy_path(version.artifact_uri, version)
        if root.endswith(".onnx"):
            return Artifact(root, 0), None
        files = self._list(root, version)
        models = [item for item in files if item.path.endswith(".onnx")]
        if len(models) != 1:
            raise DownloadError(
                "models:/{name}/{version} should hold exactly one .onnx file, but its artifacts at {location} hold "
                "{count}. Register the folder that holds the model's ONNX file.",
                name=version.name,
                version=version.version,
                location=version.artifact_uri,
                count=len(models),
            )
        configs = [item for item in files if PurePosixPath(item.path).name == CONFIG_NAME]
        return models[0], (configs[0] if configs else None)

    def artifact_url(self, artifact: Artifact) -> str:
        return f"{self.tracking_uri}/{ARTIFACTS_API}/{artifact.path}"

    def _proxy_path(self, artifact_uri: str, version: RegisteredVersion) -> str:
        """Where the tracking server's artifact proxy serves an artifact URI from."""
        proxied = re.match(r"^mlflow-artifacts:(?://[^/]*)?/*(?P<path>.*)$", artifact_uri)
        if proxied:
            return proxied["path"].rstrip("/")
        in_run = re.match(r"^runs:/(?P<run_id>[^/]+)/?(?P<path>.*)$", artifact_uri)
        if in_run:
            run = self._get(artifact_uri, "runs/get", run_id=in_run["run_id"])["run"]
            run_root = self._proxy_path(run["info"]["artifact_uri"], version)
            return f"{run_root}/{in_run['path']}".rstrip("/")
        raise DownloadError(
            "The files of models:/{name}/{version} are at {location}, which the tracking server does not serve. "
            "Run the tracking server with its artifact proxy (mlflow server --serve-artifacts, the default) "
            "so that models can be fetched over HTTP.",
            name=version.name,
            version=version.version,
            location=artifact_uri,
        )

    def _list(self, folder: str, version: RegisteredVersion) -> List[Artifact]:
        listing = self._request(f"models:/{version.name}/{version.version}", ARTIFACTS_API, path=folder)
        return [
            Artifact(f"{folder}/{item['path']}", int(item.get("file_size") or 0))
            for item in listing.get("files", [])
            if not item.get("is_dir")
        ]

    def _get(self, uri: str, endpoint: str, **params) -> dict:
        return self._request(uri, f"{REGISTRY_API}/{endpoint}", **params)

    def _request(self, uri: str, endpoint: str, **params) -> Dict:
        import requests  # ships with QGIS; imported here so the provider loads without it

        url = f"{self.tracking_uri}/{endpoint}"
        try:
            response = requests.get(url, params=params, headers=self.headers, timeout=TIMEOUT_S)
        except requests.exceptions.RequestException as error:
            raise DownloadError(
                "Cannot reach the MLflow tracking server at {server} ({error}). Check MLFLOW_TRACKING_URI and "
                "that the server is running.",
                server=self.address,
                error=error,
            ) from error
        if response.status_code in (401, 403):
            raise DownloadError(
                "The MLflow tracking server at {server} refused access (HTTP {status}). Set MLFLOW_TRACKING_TOKEN, "
                "or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD.",
                server=self.address,
                status=response.status_code,
            )
        if response.status_code != 200:
            raise DownloadError(
                "The MLflow tracking server at {server} could not resolve {uri}: HTTP {status}, {message}",
                server=self.address,
                uri=uri,
                status=response.status_code,
                message=_mlflow_message(response),
            )
        return response.json()


def _mlflow_message(response) -> str:
    try:
        return response.json().get("message") or response.text[:300]
    except ValueError:
        return response.text[:300]


def local_model_name(version: RegisteredVersion) -> str:
    """The name a registered version gets in FloodSR's registry: <name>.v<version>, in the allowed characters."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{version.name}.v{version.version}").lstrip("._-")
    return name[-64:] or f"mlflow.v{version.version}"


def fetch_registry_model(
    uri: str,
    cache_dir: Path,
    progress: Progress,
    name: str = "",
    registry: Optional[MlflowRegistry] = None,
) -> ModelEntry:
    """Resolve a models:/ URI and make its model available in the cache, under `name` or <name>.v<version>.

    A version already in the cache with an intact file is not downloaded again."""
    registry = registry or MlflowRegistry.from_environment()
    version = registry.resolve(uri)
    local_name = name or local_model_name(version)
    cached = _intact_entry(cache_dir, local_name, version)
    if cached is not None:
        return cached
    model, config = registry.model_files(version)
    with tempfile.TemporaryDirectory(prefix="floodsr-mlflow-") as staging:
        model_path = _download(registry, model, local_name, Path(staging), progress)
        if config is not None:
            _download(registry, config, local_name, Path(staging), Progress(is_cancelled=progress.is_cancelled))
        return import_model(
            model_path,
            local_name,
            cache_dir,
            f"From the MLflow Model Registry at {registry.address}: models:/{version.name}/{version.version}",
            Lineage(version.name, version.version, version.run_id),
        )


def _download(registry: MlflowRegistry, artifact: Artifact, name: str, folder: Path, progress: Progress) -> Path:
    transfer = ModelEntry(
        name=name,
        description="",
        file_name=PurePosixPath(artifact.path).name,
        sha256="",
        size=artifact.size,
        contract="",
        licence="",
        url=registry.artifact_url(artifact),
    )
    return fetch_model(transfer, folder, progress, headers=registry.headers, verify_sha256=False)


def _intact_entry(cache_dir: Path, name: str, version: RegisteredVersion) -> Optional[ModelEntry]:
    for entry in load_registry(cache_dir):
        if (
            entry.name == name
            and (entry.registered_model, entry.registered_version) == (version.name, version.version)
            and entry.is_installed(cache_dir)
            and sha256_of_unchanged_file(entry.local_path(cache_dir)) == entry.sha256
        ):
            return entry
    return None
