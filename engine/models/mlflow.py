"""Models from an MLflow Model Registry, resolved over MLflow's REST API with plain HTTP (no mlflow package).

`models:/<name>/<version>` and `models:/<name>@<alias>` are looked up on the tracking server that
MLFLOW_TRACKING_URI names, with MLFLOW_TRACKING_TOKEN (a bearer token) or MLFLOW_TRACKING_USERNAME and
MLFLOW_TRACKING_PASSWORD. The version's files must be served by the tracking server's artifact proxy
(mlflow-artifacts, what `mlflow server` does by default). The one .onnx file among them (and a
train_config.json beside it) is downloaded through download.py, checked against the model contract, and
recorded in the user's registry with its sha256 and lineage: registered name, version and run id.
"""

import base64
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import unquote, urlsplit, urlunsplit

from ..errors import DownloadError
from ..progress import Progress
from .checksums import sha256_of_unchanged_file
from .download import Transport, fetch_model
from .importer import Provenance, import_model
from .registry import Lineage, ModelEntry, load_registry

URI_PATTERN = re.compile(r"^models:/(?P<name>[^/@]+)(?:/(?P<version>[0-9]+)|@(?P<alias>[^/@]+))/?$")
REGISTRY_API = "api/2.0/mlflow"
ARTIFACTS_API = "api/2.0/mlflow-artifacts/artifacts"
TIMEOUT_S = (15, 60)
CONFIG_NAME = "train_config.json"
# The registry's answers are small JSON documents; a larger answer is cut off, never read whole.
MAX_ANSWER_BYTES = 4 << 20
ANSWER_CHUNK = 1 << 16
# What an artifact path may not hold: a way out of its folder or into another URL ('%2e%2e', '?', '#').
UNSAFE_PATH_CHARACTERS = re.compile(r"[\\%?#\x00-\x1f\x7f]")
# Up to the last @ of an address that may lack its scheme (user:password@host), or whose password holds an
# unescaped / or @: redact() only knows scheme://user:password@ without them.
USERINFO_OF_ANY_FORM = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)?.*@", re.DOTALL)


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
        # An @ past the host is a password's unescaped / or @: the host would be part of the password.
        if not re.match(r"^https?://", tracking_uri or "") or "@" in urlsplit(tracking_uri).path:
            raise DownloadError(
                "MLFLOW_TRACKING_URI must be the http:// or https:// address of an MLflow tracking server "
                "(got {uri!r}); set it to reach models:/ URIs.",
                uri=USERINFO_OF_ANY_FORM.sub(r"\g<scheme>***@", tracking_uri or ""),
            )
        # A user:password@ in the address becomes the Authorization header: no URL FloodSR requests or shows
        # carries it.
        parts = urlsplit(tracking_uri.rstrip("/"))
        self.headers = dict(headers or {})
        if parts.username is not None and "Authorization" not in self.headers:
            pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            self.headers["Authorization"] = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
        self.tracking_uri = urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]))

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
        version = str(self._field(record, uri, "model_version", "version"))
        download = self._get(uri, "model-versions/get-download-uri", name=name, version=version)
        artifact_uri = str(self._field(download, uri, "artifact_uri"))
        run_id = str(self._field(record, uri, "model_version").get("run_id") or "")
        return RegisteredVersion(name, version, run_id, artifact_uri)

    def model_files(self, version: RegisteredVersion) -> Tuple[Artifact, Optional[Artifact]]:
        """The version's .onnx file, and the train_config.json beside it if there is one."""
        root = self._proxy_path(version.artifact_uri, version)
        if root.endswith(".onnx"):
            return Artifact(_safe_artifact_path(root, version), 0), None
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
            run = self._get(artifact_uri, "runs/get", run_id=in_run["run_id"])
            run_root = self._proxy_path(str(self._field(run, artifact_uri, "run", "info", "artifact_uri")), version)
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
        uri = f"models:/{version.name}/{version.version}"
        listing = self._request(uri, ARTIFACTS_API, path=_safe_artifact_path(folder, version))
        files = listing.get("files", [])
        if not isinstance(files, list) or not all(isinstance(item, dict) for item in files):
            raise self._malformed(uri, "files")
        try:
            return [
                Artifact(_safe_artifact_path(f"{folder}/{item['path']}", version), int(item.get("file_size") or 0))
                for item in files
                if not item.get("is_dir")
            ]
        except (KeyError, TypeError, ValueError):
            raise self._malformed(uri, "files: path, file_size") from None

    def _field(self, record: Dict[str, Any], uri: str, *keys: str) -> Any:
        """record[keys[0]][keys[1]]...; a clear error when the answer lacks it."""
        value: Any = record
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                raise self._malformed(uri, ".".join(keys))
            value = value[key]
        return value

    def _malformed(self, uri: str, field: str) -> DownloadError:
        return DownloadError(
            "The MLflow tracking server at {server} answered {uri} without a valid {field}: it is not an MLflow "
            "tracking server, or not one FloodSR can read. Check MLFLOW_TRACKING_URI.",
            server=self.tracking_uri,
            uri=uri,
            field=field,
        )

    def _get(self, uri: str, endpoint: str, **params) -> dict:
        return self._request(uri, f"{REGISTRY_API}/{endpoint}", **params)

    def _request(self, uri: str, endpoint: str, **params) -> Dict:
        import requests  # ships with QGIS; imported here so the provider loads without it

        url = f"{self.tracking_uri}/{endpoint}"
        try:
            with requests.get(url, params=params, headers=self.headers, timeout=TIMEOUT_S, stream=True) as response:
                status = response.status_code
                body = self._capped_body(response, uri)
        except requests.exceptions.RequestException as error:
            raise DownloadError(
                "Cannot reach the MLflow tracking server at {server} ({error}). Check MLFLOW_TRACKING_URI and "
                "that the server is running.",
                server=self.tracking_uri,
                error=error,
            ) from error
        if status in (401, 403):
            raise DownloadError(
                "The MLflow tracking server at {server} refused access (HTTP {status}). Set MLFLOW_TRACKING_TOKEN, "
                "or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD.",
                server=self.tracking_uri,
                status=status,
            )
        answer = _json_object(body)
        if status != 200:
            raise DownloadError(
                "The MLflow tracking server at {server} could not resolve {uri}: HTTP {status}, {message}",
                server=self.tracking_uri,
                uri=uri,
                status=status,
                message=str((answer or {}).get("message") or "") or _start_of(body),
            )
        if answer is None:
            raise DownloadError(
                "The MLflow tracking server at {server} answered {uri} with something that is not a JSON object "
                "({start}): it is not an MLflow tracking server, or a proxy answered in its place. Check "
                "MLFLOW_TRACKING_URI.",
                server=self.tracking_uri,
                uri=uri,
                start=_start_of(body),
            )
        return answer

    def _capped_body(self, response, uri: str) -> bytes:
        """The answer's body, read up to MAX_ANSWER_BYTES and cut off beyond."""
        body = bytearray()
        for chunk in response.iter_content(ANSWER_CHUNK):
            body += chunk
            if len(body) > MAX_ANSWER_BYTES:
                raise DownloadError(
                    "The MLflow tracking server at {server} sent more than {limit:,} bytes for {uri}, far more than "
                    "any answer of a model registry; it was cut off. Check MLFLOW_TRACKING_URI.",
                    server=self.tracking_uri,
                    limit=MAX_ANSWER_BYTES,
                    uri=uri,
                )
        return bytes(body)


def _json_object(body: bytes) -> Optional[Dict[str, Any]]:
    try:
        answer = json.loads(body)
    except ValueError:  # not JSON, or not UTF-8
        return None
    return answer if isinstance(answer, dict) else None


def _start_of(body: bytes) -> str:
    return ascii(body[:200].decode("utf-8", "replace"))


def _safe_artifact_path(path: str, version: RegisteredVersion) -> str:
    """An artifact path as the registry gave it, refused when it could reach anything but the version's files."""
    if path.startswith("/") or UNSAFE_PATH_CHARACTERS.search(path) or {"", ".", ".."} & set(path.split("/")):
        raise DownloadError(
            "The MLflow tracking server lists {path} among the files of models:/{name}/{version}, a path that leads "
            "out of the model's folder; nothing was downloaded. Check the registered model's artifacts.",
            path=ascii(path),
            name=version.name,
            version=version.version,
        )
    return path


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
            Provenance(
                f"From the MLflow Model Registry at {registry.tracking_uri}: models:/{version.name}/{version.version}",
                Lineage(version.name, version.version, version.run_id),
            ),
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
    return fetch_model(transfer, folder, progress, Transport(headers=registry.headers), verify_sha256=False)


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
