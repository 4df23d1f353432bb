"""A window of a raster: the cells an extent touches, and the grid of a block of cells."""

import math
from dataclasses import replace
from typing import Any, Callable, Dict, Tuple, Union

import numpy as np

from ..errors import InputError
from .grid import Grid

Bounds = Tuple[float, float, float, float]
# A block of rows: one array, or several layers of the same rows by name.
Rows = Union[np.ndarray, Dict[Any, np.ndarray]]
# Extent edges closer than this (in cells) to a cell edge count as on it.
EDGE_TOLERANCE_CELLS = 1e-6


def coarse_cells(grid: Grid, bounds: Bounds) -> Tuple[int, int, int, int]:
    """(col0, row0, col1, row1): the coarse cells `bounds` touches, clipped to the raster."""
    xmin, ymin, xmax, ymax = bounds
    col0 = max(0, math.floor((xmin - grid.x0) / grid.dx + EDGE_TOLERANCE_CELLS))
    col1 = min(grid.width, math.ceil((xmax - grid.x0) / grid.dx - EDGE_TOLERANCE_CELLS))
    row0 = max(0, math.floor((grid.y0 - ymax) / grid.dy + EDGE_TOLERANCE_CELLS))
    row1 = min(grid.height, math.ceil((grid.y0 - ymin) / grid.dy - EDGE_TOLERANCE_CELLS))
    if col0 >= col1 or row0 >= row1:
        raise InputError(
            "The preview extent ({xmin:.2f}, {ymin:.2f}, {xmax:.2f}, {ymax:.2f}) does not overlap the coarse raster "
            "({bounds}). Draw it over the flood area, or leave it empty to run on the whole raster.",
            xmin=xmin,
            ymin=ymin,
            xmax=xmax,
            ymax=ymax,
            bounds=", ".join(f"{value:.2f}" for value in grid.bounds),
        )
    return col0, row0, col1, row1


def sub_grid(grid: Grid, col0: int, row0: int, width: int, height: int) -> Grid:
    return replace(grid, x0=grid.x0 + col0 * grid.dx, y0=grid.y0 - row0 * grid.dy, width=width, height=height)


def cropped_rows(sink: Callable[[Any], None], row0: int, col0: int, height: int, width: int) -> Callable[[Any], None]:
    """A writer for the rows of a larger grid, top to bottom (an array, or a dict of arrays of the same rows),
    that hands `sink` only the block of `height` x `width` cells at (row0, col0): a preview window of a
    computed area."""
    position = 0

    def crop(values: np.ndarray, start: int, stop: int) -> np.ndarray:
        return values[start:stop, col0 : col0 + width]

    def take(rows: Rows) -> None:
        nonlocal position
        count = len(next(iter(rows.values()))) if isinstance(rows, dict) else len(rows)
        start, stop = max(row0 - position, 0), min(row0 + height - position, count)
        if start < stop:
            if isinstance(rows, dict):
                sink({key: crop(values, start, stop) for key, values in rows.items()})
            else:
                sink(crop(rows, start, stop))
        position += count

    return take
