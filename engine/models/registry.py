"""The model registry: bundled and downloadable models from models.json, plus the user's own entries."""

import json
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import List, NamedTuple, Optional

from ..errors import FloodSRError, ModelError
from ..files import write_text_atomically
from ..messages import Message
from ..plugin_files import BUNDLED_MODELS_DIR, BUNDLED_REGISTRY
from .checksums import sha256_of_unchanged_file

USER_REGISTRY_NAME = "models.json"
# Model names and file names are single path components: no separators, no "..", no drive, no leading dot.
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
FILE_NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")


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
        """Where the file is, or would be once fetched; never outside the cache (or the bundled folder)."""
        check_entry_names(self.name, self.file_name)
        root = BUNDLED_MODELS_DIR if self.bundled else Path(cache_dir)
        path = root / self.file_name if self.bundled else root / self.name / self.file_name
        if not path.resolve().is_relative_to(root.resolve()):
            raise ModelError(
                "The model {name} would be stored at {path}, outside the model folder {root}; it is refused.",
                name=self.name,
                path=path.resolve(),
                root=root,
            )
        return path

    def is_installed(self, cache_dir: Path) -> bool:
        return self.local_path(cache_dir).is_file()


def check_entry_names(name: str, file_name: str) -> None:
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise ModelError(
            "Model name {name!r} is not usable: use 1-64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit.",
            name=name,
        )
    if not isinstance(file_name, str) or not FILE_NAME_PATTERN.match(file_name):
        raise ModelError(
            "The file name {file_name!r} of model {name} is not a plain file name (letters, digits, '.', '_' or '-', "
            "no folders); it is refused.",
            file_name=file_name,
            name=name,
        )


def load_registry(cache_dir: Optional[Path], problems: Optional[List[Message]] = None) -> List[ModelEntry]:
    """Bundled registry first (bundled models lead), then entries the user added in the cache. Unusable user
    entries are skipped, each with a line in `problems`; they never hide or replace a bundled or published model."""
    entries = _read_entries(BUNDLED_REGISTRY)
    if cache_dir is not None:
        known = {entry.name for entry in entries}
        entries += [
            entry
            for entry in _read_user_entries(Path(cache_dir) / USER_REGISTRY_NAME, problems)
            if entry.name not in known
        ]
    return sorted(entries, key=lambda entry: not entry.bundled)


def registry_files(cache_dir: Path) -> List[Path]:
    """The files the registry is made of: what no report may be written over."""
    files = [BUNDLED_REGISTRY, Path(cache_dir) / USER_REGISTRY_NAME]
    for entry in load_registry(cache_dir):
        try:
            files.append(entry.local_path(cache_dir))
        except ModelError:
            continue
    return files


def verified_model_file(entry: ModelEntry, cache_dir: Path) -> Path:
    """The model's file, once it is in the cache and still the registered one (its sha256, computed once per
    unchanged file)."""
    path = entry.local_path(cache_dir)
    if not path.is_file():
        raise ModelError(
            "The model {name} is not downloaded yet: fetch it first (floodsr:fetchmodel).", name=entry.name
        )
    found = sha256_of_unchanged_file(path)
    if found != entry.sha256:
        raise ModelError(
            "The file of the model {name} ({path}) does not match its registered sha256 (found {found}, registered "
            "{expected}): it was changed or damaged, and a file that no longer matches its registered sha256 never "
            "runs. Fetch it again (floodsr:fetchmodel) or import it again (floodsr:importmodel).",
            name=entry.name,
            path=path,
            found=found,
            expected=entry.sha256,
        )
    return path


def find_model(name: str, cache_dir: Optional[Path]) -> ModelEntry:
    entries = load_registry(cache_dir)
    for entry in entries:
        if entry.name == name:
            return entry
    raise ModelError(
        "No model named {name!r} is registered (known: {known}).",
        name=name,
        known=", ".join(entry.name for entry in entries),
    )


def add_user_entry(entry: ModelEntry, cache_dir: Path) -> None:
    """Record a model in the user's registry in the cache, replacing one of the same name."""
    path = Path(cache_dir) / USER_REGISTRY_NAME
    entries = [existing for existing in _read_user_entries(path, []) if existing.name != entry.name] + [entry]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, json.dumps({"models": [asdict(item) for item in entries]}, indent=2))


def _read_entries(path: Path) -> List[ModelEntry]:
    """The bundled registry: a damaged one is a broken installation."""
    problems: List[Message] = []
    entries = _parse_entries(path, problems)
    if problems:
        raise ModelError(
            "The plugin's model registry {path} is damaged ({problem}). Reinstall FloodSR.",
            path=path,
            problem=problems[0],
        )
    return entries


def _read_user_entries(path: Path, problems: Optional[List[Message]]) -> List[ModelEntry]:
    found: List[Message] = []
    entries = [entry for entry in _parse_entries(path, found) if not entry.bundled]
    if problems is not None:
        problems.extend(found)
    return entries


def _parse_entries(path: Path, problems: List[Message]) -> List[ModelEntry]:
    if not path.is_file():
        return []
    try:
        records = json.loads(path.read_text(encoding="utf-8"))["models"]
        if not isinstance(records, list):
            raise TypeError("'models' is not a list")
    except (OSError, ValueError, KeyError, TypeError) as error:
        problems.append(
            Message(
                "The model registry {path} is not valid ({error}); its models are skipped. Fix it or delete it.",
                path=path,
                error=error,
            )
        )
        return []
    entries = []
    for position, record in enumerate(records, start=1):
        try:
            entries.append(_entry_from_record(record, path))
        except (FloodSRError, TypeError, ValueError) as error:
            problems.append(
                Message(
                    "Entry {position} of the model registry {path} is skipped: {error}",
                    position=position,
                    path=path,
                    error=error,
                )
            )
    return entries


def _entry_from_record(record, path: Path) -> ModelEntry:
    if not isinstance(record, dict):
        raise TypeError("an entry must be an object")
    types = {field.name: field.type for field in fields(ModelEntry)}
    unknown = set(record) - set(types)
    if unknown:
        raise TypeError(f"unknown keys {sorted(unknown)}")
    entry = ModelEntry(**record)
    for name, kind in types.items():
        value = getattr(entry, name)
        expected = {"str": str, "int": int, "bool": bool}[kind if isinstance(kind, str) else kind.__name__]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise TypeError(f"'{name}' must be {expected.__name__}, not {value!r}")
    check_entry_names(entry.name, entry.file_name)
    if not SHA256_PATTERN.match(entry.sha256) or entry.size < 0:
        raise ValueError("'sha256' must be 64 hexadecimal digits and 'size' a byte count")
    if entry.url and not entry.url.startswith(("https://", "http://")):
        raise ValueError(f"'url' must be an http(s) address, not {entry.url!r}")
    return entry
