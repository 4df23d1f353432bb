"""Where tiles start along an axis and how much each tile pixel weighs in the blend (pure numpy)."""

from dataclasses import dataclass
from typing import List

import numpy as np

from ..options import BLEND_MODES, FEATHER, HARD

WEIGHT_FLOOR = 1e-3


@dataclass(frozen=True)
class AxisPlan:
    """Tile starts along one axis of a (possibly padded) raster, with each tile's 1-D weight."""

    size: int
    starts: List[int]
    weights: List[np.ndarray]

    @property
    def totals(self) -> np.ndarray:
        """Sum of all tiles' weights at each position. 2-D weights are outer products, so the 2-D sum of
        weights is outer(totals_y, totals_x): no need to accumulate it cell by cell."""
        total = np.zeros(self.size, np.float32)
        for start, weight in zip(self.starts, self.weights):
            total[start : start + len(weight)] += weight
        return total


@dataclass(frozen=True)
class TilePlan:
    """The tiles of a raster on the model grid: where they start down the rows (y) and across the columns (x)."""

    y: AxisPlan
    x: AxisPlan

    @property
    def tile_count(self) -> int:
        return len(self.y.starts) * len(self.x.starts)


def tile_starts(size: int, tile: int, stride: int) -> List[int]:
    """0, stride, 2*stride, ... plus one last start at size - tile, so no tile needs padding."""
    if size < tile:
        raise ValueError(f"axis of {size} px is smaller than one {tile} px tile; pad it first")
    starts = list(range(0, size - tile + 1, stride))
    if starts[-1] != size - tile:
        starts.append(size - tile)
    return starts


def feather_weight(tile: int, overlap: int, first: bool, last: bool) -> np.ndarray:
    """Ramps k/(overlap+1) on both sides, flat 1 inside; no ramp on a side at the raster edge."""
    weight = np.ones(tile, np.float32)
    if overlap > 0:
        ramp = np.arange(1, overlap + 1, dtype=np.float32) / (overlap + 1)
        if not first:
            weight[:overlap] = ramp
        if not last:
            weight[tile - overlap :] = ramp[::-1]
    return np.maximum(weight, WEIGHT_FLOOR)


def plan_axis(size: int, tile: int, overlap: int, blend: str) -> AxisPlan:
    if blend == FEATHER:
        starts = tile_starts(size, tile, tile - overlap)
        last = len(starts) - 1
        weights = [feather_weight(tile, overlap, i == 0, i == last) for i in range(len(starts))]
    elif blend == HARD:
        starts = tile_starts(size, tile, tile)
        weights = [_hard_weight(starts, i, tile) for i in range(len(starts))]
    else:
        raise ValueError(f"unknown blend mode {blend!r}; use one of {', '.join(BLEND_MODES)}")
    return AxisPlan(size, starts, weights)


def _hard_weight(starts: List[int], index: int, tile: int) -> np.ndarray:
    """Side-by-side tiles: each pixel belongs to the first tile that covers it."""
    weight = np.zeros(tile, np.float32)
    owned_from = 0 if index == 0 else starts[index - 1] + tile - starts[index]
    weight[owned_from:] = 1.0
    return weight
