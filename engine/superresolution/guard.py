"""The guard on a model's output: where the model is outside its area of applicability (a tile's applicability
flags are set), the output is the model-free `subgrid_smooth` estimate, exactly as `floodsr:downscale` computes
it for the same cells; elsewhere it is the model's. Output rows pass through on their way to the product file.
"""

from dataclasses import dataclass, replace
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import numpy as np

from ..downscaling.streaming import blocks, cell_layout, coarse_rows, dem_rows
from ..downscaling.subgrid import SMOOTHING_PASSES, subgrid_smooth_depth
from ..downscaling.window import RunArea, whole_area, window_area
from ..messages import Message
from ..options import APPLICABILITY_LAYER, DEPTH_LAYER, SUBGRID_SMOOTH
from ..progress import Progress
from ..rasters.bands import RasterBand
from ..rasters.depth_output import DepthStatistics, ProductRows
from ..rasters.inputs import FloodInputs
from ..rasters.product import Layer

Bounds = Tuple[float, float, float, float]


def subgrid_smooth_rows(area: RunArea) -> Iterator[np.ndarray]:
    """The `subgrid_smooth` depth of `area`'s output grid (NaN at DEM voids), block row by block row, top to
    bottom: the same streaming, halo and window as `floodsr:downscale` method subgrid_smooth."""
    inputs = area.inputs
    layout = cell_layout(inputs.coarse_grid, inputs.output_grid)
    read_coarse, read_dem = coarse_rows(inputs.coarse), dem_rows(inputs.dem_on_output)
    row0, col0 = area.offset
    height, width = area.output_grid.height, area.output_grid.width
    for block in blocks(layout, SMOOTHING_PASSES):
        coarse = read_coarse(block.coarse.start, block.coarse.stop - block.coarse.start)
        dem = read_dem(block.fine.start, block.fine.stop - block.fine.start)
        rows = subgrid_smooth_depth(coarse, dem, block.layout)[block.keep]
        first = block.fine.start + block.keep.start  # this block's first row in the computed grid
        start, stop = max(row0 - first, 0), min(row0 + height - first, len(rows))
        if start < stop:
            yield rows[start:stop, col0 : col0 + width]


class RowQueue:
    """Rows from an iterator of row blocks, taken a given number at a time."""

    def __init__(self, source: Iterator[np.ndarray]):
        self._source = source
        self._held: List[np.ndarray] = []
        self._count = 0

    def take(self, count: int) -> np.ndarray:
        while self._count < count:
            block = next(self._source)
            self._held.append(block)
            self._count += len(block)
        rows = np.concatenate(self._held) if len(self._held) > 1 else self._held[0]
        taken, rest = rows[:count], rows[count:]
        self._held, self._count = ([rest] if len(rest) else []), len(rest)
        return taken


def reference_areas(
    flood: FloodInputs, depth_bands: Dict[int, RasterBand], window: Optional[Bounds]
) -> Dict[int, RunArea]:
    """Per input depth band, the area its `subgrid_smooth` reference is computed on: the whole raster, or a
    preview window with the context that method needs (so that it equals `floodsr:downscale`'s same window)."""
    areas = {}
    for number, band in depth_bands.items():
        inputs = replace(flood, coarse=band)
        areas[number] = whole_area(inputs) if window is None else window_area(inputs, window, SUBGRID_SMOOTH, 0.0)
    return areas


@dataclass
class GuardCount:
    model_cells: int = 0
    guarded_cells: int = 0

    @property
    def guarded_share(self) -> Optional[float]:
        total = self.model_cells + self.guarded_cells
        return self.guarded_cells / total if total else None


class GuardedRows:
    """Takes rows of every product layer (depth in metres and the applicability flags of each depth band),
    finalises the model's depth (`finalise`: the contract's clip), puts the `subgrid_smooth` estimate, as it is,
    wherever the band's flags are set, and hands the rows on to `rows` (which must not finalise them again).
    Counts the valid cells that took each."""

    def __init__(
        self,
        rows: ProductRows,
        areas: Dict[int, RunArea],
        finalise: Callable[[np.ndarray], np.ndarray],
        progress: Progress,
    ):
        self._rows = rows
        self._finalise = finalise
        self._references = {number: RowQueue(subgrid_smooth_rows(area)) for number, area in areas.items()}
        self._progress = progress
        self.count = GuardCount()

    @property
    def statistics(self) -> Dict[int, DepthStatistics]:
        return self._rows.statistics

    def push(self, rows: Dict[Layer, np.ndarray]) -> None:
        guarded = dict(rows)
        for layer, values in rows.items():
            if layer.kind != DEPTH_LAYER:
                continue
            model = self._finalise(np.nan_to_num(values, nan=0.0))  # a copy: the caller may reuse `values`
            flags = rows.get(Layer(APPLICABILITY_LAYER, layer.input_band))
            if flags is None:
                guarded[layer] = model
                continue
            reference = self._references[layer.input_band].take(len(values))
            outside = np.nan_to_num(flags, nan=0.0) > 0
            valid = ~np.isnan(reference)
            self.count.guarded_cells += int(np.count_nonzero(outside & valid))
            self.count.model_cells += int(np.count_nonzero(~outside & valid))
            guarded[layer] = np.where(outside, np.nan_to_num(reference, nan=0.0), model).astype(np.float32)
        self._rows.push(guarded)

    def finish(self) -> None:
        share = self.count.guarded_share
        if share is not None:
            self._progress.log(
                Message(
                    "Guard: {guarded:.1%} of the output cells took the model-free subgrid_smooth estimate, where the "
                    "model is outside its training range; {model:.1%} took the model's output.",
                    guarded=share,
                    model=1.0 - share,
                )
            )
        self._rows.finish()
