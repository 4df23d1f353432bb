"""The model registry: bundled and downloadable models from models.json, plus the user's own entries."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import List, NamedTuple, Optional

from ..errors import FloodSRError
from ..plugin_files import BUNDLED_MODELS_DIR, BUNDLED_REGISTRY

USER_REGISTRY_NAME = "models.json"


class Lineage(NamedTuple):
    """Where a model from a model registry came from; the names are those of ModelEntry's fields."""

    registered_model: str
    registered_version: str
    run_id: str


@dataclass(frozen=True)
class ModelEntry:
    name: str
    description: str
    file_name: str
    sha256: str
    size: int
    contract: str
    licence: str
    url: str = ""
    bundled: bool = False
    registered_model: str = ""  # lineage of a model from an MLflow Model Registry: its name there,
    registered_version: str = ""  # its version
    run_id: str = ""  # and the run that made it

    @property
    def lineage(self) -> str:
        if not self.registered_model:
            return ""
        return f"models:/{self.registered_model}/{self.registered_version} (run {self.run_id or '-'})"

    def local_path(self, cache_dir: Path) -> Path:
        """Where the file is, or would be once fetched."""
        if self.bundled:
            return BUNDLED_MODELS_DIR / self.file_name
        return Path(cache_dir) / self.name / self.file_name

    def is_installed(self, cache_dir: Path) -> bool:
        return self.local_path(cache_dir).is_file()


def load_registry(cache_dir: Optional[Path]) -> List[ModelEntry]:
    """Bundled registry first (bundled models lead), then entries the user added in the cache."""
    entries = _read_entries(BUNDLED_REGISTRY)
    if cache_dir is not None:
        known = {entry.name for entry in entries}
        entries += [entry for entry in _read_entries(Path(cache_dir) / USER_REGISTRY_NAME) if entry.name not in known]
    return sorted(entries, key=lambda entry: not entry.bundled)


def find_model(name: str, cache_dir: Optional[Path]) -> ModelEntry:
    entries = load_registry(cache_dir)
    for entry in entries:
        if entry.name == name:
            return entry
    raise FloodSRError(
        "No model named {name!r} is registered (known: {known}).",
        name=name,
        known=", ".join(entry.name for entry in entries),
    )


def add_user_entry(entry: ModelEntry, cache_dir: Path) -> None:
    """Record a model in the user's registry in the cache, replacing one of the same name."""
    path = Path(cache_dir) / USER_REGISTRY_NAME
    entries = [existing for existing in _read_entries(path) if existing.name != entry.name] + [entry]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps({"models": [asdict(item) for item in entries]}, indent=2), encoding="utf-8")
    partial.replace(path)


def _read_entries(path: Path) -> List[ModelEntry]:
    if not path.is_file():
        return []
    try:
        records = json.loads(path.read_text(encoding="utf-8"))["models"]
        return [ModelEntry(**record) for record in records]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise FloodSRError(
            "The model registry {path} is not valid ({error}). Fix it or delete it to start afresh.",
            path=path,
            error=error,
        ) from error
