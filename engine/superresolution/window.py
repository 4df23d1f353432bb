"""A preview window: the tiles a full run would use around a chosen extent, and nothing else.

The window is snapped outwards to whole coarse cells. The run covers every tile of the full run's own tile
plan that reaches into the window, at the same positions and with the same blend weights there, so each
window cell gets the same predictions blended the same way: the window equals the same cells of a full run.
"""

from typing import Tuple

from ..messages import Message
from ..rasters.bands import RasterBand, crop_virtual, crop_vrt
from ..rasters.grid import Grid, crop_on
from ..rasters.inputs import FloodInputs, InferenceInputs
from ..rasters.window import Bounds, coarse_cells, sub_grid
from .contract import ModelContract
from .tiles import plan_axis


def window_inputs(
    inputs: InferenceInputs, bounds: Bounds, contract: ModelContract, overlap_lr: int, blend: str
) -> InferenceInputs:
    """Inputs that run the tiles around `bounds` (xmin, ymin, xmax, ymax in the DEM's CRS) and
    write only the coarse cells they touch. They read through `inputs`, which must stay open while they are used."""
    coarse = inputs.flood.coarse_grid
    col0, row0, col1, row1 = coarse_cells(coarse, bounds)
    window = sub_grid(coarse, col0, row0, col1 - col0, row1 - row0)
    # A prediction resampled onto the DEM grid is read one coarse cell around the window too: resampling
    # kernels reach past a cell, and GDAL cuts them short at a grid's edge.
    margin = 1 if inputs.resample_output else 0
    needed = (
        max(col0 - margin, 0),
        max(row0 - margin, 0),
        min(col1 + margin, coarse.width),
        min(row1 + margin, coarse.height),
    )
    span_x = tile_span(coarse.width, (needed[0], needed[2]), contract, overlap_lr, blend)
    span_y = tile_span(coarse.height, (needed[1], needed[3]), contract, overlap_lr, blend)
    crop = sub_grid(coarse, span_x[0], span_y[0], span_x[1] - span_x[0], span_y[1] - span_y[0])
    scale = contract.scale
    model_crop = sub_grid(
        inputs.model_grid, span_x[0] * scale, span_y[0] * scale, crop.width * scale, crop.height * scale
    )
    output, out_col, out_row = crop_on(inputs.flood.output_grid, window)
    flood = FloodInputs(
        _cropped_band(inputs.depth, span_x[0], span_y[0], crop),
        inputs.flood.dem,
        output,
        crop_virtual(inputs.flood.dem_on_output, out_col, out_row, output),
        inputs.flood.notes
        + [
            Message(
                "Preview: {width} x {height} coarse cells from column {col} and row {row} of the depth raster, "
                "run with the tiles of a full run that reach them.",
                width=window.width,
                height=window.height,
                col=col0,
                row=row0,
            )
        ],
    )
    dem_on_model = crop_virtual(inputs.dem_on_model, span_x[0] * scale, span_y[0] * scale, model_crop)
    if not inputs.resample_output:
        offset = (out_row - span_y[0] * scale, out_col - span_x[0] * scale)
        return InferenceInputs(flood, model_crop, dem_on_model, model_crop, offset)
    needed_grid = sub_grid(coarse, needed[0], needed[1], needed[2] - needed[0], needed[3] - needed[1])
    canvas, canvas_col, canvas_row = crop_on(inputs.flood.output_grid, needed_grid)
    return InferenceInputs(flood, model_crop, dem_on_model, canvas, (out_row - canvas_row, out_col - canvas_col))


def tile_span(size_lr: int, cells: Tuple[int, int], contract: ModelContract, overlap_lr: int, blend: str):
    """(start, stop) in coarse cells along one axis: every tile of the full run that reaches `cells`, coarse cells
    [first, last). Tile starts are whole coarse cells, so the span is too."""
    first, last = cells
    tile, scale = contract.hr_tile, contract.scale
    if size_lr * scale <= tile:  # one (padded) tile: the whole axis
        return 0, size_lr
    plan = plan_axis(size_lr * scale, tile, overlap_lr * scale, blend)
    starts = [start for start in plan.starts if start < last * scale and start + tile > first * scale]
    return starts[0] // scale, (starts[-1] + tile) // scale


def window_band(band: RasterBand, windowed: RasterBand) -> RasterBand:
    """Another band of the depth raster, cropped to the cells of the preview's depth band `windowed`."""
    grid = band.grid
    col0 = round((windowed.grid.x0 - grid.x0) / grid.dx)
    row0 = round((grid.y0 - windowed.grid.y0) / grid.dy)
    return _cropped_band(band, col0, row0, windowed.grid)


def _cropped_band(band: RasterBand, col0: int, row0: int, crop: Grid) -> RasterBand:
    return RasterBand(band.role, band.path, crop_vrt(band, col0, row0, crop).dataset, 1, crop)
