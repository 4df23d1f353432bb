"""A preview window for the downscaling methods: the coarse cells an extent touches, run with context around them.

basic, simplefilter and schumann14 look at most two coarse cells away, and buffergrowloop at most its 30 rounds
of one fine cell: run with that much context, their window equals the same cells of a full run. buffergrowloop
stops early once a round adds almost nothing to the whole wet area, and costgrow keeps water only where it connects
to the wet area, however far: from the context they see, both can end a little differently from a full run
where water comes from outside it. subgrid is local to each coarse cell; subgrid_smooth reaches as many coarse
cells as it has smoothing passes: both equal a full run.
"""

import math
from dataclasses import dataclass
from typing import Tuple

from ..messages import Message
from ..options import SUBGRID, SUBGRID_SMOOTH
from ..rasters.bands import RasterBand, VirtualRaster, crop_virtual, crop_vrt
from ..rasters.grid import Grid, crop_on
from ..rasters.inputs import FloodInputs
from ..rasters.window import Bounds, coarse_cells, sub_grid
from .methods import BUFFER_GROW_MAX_LOOPS
from .subgrid import SMOOTHING_PASSES

# Bilinear WSE reaches one coarse cell, schumann14's ring 1.5: two cells cover every local method.
LOCAL_CONTEXT_COARSE_CELLS = 2


@dataclass
class RunArea:
    """What a run computes (`inputs`: the window and its context) and what it writes (`output_grid`, at `offset`
    (row, col) in the computed fine grid, with the DEM on it)."""

    inputs: FloodInputs
    output_grid: Grid
    dem_on_output: VirtualRaster
    offset: Tuple[int, int]


def whole_area(inputs: FloodInputs) -> RunArea:
    return RunArea(inputs, inputs.output_grid, inputs.dem_on_output, (0, 0))


def context_cells(method: str, downscale: float, costgrow_cap: float) -> int:
    """How many coarse cells around the window a method needs to see."""
    if method == SUBGRID:
        return 0
    if method == SUBGRID_SMOOTH:
        return SMOOTHING_PASSES + 1
    if method == "buffergrowloop":
        return LOCAL_CONTEXT_COARSE_CELLS + math.ceil(BUFFER_GROW_MAX_LOOPS / downscale)
    if method == "costgrow":
        return LOCAL_CONTEXT_COARSE_CELLS + math.ceil(costgrow_cap)
    return LOCAL_CONTEXT_COARSE_CELLS


def window_area(inputs: FloodInputs, bounds: Bounds, method: str, costgrow_cap: float) -> RunArea:
    coarse = inputs.coarse_grid
    col0, row0, col1, row1 = coarse_cells(coarse, bounds)
    window = sub_grid(coarse, col0, row0, col1 - col0, row1 - row0)
    margin = context_cells(method, coarse.dx / inputs.output_grid.dx, costgrow_cap)
    context_col0, context_row0 = max(col0 - margin, 0), max(row0 - margin, 0)
    context = sub_grid(
        coarse,
        context_col0,
        context_row0,
        min(col1 + margin, coarse.width) - context_col0,
        min(row1 + margin, coarse.height) - context_row0,
    )
    depth = crop_vrt(inputs.coarse, context_col0, context_row0, context)
    output, out_col, out_row = crop_on(inputs.output_grid, context)
    window_output, window_col, window_row = crop_on(inputs.output_grid, window)
    note = Message(
        "Preview: {width} x {height} coarse cells from column {col} and row {row}, run with {margin} coarse cells "
        "of context around them.",
        width=window.width,
        height=window.height,
        col=col0,
        row=row0,
        margin=margin,
    )
    cropped = FloodInputs(
        RasterBand(inputs.coarse.role, inputs.coarse.path, depth.dataset, 1, context),
        inputs.dem,
        output,
        crop_virtual(inputs.dem_on_output, out_col, out_row, output),
        inputs.notes + [note],
    )
    return RunArea(
        cropped,
        window_output,
        crop_virtual(inputs.dem_on_output, window_col, window_row, window_output),
        (window_row - out_row, window_col - out_col),
    )
