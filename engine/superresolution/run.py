"""The streaming super-resolution loop: read a band of tiles, run the model, blend, write finished rows."""

import contextlib
import json
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, cast

import numpy as np
from scipy import ndimage

from ..downscaling.obstructions import obstruction_rows
from ..downscaling.subgrid import subgrid_smooth_depth
from ..downscaling.window import RunArea
from ..errors import InputError, ModelError
from ..memory import FLOAT32_BYTES, require_memory
from ..messages import LanguageLike, Message, Plural
from ..models.checksums import sha256_of_unchanged_file
from ..options import (
    APPLICABILITY_LAYER,
    AUGMENTATION_VARIANTS,
    BLEND_LABELS,
    BLEND_MODES,
    DEFAULT_MAX_FALLBACK_SHARE,
    DEPTH_LAYER,
    FEATHER,
    FLOAT32,
    INT16_CM,
    OUTPUT_DATA_TYPES,
    SPREAD_LAYER,
)
from ..progress import Progress, StepLog
from ..rasters.bands import (
    RasterBand,
    VirtualRaster,
    as_nan,
    gdal_errors_as_exceptions,
    open_band,
    other_band,
    warped_vrt,
)
from ..rasters.depth_finish import DepthFinish, WseOutput, check_min_depth, min_depth_tags, wse_writer
from ..rasters.depth_output import ProductRows
from ..rasters.grid import Grid
from ..rasters.inputs import FloodSources, InferenceInputs, check_depth_values, prepare_inputs
from ..rasters.product import (
    ENCODINGS,
    FINGERPRINT_TAG,
    INT16_LARGEST_M,
    Layer,
    assemble_product,
    existing_layers,
    fingerprint,
    product_layers,
    product_overviews,
)
from ..rasters.storage import INPUTS_TAG, StoragePath, content_state, inputs_fingerprint
from ..rasters.window import cropped_rows
from ..rasters.writer import BLOCK, GeoTiffWriter, check_output_path, scratch_path_for
from ..version import plugin_version
from .applicability import (
    TrainingRange,
    applicability_summary,
    load_training_range,
    outside_features,
    tile_features,
)
from .augmentation import augmented_runs, mean_and_spread
from .blend import FlagStrip, StripAccumulator
from .contract import DEFAULT_OVERLAP_LR, ModelContract
from .feeds import model_inputs, output_in_metres, output_range
from .guard import GuardedRows, reference_areas
from .normalise import finalise_depth
from .session import ModelSession
from .tile_checks import cells_outside_range, tile_output_problem
from .tiles import TilePlan, plan_axis
from .volume import product_rows
from .window import window_band, window_inputs


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
    depth_bands: Sequence[int] = ()  # several bands (scenarios, time steps) into one product; empty: depth_band
    augmentations: int = 1  # 4 or 8: test-time augmentation, with the spread as a band of its own
    data_type: str = FLOAT32
    max_fallback_share: float = DEFAULT_MAX_FALLBACK_SHARE
    weights_path: str = ""  # optional: the blending weight map on the model grid, for debugging
    conserve_volume: bool = False
    # The model's output everywhere; by default, where the model is outside its training range (its applicability
    # flags), the output is the model-free subgrid_smooth estimate (guard.py).
    raw_model: bool = False
    # Run the model on dry tiles too (their output is not exactly 0 for every model): the reference tool's output,
    # bit for bit. By default a tile whose coarse window holds no water is dry without a model run.
    every_tile: bool = False
    # A preview: (xmin, ymin, xmax, ymax) in the DEM's CRS (the output's); only the coarse cells it touches are
    # written.
    window: Optional[Tuple[float, float, float, float]] = None
    min_depth: float = 0.0  # m: shallower fine cells become dry
    wse_path: str = ""  # optional: the water-surface elevation on the output grid, a band per depth band
    # Optional polygons where water cannot stand (a vector source GDAL reads, and its layer; the first when empty)
    obstructions_path: str = ""
    obstructions_layer: str = ""
    connected_only: bool = False  # dry the fine wet cells no coarse cell's main water body reaches


@dataclass(frozen=True)
class FallbackTile:
    """A tile whose model output was unusable and was replaced by the subgrid estimate."""

    input_band: int
    row: int
    column: int


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
    bands: List[str] = field(default_factory=list)  # the product's layers in band order, e.g. "depth:1"
    added_bands: List[str] = field(default_factory=list)  # those this run computed
    fallback_tiles: List[FallbackTile] = field(default_factory=list)
    outside_share: Optional[float] = None  # share of tiles outside the training range; None without a range
    clipped_share: Optional[float] = None  # share of the model's output values clipped to its range; None: no model
    applicability: Optional[Message] = None  # that share, and why, in a sentence; None without a range
    guarded_share: Optional[float] = None  # share of output cells given the subgrid_smooth estimate by the guard
    dry_tiles: int = 0  # tiles (per depth band) left dry without a model run


@dataclass
class TileWork:
    """What each tile row computes: the layers, the model's augmentations, the training range to check."""

    layers: List[Layer]
    input_bands: Dict[int, RasterBand]  # input band number -> its coarse depth (a preview's crop of it)
    augmentations: int
    training_range: Optional[TrainingRange]
    max_fallback_share: float
    every_tile: bool = False
    dry_tiles: int = 0  # tiles (per depth band) left dry without a model run
    fallback_tiles: List[FallbackTile] = field(default_factory=list)
    outside_tiles: Dict[str, int] = field(default_factory=dict)  # feature -> tiles outside
    checked_tiles: int = 0
    tiles_outside: int = 0
    output_cells: int = 0  # raw model output values of usable tiles, and those outside the range they are clipped to
    clipped_cells: int = 0
    guard_areas: Dict[int, RunArea] = field(default_factory=dict)  # per depth band: where its guard's estimate runs

    @property
    def runs_model(self) -> bool:
        return any(layer.kind in (DEPTH_LAYER, SPREAD_LAYER) for layer in self.layers)

    @property
    def checks_range(self) -> bool:
        return any(layer.kind == APPLICABILITY_LAYER for layer in self.layers)

    def is_dry(self, depth_tile: np.ndarray) -> bool:
        """A tile is dry when its coarse window (overlap included) holds no water: its depth is 0 without the
        model, unless every tile runs."""
        return not self.every_tile and not np.any(depth_tile > 0)


def superresolve(request: SuperResolveRequest, progress: Optional[Progress] = None) -> SuperResolveResult:
    """Turn a coarse water depth (m) into a fine one on the DEM's grid with a FloodSR ONNX model.

    Writes request.output_path: a GeoTIFF of water depth in metres on the DEM's cells over the depth raster's
    extent (a depth raster in another CRS is reprojected onto cells aligned with the DEM's), clipped to
    [0, max depth], 0 under 1 mm, nodata where the DEM has none; one depth band per depth input band, then (with
    test-time augmentation) the spread of each, then (when the model ships its training range) the applicability
    flags of each. An existing product of the same inputs, model and settings keeps its bands and gets only the
    missing ones. With `conserve_volume`, every coarse cell's water is kept in each depth band; with a `window`,
    only the coarse cells it touches are written, equal to the same cells of a full run. The model's output is
    clipped to its range as the contract says (`clipped_share`); tiles where it is not finite get the subgrid
    estimate (`tile_output_problem`); more than `max_fallback_share` of them fail the run.

    Returns the output path, the execution provider used, the tile count, the run time and the time spent in
    the model (s), the model and output grid sizes (width, height in cells), the maximum depth written (m), the
    wet fraction of valid cells, the notes logged about the inputs, the product's bands, the fallback tiles and
    the share of tiles outside the training range.

    Raises InputError for unusable rasters or options, ModelError for a model that is missing, corrupt or not
    made for FloodSR (or too many unusable tiles), OutputError for an output that cannot be written, and
    CancelledError when `progress` asks to stop. On any error nothing is left at the output path, and an
    existing product there is left as it was.
    """
    progress = progress or Progress()
    started = time.perf_counter()
    with gdal_errors_as_exceptions():
        read = [request.depth_path, request.dem_path, request.model_path]
        output_path = check_output_path(request.output_path, read)
        weights_path = (
            check_output_path(request.weights_path, read + [str(output_path)]) if request.weights_path else None
        )
        if request.wse_path:
            check_output_path(request.wse_path, read + [str(output_path), str(weights_path or "")])
        session = ModelSession(request.model_path, request.device, request.threads)
        contract = session.contract.with_overrides(request.max_depth, request.dem_clip)
        _check_request(request, contract)
        band_numbers = list(request.depth_bands) or [request.depth_band]
        training_range = load_training_range(request.model_path)
        layers = product_layers(band_numbers, request.augmentations > 1, training_range is not None)
        check_size = partial(
            _require_memory, contract=contract, batch=session.batch_size, layers=layers, request=request
        )
        whole = prepare_inputs(
            FloodSources(request.depth_path, band_numbers[0], request.dem_path, request.dem_band),
            contract.scale,
            contract.max_depth,
            progress.check_cancel,
            check_size if request.window is None else lambda inputs: None,
        )
        extra_bands = [_depth_band(whole.depth, band, progress) for band in band_numbers[1:]]
        whole_bands = dict(zip(band_numbers, [whole.depth] + extra_bands))
        inputs = whole  # a preview window reads through `whole`, which stays open until the run ends
        if request.window is not None:
            inputs = window_inputs(whole, request.window, contract, request.overlap_lr, request.blend)
            extra_bands = [window_band(band, inputs.depth) for band in extra_bands]
            check_size(inputs)
        input_bands = dict(zip(band_numbers, [inputs.depth] + extra_bands))
        plan = _plan(inputs, contract, request)
        _log_setup(progress, request, session, inputs, plan)
        if training_range is None:
            progress.log(Message("The model has no training range beside it: the output has no applicability band."))
        tags = _tags(request, contract)
        kept, missing = (
            ({}, layers)  # the water surface and the obstructions need the depth computed
            if request.wse_path or request.obstructions_path or request.connected_only
            else _bands_to_compute(output_path, layers, tags[FINGERPRINT_TAG], inputs.flood.output_grid, progress)
        )
        guarded = training_range is not None and not request.raw_model
        work = TileWork(
            _computed_layers(missing, guarded),
            input_bands,
            request.augmentations,
            training_range,
            request.max_fallback_share,
            request.every_tile,
        )
        if guarded and work.runs_model:
            work.guard_areas = reference_areas(whole.flood, whole_bands, request.window)
        if work.runs_model and request.augmentations > 1:
            progress.log(
                Message(
                    "Test-time augmentation: every tile runs through the model {variants} times (flipped and "
                    "rotated), so the model takes {variants} times as long.",
                    variants=request.augmentations,
                )
            )
        sink = _write_product(
            request, output_path, contract, session, inputs, plan, work, missing, kept, tags, progress
        )
        if weights_path:
            write_weight_map(weights_path, inputs, plan, request.compression, progress.translate)
    _log_outcome(progress, work, contract, plan)
    seconds = time.perf_counter() - started
    progress.report(1.0)
    first_depth = sink.statistics.get(band_numbers[0])
    all_layers = sorted(set(layers) | {_layer_of(key) for key in kept}, key=lambda layer: layer.order)
    return SuperResolveResult(
        output_path=str(output_path),
        device_used=session.device_used,
        tiles=plan.tile_count,
        seconds=seconds,
        session_seconds=session.run_seconds,
        model_size=(inputs.model_grid.width, inputs.model_grid.height),
        output_size=(inputs.flood.output_grid.width, inputs.flood.output_grid.height),
        max_depth_found=first_depth.maximum if first_depth else float("nan"),
        wet_fraction=first_depth.wet_fraction if first_depth else float("nan"),
        notes=inputs.flood.notes,
        bands=[layer.key for layer in all_layers],
        added_bands=[layer.key for layer in missing],
        fallback_tiles=work.fallback_tiles,
        outside_share=work.tiles_outside / work.checked_tiles if work.checked_tiles else None,
        clipped_share=work.clipped_cells / work.output_cells if work.output_cells else None,
        applicability=_applicability(work),
        guarded_share=sink.count.guarded_share if isinstance(sink, GuardedRows) else None,
        dry_tiles=work.dry_tiles,
    )


def _bands_to_compute(
    output_path: StoragePath, layers: List[Layer], product_fingerprint: str, grid: Grid, progress: Progress
) -> Tuple[Dict[str, int], List[Layer]]:
    """The bands an existing product of the same run keeps (key -> band number) and the layers to compute: all
    of them for a new product, for a cloud-storage output (written whole, then uploaded), or when the existing
    one already has every band asked for."""
    kept = existing_layers(output_path.local, product_fingerprint, grid) if output_path.is_local else {}
    missing = [layer for layer in layers if layer.key not in kept]
    if not kept or not missing:
        return {}, layers
    progress.log(
        Message(
            "{path} already has bands {kept}; only {missing} are computed and added to it.",
            path=output_path,
            kept=", ".join(kept),
            missing=", ".join(layer.key for layer in missing),
        )
    )
    return kept, missing


def _depth_band(first: RasterBand, band: int, progress: Progress) -> RasterBand:
    """Another band of the depth raster, read as the first one is (reprojected with it)."""
    depth = other_band(first, band)
    check_depth_values(depth, progress.check_cancel)
    return depth


def _layer_of(key: str) -> Layer:
    kind, band = key.split(":")
    return Layer(kind, int(band))


def _computed_layers(missing: List[Layer], guarded: bool) -> List[Layer]:
    """The missing layers, plus the depth of every missing spread (the spread is masked where it is dry), plus,
    when guarded, the applicability flags of every depth computed (the guard reads them)."""
    depths = [Layer(DEPTH_LAYER, layer.input_band) for layer in missing if layer.kind == SPREAD_LAYER]
    computed = set(missing) | set(depths)
    if guarded:
        computed |= {Layer(APPLICABILITY_LAYER, layer.input_band) for layer in computed if layer.kind == DEPTH_LAYER}
    return sorted(computed, key=lambda layer: layer.order)


def _write_product(
    request: SuperResolveRequest,
    output_path: StoragePath,
    contract: ModelContract,
    session: ModelSession,
    inputs: InferenceInputs,
    plan: TilePlan,
    work: TileWork,
    missing: List[Layer],
    kept: Dict[str, int],
    tags: Dict[str, str],
    progress: Progress,
) -> ProductRows:
    """Compute `work` into the product: straight into it when it is new, else into a file of the missing bands
    that is then assembled with the kept ones."""
    several = len(work.input_bands) > 1
    encoding = ENCODINGS[request.data_type]
    extra = {"FLOODSR_AUGMENTATIONS": str(request.augmentations)}
    infos = [layer.band_info(encoding, several, extra, progress.translate) for layer in missing]
    new_bands = scratch_path_for(output_path, "new-bands") if kept else None
    try:
        with contextlib.ExitStack() as outputs:
            writer = outputs.enter_context(
                GeoTiffWriter(
                    new_bands or output_path,
                    inputs.flood.output_grid,
                    request.compression,
                    request.cog and not kept,
                    tags=tags,
                    data_type=encoding.data_type,
                    nodata=encoding.nodata,
                    bands=infos,
                    creation_options=encoding.creation_options,
                    overviews=None if new_bands else product_overviews(missing),
                )
            )
            wse_tags = {key: value for key, value in tags.items() if key != FINGERPRINT_TAG}
            wse_output = WseOutput(
                request.wse_path, inputs.flood.output_grid, request.compression, wse_tags, tuple(work.input_bands)
            )
            wse = wse_writer(outputs, wse_output, [], progress.translate)  # its path was checked before the run
            obstructed = (
                outputs.enter_context(
                    obstruction_rows(
                        request.obstructions_path,
                        request.obstructions_layer,
                        inputs.flood.output_grid,
                        scratch_path_for(output_path, "obstructions"),
                    )
                )
                if request.obstructions_path
                else None
            )
            finalise = partial(finalise_depth, max_depth=contract.max_depth)
            finish = DepthFinish(request.min_depth, wse)
            guarded = bool(work.guard_areas)  # the guard finalises the model's depth, not the estimate it puts in
            sink: ProductRows = product_rows(
                writer,
                inputs.flood,
                work.input_bands,
                _unchanged if guarded else finalise,
                missing,
                encoding,
                request.conserve_volume,
                progress,
                finish,
                obstructed,
                scratch_path_for(output_path, "connectivity") if request.connected_only else None,
                outputs.callback,
            )
            if guarded:
                sink = GuardedRows(sink, work.guard_areas, finalise, progress)
            if inputs.resample_output:
                _predict_then_resample(session, contract, inputs, plan, work, sink, progress, output_path)
            else:
                progress.stage(0, 1, Message("Super-resolving tiles"))
                predict_model_grid(session, contract, inputs, plan, _output_rows(inputs, sink.push), progress, work)
            sink.finish()
        if new_bands and output_path.is_local:  # kept bands: only a local product is added to
            order = sorted(
                [(_layer_of(key), (str(output_path), band)) for key, band in kept.items()]
                + [(layer, (str(new_bands), index)) for index, layer in enumerate(missing, start=1)],
                key=lambda item: item[0].order,
            )
            assemble_product(
                output_path.local,
                [source for _, source in order],
                request.compression,
                request.cog,
                encoding,
                product_overviews([layer for layer, _ in order]),
            )
    finally:
        if new_bands:
            new_bands.unlink(missing_ok=True)
    return sink


def _unchanged(values: np.ndarray) -> np.ndarray:
    return values


def _log_outcome(progress: Progress, work: TileWork, contract: ModelContract, plan: TilePlan) -> None:
    if work.runs_model:
        progress.log(
            Message(
                "{dry} of {total} were dry (no water in their coarse window): depth 0 there, without the model.",
                dry=work.dry_tiles,
                total=Plural("%Ln tile(s)", plan.tile_count * len(work.input_bands)),
            )
        )
    if work.clipped_cells:
        progress.log(
            Message(
                "{share:.2%} of the model's output values ({count:,} of {total:,}) were outside its range 0 to {top:g} "
                "and were clipped to it, as its contract says.",
                share=work.clipped_cells / work.output_cells,
                count=work.clipped_cells,
                total=work.output_cells,
                top=output_range(contract),
            )
        )
    if work.fallback_tiles:
        progress.log(
            Message(
                "{tiles} fell back to the subgrid estimate because the model's output was unusable there.",
                tiles=Plural("%Ln tile(s)", len(work.fallback_tiles)),
            )
        )
    summary = _applicability(work)
    if summary is not None:
        progress.log(summary)


def _applicability(work: TileWork) -> Optional[Message]:
    if not work.checked_tiles:
        return None
    return applicability_summary(work.tiles_outside, work.checked_tiles, work.outside_tiles)


def _tags(request: SuperResolveRequest, contract: ModelContract) -> Dict[str, str]:
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
        "min_depth": request.min_depth,
        "obstructions": content_state(request.obstructions_path) if request.obstructions_path else "",
        "connected_only": request.connected_only,
        "raw_model": request.raw_model,
    }
    if request.every_tile:  # only then: the default keeps the fingerprint of products made before the option
        parameters["every_tile"] = True
    if request.obstructions_layer:  # likewise: products made before the layer was recorded keep their fingerprint
        parameters["obstructions_layer"] = request.obstructions_layer
    model_sha256 = sha256_of_unchanged_file(request.model_path)
    return {
        "FLOODSR_MODEL": request.model_name or Path(request.model_path).stem,
        "FLOODSR_MODEL_SHA256": model_sha256,
        "FLOODSR_ENGINE_VERSION": plugin_version(),
        "FLOODSR_PARAMETERS": json.dumps(parameters, sort_keys=True),
        **min_depth_tags(request.min_depth),
        INPUTS_TAG: inputs_fingerprint(request.depth_path, request.dem_path),
        # What the bands of a product must share to be completed by a later run, not rebuilt.
        FINGERPRINT_TAG: fingerprint(
            model=model_sha256,
            parameters=parameters,
            depth_bands=list(request.depth_bands) or [request.depth_band],
            inputs=[content_state(request.depth_path), content_state(request.dem_path)],
            data_type=request.data_type,
            window=request.window,
        ),
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
    if request.augmentations not in AUGMENTATION_VARIANTS:
        raise InputError(
            "Test-time augmentation takes {choices} variants, not {value}.",
            choices=", ".join(str(count) for count in AUGMENTATION_VARIANTS),
            value=request.augmentations,
        )
    if request.data_type not in OUTPUT_DATA_TYPES:
        raise InputError(
            "Unknown output data type {value!r}; use one of {choices}.",
            value=request.data_type,
            choices=", ".join(OUTPUT_DATA_TYPES),
        )
    if request.data_type == INT16_CM and contract.max_depth > INT16_LARGEST_M:
        raise InputError(
            "Int16 centimetres hold depths up to {largest} m, below the maximum depth of {value} m. Choose Float32 or "
            "Float16, or a lower maximum depth.",
            largest=INT16_LARGEST_M,
            value=contract.max_depth,
        )
    if not 0 <= request.max_fallback_share <= 1:
        raise InputError(
            "The share of tiles allowed to fall back must be from 0 to 1 (got {value}).",
            value=request.max_fallback_share,
        )
    check_min_depth(request.min_depth)
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
    sink: Callable[[Dict[Layer, np.ndarray]], None],
    progress: Progress,
    work: TileWork,
) -> None:
    """Blend tile predictions on the model grid and hand finished rows of every layer of `work` (depth and
    spread in metres, applicability flags) to `sink`. Each DEM tile is read once for all depth bands.

    One batch is always in the model while this thread reads the next one and blends and writes the previous
    one: onnxruntime releases the GIL, so the model and the rest overlap. Every GDAL call stays in this thread
    (a GDAL dataset must not be used from two threads at once)."""
    plan_y, plan_x = plan.y, plan.x
    tile = contract.hr_tile
    height, width = inputs.model_grid.height, inputs.model_grid.width
    strips: Dict[Layer, Any] = {
        layer: FlagStrip(tile, plan_x.size)
        if layer.kind == APPLICABILITY_LAYER
        else StripAccumulator(tile, plan_y.totals, plan_x.totals)
        for layer in work.layers
    }
    weights_2d: dict = {}  # tiles share a handful of weight shapes (edge or inner, per axis): build each once
    done = 0
    step_log = StepLog(progress, plan.tile_count)

    def add_prediction(batch: _TileBatch, band: int, index: int, prediction) -> None:
        col, x0 = batch.tiles[index]
        if prediction is None:
            work.dry_tiles += 1  # nothing to add: a dry tile's depth and spread are 0
            return
        depth, spread, problem = prediction
        if problem is not None:
            _fall_back(work, FallbackTile(band, batch.row, col), batch.y0, x0, problem, plan.tile_count, progress)
            # a wet tile's DEM is always read
            depth = _subgrid_tile(batch.depth_tiles[band][index], cast(np.ndarray, batch.dem_tiles[index]))
            spread = np.zeros_like(depth)
        key = (plan_y.weights[batch.row].tobytes(), plan_x.weights[col].tobytes())
        if key not in weights_2d:
            weights_2d[key] = np.outer(plan_y.weights[batch.row], plan_x.weights[col])
        _add(strips, Layer(DEPTH_LAYER, band), depth, x0, weights_2d[key])
        _add(strips, Layer(SPREAD_LAYER, band), spread, x0, weights_2d[key])

    def blend(batch: _TileBatch, predictions: "Optional[Future[Dict[int, list]]]") -> None:
        nonlocal done
        per_band = predictions.result() if predictions is not None else {}
        for band, depth_tiles in batch.depth_tiles.items():
            for index, (_, x0) in enumerate(batch.tiles):
                if work.runs_model:
                    add_prediction(batch, band, index, per_band[band][index])
                if work.training_range is not None and Layer(APPLICABILITY_LAYER, band) in strips:
                    dem = cast(np.ndarray, batch.dem_tiles[index])  # read wherever the range is checked
                    flags = _check_range(work, work.training_range, depth_tiles[index], dem, inputs.model_grid.dx)
                    strips[Layer(APPLICABILITY_LAYER, band)].add(flags, x0, tile)
        done += len(batch.tiles)
        progress.report(done / plan.tile_count)
        step_log.done(done)
        if batch.ends_row:
            next_y0 = plan_y.starts[batch.row + 1] if batch.row + 1 < len(plan_y.starts) else plan_y.size
            rows = max(0, min(next_y0, height) - batch.y0)
            sink({layer: strip.take(next_y0 - batch.y0)[:rows, :width] for layer, strip in strips.items()})
            inputs.dem_on_model.drop_cached_blocks()  # per tile row: neighbouring tiles share the cached blocks

    def predict(batch: _TileBatch) -> Dict[int, list]:
        return {
            band: _predict_wet_tiles(
                session, contract, work, depth_tiles, batch, batch.dry[band], progress.is_cancelled
            )
            for band, depth_tiles in batch.depth_tiles.items()
        }

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="floodsr-model") as model:
        in_model = None
        for batch in _tile_batches(session, contract, inputs, plan, work, progress):
            submitted = (batch, model.submit(predict, batch) if work.runs_model else None)
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
    depth_tiles: Dict[int, List[np.ndarray]]  # per depth band, the coarse tiles in metres
    dry: Dict[int, List[bool]]  # per depth band, whether each tile is dry (no model run)
    dem_tiles: List[Optional[np.ndarray]]  # the DEM tiles on the model grid, voids filled; None where not needed
    ends_row: bool
    void_tiles: List[Optional[np.ndarray]]  # where each DEM tile had voids (True); None where not read


def _tile_batches(session, contract: ModelContract, inputs: InferenceInputs, plan: TilePlan, work: TileWork, progress):
    """The tiles of every depth band and of the DEM, batch by batch and tile row by tile row (GDAL reads)."""
    tile, scale = contract.hr_tile, contract.scale
    height, width = inputs.model_grid.height, inputs.model_grid.width
    for row, y0 in enumerate(plan.y.starts):
        depth_strips = {
            number: _read_depth(band, y0 // scale, contract.lr_tile, plan.x.size // scale)
            for number, band in work.input_bands.items()
        }
        batches = list(_batches(list(enumerate(plan.x.starts)), session.batch_size))
        for index, batch in enumerate(batches):
            progress.check_cancel()
            depth_tiles = {
                band: [strip[:, x0 // scale : x0 // scale + contract.lr_tile] for _, x0 in batch]
                for band, strip in depth_strips.items()
            }
            dry = {band: [work.is_dry(values) for values in tiles] for band, tiles in depth_tiles.items()}
            needs_dem = [work.checks_range or not all(dry[band][i] for band in dry) for i in range(len(batch))]
            dem_reads = [
                _read_dem(inputs.dem_on_model, y0, x0, tile, height, width) if needed else None
                for (_, x0), needed in zip(batch, needs_dem)
            ]
            yield _TileBatch(
                row,
                y0,
                batch,
                depth_tiles,
                dry,
                [read[0] if read else None for read in dem_reads],
                index == len(batches) - 1,
                [read[1] if read else None for read in dem_reads],
            )


def _predict_wet_tiles(session, contract, work, depth_tiles, batch: "_TileBatch", dry, is_cancelled) -> list:
    """`_predict_batch` on the wet tiles only; None for each dry one."""
    wet = [index for index, is_dry in enumerate(dry) if not is_dry]
    results: list = [None] * len(depth_tiles)
    if wet:
        predicted = _predict_batch(
            session,
            contract,
            work,
            [depth_tiles[i] for i in wet],
            [batch.dem_tiles[i] for i in wet],
            [batch.void_tiles[i] for i in wet],
            is_cancelled,
        )
        for index, prediction in zip(wet, predicted):
            results[index] = prediction
    return results


def _predict_batch(session, contract, work, depth_tiles, dem_tiles, void_tiles, is_cancelled):
    """Per tile, (depth, spread, None) in metres, or (None, None, what is wrong) when a variant's output is
    unusable. The spread is None without augmentation. Each variant turns the tiles in metres before the
    contract's inputs are built from them (a version-2 prior included) and its output back after; a version-3
    output becomes depth on the tile's DEM with its voids."""
    ground = dem_tiles
    if contract.version == 3:  # its depth is made on the ground itself, whose voids hold no water
        ground = [np.where(voids, np.nan, dem) for dem, voids in zip(dem_tiles, void_tiles)]

    def run(depth: np.ndarray, dem: np.ndarray, cancelled) -> np.ndarray:
        return session.run(*model_inputs(contract, list(depth), list(dem)), is_cancelled=cancelled)

    variants = augmented_runs(run, np.stack(depth_tiles), np.stack(dem_tiles), work.augmentations, is_cancelled)
    results: List[Tuple[Optional[np.ndarray], Optional[np.ndarray], Optional[Message]]] = []
    for index in range(len(depth_tiles)):
        outputs = [variant[index : index + 1] for variant in variants]
        problem = next(filter(None, map(tile_output_problem, outputs)), None)
        if problem is not None:
            results.append((None, None, problem))
            continue
        work.output_cells += sum(raw.size for raw in outputs)
        work.clipped_cells += sum(cells_outside_range(raw, output_range(contract)) for raw in outputs)
        tiles = depth_tiles[index : index + 1], ground[index : index + 1]
        metres = [output_in_metres(contract, raw, *tiles)[0] for raw in outputs]
        results.append((metres[0], None, None) if len(metres) == 1 else (*mean_and_spread(metres), None))
    return results


def _add(strips, layer: Layer, values: Optional[np.ndarray], x0: int, weight: np.ndarray) -> None:
    if layer in strips and values is not None:
        strips[layer].add(values, x0, weight)


def _fall_back(
    work: TileWork, tile: FallbackTile, y0: int, x0: int, problem: Message, total: int, progress: Progress
) -> None:
    """Count and log a fallback tile; too many of them fail the run."""
    work.fallback_tiles.append(tile)
    progress.log(
        Message(
            "Tile at row {row}, column {column} (model cells from row {y0}, column {x0}), depth band {band}: the "
            "model's output has {problem}; the subgrid estimate is used there instead.",
            row=tile.row + 1,
            column=tile.column + 1,
            y0=y0,
            x0=x0,
            band=tile.input_band,
            problem=problem,
        )
    )
    allowed = work.max_fallback_share * total * len(work.input_bands)
    if len(work.fallback_tiles) > allowed:
        raise ModelError(
            "The model's output is unusable (not finite) in more than {share:.0%} "
            "of the tiles (the last, the tile at row {row}, column {column}: {problem}), so the run stops. Check the "
            "model and its inputs, or raise the share of tiles allowed to fall back to the subgrid estimate.",
            share=work.max_fallback_share,
            row=tile.row + 1,
            column=tile.column + 1,
            problem=problem,
        )


def _subgrid_tile(depth_lr: np.ndarray, dem_hr: np.ndarray) -> np.ndarray:
    """The volume-conserving subgrid estimate of one tile (m): the fallback for an unusable model output."""
    return np.nan_to_num(subgrid_smooth_depth(depth_lr, dem_hr), nan=0.0)


def _check_range(
    work: TileWork, training_range: TrainingRange, depth_lr: np.ndarray, dem_hr: np.ndarray, cell_size: float
) -> int:
    flags = training_range.flags(tile_features(depth_lr, dem_hr, cell_size))
    work.checked_tiles += 1
    if flags:
        work.tiles_outside += 1
        for name in outside_features(flags):
            work.outside_tiles[name] = work.outside_tiles.get(name, 0) + 1
    return flags


def _require_memory(
    inputs: InferenceInputs, contract: ModelContract, batch: int, layers: List[Layer], request: SuperResolveRequest
) -> None:
    """The working set: per layer, the blending strip (a tile high, the model grid wide) and what is taken from
    it and the output rows; per depth band, the coarse rows of a tile row; the tiles of one model call with the
    model's activations, for each augmentation."""
    model_width = max(inputs.model_grid.width, contract.hr_tile)
    strips = 3 * contract.hr_tile * model_width * len(layers)
    depth_bands = len(list(request.depth_bands) or [request.depth_band])
    depth_rows = 2 * contract.lr_tile * inputs.flood.coarse_grid.width * depth_bands
    tiles = 16 * batch * contract.hr_tile**2 * request.augmentations
    output_rows = 6 * BLOCK * inputs.flood.output_grid.width * len(layers)
    require_memory(
        FLOAT32_BYTES * (strips + depth_rows + tiles + output_rows),
        Message(
            "Super-resolving onto {width} x {height} cells",
            width=inputs.flood.output_grid.width,
            height=inputs.flood.output_grid.height,
        ),
    )


def _output_rows(inputs: InferenceInputs, sink: Callable[[Dict[Layer, np.ndarray]], None]):
    """`sink` fed the output's own rows and columns of the model grid's rows (a preview window of them)."""
    if inputs.canvas is None:
        return sink
    return cropped_rows(sink, *inputs.output_offset, inputs.flood.output_grid.height, inputs.flood.output_grid.width)


def _batches(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _read_depth(depth: RasterBand, row0: int, rows: int, padded_width: int) -> np.ndarray:
    """Coarse depth rows in metres; nodata and NaN are dry; padded (mirrored) past small edges."""
    available = min(rows, depth.grid.height - row0)
    values = depth.read(0, row0, depth.grid.width, available).astype(np.float32)
    depth.dataset.FlushCache()  # a basin-sized coarse raster must not pile up in GDAL's cache either
    values = np.nan_to_num(as_nan(values, depth.nodata), nan=0.0)
    return _pad_to(values, rows, padded_width)


def _read_dem(
    dem: VirtualRaster, row0: int, col0: int, tile: int, height: int, width: int
) -> Tuple[np.ndarray, np.ndarray]:
    """One tile of DEM on the model grid, voids filled from the nearest valid cell (for inference only), and
    where the voids were; both mirrored past the raster's edge when the raster is smaller than a tile."""
    values = dem.read(col0, row0, min(tile, width - col0), min(tile, height - row0))
    voids = np.isnan(values)
    if voids.all():
        values = np.zeros_like(values)
    elif voids.any():
        nearest = ndimage.distance_transform_edt(voids, return_distances=False, return_indices=True)
        values = values[tuple(nearest)]
    return _pad_to(values, tile, tile), _pad_to(voids, tile, tile)


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
    work: TileWork,
    sink: ProductRows,
    progress: Progress,
    output_path: StoragePath,
) -> None:
    """Predict onto a scratch raster on the model grid (a band per layer), then resample it onto the output grid:
    bilinear for depth and spread, nearest for flags."""
    scratch_path = scratch_path_for(output_path, "model-grid")
    layers = work.layers
    resampled: List[VirtualRaster] = []
    try:
        progress.stage(0, 2, Message("Super-resolving tiles on the model grid"))
        with GeoTiffWriter(
            scratch_path,
            inputs.model_grid,
            bands=[layer.band_info(ENCODINGS[FLOAT32], False, {}, progress.translate) for layer in layers],
            overviews=None,
        ) as scratch:

            def to_scratch(rows: Dict[Layer, np.ndarray]) -> None:
                scratch.append_rows(np.stack([rows[layer] for layer in layers]))

            predict_model_grid(session, contract, inputs, plan, to_scratch, progress, work)
        progress.stage(1, 2, Message("Resampling onto the DEM grid"))
        resampled = [
            warped_vrt(
                open_band(str(scratch_path), index, Message("intermediate")),
                inputs.canvas or inputs.flood.output_grid,
                "near" if layer.kind == APPLICABILITY_LAYER else "bilinear",
            )
            for index, layer in enumerate(layers, start=1)
        ]
        height, width = inputs.flood.output_grid.height, inputs.flood.output_grid.width
        row_offset, col_offset = inputs.output_offset
        for row0 in range(0, height, BLOCK):
            progress.check_cancel()
            rows = min(BLOCK, height - row0)
            sink.push(
                {
                    layer: raster.read(col_offset, row_offset + row0, width, rows)
                    for layer, raster in zip(layers, resampled)
                }
            )
            for raster in resampled:
                raster.drop_cached_blocks()
            progress.report(min(row0 + BLOCK, height) / height)
    finally:
        resampled = []  # close the scratch raster first: Windows cannot delete an open file
        scratch_path.unlink(missing_ok=True)


def write_weight_map(
    path: StoragePath, inputs: InferenceInputs, plan: TilePlan, compression: str, language: LanguageLike = None
) -> None:
    """The blending weight map on the model grid: the sum of every tile's weight at each cell (a debug output)."""
    grid = inputs.model_grid
    description = Message("Sum of tile blending weights").render(language)
    with GeoTiffWriter(path, grid, compression, description=description) as writer:
        totals_x = plan.x.totals[: grid.width]
        for row0 in range(0, grid.height, BLOCK):
            totals_y = plan.y.totals[row0 : min(row0 + BLOCK, grid.height)]
            writer.append_rows(np.outer(totals_y, totals_x))
