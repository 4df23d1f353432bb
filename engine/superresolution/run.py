"""The streaming super-resolution loop: read a band of tiles, run the model, blend, write finished rows."""

import json
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePath
from typing import Callable, List, Optional, Tuple

import numpy as np
from scipy import ndimage

from ..errors import InputError
from ..memory import FLOAT32_BYTES, require_memory
from ..messages import Message, Plural
from ..models.checksums import sha256_of_unchanged_file
from ..options import BLEND_LABELS, BLEND_MODES, FEATHER
from ..progress import Progress
from ..rasters.bands import VirtualRaster, as_nan, gdal_errors_as_exceptions, open_band, warped_vrt
from ..rasters.depth_output import DepthRowSink, depth_band_name
from ..rasters.inputs import InferenceInputs, prepare_inputs
from ..rasters.window import cropped_rows
from ..rasters.writer import BLOCK, GeoTiffWriter, check_output_path, scratch_path_for
from ..version import plugin_version
from .blend import StripAccumulator
from .contract import DEFAULT_OVERLAP_LR, ModelContract
from .feeds import model_inputs, output_in_metres
from .normalise import finalise_depth
from .session import ModelSession, require_finite
from .tiles import TilePlan, plan_axis
from .volume import output_rows
from .window import window_inputs


@dataclass
class SuperResolveRequest:
    depth_path: str
    dem_path: str
    model_path: str
    output_path: str
    depth_band: int = 1
    dem_band: int = 1
    overlap_lr: int = DEFAULT_OVERLAP_LR
    blend: str = FEATHER
    max_depth: Optional[float] = None
    dem_clip: Optional[float] = None
    device: str = "auto"
    compression: str = "DEFLATE"
    cog: bool = False
    threads: int = 0
    model_name: str = ""
    conserve_volume: bool = False
    # A preview: (xmin, ymin, xmax, ymax) in the depth raster's CRS; only the coarse cells it touches are written.
    window: Optional[Tuple[float, float, float, float]] = None


@dataclass
class SuperResolveResult:
    output_path: str
    device_used: str
    tiles: int
    seconds: float
    session_seconds: float
    model_size: Tuple[int, int]
    output_size: Tuple[int, int]
    max_depth_found: float
    wet_fraction: float
    notes: List[Message] = field(default_factory=list)


def superresolve(request: SuperResolveRequest, progress: Optional[Progress] = None) -> SuperResolveResult:
    """Turn a coarse water depth (m) into a fine one on the DEM's grid with a FloodSR ONNX model.

    Writes request.output_path: a float32 GeoTIFF of water depth in metres on the DEM's cells over the depth
    raster's extent (in the depth raster's CRS), clipped to [0, max depth], 0 under 1 mm, nodata (-9999) where
    the DEM has none. Returns the output path, the execution provider used, the tile count, the run time and the
    time spent in the model (s), the model and output grid sizes (width, height in cells), the maximum depth
    written (m), the wet fraction of valid cells and the notes logged about the inputs.

    Raises InputError for unusable rasters or options, ModelError for a model that is missing, corrupt or not
    made for FloodSR, OutputError for an output that cannot be written, and CancelledError when `progress`
    asks to stop. On any error nothing is left at the output path.
    """
    progress = progress or Progress()
    started = time.perf_counter()
    with gdal_errors_as_exceptions():
        output_path = check_output_path(request.output_path, [request.depth_path, request.dem_path, request.model_path])
        session = ModelSession(request.model_path, request.device, request.threads)
        contract = session.contract.with_overrides(request.max_depth, request.dem_clip)
        _check_request(request, contract)
        check_size = partial(_require_memory, contract=contract, batch=session.batch_size)
        whole = prepare_inputs(
            request.depth_path,
            request.depth_band,
            request.dem_path,
            request.dem_band,
            contract.scale,
            contract.max_depth,
            progress.check_cancel,
            check_size if request.window is None else lambda inputs: None,
        )
        inputs = whole  # a preview window reads through `whole`, which stays open until the run ends
        if request.window is not None:
            inputs = window_inputs(whole, request.window, contract, request.overlap_lr, request.blend)
            check_size(inputs)
        plan = _plan(inputs, contract, request)
        _log_setup(progress, request, session, inputs, plan)
        tags = _tags(request, contract)
        with GeoTiffWriter(
            output_path,
            inputs.flood.output_grid,
            request.compression,
            request.cog,
            depth_band_name(progress.translate),
            tags,
        ) as writer:
            finalise = partial(finalise_depth, max_depth=contract.max_depth)
            depth_rows = output_rows(writer, inputs.flood, finalise, request.conserve_volume, progress)
            if inputs.resample_output:
                _predict_then_resample(
                    session, contract, inputs, plan, depth_rows, progress, output_path, request.compression
                )
            else:
                progress.stage(0, 1, Message("Super-resolving tiles"))
                predict_model_grid(session, contract, inputs, plan, _output_rows(inputs, depth_rows.push), progress)
            depth_rows.finish()
    seconds = time.perf_counter() - started
    progress.report(1.0)
    return SuperResolveResult(
        output_path=str(output_path),
        device_used=session.device_used,
        tiles=plan.tile_count,
        seconds=seconds,
        session_seconds=session.run_seconds,
        model_size=(inputs.model_grid.width, inputs.model_grid.height),
        output_size=(inputs.flood.output_grid.width, inputs.flood.output_grid.height),
        max_depth_found=depth_rows.maximum,
        wet_fraction=depth_rows.wet_fraction,
        notes=inputs.flood.notes,
    )


def _tags(request: SuperResolveRequest, contract: ModelContract) -> dict:
    parameters = {
        "depth_band": request.depth_band,
        "dem_band": request.dem_band,
        "overlap_lr": request.overlap_lr,
        "blend": request.blend,
        "max_depth": contract.max_depth,
        "dem_pct_clip": contract.dem_pct_clip,
        "scale": contract.scale,
        "lr_tile": contract.lr_tile,
        "hr_tile": contract.hr_tile,
        "conserve_volume": request.conserve_volume,
    }
    return {
        "FLOODSR_MODEL": request.model_name or Path(request.model_path).stem,
        "FLOODSR_MODEL_SHA256": sha256_of_unchanged_file(request.model_path),
        "FLOODSR_ENGINE_VERSION": plugin_version(),
        "FLOODSR_PARAMETERS": json.dumps(parameters, sort_keys=True),
    }


def _log_setup(
    progress: Progress, request: SuperResolveRequest, session: ModelSession, inputs: InferenceInputs, plan: TilePlan
) -> None:
    contract, lr, model, output = (
        session.contract,
        inputs.flood.coarse_grid,
        inputs.model_grid,
        inputs.flood.output_grid,
    )
    progress.log(
        Message(
            "Model {model} on {device} ({lr_tile} -> {hr_tile} px tiles, x{scale}).",
            model=request.model_name or Path(request.model_path).name,
            device=session.device_used,
            lr_tile=contract.lr_tile,
            hr_tile=contract.hr_tile,
            scale=contract.scale,
        )
    )
    progress.log(
        Message(
            "Depth grid {width} x {height} cells of {cell:.4g} m; model grid {model_width} x {model_height} "
            "of {model_cell:.4g} m; output grid {output_width} x {output_height} of {output_cell:.4g} m.",
            width=lr.width,
            height=lr.height,
            cell=lr.dx,
            model_width=model.width,
            model_height=model.height,
            model_cell=model.dx,
            output_width=output.width,
            output_height=output.height,
            output_cell=output.dx,
        )
    )
    progress.log(
        Message(
            "{tiles} ({rows} x {columns}), blend {blend}, overlap {overlap} coarse px.",
            tiles=Plural("%Ln tile(s)", plan.tile_count),
            rows=Plural("%Ln row(s)", len(plan.y.starts)),
            columns=Plural("%Ln column(s)", len(plan.x.starts)),
            blend=BLEND_LABELS[request.blend],
            overlap=request.overlap_lr,
        )
    )
    for note in inputs.flood.notes:
        progress.log(note)


def _check_request(request: SuperResolveRequest, contract: ModelContract) -> None:
    if request.blend not in BLEND_MODES:
        raise InputError(
            "Unknown blend mode {blend!r}; use one of {choices}.", blend=request.blend, choices=", ".join(BLEND_MODES)
        )
    max_overlap = (contract.lr_tile - 1) // 2
    if not 0 <= request.overlap_lr <= max_overlap:
        raise InputError(
            "Overlap {overlap} is out of range: use 0 to {maximum} coarse pixels (default {default}).",
            overlap=request.overlap_lr,
            maximum=max_overlap,
            default=DEFAULT_OVERLAP_LR,
        )
    if not contract.max_depth > 0:
        raise InputError("Maximum depth must be above 0 m (got {value}).", value=contract.max_depth)
    if not 0 < contract.dem_pct_clip <= 100:
        raise InputError("DEM clip percentile must be in (0, 100] (got {value}).", value=contract.dem_pct_clip)


def _plan(inputs: InferenceInputs, contract: ModelContract, request: SuperResolveRequest) -> TilePlan:
    """Tiles of the model grid; axes smaller than one tile are padded up to one tile."""
    tile, overlap = contract.hr_tile, request.overlap_lr * contract.scale
    grid = inputs.model_grid
    return TilePlan(
        y=plan_axis(max(grid.height, tile), tile, overlap, request.blend),
        x=plan_axis(max(grid.width, tile), tile, overlap, request.blend),
    )


def predict_model_grid(
    session: ModelSession,
    contract: ModelContract,
    inputs: InferenceInputs,
    plan: TilePlan,
    sink: Callable[[np.ndarray], None],
    progress: Progress,
) -> None:
    """Blend tile predictions on the model grid and hand finished rows, in metres, to `sink`.

    One batch is always in the model while this thread reads and prepares the next one and blends and writes
    the previous one: onnxruntime releases the GIL, so the model and the rest overlap. Every GDAL call stays in
    this thread (a GDAL dataset must not be used from two threads at once)."""
    plan_y, plan_x = plan.y, plan.x
    height, width = inputs.model_grid.height, inputs.model_grid.width
    accumulator = StripAccumulator(contract.hr_tile, plan_y.totals, plan_x.totals)
    weights_2d: dict = {}  # tiles share a handful of weight shapes (edge or inner, per axis): build each once
    done = 0

    def blend(batch: _TileBatch, prediction: "Future[np.ndarray]") -> None:
        nonlocal done
        raw = require_finite(
            prediction.result(), [(batch.y0, x0) for _, x0 in batch.tiles], inputs.model_grid, session.model_path
        )
        for (col, x0), tile_metres in zip(batch.tiles, output_in_metres(contract, raw)):
            key = (plan_y.weights[batch.row].tobytes(), plan_x.weights[col].tobytes())
            if key not in weights_2d:
                weights_2d[key] = np.outer(plan_y.weights[batch.row], plan_x.weights[col])
            accumulator.add(tile_metres, x0, weights_2d[key])
        done += len(batch.tiles)
        progress.report(done / plan.tile_count)
        if batch.ends_row:
            next_y0 = plan_y.starts[batch.row + 1] if batch.row + 1 < len(plan_y.starts) else plan_y.size
            finished = accumulator.take(next_y0 - batch.y0)
            sink(finished[: max(0, min(next_y0, height) - batch.y0), :width])
            inputs.dem_on_model.drop_cached_blocks()  # per tile row: neighbouring tiles share the cached blocks

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="floodsr-model") as model:
        in_model = None
        for batch in _tile_batches(session, contract, inputs, plan, progress):
            submitted = (batch, model.submit(session.run, *batch.inputs, is_cancelled=progress.is_cancelled))
            if in_model is not None:
                blend(*in_model)
            in_model = submitted
        if in_model is not None:
            blend(*in_model)


@dataclass(frozen=True)
class _TileBatch:
    row: int
    y0: int
    tiles: list  # (column index, x0) of each tile
    inputs: Tuple[np.ndarray, ...]  # the contract's inputs, [n, h, w, 1] each
    ends_row: bool


def _tile_batches(session: ModelSession, contract: ModelContract, inputs: InferenceInputs, plan: TilePlan, progress):
    """The model's inputs, batch by batch and tile row by tile row, read and prepared for its contract."""
    tile, scale = contract.hr_tile, contract.scale
    height, width = inputs.model_grid.height, inputs.model_grid.width
    for row, y0 in enumerate(plan.y.starts):
        depth = _read_depth(inputs, y0 // scale, contract.lr_tile, plan.x.size // scale)
        batches = list(_batches(list(enumerate(plan.x.starts)), session.batch_size))
        for index, batch in enumerate(batches):
            progress.check_cancel()
            depth_tiles = [depth[:, x0 // scale : x0 // scale + contract.lr_tile] for _, x0 in batch]
            dem_tiles = [_read_dem(inputs.dem_on_model, y0, x0, tile, height, width) for _, x0 in batch]
            yield _TileBatch(row, y0, batch, model_inputs(contract, depth_tiles, dem_tiles), index == len(batches) - 1)


def _require_memory(inputs: InferenceInputs, contract: ModelContract, batch: int) -> None:
    """The working set: the blending strip (a tile high, the model grid wide) and what is taken from it, the
    coarse rows of a tile row, the tiles of one model call with the model's activations, and the output rows."""
    model_width = max(inputs.model_grid.width, contract.hr_tile)
    strip = 3 * contract.hr_tile * model_width
    depth_rows = 2 * contract.lr_tile * inputs.flood.coarse_grid.width
    tiles = 16 * batch * contract.hr_tile**2
    output_rows = 6 * BLOCK * inputs.flood.output_grid.width
    require_memory(
        FLOAT32_BYTES * (strip + depth_rows + tiles + output_rows),
        Message(
            "Super-resolving onto {width} x {height} cells",
            width=inputs.flood.output_grid.width,
            height=inputs.flood.output_grid.height,
        ),
    )


def _output_rows(inputs: InferenceInputs, sink: Callable[[np.ndarray], None]) -> Callable[[np.ndarray], None]:
    """`sink` fed the output's own rows and columns of the model grid's rows (a preview window of them)."""
    if inputs.canvas is None:
        return sink
    return cropped_rows(sink, *inputs.output_offset, inputs.flood.output_grid.height, inputs.flood.output_grid.width)


def _batches(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _read_depth(inputs: InferenceInputs, row0: int, rows: int, padded_width: int) -> np.ndarray:
    """Coarse depth rows in metres; nodata and NaN are dry; padded (mirrored) past small edges."""
    depth = inputs.depth
    available = min(rows, depth.grid.height - row0)
    values = depth.read(0, row0, depth.grid.width, available).astype(np.float32)
    depth.dataset.FlushCache()  # a basin-sized coarse raster must not pile up in GDAL's cache either
    values = np.nan_to_num(as_nan(values, depth.nodata), nan=0.0)
    return _pad_to(values, rows, padded_width)


def _read_dem(dem: VirtualRaster, row0: int, col0: int, tile: int, height: int, width: int) -> np.ndarray:
    """One tile of DEM on the model grid, voids filled from the nearest valid cell (for inference only),
    mirrored past the raster's edge when the raster is smaller than a tile."""
    values = dem.read_window(row0, col0, min(tile, height - row0), min(tile, width - col0))
    voids = np.isnan(values)
    if voids.all():
        values = np.zeros_like(values)
    elif voids.any():
        nearest = ndimage.distance_transform_edt(voids, return_distances=False, return_indices=True)
        values = values[tuple(nearest)]
    return _pad_to(values, tile, tile)


def _pad_to(values: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Mirror (edge included) past the bottom/right edges: the same rule at both resolutions."""
    pad_rows, pad_cols = rows - values.shape[0], cols - values.shape[1]
    if pad_rows == 0 and pad_cols == 0:
        return values
    return np.pad(values, ((0, pad_rows), (0, pad_cols)), mode="symmetric")


def _predict_then_resample(
    session: ModelSession,
    contract: ModelContract,
    inputs: InferenceInputs,
    plan: TilePlan,
    depth_rows: DepthRowSink,
    progress: Progress,
    output_path: PurePath,
    compression: str,
) -> None:
    """Predict onto a scratch raster on the model grid, then resample it onto the output grid."""
    scratch_path = scratch_path_for(output_path, "model-grid")
    model_prediction = None
    try:
        progress.stage(0, 2, Message("Super-resolving tiles on the model grid"))
        with GeoTiffWriter(scratch_path, inputs.model_grid, compression) as scratch:
            predict_model_grid(session, contract, inputs, plan, scratch.append_rows, progress)
        progress.stage(1, 2, Message("Resampling onto the DEM grid"))
        model_prediction = warped_vrt(
            open_band(str(scratch_path), 1, Message("intermediate")), inputs.canvas or inputs.flood.output_grid
        )
        height, width = inputs.flood.output_grid.height, inputs.flood.output_grid.width
        row_offset, col_offset = inputs.output_offset
        for row0 in range(0, height, BLOCK):
            progress.check_cancel()
            depth_rows.push(
                model_prediction.read_window(row_offset + row0, col_offset, min(BLOCK, height - row0), width)
            )
            model_prediction.drop_cached_blocks()
            progress.report(min(row0 + BLOCK, height) / height)
    finally:
        model_prediction = None  # close the scratch raster first: Windows cannot delete an open file
        scratch_path.unlink(missing_ok=True)
