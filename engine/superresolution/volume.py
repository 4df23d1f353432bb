"""Each coarse cell keeps its water volume in a model's output: output rows corrected before they are written."""

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import numpy as np

from ..downscaling.connectivity import ConnectedRows
from ..downscaling.obstructions import ObstructedRows
from ..downscaling.stages import RowStage
from ..downscaling.streaming import RowReader, cell_layout, coarse_rows, dem_rows
from ..downscaling.subgrid import cell_mean, conserve_volume, valid_cell_count
from ..messages import Message
from ..options import DEPTH_LAYER
from ..progress import Progress
from ..rasters.bands import RasterBand
from ..rasters.depth_finish import DepthFinish
from ..rasters.depth_output import DepthStatistics, ProductFile, ProductRows, ProductRowSink
from ..rasters.inputs import FloodInputs
from ..rasters.product import Encoding, Layer
from ..rasters.row_stages import FinalisedDepths, StagedProduct
from ..rasters.writer import GeoTiffWriter

Finalise = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class RowStages:
    """What the model's output rows go through before they are written (see `product_rows`)."""

    written: Sequence[Layer]  # the layers written to the product
    encoding: Encoding
    finalise: Finalise
    finish: DepthFinish
    conserve: bool = False
    obstructed: Optional[RowReader] = None  # rows of the obstruction mask on the output grid
    connectivity: Optional[Path] = None  # a scratch file, removed by what is handed to `cleanup` whatever happens
    cleanup: Callable[..., object] = lambda close: None


def product_rows(
    writer: GeoTiffWriter,
    inputs: FloodInputs,
    depth_bands: Dict[int, RasterBand],
    stages: RowStages,
    progress: Progress,
) -> ProductRows:
    """Where the model's output rows go, in this order: the depth finalised (clipped); with `conserve`, the volume
    correction of each depth layer (against its own band of `depth_bands`, input band number -> coarse depth);
    with `obstructed`, the water moved off the obstructions; with `connectivity`, the unreachable cells dried;
    `finish` comes last (the water-surface elevation of every depth band). Each depth band is judged on its own."""
    staged = stages.conserve or stages.obstructed is not None or stages.connectivity is not None
    finalise = stages.finalise
    product = ProductFile(writer, stages.written, stages.encoding)
    sink: ProductRows = ProductRowSink(product, inputs.dem_on_output, _unchanged if staged else finalise, stages.finish)
    grid = inputs.output_grid
    layout = cell_layout(inputs.coarse_grid, grid)
    if stages.connectivity is not None:
        connected = ConnectedRows(RowStage(sink.push, layout, progress, _is_depth), grid, stages.connectivity)
        stages.cleanup(connected.close)
        sink = StagedProduct(sink, connected)
    if stages.obstructed is not None:
        read_dem = dem_rows(inputs.dem_on_output)
        stage = RowStage(sink.push, layout, progress, _is_depth)
        sink = StagedProduct(sink, ObstructedRows(stage, read_dem, stages.obstructed, grid.dx * grid.dy))
    if stages.conserve:
        return VolumeConservingRows(sink, inputs, depth_bands, finalise, progress)
    return FinalisedDepths(sink, finalise) if staged else sink


def _is_depth(layer: Layer) -> bool:
    return layer.kind == DEPTH_LAYER


def _unchanged(values: np.ndarray) -> np.ndarray:
    return values


class VolumeConservingRows:
    """Takes rows of every product layer on the output grid top to bottom, finalises the depths, holds the rows
    until their coarse cells are complete, corrects each depth layer so that every coarse cell holds its coarse
    depth x its area (see `conserve_volume`: one scale factor per cell over the model's wet cells, the flat
    subgrid level where the model is dry in a wet cell) and hands them, with the other layers as they came, to
    `rows`. The correction comes last, so it is not clipped."""

    def __init__(
        self,
        rows: ProductRows,
        inputs: FloodInputs,
        depth_bands: Dict[int, RasterBand],
        finalise: Finalise,
        progress: Progress,
    ):
        self._rows = rows
        self._finalise = finalise
        self._progress = progress
        self._layout = cell_layout(inputs.coarse_grid, inputs.output_grid)
        self._row_cells = self._layout.row_cells
        self._read_depth = {number: coarse_rows(band) for number, band in depth_bands.items()}
        self._read_dem = dem_rows(inputs.dem_on_output)
        self._cell_area = inputs.output_grid.dx * inputs.output_grid.dy
        self._pending: Dict[Layer, List[np.ndarray]] = {}
        self._received = 0
        self._next_coarse_row = 0
        self._model_volume = self._coarse_volume = 0.0
        self._largest_error = self._largest_share = 0.0
        self._fallback_cells = 0

    @property
    def statistics(self) -> Dict[int, DepthStatistics]:
        return self._rows.statistics

    def push(self, rows: Dict[Layer, np.ndarray]) -> None:
        for layer, values in rows.items():
            # copies: the rows wait here while the caller may reuse its buffers
            kept = self._finalise(np.nan_to_num(values, nan=0.0)) if layer.kind == DEPTH_LAYER else values.copy()
            self._pending.setdefault(layer, []).append(kept)
        self._received += len(next(iter(rows.values())))
        if self._received < len(self._row_cells):
            self._correct_up_to(int(self._row_cells[self._received]))
        else:
            self._correct_up_to(self._layout.coarse_shape[0])

    def finish(self) -> None:
        self._progress.log(
            Message(
                "Volume correction: the model's output held {ratio:.4f} times the coarse depth's water; the largest "
                "volume error corrected in one coarse cell was {volume:.4g} m3, the largest relative one {share:.2%} "
                "of a cell's water.",
                ratio=self._model_volume / self._coarse_volume if self._coarse_volume else float("nan"),
                volume=self._largest_error,
                share=self._largest_share,
            )
        )
        if self._fallback_cells:
            self._progress.log(
                Message(
                    "{cells} wet coarse cell(s) where the model was dry took the flat volume-conserving level.",
                    cells=self._fallback_cells,
                )
            )
        self._rows.finish()

    def _correct_up_to(self, coarse_row1: int) -> None:
        """Correct and pass on the rows of coarse rows [next, coarse_row1), all of which have arrived."""
        if coarse_row1 <= self._next_coarse_row:
            return
        coarse_row0 = self._next_coarse_row
        fine, window = self._layout.window(coarse_row0, coarse_row1)
        count = fine.stop - fine.start
        dem = self._read_dem(fine.start, count)
        corrected = {}
        for layer, parts in self._pending.items():
            pending = np.concatenate(parts)
            values, self._pending[layer] = pending[:count], [pending[count:]]
            if layer.kind == DEPTH_LAYER:
                depth = self._read_depth[layer.input_band](coarse_row0, coarse_row1 - coarse_row0)
                self._measure(values, depth, dem, window)
                values = conserve_volume(values, depth, dem, window)
            corrected[layer] = values
        self._rows.push(corrected)
        self._next_coarse_row = coarse_row1

    def _measure(self, model: np.ndarray, depth: np.ndarray, dem: np.ndarray, window) -> None:
        """Add these coarse cells to the volume statistics that `finish` logs."""
        fine_cells = valid_cell_count(dem, window)
        valid = fine_cells > 0
        held = np.where(valid, cell_mean(model, dem, window), 0.0)
        wanted = np.where(valid & np.isfinite(depth) & (depth > 0), depth, 0.0)
        area = fine_cells * self._cell_area
        error = np.abs(held - wanted)
        self._model_volume += float(np.sum(held * area))
        self._coarse_volume += float(np.sum(wanted * area))
        self._largest_error = max(self._largest_error, float(np.max(error * area, initial=0.0)))
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(wanted > 0, error / wanted, 0.0)
        self._largest_share = max(self._largest_share, float(np.max(share, initial=0.0)))
        self._fallback_cells += int(np.count_nonzero((wanted > 0) & (held <= 0)))
