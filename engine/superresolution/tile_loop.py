"""The threaded tile loop: tiles read, run through the model, blended on the model grid and handed on row by row.

One batch is always in the model while this thread reads the next one and blends and writes the previous one:
onnxruntime releases the GIL, so the model and the rest overlap. Every GDAL call stays in this thread (a GDAL
dataset must not be used from two threads at once), and so does every count.
"""

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, Dict, List, Optional, Tuple, cast

import numpy as np

from ..errors import ModelError
from ..messages import Message
from ..options import APPLICABILITY_LAYER, DEPTH_LAYER, SPREAD_LAYER
from ..progress import Progress, StepLog
from ..rasters.product import Layer
from .applicability import TrainingRange
from .blend import FlagStrip, StripAccumulator
from .prediction import predict_tiles, subgrid_tile
from .tile_reads import TileBatch, tile_batches
from .tile_work import FallbackTile, TileCounts, TileJob, TilePrediction

RowSink = Callable[[Dict[Layer, np.ndarray]], None]
Predictions = Dict[int, List[Optional[TilePrediction]]]


def predict_model_grid(job: TileJob, sink: RowSink, progress: Progress, counts: TileCounts) -> None:
    """Blend tile predictions on the model grid and hand finished rows of every layer of the job (depth and
    spread in metres, applicability flags) to `sink`. Each DEM tile is read once for all depth bands."""
    blender = _TileBlender(job, sink, progress, counts)
    runs_model = job.settings.runs_model
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="floodsr-model") as model:
        in_model: Optional[Tuple[TileBatch, Optional[Future]]] = None
        for batch in tile_batches(job, progress.check_cancel):
            submitted = (batch, model.submit(predict_tiles, job, batch, progress.is_cancelled) if runs_model else None)
            if in_model is not None:
                blender.blend(*in_model)
            in_model = submitted
        if in_model is not None:
            blender.blend(*in_model)


class _TileBlender:
    """Adds each batch's predictions (or fallbacks) and flags to strips a tile row high, and hands the rows of a
    finished tile row to the sink."""

    def __init__(self, job: TileJob, sink: RowSink, progress: Progress, counts: TileCounts):
        self._job, self._sink, self._progress, self._counts = job, sink, progress, counts
        tile, plan = job.contract.hr_tile, job.plan
        self._strips: Dict[Layer, Any] = {
            layer: FlagStrip(tile, plan.x.size)
            if layer.kind == APPLICABILITY_LAYER
            else StripAccumulator(tile, plan.y.totals, plan.x.totals)
            for layer in job.settings.layers
        }
        self._weights: Dict[Tuple[bytes, bytes], np.ndarray] = {}
        self._done = 0
        self._step_log = StepLog(progress, plan.tile_count)

    def blend(self, batch: TileBatch, predictions: "Optional[Future[Predictions]]") -> None:
        per_band = predictions.result() if predictions is not None else {}
        settings = self._job.settings
        training_range = settings.training_range
        for band in batch.depth_tiles:
            for index in range(len(batch.tiles)):
                if settings.runs_model:
                    self._add_prediction(batch, band, index, per_band[band][index])
                if training_range is not None and Layer(APPLICABILITY_LAYER, band) in self._strips:
                    self._add_flags(batch, Layer(APPLICABILITY_LAYER, band), index, training_range)
        self._done += len(batch.tiles)
        self._progress.report(self._done / self._job.plan.tile_count)
        self._step_log.done(self._done)
        if batch.ends_row:
            self._hand_on_rows(batch)

    def _add_prediction(self, batch: TileBatch, band: int, index: int, prediction: Optional[TilePrediction]) -> None:
        col, x0 = batch.tiles[index]
        if prediction is None:
            self._counts.dry_tiles += 1  # nothing to add: a dry tile's depth and spread are 0
            return
        depth, spread = prediction.depth, prediction.spread
        if prediction.problem is not None:
            self._fall_back(FallbackTile(band, batch.row, col), batch.y0, x0, prediction.problem)
            # a wet tile's DEM is always read
            depth = subgrid_tile(batch.depth_tiles[band][index], cast(np.ndarray, batch.dem_tiles[index]))
            spread = np.zeros_like(depth)
        else:
            self._counts.count_output(prediction)
        weight = self._weight(batch.row, col)
        self._add(Layer(DEPTH_LAYER, band), depth, x0, weight)
        self._add(Layer(SPREAD_LAYER, band), spread, x0, weight)

    def _add_flags(self, batch: TileBatch, layer: Layer, index: int, training_range: TrainingRange) -> None:
        dem = cast(np.ndarray, batch.dem_tiles[index])  # read wherever the range is checked
        flags = training_range.tile_flags(
            batch.depth_tiles[layer.input_band][index], dem, self._job.inputs.model_grid.dx
        )
        self._counts.count_range(flags)
        self._strips[layer].add(flags, batch.tiles[index][1], self._job.contract.hr_tile)

    def _weight(self, row: int, col: int) -> np.ndarray:
        """A tile's 2-D blend weight: tiles share a handful of weight shapes (edge or inner, per axis), each built
        once."""
        plan = self._job.plan
        key = (plan.y.weights[row].tobytes(), plan.x.weights[col].tobytes())
        if key not in self._weights:
            self._weights[key] = np.outer(plan.y.weights[row], plan.x.weights[col])
        return self._weights[key]

    def _add(self, layer: Layer, values: Optional[np.ndarray], x0: int, weight: np.ndarray) -> None:
        if layer in self._strips and values is not None:
            self._strips[layer].add(values, x0, weight)

    def _hand_on_rows(self, batch: TileBatch) -> None:
        plan, grid = self._job.plan, self._job.inputs.model_grid
        next_y0 = plan.y.starts[batch.row + 1] if batch.row + 1 < len(plan.y.starts) else plan.y.size
        rows = max(0, min(next_y0, grid.height) - batch.y0)
        self._sink(
            {layer: strip.take(next_y0 - batch.y0)[:rows, : grid.width] for layer, strip in self._strips.items()}
        )
        self._job.inputs.dem_on_model.drop_cached_blocks()  # per tile row: neighbouring tiles share the cached blocks

    def _fall_back(self, tile: FallbackTile, y0: int, x0: int, problem: Message) -> None:
        """Count and log a fallback tile; too many of them fail the run."""
        self._counts.fallback_tiles.append(tile)
        self._progress.log(
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
        settings = self._job.settings
        allowed = settings.max_fallback_share * self._job.plan.tile_count * len(settings.input_bands)
        if len(self._counts.fallback_tiles) > allowed:
            raise ModelError(
                "The model's output is unusable (not finite) in more than {share:.0%} "
                "of the tiles (the last, the tile at row {row}, column {column}: {problem}), so the run stops. Check "
                "the model and its inputs, or raise the share of tiles allowed to fall back to the subgrid estimate.",
                share=settings.max_fallback_share,
                row=tile.row + 1,
                column=tile.column + 1,
                problem=problem,
            )
