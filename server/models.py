"""Which model file a request runs: a registered name or a models:/ URI, its sha256 checked once per file
(the engine's checksum cache)."""

from dataclasses import dataclass
from pathlib import Path

from engine.errors import ModelError
from engine.models.checksums import sha256_of_unchanged_file
from engine.models.mlflow import fetch_registry_model, is_registry_uri
from engine.models.registry import ModelEntry, find_model, load_registry
from engine.progress import Progress


@dataclass(frozen=True)
class ResolvedModel:
    name: str
    path: Path
    sha256: str
    lineage: str


class ModelResolver:
    def __init__(self, cache_dir: Path, default_model: str = ""):
        """`default_model`: a registered name or a models:/ URI; empty is the first registered (bundled) model."""
        self.cache_dir = cache_dir
        self.default_model = default_model or load_registry(cache_dir)[0].name

    def resolve(self, model: str) -> ResolvedModel:
        """A registered, installed and intact model, fetching a models:/ URI first; ModelError otherwise."""
        if is_registry_uri(model):
            entry = fetch_registry_model(model, self.cache_dir, Progress())
        else:
            entry = find_model(model, self.cache_dir)
        path = entry.local_path(self.cache_dir)
        if not path.is_file():
            raise ModelError(
                "The model {name} is registered but not in the cache {cache}. Fetch it first "
                "(floodsr:fetchmodel, or a models:/ URI).",
                name=entry.name,
                cache=self.cache_dir,
            )
        self._check_sha256(entry, path)
        return ResolvedModel(entry.name, path, entry.sha256, entry.lineage)

    def _check_sha256(self, entry: ModelEntry, path: Path) -> None:
        found = sha256_of_unchanged_file(path)
        if found != entry.sha256:
            raise ModelError(
                "The file of the model {name} ({path}) does not match its registered sha256 (found {found}, "
                "registered {expected}): it is damaged or was replaced. Fetch or import it again.",
                name=entry.name,
                path=path,
                found=found,
                expected=entry.sha256,
            )
