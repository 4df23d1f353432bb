"""The multipart form of /infer and /jobs (schemas.UploadForm), read into a job's folder and checked: GeoTIFFs only,
a GeoPackage of obstructions only, an output no larger than the server takes, options the engine understands."""

import asyncio
import shutil
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

from starlette.datastructures import FormData
from starlette.requests import Request

from engine.downscaling.obstructions import check_obstructions_layer
from engine.errors import FloodSRError
from engine.messages import Message
from engine.scene import MODEL_METHOD, SceneSpec

from .errors import BadUploadError, OutputTooLargeError
from .jobs import OUTPUT_NAME
from .limits import GEOPACKAGE, other_format, output_size, raster_size, vector_format
from .models import ModelResolver, ResolvedModel
from .schemas import METHODS, UploadForm
from .settings import Settings

COPY_CHUNK_BYTES = 1 << 20
UPLOADED_OBSTRUCTIONS = "'obstructions' (uploaded)"  # as a job's messages name the file, never by the server's path
RASTER_FIELDS = ("depth", "dem")
DEM_TOO_LARGE = (
    "The uploaded 'dem' has {cells:,} cells ({columns:,} x {rows:,}), more than this server's limit of {limit:,} cells "
    "per job. Send the DEM cropped to the flood's area, or ask the server's operator to raise FLOODSR_MAX_OUTPUT_CELLS."
)
OUTPUT_TOO_LARGE = (
    "The output would have about {cells:,} cells ({columns:,} x {rows:,}: the depth raster's extent on the DEM's "
    "cells), more than this server's limit of {limit:,} cells per job. Send a smaller area or a coarser DEM, or ask "
    "the server's operator to raise FLOODSR_MAX_OUTPUT_CELLS."
)


async def read_upload(request: Request, folder: Path, resolver: ModelResolver, settings: Settings) -> SceneSpec:
    """The form's files saved into `folder`, checked, and the job they ask for; refused when the output they
    declare is larger than the server takes."""
    form = await request.form(max_files=3, max_fields=len(UploadForm.model_fields))
    try:
        paths = {field: await _save_raster(form, field, folder) for field in RASTER_FIELDS}
        await asyncio.to_thread(_check_rasters, paths["depth"], paths["dem"], settings.max_output_cells)
        method = str(form.get("method") or MODEL_METHOD)
        if method not in METHODS:
            raise BadUploadError(f"Unknown method {method!r}; use one of {', '.join(METHODS)}.")
        obstructions, obstructions_layer = await _obstructions(form, folder)
        model = await _model(form, method, resolver)
        return SceneSpec(
            depth_path=str(paths["depth"]),
            dem_path=str(paths["dem"]),
            output_path=str(folder / OUTPUT_NAME),
            method=method,
            model_path=str(model.path) if model else "",
            model_name=model.name if model else "",
            threads=settings.threads_per_job,
            min_depth=_number(form.get("min_depth"), "min_depth"),
            connected_only=_flag(form.get("connected_only"), "connected_only"),
            obstructions_path=obstructions,
            obstructions_layer=obstructions_layer,
        )
    finally:
        await form.close()


async def _save_raster(form: FormData, field: str, folder: Path) -> Path:
    upload = form.get(field)
    if upload is None or isinstance(upload, str):
        raise BadUploadError(f"The form needs a '{field}' file (a GeoTIFF), sent as multipart/form-data.")
    path = folder / f"{field}.tif"
    await _save(upload, path)
    return path


async def _save(upload: Any, path: Path) -> None:
    with path.open("wb") as stream:
        await asyncio.to_thread(shutil.copyfileobj, upload.file, stream, COPY_CHUNK_BYTES)


async def _model(form: FormData, method: str, resolver: ModelResolver) -> Optional[ResolvedModel]:
    """The model a 'model' job runs (the form's, else the default); None for a classic method."""
    if method != MODEL_METHOD:
        return None
    try:
        return await asyncio.to_thread(resolver.resolve, str(form.get("model") or resolver.default_model))
    except FloodSRError as failure:
        raise BadUploadError(str(failure)) from None


async def _obstructions(form: FormData, folder: Path) -> Tuple[str, str]:
    """The optional obstructions file saved into `folder`, and the layer to use: named in `obstructions_layer`, or
    the only one; ("", "") when none was sent."""
    layer = form.get("obstructions_layer") or ""
    if not isinstance(layer, str):
        raise BadUploadError("The form field 'obstructions_layer' must be text: the name of a layer of 'obstructions'.")
    path = await _save_obstructions(form.get("obstructions"), folder)
    if layer and not path:
        raise BadUploadError("The form field 'obstructions_layer' names a layer, but no 'obstructions' file was sent.")
    if path:
        await asyncio.to_thread(_check_obstructions_layer, path, layer)
    return path, layer


def _check_obstructions_layer(path: str, layer: str) -> None:
    """The engine's rule, as batch applies it: a named layer the file has, or the file's only layer."""
    try:
        check_obstructions_layer(path, layer, Message("in the form field 'obstructions_layer'"))
    except FloodSRError as refusal:
        raise BadUploadError(str(refusal).replace(path, UPLOADED_OBSTRUCTIONS)) from None


async def _save_obstructions(upload: Any, folder: Path) -> str:
    """The optional `obstructions` file, saved into `folder`; "" when none was sent. GeoPackages only, told by
    GDAL's driver from the content: other vector formats may name further files, or URLs, that GDAL would open."""
    if upload is None or upload == "":
        return ""
    if isinstance(upload, str):
        raise BadUploadError("The form field 'obstructions' must be a file: a GeoPackage of polygons.")
    path = folder / "obstructions.gpkg"
    await _save(upload, path)
    if await asyncio.to_thread(vector_format, str(path)) != GEOPACKAGE:
        raise BadUploadError(
            "The uploaded 'obstructions' is not a GeoPackage; send the polygons as a GeoPackage (.gpkg) file."
        )
    return str(path)


def _number(value: Any, name: str) -> float:
    """A form field holding a number; 0 when absent. Out of range is the engine's to refuse, in its own words."""
    if value in (None, ""):
        return 0.0
    try:
        return float(str(value))
    except ValueError:
        raise BadUploadError(f"The form field '{name}' must be a number.") from None


def _flag(value: Any, name: str) -> bool:
    if value in (None, "", "false"):
        return False
    if value == "true":
        return True
    raise BadUploadError(f"The form field '{name}' must be true or false.")


def _check_rasters(depth: Path, dem: Path, max_cells: int) -> None:
    """GeoTIFFs only: GDAL would open a virtual raster by its content, and one can point at any file or URL the
    server reaches. Then the size of the job they declare."""
    for field, path in (("depth", depth), ("dem", dem)):
        found = other_format(str(path))
        if found:
            raise BadUploadError(
                f"The uploaded '{field}' is a {found} file, not a GeoTIFF; send each raster as a GeoTIFF."
            )
    _check_size(DEM_TOO_LARGE, raster_size(str(dem)), max_cells)
    _check_size(OUTPUT_TOO_LARGE, output_size(str(depth), str(dem)), max_cells)


def _check_size(message: str, size: Optional[Tuple[int, int]], max_cells: int) -> None:
    """Refuse a grid of (columns, rows) over `max_cells`; None (not a georeferenced raster) is the engine's to tell."""
    if size is not None and size[0] * size[1] > max_cells:
        details: Dict[str, int] = {"cells": size[0] * size[1], "columns": size[0], "rows": size[1], "limit": max_cells}
        raise OutputTooLargeError(message.format(**details))
