"""The five classic downscaling methods on fine-grid arrays (pure numpy/scipy, no I/O).

Every method starts from the coarse water-surface elevation (WSE) brought onto the fine grid
and returns the fine WSE and wet mask; depth is max(WSE - DEM, 0) on wet cells.
"""

from dataclasses import dataclass
from typing import Callable, Dict, Tuple

import numpy as np
from scipy import ndimage

from ..options import CLASSIC_METHODS

BUFFER_GROW_MAX_LOOPS = 30
BUFFER_GROW_MIN_GROWTH = 1e-5  # stop when an iteration adds under 0.001 % to the wet area
SCHUMANN_RING_COARSE_CELLS = 1.5
COSTGROW_CAP_COARSE_CELLS = 10
FOUR_CONNECTED = ndimage.generate_binary_structure(2, 1)


@dataclass
class FineFields:
    """The inputs every method needs, on the fine (output) grid, NaN where undefined."""

    dem: np.ndarray
    wse_linear: np.ndarray  # coarse WSE, bilinear onto the fine grid
    wse_nearest: np.ndarray  # coarse WSE, nearest-neighbour onto the fine grid (NaN where coarse is dry)
    coarse_wse: np.ndarray  # the coarse WSE itself (NaN where dry)
    coarse_col: np.ndarray  # per fine column: its centre in coarse-cell units (0.5 = centre of coarse column 0)
    coarse_row: np.ndarray  # per fine row: likewise for rows
    downscale: float  # coarse cell size / fine cell size

    @property
    def wet_nearest(self) -> np.ndarray:
        return np.isfinite(self.wse_nearest)


Result = Tuple[np.ndarray, np.ndarray]  # (fine WSE, wet mask)


def depth_of(wse: np.ndarray, dem: np.ndarray, wet: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        depth = np.where(wet, wse - dem, 0.0)
    return np.maximum(np.nan_to_num(depth, nan=0.0), 0.0).astype(np.float32)


def above_ground(wse: np.ndarray, dem: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return wse > dem  # False wherever either is NaN


def basic(fields: FineFields) -> Result:
    """Bilinear WSE; wet where the coarse cell is wet (nearest neighbour)."""
    return fields.wse_linear, fields.wet_nearest & np.isfinite(fields.wse_linear)


def simple_filter(fields: FineFields) -> Result:
    """Basic, then dry every cell where WSE <= DEM."""
    wse, wet = basic(fields)
    return wse, wet & above_ground(wse, fields.dem)


def buffer_grow_loop(fields: FineFields, check_cancel: Callable[[], None] = lambda: None) -> Result:
    """SimpleFilter, then grow into dry cells from wet 4-neighbours, taking their mean WSE. `check_cancel`
    runs before each round: a round over a large raster takes seconds."""
    wse, wet = simple_filter(fields)
    wse = np.where(wet, wse, np.nan)
    for _ in range(BUFFER_GROW_MAX_LOOPS):
        check_cancel()
        neighbour_sum, neighbour_count = _wet_neighbour_sums(wse, wet)
        with np.errstate(invalid="ignore", divide="ignore"):
            grown_wse = neighbour_sum / neighbour_count
        grows = ~wet & (neighbour_count > 0) & above_ground(grown_wse, fields.dem)
        added = int(grows.sum())
        wse = np.where(grows, grown_wse, wse)
        wet = wet | grows
        if added < BUFFER_GROW_MIN_GROWTH * max(int(wet.sum()), 1):
            break
    return wse, wet


def _wet_neighbour_sums(wse: np.ndarray, wet: np.ndarray):
    total = np.zeros(wse.shape, np.float64)
    count = np.zeros(wse.shape, np.int32)
    values = np.where(wet, wse, 0.0)
    for axis in (0, 1):
        for step in (1, -1):
            total += _shifted(values, step, axis)
            count += _shifted(wet.astype(np.int32), step, axis)
    return total, count


def _shifted(array: np.ndarray, step: int, axis: int) -> np.ndarray:
    """array moved by one cell along axis, zeros entering at the edge (no wrap-around)."""
    out = np.zeros_like(array)
    source = [slice(None)] * 2
    target = [slice(None)] * 2
    source[axis], target[axis] = (slice(None, -1), slice(1, None)) if step == 1 else (slice(1, None), slice(None, -1))
    out[tuple(target)] = array[tuple(source)]
    return out


def schumann14(fields: FineFields) -> Result:
    """Nearest-neighbour WSE plus a ring of 1.5 coarse cells around the wet area, each ring cell
    taking the WSE of the nearest wet coarse-cell centre (Manhattan distance)."""
    wet_core = fields.wet_nearest
    distance = ndimage.distance_transform_edt(~wet_core)
    ring = ~wet_core & (distance <= SCHUMANN_RING_COARSE_CELLS * fields.downscale)
    rows, cols = np.nonzero(ring)
    ring_wse = _nearest_wet_coarse_wse(fields, fields.coarse_row[rows], fields.coarse_col[cols])
    wse = fields.wse_nearest.copy()
    wse[rows, cols] = ring_wse
    return wse, above_ground(wse, fields.dem)


def _nearest_wet_coarse_wse(fields: FineFields, coarse_y: np.ndarray, coarse_x: np.ndarray) -> np.ndarray:
    """WSE of the wet coarse cell whose centre is nearest (Manhattan) to each point; NaN if none nearby."""
    coarse = fields.coarse_wse
    reach = int(np.ceil(SCHUMANN_RING_COARSE_CELLS)) + 2
    best_distance = np.full(coarse_y.shape, np.inf)
    best_wse = np.full(coarse_y.shape, np.nan)
    base_row, base_col = np.floor(coarse_y).astype(int), np.floor(coarse_x).astype(int)
    for d_row in range(-reach, reach + 1):
        for d_col in range(-reach, reach + 1):
            row, col = base_row + d_row, base_col + d_col
            inside = (row >= 0) & (row < coarse.shape[0]) & (col >= 0) & (col < coarse.shape[1])
            candidate = np.full(coarse_y.shape, np.nan)
            candidate[inside] = coarse[row[inside], col[inside]]
            distance = np.abs(coarse_y - (row + 0.5)) + np.abs(coarse_x - (col + 0.5))
            better = np.isfinite(candidate) & (distance < best_distance)
            best_distance[better] = distance[better]
            best_wse[better] = candidate[better]
    return best_wse


def cost_grow(fields: FineFields, cap_coarse_cells: float = COSTGROW_CAP_COARSE_CELLS) -> Result:
    """SimpleFilter, then every cell takes the WSE of its nearest wet cell (up to a cap); wet where
    WSE > DEM and 4-connected to the SimpleFilter wet area."""
    wse, wet = simple_filter(fields)
    if not wet.any():
        return wse, wet
    distance, (nearest_row, nearest_col) = ndimage.distance_transform_edt(~wet, return_indices=True)
    spread = wse[nearest_row, nearest_col]
    del nearest_row, nearest_col
    reachable = distance <= cap_coarse_cells * fields.downscale if cap_coarse_cells > 0 else np.ones_like(wet)
    candidates = reachable & above_ground(spread, fields.dem)
    labels, _ = ndimage.label(candidates, structure=FOUR_CONNECTED)
    connected = np.unique(labels[wet & candidates])
    keep = np.isin(labels, connected[connected > 0])
    return spread, keep


METHODS: Dict[str, Callable[[FineFields], Result]] = dict(
    zip(CLASSIC_METHODS, (basic, simple_filter, buffer_grow_loop, schumann14, cost_grow))
)
