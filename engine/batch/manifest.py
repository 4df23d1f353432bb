"""The batch manifest: a CSV with one item per row, checked row by row before anything runs."""

import csv
import importlib.util
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from osgeo import gdal

from ..downscaling.obstructions import check_obstructions_layer
from ..errors import FloodSRError, InputError
from ..files import identity, output_identity
from ..messages import Message
from ..options import DOWNSCALE_METHODS, LARGEST_MIN_DEPTH_M
from ..rasters import storage
from ..rasters.depth_finish import check_min_depth
from ..rasters.writer import GEOTIFF_SUFFIXES
from ..scene import MODEL_METHOD, SceneSpec, is_model_file_reference, resolve_model

REQUIRED_COLUMNS = ("id", "depth", "dem", "output")
OPTIONAL_COLUMNS = ("method", "model", "min_depth", "connected_only", "obstructions", "wse")
INPUT_COLUMNS = ("depth", "dem", "model", "obstructions")
TRUE_WORDS, FALSE_WORDS = ("true", "yes", "1"), ("false", "no", "0", "")
# Below the space, and DEL: a newline or an escape in a value would forge lines of the logs, the report or a job.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
LINE_BREAKS = re.compile(r"\r\n|\r|\n")  # as the reader counts lines
LAYER_NAME = "|layername="  # how QGIS writes the source of one layer of a file: buildings.gpkg|layername=houses
# As the column lists them: the downscaling methods, then super-resolution (the default).
BATCH_METHODS = (*DOWNSCALE_METHODS, MODEL_METHOD)


@dataclass(frozen=True)
class RowError:
    row: int
    item_id: str
    output: str
    message: Message


@dataclass
class Manifest:
    items: List[SceneSpec]  # each with its manifest line and id
    errors: List[RowError]


def read_manifest(path, model_cache: Optional[Path]) -> Manifest:
    """Items of the manifest at `path`, and the rows that cannot run (with their 1-based CSV line numbers).
    Relative paths are relative to the manifest's folder; /vsis3/, /vsigs/ and /vsiaz/ paths are used as given.
    Outputs are told apart by the file they name (symlinks followed), and none may be any row's input."""
    manifest = Path(path)
    rows = _read_rows(manifest)
    read = _inputs_of_every_row(rows, manifest)
    items, errors = [], []
    seen_ids: Dict[str, int] = {}
    seen_outputs: Dict[str, int] = {}
    for line, row in rows:
        item_id = (row.get("id") or "").strip()
        output = _resolve(row.get("output", ""), manifest.parent)
        try:
            _check_no_control_characters(line, row)
            _check_unique(item_id, item_id, seen_ids, line, "id")
            for column in ("output", "wse"):
                written = _resolve(row.get(column) or "", manifest.parent)
                _check_unique(written, _file_key(written, output_identity), seen_outputs, line, column)
                _check_not_read(line, column, written, read)
            options = _depth_options(line, row, manifest.parent)
            item = replace(_scene(line, item_id, row, manifest.parent, model_cache), **options)
            _create_output_folders(line, item)  # last: a row that cannot run leaves no folder behind
            items.append(item)
        except FloodSRError as error:
            errors.append(RowError(line, item_id, output, error.message))
    return Manifest(items, errors)


def inputs_of(manifest_path) -> List[str]:
    """Every file a run of the manifest reads: the manifest itself and each row's depth, DEM and model file."""
    manifest = Path(manifest_path)
    return [str(manifest)] + [path for path, _, _ in _inputs_of_every_row(_read_rows(manifest), manifest).values()]


def _inputs_of_every_row(rows, manifest: Path) -> Dict[str, Tuple[str, str, int]]:
    """File key -> (path, role, line) of everything the batch reads, rows that cannot run included."""
    read = {_file_key(str(manifest), identity): (str(manifest), "manifest", 0)}
    for line, row in rows:
        for role in INPUT_COLUMNS:
            value = _resolve(_without_layer(row.get(role) or ""), manifest.parent)
            if value and (role != "model" or is_model_file_reference(value)):
                read.setdefault(_file_key(value, identity), (value, role, line))
    return read


def _file_key(path: str, local_identity) -> str:
    return path if storage.is_remote(path) else local_identity(path)


def _check_no_control_characters(line: int, row: Dict[str, str]) -> None:
    for column, value in row.items():
        if column and value and CONTROL_CHARACTERS.search(value):
            raise InputError(
                "Line {line}: the {column} holds a control character (a line break, tab or escape, shown here as "
                "{value}); remove it.",
                line=line,
                column=column,
                value=ascii(value),
            )


def _check_not_read(line: int, column: str, output: str, read: Dict[str, Tuple[str, str, int]]) -> None:
    if not output:
        return
    source = read.get(_file_key(output, identity))
    if source is None:
        return
    path, role, source_line = source
    if role == "manifest":
        raise InputError(
            "Line {line}: the {column} {path} is the manifest itself; FloodSR never writes over its inputs.",
            line=line,
            column=column,
            path=output,
        )
    raise InputError(
        "Line {line}: the {column} {path} is the {role} input of line {other} ({source}); FloodSR never writes over "
        "an input. Give the output its own name, or run the items one batch after the other.",
        line=line,
        column=column,
        path=output,
        role=role,
        other=source_line,
        source=path,
    )


def _read_rows(manifest: Path) -> List[Tuple[int, Dict[str, str]]]:
    try:
        with open(manifest, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle, delimiter=_separator(handle.readline()))
            handle.seek(0)
            columns = [name.strip() for name in reader.fieldnames or []]
            reader.fieldnames = columns
            rows = [(_first_line(reader.line_num, row), row) for row in reader if any(_texts(row))]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError("The manifest {path} cannot be read ({error}).", path=manifest, error=error) from error
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise InputError(
            "The manifest {path} lacks the column(s) {missing}. Its first line must name the columns, separated "
            "by commas or semicolons: id,depth,dem,output and optionally method, model, min_depth, connected_only, "
            "obstructions, wse.",
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


def _texts(row: Dict[str, str]) -> List[str]:
    """The row's values that hold text (a row longer than the header has a list under the key None)."""
    return [value for value in row.values() if isinstance(value, str) and value.strip()]


def _first_line(last_line: int, row: Dict[str, str]) -> int:
    """The line a row starts on: a quoted value may span lines, and the reader counts up to the row's last."""
    return last_line - sum(len(LINE_BREAKS.findall(value)) for value in _texts(row))


def _scene(line: int, item_id: str, row: Dict[str, str], folder: Path, model_cache) -> SceneSpec:
    if not item_id:
        raise InputError("Line {line}: the id is empty; give every item a unique id.", line=line)
    depth, dem, output = (_resolve(row.get(name, ""), folder) for name in ("depth", "dem", "output"))
    for role, source in (("depth", depth), ("dem", dem)):
        if not source or not storage.exists(source):
            raise InputError("Line {line}: the {role} raster {path} does not exist.", line=line, role=role, path=source)
    _check_geotiff_output(line, "output", output)
    method = (row.get("method") or "").strip() or MODEL_METHOD
    if method not in BATCH_METHODS:
        raise InputError(
            "Line {line}: unknown method {method!r}; use one of {choices}.",
            line=line,
            method=method,
            choices=", ".join(BATCH_METHODS),
        )
    scene = SceneSpec(depth, dem, output, method, scene_id=item_id, row=line)
    if method != MODEL_METHOD:
        return scene
    if importlib.util.find_spec("onnxruntime") is None:
        raise InputError(
            "Line {line}: super-resolution needs onnxruntime, which is not installed; run floodsr:installruntime "
            "first, or choose a classic method.",
            line=line,
        )
    try:
        model = resolve_model(row.get("model") or "", model_cache, files_from=folder)
    except FloodSRError as error:
        raise InputError("Line {line}: {problem}", line=line, problem=error.message) from error
    return replace(scene, model_path=str(model.path), model_name=model.name)


def _depth_options(line: int, row: Dict[str, str], folder: Path) -> Dict[str, Any]:
    """The optional columns that shape the depth output, as SceneSpec fields."""
    min_depth = _min_depth(line, row.get("min_depth") or "")
    connected_only = _yes_no(line, "connected_only", row.get("connected_only") or "")
    obstructions, layer = _obstructions(line, row.get("obstructions") or "", folder)
    wse = _resolve(row.get("wse") or "", folder)
    if wse:
        _check_geotiff_output(line, "wse", wse)
    return {
        "min_depth": min_depth,
        "connected_only": connected_only,
        "obstructions_path": obstructions,
        "obstructions_layer": layer,
        "wse_path": wse,
    }


def _obstructions(line: int, value: str, folder: Path) -> Tuple[str, str]:
    """The obstructions' file and layer ("" for none), checked; a layer named without its file is refused as a
    missing file: run without obstructions, the row would give a wrong result and no error."""
    source, _, layer = value.partition(LAYER_NAME)
    obstructions = _resolve(source, folder)
    if not obstructions and value.strip():
        raise _not_a_vector_file(line, value.strip())
    if obstructions:
        _check_vector(line, obstructions, layer.strip())
    return obstructions, layer.strip()


def _without_layer(value: str) -> str:
    """The file of a vector source written as QGIS writes one layer of it."""
    return value.partition(LAYER_NAME)[0]


def _min_depth(line: int, value: str) -> float:
    """Metres; a decimal comma is taken as the point (manifests separated by semicolons often have them)."""
    text = value.strip().replace(",", ".")
    try:
        min_depth = float(text) if text else 0.0
        check_min_depth(min_depth)
    except (ValueError, FloodSRError) as error:
        raise InputError(
            "Line {line}: the min_depth {value!r} is not a depth in metres from 0 to {largest:g}; give a number "
            "such as 0.05, or leave it empty for none.",
            line=line,
            value=value,
            largest=LARGEST_MIN_DEPTH_M,
        ) from error
    return min_depth


def _yes_no(line: int, column: str, value: str) -> bool:
    word = value.strip().lower()
    if word not in TRUE_WORDS + FALSE_WORDS:
        raise InputError(
            "Line {line}: the {column} {value!r} is neither true nor false; write true or false, or leave it empty "
            "for false.",
            line=line,
            column=column,
            value=value,
        )
    return word in TRUE_WORDS


def _check_vector(line: int, path: str, layer: str) -> None:
    """A vector source GDAL reads, with the named layer, or with one layer when none is named."""
    try:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR) if storage.exists(path) else None
    except RuntimeError:
        dataset = None
    if dataset is None or dataset.GetLayerCount() == 0:
        raise _not_a_vector_file(line, path)
    naming = Message("as {path}|layername=NAME", path=path)
    try:
        check_obstructions_layer(path, layer, naming)
    except InputError as error:
        raise InputError("Line {line}: {problem}", line=line, problem=error.message) from error


def _not_a_vector_file(line: int, path: str) -> InputError:
    return InputError(
        "Line {line}: the obstructions {path} do not exist or are not a vector file GDAL reads (such as a "
        "GeoPackage or a shapefile).",
        line=line,
        path=path,
    )


def _check_geotiff_output(line: int, column: str, path: str) -> None:
    if not path.lower().endswith(GEOTIFF_SUFFIXES):
        raise InputError("Line {line}: the {column} {path} must end in .tif.", line=line, column=column, path=path)


def _create_output_folders(line: int, scene: SceneSpec) -> None:
    for path in (scene.output_path, scene.wse_path):
        if path and not storage.is_remote(path):
            _create_folder(line, Path(path).parent)


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


def _check_unique(value: str, key: str, seen: Dict[str, int], line: int, column: str) -> None:
    """`key` says which file (or id) `value` names: two spellings of one file are one output."""
    if value and key in seen:
        raise InputError(
            "Line {line}: the {column} {value} is already used on line {first}; each item needs its own.",
            line=line,
            column=column,
            value=value,
            first=seen[key],
        )
    seen.setdefault(key, line)


def _resolve(value: str, folder: Path) -> str:
    """A manifest path: as given when absolute or in cloud storage, else relative to the manifest's folder."""
    value = (value or "").strip()
    if not value or storage.is_remote(value) or Path(value).is_absolute():
        return value
    return str(folder / value)
