"""A super-resolution run: check the request, open the inputs, plan the tiles and the product's bands, run the
tile loop into the product (`superresolve`)."""

import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from ..downscaling.streaming import FINE_ROWS_PER_BLOCK, SharedRows
from ..memory import FLOAT32_BYTES, require_memory
from ..messages import Message
from ..models.checksums import sha256_of_unchanged_file
from ..progress import Progress
from ..rasters.bands import RasterBand, gdal_errors_as_exceptions, other_band
from ..rasters.depth_finish import min_depth_tags
from ..rasters.depth_output import ProductRows
from ..rasters.inputs import FloodSources, InferenceInputs, check_depth_values, prepare_inputs
from ..rasters.product import Layer, ProductRecipe, product_layers, product_tags
from ..rasters.storage import StoragePath, content_state
from ..rasters.window import Bounds
from ..rasters.writer import BLOCK, check_output_path
from .applicability import TrainingRange, load_training_range
from .band_reuse import ProductTarget, completed_product, computed_layers, new_product
from .contract import ModelContract
from .guard import GuardedRows, reference_areas
from .product_writing import write_product, write_weight_map
from .request import SuperResolveRequest, SuperResolveResult
from .run_log import log_augmentation, log_outcome, log_setup
from .session import ModelSession
from .tile_work import FallbackTile, TileCounts, TileJob, TileSettings
from .tiles import TilePlan, plan_axis
from .window import window_band, window_inputs

__all__ = ["FallbackTile", "SuperResolveRequest", "SuperResolveResult", "superresolve"]

CheckSize = Callable[[InferenceInputs], None]


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
    counts = TileCounts()
    with gdal_errors_as_exceptions():
        output_path, weights_path = _check_outputs(request)
        session = ModelSession(request.model_path, request.device, request.threads)
        contract = session.contract.with_overrides(request.max_depth, request.dem_clip)
        request.validate(contract)
        training_range = load_training_range(request.model_path)
        layers = product_layers(request.band_numbers, request.augmentations > 1, training_range is not None)
        check_size = partial(
            _require_memory, contract=contract, batch=session.batch_size, layers=layers, request=request
        )
        whole, whole_bands = _whole_inputs(request, contract, check_size, progress)
        inputs, input_bands = whole, whole_bands  # a preview reads through `whole`, open until the run ends
        window = request.window
        if window is not None:
            inputs, input_bands = _preview_inputs(window, request, contract, whole, whole_bands)
            check_size(inputs)
        plan = _plan(inputs, contract, request)
        log_setup(progress, request, session, inputs, plan)
        if training_range is None:
            progress.log(Message("The model has no training range beside it: the output has no applicability band."))
        tags = _tags(request, contract)
        target = (
            new_product(output_path, tags, layers)
            if request.needs_depth_computed
            else completed_product(output_path, tags, layers, inputs.flood.output_grid, progress)
        )
        guarded = training_range is not None and not request.raw_model
        settings = _tile_settings(request, computed_layers(target.missing, guarded), input_bands, training_range)
        if guarded and settings.runs_model:
            settings = replace(settings, guard_areas=reference_areas(whole.flood, whole_bands, request.window))
        job = TileJob(session, contract, inputs, plan, settings)
        log_augmentation(progress, job)
        sink = write_product(request, job, target, counts, progress)
        if weights_path:
            write_weight_map(weights_path, inputs, plan, request.compression, progress.translate)
    log_outcome(progress, job, counts)
    seconds = time.perf_counter() - started
    progress.report(1.0)
    return _result(job, target, sink, counts, seconds)


def _check_outputs(request: SuperResolveRequest) -> Tuple[StoragePath, Optional[StoragePath]]:
    """The output's path and the weight map's, each checked against every other file the run reads or writes."""
    read = [request.depth_path, request.dem_path, request.model_path]
    output_path = check_output_path(request.output_path, read)
    weights_path = check_output_path(request.weights_path, read + [str(output_path)]) if request.weights_path else None
    if request.wse_path:
        check_output_path(request.wse_path, read + [str(output_path), str(weights_path or "")])
    return output_path, weights_path


def _whole_inputs(
    request: SuperResolveRequest, contract: ModelContract, check_size: CheckSize, progress: Progress
) -> Tuple[InferenceInputs, Dict[int, RasterBand]]:
    """The inputs on the model's grids, and every depth band asked for (input band number -> coarse depth); the
    size is checked here unless a preview window crops them."""
    band_numbers = request.band_numbers
    whole = prepare_inputs(
        FloodSources(request.depth_path, band_numbers[0], request.dem_path, request.dem_band),
        contract.scale,
        contract.max_depth,
        progress.check_cancel,
        check_size if request.window is None else lambda inputs: None,
    )
    if request.window is None:  # a preview reads windows of the whole inputs instead
        whole = _dem_read_once(whole, contract)
    depth_bands = {band_numbers[0]: whole.depth}
    for number in band_numbers[1:]:  # read as the first one is (reprojected with it)
        depth_bands[number] = other_band(whole.depth, number)
        check_depth_values(depth_bands[number], progress.check_cancel)
    return whole, depth_bands


def _dem_read_once(inputs: InferenceInputs, contract: ModelContract) -> InferenceInputs:
    """The inputs with the DEM on the output grid read from the file once (`SharedRows`) for the output's void
    mask, the guard's estimate and, where the model grid is the output grid, the tiles."""
    flood = inputs.flood
    shared = SharedRows(flood.dem_on_output, flood.dem.band.GetBlockSize()[1], _shared_dem_rows(contract))
    on_model = shared if inputs.dem_on_model is flood.dem_on_output else inputs.dem_on_model
    return replace(inputs, flood=replace(flood, dem_on_output=shared), dem_on_model=on_model)


def _shared_dem_rows(contract: ModelContract) -> int:
    """The DEM rows kept in memory: the span between the output's rows being written, the tile row read ahead of
    them and the guard's block row with its halo, each read in whole blocks of the file."""
    return 2 * (contract.hr_tile + FINE_ROWS_PER_BLOCK)


def _preview_inputs(
    window: Bounds,
    request: SuperResolveRequest,
    contract: ModelContract,
    whole: InferenceInputs,
    whole_bands: Dict[int, RasterBand],
) -> Tuple[InferenceInputs, Dict[int, RasterBand]]:
    """The inputs and depth bands of the tiles around the preview window, read through the whole ones."""
    inputs = window_inputs(whole, window, contract, request.overlap_lr, request.blend)
    first, *others = whole_bands
    return inputs, {
        first: inputs.depth,
        **{number: window_band(whole_bands[number], inputs.depth) for number in others},
    }


def _plan(inputs: InferenceInputs, contract: ModelContract, request: SuperResolveRequest) -> TilePlan:
    """Tiles of the model grid; axes smaller than one tile are padded up to one tile."""
    tile, overlap = contract.hr_tile, request.overlap_lr * contract.scale
    grid = inputs.model_grid
    return TilePlan(
        y=plan_axis(max(grid.height, tile), tile, overlap, request.blend),
        x=plan_axis(max(grid.width, tile), tile, overlap, request.blend),
    )


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
    recipe = ProductRecipe(
        model_name=request.model_name or Path(request.model_path).stem,
        model_sha256=sha256_of_unchanged_file(request.model_path),
        parameters=parameters,
        depth_path=request.depth_path,
        dem_path=request.dem_path,
        depth_bands=request.band_numbers,
        data_type=request.data_type,
        window=request.window,
    )
    return product_tags(recipe, min_depth_tags(request.min_depth))


def _tile_settings(
    request: SuperResolveRequest,
    layers: List[Layer],
    input_bands: Dict[int, RasterBand],
    training_range: Optional[TrainingRange],
) -> TileSettings:
    return TileSettings(
        layers, input_bands, request.augmentations, training_range, request.max_fallback_share, request.every_tile
    )


def _require_memory(
    inputs: InferenceInputs, contract: ModelContract, batch: int, layers: List[Layer], request: SuperResolveRequest
) -> None:
    """The working set: per layer, the blending strip (a tile high, the model grid wide) and what is taken from
    it and the output rows; per depth band, the coarse rows of a tile row; the tiles of one model call with the
    model's activations, for each augmentation."""
    model_width = max(inputs.model_grid.width, contract.hr_tile)
    strips = 3 * contract.hr_tile * model_width * len(layers)
    depth_rows = 2 * contract.lr_tile * inputs.flood.coarse_grid.width * len(request.band_numbers)
    tiles = 16 * batch * contract.hr_tile**2 * request.augmentations
    output_rows = 6 * BLOCK * inputs.flood.output_grid.width * len(layers)
    dem_rows = _shared_dem_rows(contract) * inputs.flood.output_grid.width
    require_memory(
        FLOAT32_BYTES * (strips + depth_rows + tiles + output_rows + dem_rows),
        Message(
            "Super-resolving onto {width} x {height} cells",
            width=inputs.flood.output_grid.width,
            height=inputs.flood.output_grid.height,
        ),
    )


def _result(
    job: TileJob, target: ProductTarget, sink: ProductRows, counts: TileCounts, seconds: float
) -> SuperResolveResult:
    inputs = job.inputs
    first_depth = sink.statistics.get(next(iter(job.settings.input_bands)))
    return SuperResolveResult(
        output_path=str(target.path),
        device_used=job.session.device_used,
        tiles=job.plan.tile_count,
        seconds=seconds,
        session_seconds=job.session.run_seconds,
        model_size=(inputs.model_grid.width, inputs.model_grid.height),
        output_size=(inputs.flood.output_grid.width, inputs.flood.output_grid.height),
        max_depth_found=first_depth.maximum if first_depth else float("nan"),
        wet_fraction=first_depth.wet_fraction if first_depth else float("nan"),
        notes=inputs.flood.notes,
        bands=target.band_keys,
        added_bands=[layer.key for layer in target.missing],
        fallback_tiles=counts.fallback_tiles,
        outside_share=counts.outside_share,
        clipped_share=counts.clipped_share,
        applicability=counts.applicability(),
        guarded_share=sink.count.guarded_share if isinstance(sink, GuardedRows) else None,
        dry_tiles=counts.dry_tiles,
    )
