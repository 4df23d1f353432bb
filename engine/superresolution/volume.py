"""Each coarse cell keeps its water volume in a model's output: output rows corrected before they are written."""

from typing import Callable, List

import numpy as np

from ..downscaling.streaming import cell_layout, coarse_rows, dem_rows
from ..downscaling.subgrid import cell_mean, conserve_volume, valid_cell_count
from ..messages import Message
from ..progress import Progress
from ..rasters.depth_output import DepthRowSink
from ..rasters.inputs import FloodInputs
from ..rasters.writer import GeoTiffWriter

Finalise = Callable[[np.ndarray], np.ndarray]


def output_rows(writer: GeoTiffWriter, inputs: FloodInputs, finalise: Finalise, conserve: bool, progress: Progress):
    """Where the model's output rows go: straight to the file, or through the volume correction first."""
    if not conserve:
        return DepthRowSink(writer, inputs.dem_on_output, finalise)
    return VolumeConservingRows(DepthRowSink(writer, inputs.dem_on_output, _unchanged), inputs, finalise, progress)


def _unchanged(values: np.ndarray) -> np.ndarray:
    return values


class VolumeConservingRows:
    """Takes fine depth rows on the output grid top to bottom, finalises them, holds them until their coarse
    cells are complete, corrects them so that every coarse cell holds its coarse depth x its area (see
    `conserve_volume`: one scale factor per cell over the model's wet cells, the flat subgrid level where the
    model is dry in a wet cell) and hands them to `rows`. The correction comes last, so it is not clipped."""

    def __init__(self, rows: DepthRowSink, inputs: FloodInputs, finalise: Finalise, progress: Progress):
        self._rows = rows
        self._finalise = finalise
        self._progress = progress
        self._layout = cell_layout(inputs.coarse_grid, inputs.output_grid)
        self._row_cells = self._layout.row_cells
        self._read_depth = coarse_rows(inputs.coarse)
        self._read_dem = dem_rows(inputs.dem_on_output)
        self._cell_area = inputs.output_grid.dx * inputs.output_grid.dy
        self._pending: List[np.ndarray] = []
        self._received = 0
        self._next_coarse_row = 0
        self._model_volume = self._coarse_volume = 0.0
        self._largest_error = self._largest_share = 0.0
        self._fallback_cells = 0

    @property
    def maximum(self) -> float:
        return self._rows.maximum

    @property
    def wet_fraction(self) -> float:
        return self._rows.wet_fraction

    def push(self, depth: np.ndarray) -> None:
        # a copy: the rows wait here while the caller may reuse its buffer
        self._pending.append(self._finalise(np.nan_to_num(depth, nan=0.0)))
        self._received += len(depth)
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
        pending = np.concatenate(self._pending)
        count = fine.stop - fine.start
        model, self._pending = pending[:count], [pending[count:]]
        depth = self._read_depth(coarse_row0, coarse_row1 - coarse_row0)
        dem = self._read_dem(fine.start, count)
        self._measure(model, depth, dem, window)
        self._rows.push(conserve_volume(model, depth, dem, window))
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
