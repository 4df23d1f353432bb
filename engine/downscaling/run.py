"""Run a classic downscaler: coarse depth or WSE + fine DEM -> fine depth GeoTIFF on the DEM's grid."""

import json
import time
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
from osgeo import gdal

from ..errors import FloodSRError, InputError
from ..messages import Message
from ..options import DEPTH_INPUT, DOWNSCALE_INPUT_TYPES, WSE_INPUT
from ..progress import Progress
from ..rasters.bands import RasterBand, as_nan, gdal_errors_as_exceptions, value_range, warped_vrt
from ..rasters.depth_output import DepthRowSink
from ..rasters.grid import Grid
from ..rasters.inputs import FloodInputs, check_depth_values, open_flood_inputs, raise_no_valid_cells
from ..rasters.writer import GeoTiffWriter, check_output_path
from ..version import plugin_version
from .methods import COSTGROW_CAP_COARSE_CELLS, METHODS, FineFields, cost_grow, depth_of

# Peak memory per fine cell of costgrow, measured at 10240^2 (docs/benchmarks.md: 5.1 GB); the other methods
# hold fewer whole arrays, so it bounds them too.
BYTES_PER_FINE_CELL = 50


@dataclass
class DownscaleRequest:
    coarse_path: str
    dem_path: str
    output_path: str
    method: str = "costgrow"
    input_type: str = DEPTH_INPUT
    coarse_band: int = 1
    dem_band: int = 1
    costgrow_cap: float = COSTGROW_CAP_COARSE_CELLS
    compression: str = "DEFLATE"


@dataclass
class DownscaleResult:
    output_path: str
    seconds: float
    output_size: tuple
    max_depth_found: float
    wet_fraction: float
    notes: List[Message] = field(default_factory=list)


def downscale(request: DownscaleRequest, progress: Optional[Progress] = None) -> DownscaleResult:
    progress = progress or Progress()
    started = time.perf_counter()
    if request.method not in METHODS:
        raise FloodSRError(
            "Unknown method {method!r}; use one of {choices}.", method=request.method, choices=", ".join(METHODS)
        )
    if request.input_type not in DOWNSCALE_INPUT_TYPES:
        raise FloodSRError("Unknown input type {input_type!r}; use 'depth' or 'wse'.", input_type=request.input_type)
    with gdal_errors_as_exceptions():
        output_path = check_output_path(request.output_path, [request.coarse_path, request.dem_path])
        role = Message("depth") if request.input_type == DEPTH_INPUT else Message("water-surface elevation")
        inputs = open_flood_inputs(request.coarse_path, request.coarse_band, request.dem_path, request.dem_band, role)
        _check_coarse_values(inputs, request.input_type)
        _check_memory(request.method, inputs.output_grid)
        for note in inputs.notes:
            progress.log(note)
        fields = fine_fields(inputs, coarse_wse(inputs, request.input_type))
        progress.log(
            Message(
                "{method}: {width} x {height} coarse cells -> {fine_width} x {fine_height} fine cells (x{factor:.4g}).",
                method=request.method,
                width=inputs.coarse_grid.width,
                height=inputs.coarse_grid.height,
                fine_width=inputs.output_grid.width,
                fine_height=inputs.output_grid.height,
                factor=fields.downscale,
            )
        )
        progress.report(0.2)
        progress.check_cancel()
        wse, wet = _apply(request, fields)
        depth = depth_of(wse, fields.dem, wet)
        del wse, wet, fields
        progress.report(0.8)
        progress.check_cancel()
        with GeoTiffWriter(
            output_path, inputs.output_grid, request.compression, description="Flood depth (m)", tags=_tags(request)
        ) as writer:
            rows = DepthRowSink(writer, inputs.dem_on_output, lambda values: values)
            rows.push_array(depth)
            rows.finish()
    progress.report(1.0)
    return DownscaleResult(
        str(output_path),
        time.perf_counter() - started,
        (inputs.output_grid.width, inputs.output_grid.height),
        rows.maximum,
        rows.wet_fraction,
        inputs.notes,
    )


def _check_memory(method: str, grid: Grid) -> None:
    """The methods hold whole fine rasters in memory: refuse, with the estimate, a run that cannot fit in the memory
    available now rather than let the system kill QGIS halfway (see docs/benchmarks.md for the measured figures)."""
    needed = grid.width * grid.height * BYTES_PER_FINE_CELL
    available = available_memory()
    if available is not None and needed > available:
        raise InputError(
            "{method} on {width} x {height} cells needs about {needed:.3g} GB of memory but {available:.3g} GB is "
            "available. Split the DEM into tiles (e.g. with floodsr:batch), use a coarser DEM, or free memory.",
            method=method,
            width=grid.width,
            height=grid.height,
            needed=needed / 1e9,
            available=available / 1e9,
        )


def available_memory() -> Optional[int]:
    """Bytes the system can give without swapping (Linux's MemAvailable); None where it cannot be read."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _apply(request: DownscaleRequest, fields: FineFields):
    if request.method == "costgrow":
        return cost_grow(fields, request.costgrow_cap)
    return METHODS[request.method](fields)


def _check_coarse_values(inputs: FloodInputs, input_type: str) -> None:
    if input_type == DEPTH_INPUT:
        check_depth_values(inputs.coarse)
    elif value_range(inputs.coarse.dataset, inputs.coarse.index) is None:
        raise_no_valid_cells(inputs.coarse)


def coarse_wse(inputs: FloodInputs, input_type: str) -> np.ndarray:
    """Coarse water-surface elevation, NaN where dry; depth becomes depth + the DEM's mean over the cell."""
    coarse = inputs.coarse
    values = as_nan(coarse.band.ReadAsArray().astype(np.float32), coarse.nodata)
    if input_type == WSE_INPUT:
        return values
    mean_dem = warped_vrt(inputs.dem, coarse.grid, "average").read_rows(0, coarse.grid.height)
    with np.errstate(invalid="ignore"):
        return np.where(values > 0, values + mean_dem, np.nan).astype(np.float32)


def fine_fields(inputs: FloodInputs, wse: np.ndarray) -> FineFields:
    lr, fine = inputs.coarse_grid, inputs.output_grid
    wse_raster = _in_memory(wse, lr)
    return FineFields(
        dem=inputs.dem_on_output.read_rows(0, fine.height),
        wse_linear=warped_vrt(wse_raster, fine, "bilinear").read_rows(0, fine.height),
        wse_nearest=warped_vrt(wse_raster, fine, "near").read_rows(0, fine.height),
        coarse_wse=wse,
        coarse_col=(fine.x0 + (np.arange(fine.width) + 0.5) * fine.dx - lr.x0) / lr.dx,
        coarse_row=(lr.y0 - (fine.y0 - (np.arange(fine.height) + 0.5) * fine.dy)) / lr.dy,
        downscale=lr.dx / fine.dx,
    )


def _in_memory(values: np.ndarray, grid: Grid) -> RasterBand:
    dataset = gdal.GetDriverByName("MEM").Create("", grid.width, grid.height, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform(grid.geotransform)
    dataset.SetProjection(grid.crs_wkt)
    band = dataset.GetRasterBand(1)
    band.SetNoDataValue(float("nan"))
    band.WriteArray(values)
    return RasterBand("coarse WSE", "memory", dataset, 1, grid)


def _tags(request: DownscaleRequest) -> dict:
    parameters = {
        "method": request.method,
        "input_type": request.input_type,
        "coarse_band": request.coarse_band,
        "dem_band": request.dem_band,
    }
    if request.method == "costgrow":
        parameters["costgrow_cap_coarse_cells"] = request.costgrow_cap
    return {
        "FLOODSR_METHOD": request.method,
        "FLOODSR_ENGINE_VERSION": plugin_version(),
        "FLOODSR_PARAMETERS": json.dumps(parameters, sort_keys=True),
    }
