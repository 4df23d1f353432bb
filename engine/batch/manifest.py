"""The batch manifest: a CSV with one item per row, checked row by row before anything runs."""

import csv
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ..errors import FloodSRError, InputError
from ..messages import Message
from ..models.registry import find_model, load_registry
from ..options import DOWNSCALE_METHODS
from ..rasters import storage
from ..rasters.writer import GEOTIFF_SUFFIXES

MODEL_METHOD = "model"
REQUIRED_COLUMNS = ("id", "depth", "dem", "output")
OPTIONAL_COLUMNS = ("method", "model")


@dataclass(frozen=True)
class BatchItem:
    """One scene: `method` is a downscaling method or "model" (super-resolution with `model_path`)."""

    row: int
    item_id: str
    depth: str
    dem: str
    output: str
    method: str
    model_path: str = ""
    model_name: str = ""


@dataclass(frozen=True)
class RowError:
    row: int
    item_id: str
    output: str
    message: Message


@dataclass
class Manifest:
    items: List[BatchItem]
    errors: List[RowError]


def read_manifest(path, model_cache: Optional[Path]) -> Manifest:
    """Items of the manifest at `path`, and the rows that cannot run (with their 1-based CSV line numbers).
    Relative paths are relative to the manifest's folder; /vsis3/, /vsigs/ and /vsiaz/ paths are used as given."""
    manifest = Path(path)
    rows = _read_rows(manifest)
    default_model = _default_model(model_cache)
    items, errors = [], []
    seen_ids: Dict[str, int] = {}
    seen_outputs: Dict[str, int] = {}
    for line, row in rows:
        item_id = (row.get("id") or "").strip()
        output = _resolve(row.get("output", ""), manifest.parent)
        try:
            _check_unique(item_id, seen_ids, line, "id")
            _check_unique(output, seen_outputs, line, "output")
            items.append(_item(line, item_id, row, manifest.parent, model_cache, default_model))
        except FloodSRError as error:
            errors.append(RowError(line, item_id, output, error.message))
    return Manifest(items, errors)


def _read_rows(manifest: Path) -> List[Tuple[int, Dict[str, str]]]:
    try:
        with open(manifest, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle, delimiter=_separator(handle.readline()))
            handle.seek(0)
            columns = [name.strip() for name in reader.fieldnames or []]
            reader.fieldnames = columns
            rows = [(reader.line_num, row) for row in reader if any((value or "").strip() for value in row.values())]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError("The manifest {path} cannot be read ({error}).", path=manifest, error=error) from error
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise InputError(
            "The manifest {path} lacks the column(s) {missing}. Its first line must name the columns, separated "
            "by commas or semicolons: id,depth,dem,output and optionally method,model.",
            path=manifest,
            missing=", ".join(missing),
        )
    if not rows:
        raise InputError("The manifest {path} has no items: add one row per scene below its header.", path=manifest)
    return rows


def _separator(header: str) -> str:
    """Spreadsheet programs write CSV with semicolons where the comma is the decimal mark: the header says which
    separator the file uses (its column names hold neither)."""
    return ";" if header.count(";") > header.count(",") else ","


def _item(line: int, item_id: str, row: Dict[str, str], folder: Path, model_cache, default_model) -> BatchItem:
    if not item_id:
        raise InputError("Line {line}: the id is empty; give every item a unique id.", line=line)
    depth, dem, output = (_resolve(row.get(name, ""), folder) for name in ("depth", "dem", "output"))
    for role, source in (("depth", depth), ("dem", dem)):
        if not source or not storage.exists(source):
            raise InputError("Line {line}: the {role} raster {path} does not exist.", line=line, role=role, path=source)
    if not output.lower().endswith(GEOTIFF_SUFFIXES):
        raise InputError("Line {line}: the output {path} must end in .tif.", line=line, path=output)
    if not storage.is_remote(output):
        _create_folder(line, Path(output).parent)
    method = (row.get("method") or "").strip() or MODEL_METHOD
    if method not in DOWNSCALE_METHODS + (MODEL_METHOD,):
        raise InputError(
            "Line {line}: unknown method {method!r}; use one of {choices}.",
            line=line,
            method=method,
            choices=", ".join(DOWNSCALE_METHODS + (MODEL_METHOD,)),
        )
    if method != MODEL_METHOD:
        return BatchItem(line, item_id, depth, dem, output, method)
    if importlib.util.find_spec("onnxruntime") is None:
        raise InputError(
            "Line {line}: super-resolution needs onnxruntime, which is not installed; run floodsr:installruntime "
            "first, or choose a classic method.",
            line=line,
        )
    model_path, model_name = _model(line, (row.get("model") or "").strip() or default_model, folder, model_cache)
    return BatchItem(line, item_id, depth, dem, output, method, model_path, model_name)


def _create_folder(line: int, folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            "Line {line}: the output folder {folder} cannot be created ({error}).",
            line=line,
            folder=folder,
            error=error,
        ) from error


def _model(line: int, model: str, folder: Path, model_cache) -> Tuple[str, str]:
    """(path, name) of a registered model name or an .onnx file."""
    if model.lower().endswith(".onnx"):
        path = Path(_resolve(model, folder))
        if not path.is_file():
            raise InputError("Line {line}: the model file {path} does not exist.", line=line, path=path)
        return str(path), path.stem
    try:
        entry = find_model(model, model_cache)
    except FloodSRError as error:
        raise InputError("Line {line}: {problem}", line=line, problem=error.message) from error
    if not entry.is_installed(model_cache):
        raise InputError(
            "Line {line}: the model {name} is not downloaded yet; fetch it first (floodsr:fetchmodel).",
            line=line,
            name=model,
        )
    return str(entry.local_path(model_cache)), entry.name


def _default_model(model_cache) -> str:
    return next((entry.name for entry in load_registry(model_cache) if entry.bundled), "")


def _check_unique(value: str, seen: Dict[str, int], line: int, column: str) -> None:
    if value and value in seen:
        raise InputError(
            "Line {line}: the {column} {value} is already used on line {first}; each item needs its own.",
            line=line,
            column=column,
            value=value,
            first=seen[value],
        )
    seen.setdefault(value, line)


def _resolve(value: str, folder: Path) -> str:
    """A manifest path: as given when absolute or in cloud storage, else relative to the manifest's folder."""
    value = (value or "").strip()
    if not value or storage.is_remote(value) or Path(value).is_absolute():
        return value
    return str(folder / value)
