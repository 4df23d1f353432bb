"""Downscale a coarse flood (depth or WSE) onto a fine DEM: the subgrid methods (streamed) or a classic one."""

import contextlib
import json
import time
from dataclasses import dataclass, field, replace
from functools import partial
from typing import List, Optional, Tuple

import numpy as np
from osgeo import gdal

from ..errors import InputError
from ..memory import require_memory
from ..messages import Message
from ..options import (
    DEPTH_CONVENTIONS,
    DEPTH_INPUT,
    DOWNSCALE_INPUT_TYPES,
    DOWNSCALE_METHODS,
    MEAN_GROUND_CONVENTION,
    SUBGRID_METHODS,
    SUBGRID_SMOOTH,
    VOLUME_CONVENTION,
    WSE_INPUT,
)
from ..progress import Progress
from ..rasters.bands import RasterBand, gdal_errors_as_exceptions, value_range, warped_vrt
from ..rasters.depth_finish import DepthFinish, WseOutput, check_min_depth, min_depth_tags, wse_writer
from ..rasters.depth_output import DepthRowSink, depth_band_name
from ..rasters.grid import Grid
from ..rasters.inputs import (
    FloodInputs,
    FloodSources,
    check_depth_values,
    check_elevations,
    open_flood_inputs,
    raise_no_valid_cells,
)
from ..rasters.storage import INPUTS_TAG, StoragePath, content_state, inputs_fingerprint
from ..rasters.tags import ENGINE_VERSION_TAG, METHOD_TAG, PARAMETERS_TAG
from ..rasters.window import cropped_rows
from ..rasters.writer import BandInfo, GeoTiffWriter, RasterFormat, check_output_path, scratch_path_for
from ..version import plugin_version
from .connectivity import ConnectedRows
from .methods import (
    COSTGROW_CAP_COARSE_CELLS,
    COSTGROW_ROWS_PER_STRIP,
    METHODS,
    CostGrowStrips,
    FieldRows,
    FineFields,
    buffer_grow_loop,
    cost_grow,
    cost_grow_halo,
    cost_grow_streamed,
    depth_of,
)
from .obstructions import ObstructedRows, obstruction_rows
from .stages import RowStage
from .streaming import (
    FINE_ROWS_PER_BLOCK,
    BlockSource,
    RowCache,
    cell_layout,
    coarse_rows,
    dem_rows,
    stream_coarse,
    stream_fine_depth,
)
from .subgrid import (
    SMOOTHING_PASSES,
    CellLayout,
    cell_mean,
    depth_of_levels,
    subgrid_depth,
    subgrid_smooth_depth,
    water_levels,
)
from .window import RunArea, whole_area, window_area

# The classic methods hold several whole fine-grid arrays at once (DEM, WSE fields, masks, distances, labels):
# about 50 bytes per output cell for costgrow, the largest; a capped costgrow holds them for one strip of rows with
# its halo. The subgrid methods hold one block row of fine cells (with its halo) in a few float64 working arrays:
# memory follows the raster's width only.
WORKING_BYTES_PER_FINE_CELL = 50
SUBGRID_WORKING_BYTES_PER_BLOCK_CELL = 80


@dataclass
class DownscaleRequest:
    coarse_path: str
    dem_path: str
    output_path: str
    method: str = SUBGRID_SMOOTH
    input_type: str = DEPTH_INPUT
    coarse_band: int = 1
    dem_band: int = 1
    costgrow_cap: float = COSTGROW_CAP_COARSE_CELLS
    compression: str = "DEFLATE"
    depth_convention: str = VOLUME_CONVENTION
    # A preview: (xmin, ymin, xmax, ymax) in the DEM's CRS (the output's); only the coarse cells it touches are written
    # (see window.py for what equals a full run).
    window: Optional[Tuple[float, float, float, float]] = None
    min_depth: float = 0.0  # m: shallower fine cells become dry
    wse_path: str = ""  # optional: the water-surface elevation (DEM + depth where wet) on the same grid
    # Optional polygons where water cannot stand (a vector source GDAL reads, and its layer; the first when empty)
    obstructions_path: str = ""
    obstructions_layer: str = ""
    connected_only: bool = False  # dry the fine wet cells no coarse cell's main water body reaches


@dataclass(frozen=True)
class _Run:
    """One run's fixed parts, which the method and the stages after it share: the request, its inputs, where the
    fine rows fall among the coarse cells, the output file and the progress."""

    request: DownscaleRequest
    inputs: FloodInputs
    layout: CellLayout
    output_path: StoragePath
    progress: Progress


@dataclass
class DownscaleResult:
    output_path: str
    seconds: float
    output_size: Tuple[int, int]
    max_depth_found: float
    wet_fraction: float
    notes: List[Message] = field(default_factory=list)


def downscale(request: DownscaleRequest, progress: Optional[Progress] = None) -> DownscaleResult:
    """Downscale a coarse water depth or water-surface elevation (m) onto a fine DEM with a subgrid or classic method.

    Writes request.output_path: a float32 GeoTIFF of water depth in metres on the DEM's cells over the coarse
    raster's extent, nodata (-9999) where the DEM has none, 0 under request.min_depth; costgrow_cap is in coarse
    cells. With request.wse_path, the water-surface elevation beside it (nodata where dry). Returns the output
    path, the run time (s), the output size (width, height in cells), the maximum depth written (m), the wet
    fraction of valid cells and the notes logged about the inputs.

    Raises InputError for unusable rasters or options, OutputError for an output that cannot be written, and
    CancelledError when `progress` asks to stop. On any error nothing is left at the output path.
    """
    progress = progress or Progress()
    started = time.perf_counter()
    _check_request(request)
    with gdal_errors_as_exceptions():
        read = [request.coarse_path, request.dem_path]
        output_path = check_output_path(request.output_path, read)
        role = Message("depth") if request.input_type == DEPTH_INPUT else Message("water-surface elevation")
        sources = FloodSources(request.coarse_path, request.coarse_band, request.dem_path, request.dem_band)
        whole = open_flood_inputs(sources, role, progress.check_cancel)
        area = (
            whole_area(whole)
            if request.window is None
            else window_area(whole, request.window, request.method, request.costgrow_cap)
        )
        if request.method in SUBGRID_METHODS or _streams_cost_grow(request):
            area = _dem_read_once(area)
        inputs = area.inputs
        require_memory(
            _working_bytes(request, inputs),
            Message(
                "Downscaling onto {width} x {height} cells",
                width=inputs.output_grid.width,
                height=inputs.output_grid.height,
            ),
        )
        _check_coarse_values(whole, request.input_type, progress.check_cancel)
        for note in inputs.notes:
            progress.log(note)
        run = _Run(request, inputs, cell_layout(inputs.coarse_grid, inputs.output_grid), output_path, progress)
        _log_setup(request, inputs, progress)
        with contextlib.ExitStack() as outputs:
            writer = outputs.enter_context(
                GeoTiffWriter(
                    output_path,
                    area.output_grid,
                    RasterFormat(request.compression),
                    bands=[BandInfo(depth_band_name(progress.translate))],
                    tags=_tags(request),
                )
            )
            wse_output = WseOutput(request.wse_path, area.output_grid, request.compression, _tags(request))
            wse = wse_writer(outputs, wse_output, read + [str(output_path)], progress.translate)
            rows = DepthRowSink(writer, area.dem_on_output, lambda values: values, DepthFinish(request.min_depth, wse))
            write = cropped_rows(rows.push, *area.offset, area.output_grid.height, area.output_grid.width)
            # the method's rows go off the obstructions, then through connectivity, then to the file
            with _connected(run, write) as write, _obstructed(run, write) as write:
                if request.method in SUBGRID_METHODS:
                    _stream_subgrid(run, write)
                elif _streams_cost_grow(request):
                    _stream_cost_grow(run, write)
                else:
                    write(_classic_depth(run))
            rows.finish()
    progress.report(1.0)
    return DownscaleResult(
        output_path=str(output_path),
        seconds=time.perf_counter() - started,
        output_size=(area.output_grid.width, area.output_grid.height),
        max_depth_found=rows.maximum,
        wet_fraction=rows.wet_fraction,
        notes=inputs.notes,
    )


@contextlib.contextmanager
def _obstructed(run: _Run, write):
    """`write` itself, or with obstructions, a writer that moves the water off them first (see obstructions.py)."""
    request = run.request
    if not request.obstructions_path:
        yield write
        return
    scratch = scratch_path_for(run.output_path, "obstructions")
    grid = run.inputs.output_grid
    with obstruction_rows(request.obstructions_path, request.obstructions_layer, grid, scratch) as obstructed:
        stage = RowStage(_depth_of(write), run.layout, run.progress)
        rows = ObstructedRows(stage, dem_rows(run.inputs.dem_on_output), obstructed, grid.dx * grid.dy)
        yield _depth_into(rows)
        rows.finish()


@contextlib.contextmanager
def _connected(run: _Run, write):
    """`write` itself, or with connectivity, a writer that dries the unreachable cells first (connectivity.py)."""
    if not run.request.connected_only:
        yield write
        return
    scratch = scratch_path_for(run.output_path, "connectivity")
    stage = RowStage(_depth_of(write), run.layout, run.progress)
    with ConnectedRows(stage, run.inputs.output_grid, scratch) as rows:
        yield _depth_into(rows)
        rows.finish()


def _depth_into(stage):
    """A writer of depth rows into a stage that takes layers."""
    return lambda depth: stage.push({DEPTH_INPUT: depth})


def _depth_of(write):
    """A stage's output (layers) as depth rows to `write`."""
    return lambda released: write(released[DEPTH_INPUT])


def _dem_read_once(area: RunArea) -> RunArea:
    """The run's DEM rows cached as they stream (see RowCache), for the method and the output's void mask alike."""
    source = area.inputs.dem
    cache = RowCache(area.inputs.dem_on_output, source.band.GetBlockSize()[1])
    inputs = replace(area.inputs, dem_on_output=cache)
    shared = area.dem_on_output is area.inputs.dem_on_output
    return replace(area, inputs=inputs, dem_on_output=cache if shared else area.dem_on_output)


def _working_bytes(request: DownscaleRequest, inputs: FloodInputs) -> int:
    output = inputs.output_grid
    if request.method in SUBGRID_METHODS:
        return SUBGRID_WORKING_BYTES_PER_BLOCK_CELL * output.width * min(output.height, FINE_ROWS_PER_BLOCK)
    rows = output.height
    if _streams_cost_grow(request):
        halo = cost_grow_halo(request.costgrow_cap, inputs.coarse_grid.dx / output.dx)
        rows = min(rows, COSTGROW_ROWS_PER_STRIP + 2 * halo)
    return WORKING_BYTES_PER_FINE_CELL * output.width * rows


def _streams_cost_grow(request: DownscaleRequest) -> bool:
    """A capped costgrow runs strip by strip; without a cap, growth reaches anywhere and needs the whole raster."""
    return request.method == "costgrow" and request.costgrow_cap > 0


def _check_request(request: DownscaleRequest) -> None:
    if request.method not in DOWNSCALE_METHODS:
        raise InputError(
            "Unknown method {method!r}; use one of {choices}.",
            method=request.method,
            choices=", ".join(DOWNSCALE_METHODS),
        )
    if request.input_type not in DOWNSCALE_INPUT_TYPES:
        raise InputError("Unknown input type {input_type!r}; use 'depth' or 'wse'.", input_type=request.input_type)
    check_min_depth(request.min_depth)
    if request.depth_convention not in DEPTH_CONVENTIONS:
        raise InputError(
            "Unknown depth convention {convention!r}; use one of {choices}.",
            convention=request.depth_convention,
            choices=", ".join(DEPTH_CONVENTIONS),
        )


def _log_setup(request: DownscaleRequest, inputs: FloodInputs, progress: Progress) -> None:
    lr, fine = inputs.coarse_grid, inputs.output_grid
    progress.log(
        Message(
            "{method}: {width} x {height} coarse cells -> {fine_width} x {fine_height} fine cells (x{factor:.4g}).",
            method=request.method,
            width=lr.width,
            height=lr.height,
            fine_width=fine.width,
            fine_height=fine.height,
            factor=lr.dx / fine.dx,
        )
    )
    if request.input_type == DEPTH_INPUT and request.depth_convention == VOLUME_CONVENTION:
        progress.log(Message("Coarse depth read as each coarse cell's average depth (water volume / cell area)."))
    elif request.input_type == DEPTH_INPUT:
        progress.log(Message("Coarse depth read as a depth over each coarse cell's mean ground."))


def _stream_subgrid(run: _Run, write) -> None:
    """Fine depth rows from a subgrid method, block row by block row."""
    request, inputs = run.request, run.inputs
    smooth = request.method == SUBGRID_SMOOTH
    method = partial(subgrid_smooth_depth, passes=SMOOTHING_PASSES) if smooth else subgrid_depth
    as_depth = partial(cell_average_depth, input_type=request.input_type, convention=request.depth_convention)

    def window(coarse: np.ndarray, dem: np.ndarray, window_layout: CellLayout) -> np.ndarray:
        return method(as_depth(coarse, dem, window_layout), dem, window_layout)

    halo = SMOOTHING_PASSES if smooth else 0
    source = BlockSource(run.layout, coarse_rows(inputs.coarse), dem_rows(inputs.dem_on_output))
    stream_fine_depth(window, halo, source, write, run.progress)


def _stream_cost_grow(run: _Run, write) -> None:
    """Fine depth rows from a capped costgrow, strip by strip (two passes: see cost_grow_streamed)."""
    inputs, progress = run.inputs, run.progress
    read_fields = field_rows(inputs, run.layout, coarse_wse(run.request, inputs, run.layout, progress))
    height = inputs.output_grid.height
    written = 0

    def write_and_report(depth: np.ndarray) -> None:
        nonlocal written
        write(depth)
        written += len(depth)
        progress.report(0.5 + 0.5 * written / height)

    downscale = inputs.coarse_grid.dx / inputs.output_grid.dx
    strips = CostGrowStrips(read_fields, height, downscale, run.request.costgrow_cap)
    cost_grow_streamed(strips, write_and_report, progress.check_cancel)


def cell_average_depth(
    coarse: np.ndarray, dem: np.ndarray, layout: CellLayout, input_type: str, convention: str
) -> np.ndarray:
    """The coarse values as cell-average depth (m): a water surface (or a depth over the cell's mean ground)
    becomes the volume its flat level holds over the fine DEM."""
    if input_type == WSE_INPUT:
        return depth_of_levels(coarse, dem, layout)
    if convention == MEAN_GROUND_CONVENTION:
        with np.errstate(invalid="ignore"):
            return depth_of_levels(np.where(coarse > 0, coarse + cell_mean(dem, dem, layout), np.nan), dem, layout)
    return coarse


def _classic_depth(run: _Run) -> np.ndarray:
    progress = run.progress
    fields = fine_fields(run.inputs, run.layout, coarse_wse(run.request, run.inputs, run.layout, progress))
    progress.report(0.2)
    progress.check_cancel()
    wse, wet = _apply(run.request, fields, progress)
    depth = depth_of(wse, fields.dem, wet)
    progress.report(0.8)
    progress.check_cancel()
    return depth


def _apply(request: DownscaleRequest, fields: FineFields, progress: Progress):
    if request.method == "costgrow":
        return cost_grow(fields, request.costgrow_cap)
    if request.method == "buffergrowloop":
        return buffer_grow_loop(fields, progress.check_cancel)
    return METHODS[request.method](fields)


def _check_coarse_values(inputs: FloodInputs, input_type: str, cancel) -> None:
    if input_type == DEPTH_INPUT:
        check_depth_values(inputs.coarse, cancel)
        return
    span = value_range(inputs.coarse, cancel)
    if span is None:
        raise_no_valid_cells(inputs.coarse)
    check_elevations(*span, inputs.coarse.role, inputs.coarse.path)


def coarse_wse(request: DownscaleRequest, inputs: FloodInputs, layout: CellLayout, progress: Progress) -> np.ndarray:
    """Coarse water-surface elevation, NaN where dry. Depth becomes the level that holds the cell's volume over
    the fine DEM, or, by the mean-ground convention, depth + the DEM's mean over the cell."""
    coarse = inputs.coarse
    if request.input_type == DEPTH_INPUT and request.depth_convention == VOLUME_CONVENTION:
        source = BlockSource(layout, coarse_rows(coarse), dem_rows(inputs.dem_on_output))
        levels = stream_coarse(water_levels, source, progress)
        return levels.astype(np.float32)
    values = coarse_rows(coarse)(0, coarse.grid.height)
    if request.input_type == WSE_INPUT:
        return values
    mean_dem = warped_vrt(inputs.dem, coarse.grid, "average").read_rows(0, coarse.grid.height)
    with np.errstate(invalid="ignore"):
        return np.where(values > 0, values + mean_dem, np.nan).astype(np.float32)


def fine_fields(inputs: FloodInputs, layout: CellLayout, wse: np.ndarray) -> FineFields:
    return field_rows(inputs, layout, wse)(0, inputs.output_grid.height)


def field_rows(inputs: FloodInputs, layout: CellLayout, wse: np.ndarray) -> FieldRows:
    """The fine fields of any rows of the output grid, GDAL's cache freed after each read."""
    lr, fine = inputs.coarse_grid, inputs.output_grid
    wse_raster = _in_memory(wse, lr)
    linear, nearest = warped_vrt(wse_raster, fine, "bilinear"), warped_vrt(wse_raster, fine, "near")
    read_dem = dem_rows(inputs.dem_on_output)

    def read(row0: int, rows: int) -> FineFields:
        fields = FineFields(
            dem=read_dem(row0, rows),
            wse_linear=linear.read_rows(row0, rows),
            wse_nearest=nearest.read_rows(row0, rows),
            coarse_wse=wse,
            coarse_col=layout.col_positions,
            coarse_row=layout.row_positions[row0 : row0 + rows],
            downscale=lr.dx / fine.dx,
        )
        linear.drop_cached_blocks()
        nearest.drop_cached_blocks()
        return fields

    return read


def _in_memory(values: np.ndarray, grid: Grid) -> RasterBand:
    dataset = gdal.GetDriverByName("MEM").Create("", grid.width, grid.height, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform(grid.geotransform)
    dataset.SetProjection(grid.crs_wkt)
    band = dataset.GetRasterBand(1)
    band.SetNoDataValue(float("nan"))
    band.WriteArray(values)
    return RasterBand(Message("coarse water-surface elevation"), "memory", dataset, 1, grid)


def _tags(request: DownscaleRequest) -> dict:
    parameters = {
        "method": request.method,
        "input_type": request.input_type,
        "coarse_band": request.coarse_band,
        "dem_band": request.dem_band,
    }
    if request.input_type == DEPTH_INPUT:
        parameters["depth_convention"] = request.depth_convention
    if request.method == "costgrow":
        parameters["costgrow_cap_coarse_cells"] = request.costgrow_cap
    parameters["min_depth"] = request.min_depth
    parameters["obstructions"] = content_state(request.obstructions_path) if request.obstructions_path else ""
    if request.obstructions_layer:  # only when named: outputs made before the layer was recorded keep theirs
        parameters["obstructions_layer"] = request.obstructions_layer
    parameters["connected_only"] = request.connected_only
    return {
        METHOD_TAG: request.method,
        ENGINE_VERSION_TAG: plugin_version(),
        PARAMETERS_TAG: json.dumps(parameters, sort_keys=True),
        **min_depth_tags(request.min_depth),
        INPUTS_TAG: inputs_fingerprint(request.coarse_path, request.dem_path),
    }
