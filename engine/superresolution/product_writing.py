"""The tile loop's rows written into the product: straight into it when it is new, else into a file of the
missing bands that is then assembled with the kept ones; on the model grid first when the output grid is not
aligned with it (then resampled); and the blending weight map (a debug output)."""

import contextlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np

from ..downscaling.obstructions import obstruction_rows
from ..messages import LanguageLike, Message
from ..options import APPLICABILITY_LAYER, FLOAT32
from ..progress import Progress
from ..rasters.bands import VirtualRaster, open_band, warped_vrt
from ..rasters.depth_finish import DepthFinish, WseOutput, wse_writer
from ..rasters.depth_output import ProductRows
from ..rasters.inputs import InferenceInputs
from ..rasters.product import ENCODINGS, Layer, ProductFormat, assemble_product, product_overviews
from ..rasters.storage import StoragePath
from ..rasters.tags import AUGMENTATIONS_TAG, FINGERPRINT_TAG
from ..rasters.window import cropped_rows
from ..rasters.writer import BLOCK, BandInfo, GeoTiffWriter, RasterFormat, scratch_path_for
from .band_reuse import ProductTarget
from .guard import GuardedRows
from .normalise import finalise_depth
from .request import SuperResolveRequest
from .tile_loop import RowSink, predict_model_grid
from .tile_work import TileCounts, TileJob
from .tiles import TilePlan
from .volume import RowStages, product_rows


def write_product(
    request: SuperResolveRequest, job: TileJob, target: ProductTarget, counts: TileCounts, progress: Progress
) -> ProductRows:
    """Compute the job's layers into the product at `target`, counting into `counts`; the rows as written."""
    return _ProductWrite(request, job, target, progress).write(counts)


@dataclass(frozen=True)
class _ProductWrite:
    request: SuperResolveRequest
    job: TileJob
    target: ProductTarget
    progress: Progress

    @property
    def _format(self) -> ProductFormat:
        return ProductFormat(ENCODINGS[self.request.data_type], self.request.compression, self.request.cog)

    def write(self, counts: TileCounts) -> ProductRows:
        new_bands = scratch_path_for(self.target.path, "new-bands") if self.target.kept else None
        try:
            with contextlib.ExitStack() as outputs:
                writer = outputs.enter_context(self._writer(new_bands))
                sink = self._rows(outputs, writer)
                inputs = self.job.inputs
                if inputs.resample_output:
                    _predict_then_resample(self.job, sink, self.progress, counts, self.target.path)
                else:
                    self.progress.stage(0, 1, Message("Super-resolving tiles"))
                    predict_model_grid(self.job, _output_rows(inputs, sink.push), self.progress, counts)
                sink.finish()
            if new_bands and self.target.path.is_local:  # kept bands: only a local product is added to
                order = self.target.sources(new_bands)
                overviews = product_overviews([layer for layer, _ in order])
                assemble_product(self.target.path.local, [source for _, source in order], self._format, overviews)
        finally:
            if new_bands:
                new_bands.unlink(missing_ok=True)
        return sink

    def _writer(self, new_bands: Optional[Path]) -> GeoTiffWriter:
        """The writer of the computed bands: the product itself, or a file of the new bands."""
        request, missing = self.request, self.target.missing
        encoding = ENCODINGS[request.data_type]
        several = len(self.job.settings.input_bands) > 1
        extra = {AUGMENTATIONS_TAG: str(request.augmentations)}
        return GeoTiffWriter(
            new_bands or self.target.path,
            self.job.inputs.flood.output_grid,
            RasterFormat(
                compression=request.compression,
                cog=request.cog and not self.target.kept,
                data_type=encoding.data_type,
                nodata=encoding.nodata,
                creation_options=encoding.creation_options,
                overviews=None if new_bands else product_overviews(missing),
            ),
            bands=[layer.band_info(encoding, several, extra, self.progress.translate) for layer in missing],
            tags=self.target.tags,
        )

    def _rows(self, outputs: contextlib.ExitStack, writer: GeoTiffWriter) -> ProductRows:
        """Where the output rows go: the water surface, obstructions, connectivity, volume and the guard on the way."""
        request, flood, path = self.request, self.job.inputs.flood, self.target.path
        wse_tags = {key: value for key, value in self.target.tags.items() if key != FINGERPRINT_TAG}
        wse_output = WseOutput(
            request.wse_path, flood.output_grid, request.compression, wse_tags, tuple(self.job.settings.input_bands)
        )
        wse = wse_writer(outputs, wse_output, [], self.progress.translate)  # its path was checked before the run
        obstructed = (
            outputs.enter_context(
                obstruction_rows(
                    request.obstructions_path,
                    request.obstructions_layer,
                    flood.output_grid,
                    scratch_path_for(path, "obstructions"),
                )
            )
            if request.obstructions_path
            else None
        )
        finalise = partial(finalise_depth, max_depth=self.job.contract.max_depth)
        guard_areas = self.job.settings.guard_areas
        stages = RowStages(
            self.target.missing,
            ENCODINGS[request.data_type],
            _unchanged if guard_areas else finalise,  # the guard finalises the model's depth, not the estimate
            DepthFinish(request.min_depth, wse),
            request.conserve_volume,
            obstructed,
            scratch_path_for(path, "connectivity") if request.connected_only else None,
            outputs.callback,
        )
        sink = product_rows(writer, flood, self.job.settings.input_bands, stages, self.progress)
        return GuardedRows(sink, guard_areas, finalise, self.progress) if guard_areas else sink


def _unchanged(values: np.ndarray) -> np.ndarray:
    return values


def _output_rows(inputs: InferenceInputs, sink: RowSink) -> RowSink:
    """`sink` fed the output's own rows and columns of the model grid's rows (a preview window of them)."""
    if inputs.canvas is None:
        return sink
    return cropped_rows(sink, *inputs.output_offset, inputs.flood.output_grid.height, inputs.flood.output_grid.width)


def _predict_then_resample(
    job: TileJob, sink: ProductRows, progress: Progress, counts: TileCounts, output_path: StoragePath
) -> None:
    """Predict onto a scratch raster on the model grid (a band per layer), then resample it onto the output grid:
    bilinear for depth and spread, nearest for flags."""
    scratch_path = scratch_path_for(output_path, "model-grid")
    layers, inputs = job.settings.layers, job.inputs
    resampled: List[VirtualRaster] = []
    try:
        progress.stage(0, 2, Message("Super-resolving tiles on the model grid"))
        with GeoTiffWriter(
            scratch_path,
            inputs.model_grid,
            RasterFormat(overviews=None),
            bands=[layer.band_info(ENCODINGS[FLOAT32], False, {}, progress.translate) for layer in layers],
        ) as scratch:

            def to_scratch(rows: Dict[Layer, np.ndarray]) -> None:
                scratch.append_rows(np.stack([rows[layer] for layer in layers]))

            predict_model_grid(job, to_scratch, progress, counts)
        progress.stage(1, 2, Message("Resampling onto the DEM grid"))
        resampled = [
            warped_vrt(
                open_band(str(scratch_path), index, Message("intermediate")),
                inputs.canvas or inputs.flood.output_grid,
                "near" if layer.kind == APPLICABILITY_LAYER else "bilinear",
            )
            for index, layer in enumerate(layers, start=1)
        ]
        _push_resampled(inputs, dict(zip(layers, resampled)), sink, progress)
    finally:
        resampled = []  # close the scratch raster first: Windows cannot delete an open file
        scratch_path.unlink(missing_ok=True)


def _push_resampled(
    inputs: InferenceInputs, resampled: Dict[Layer, VirtualRaster], sink: ProductRows, progress: Progress
) -> None:
    """The output grid's rows of every layer, block by block."""
    height, width = inputs.flood.output_grid.height, inputs.flood.output_grid.width
    row_offset, col_offset = inputs.output_offset
    for row0 in range(0, height, BLOCK):
        progress.check_cancel()
        rows = min(BLOCK, height - row0)
        sink.push(
            {layer: raster.read(col_offset, row_offset + row0, width, rows) for layer, raster in resampled.items()}
        )
        for raster in resampled.values():
            raster.drop_cached_blocks()
        progress.report(min(row0 + BLOCK, height) / height)


def write_weight_map(
    path: StoragePath, inputs: InferenceInputs, plan: TilePlan, compression: str, language: LanguageLike = None
) -> None:
    """The blending weight map on the model grid: the sum of every tile's weight at each cell (a debug output)."""
    grid = inputs.model_grid
    description = Message("Sum of tile blending weights").render(language)
    with GeoTiffWriter(path, grid, RasterFormat(compression), bands=[BandInfo(description)]) as writer:
        totals_x = plan.x.totals[: grid.width]
        for row0 in range(0, grid.height, BLOCK):
            totals_y = plan.y.totals[row0 : min(row0 + BLOCK, grid.height)]
            writer.append_rows(np.outer(totals_y, totals_x))
