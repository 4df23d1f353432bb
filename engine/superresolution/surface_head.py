"""Contract version 3's physics: a model's water-surface correction per coarse cell turned into fine depth.

The model returns, per coarse cell of a tile, a correction to the water surface in metres. The engine
1. bounds it to +-MAX_CORRECTION_M and gates it by how inconsistent the coarse water surface is around the cell
   (`inconsistency_gate`): 0 where the flat levels of neighbouring wet cells agree and no wet cell's level stands
   above the ground of a dry neighbour, so a flat water level is returned exactly, whatever the network says;
2. interpolates it bilinearly between coarse-cell centres, so it is continuous across cell edges;
3. adds it to the continuous `subgrid_smooth` water surface of the tile, keeping the water volume either per
   coarse cell (VOLUME_PER_CELL: the correction offsets the interpolated surface in every smoothing round of
   subgrid_smooth, whose last shifts make each cell's volume exact) or over all the tile's wet cells together
   (VOLUME_PER_TILE: one shift for the tile, so water may move between wet cells);
4. returns max(surface - DEM, 0), 0 in coarse cells that are dry.
Pure numpy; the training tools run the same steps in torch (tools/training mirrors steps 1 and 2).
"""

import numpy as np

from ..downscaling.subgrid import (
    CellLayout,
    depth_under,
    subgrid_smooth_surface,
    total_volume_shift,
    water_levels,
    wet_bilinear,
)

MAX_CORRECTION_M = 1.0
GATE_HALF_M = 0.1  # the inconsistency (m) at which the gate is half open
# More smoothing rounds than subgrid_smooth's 3: with a correction in them, 20 bring the water surface's steps
# across coarse-cell edges down to those inside cells on the real DEMs of the tests (10 leave 1.2 times more on
# Alexandria's). They cost about 20 level solves and interpolations over a tile's wet cells (about 0.05 s of CPU
# for a wet 512 x 512 tile), so tiles with nothing to correct skip them.
HEAD_PASSES = 20
VOLUME_PER_CELL, VOLUME_PER_TILE = "cell", "tile"
VOLUME_MODES = (VOLUME_PER_CELL, VOLUME_PER_TILE)
NEIGHBOURS = ((-1, 0), (1, 0), (0, -1), (0, 1))


def inconsistency(levels: np.ndarray, lowest_ground: np.ndarray) -> np.ndarray:
    """Per coarse cell (m): the largest level jump to a wet 4-neighbour, or the height of its level above the
    lowest ground of a dry 4-neighbour (water that would spill there), whichever is larger; 0 in dry cells.
    Exactly 0 everywhere for the flat levels of one flat water surface."""
    rows, cols = levels.shape
    padded_levels = np.pad(levels, 1, constant_values=np.nan)
    padded_ground = np.pad(lowest_ground, 1, constant_values=np.nan)
    worst = np.zeros(levels.shape)
    for dy, dx in NEIGHBOURS:
        other = padded_levels[1 + dy : 1 + dy + rows, 1 + dx : 1 + dx + cols]
        ground = padded_ground[1 + dy : 1 + dy + rows, 1 + dx : 1 + dx + cols]
        with np.errstate(invalid="ignore"):
            jump = np.where(np.isfinite(other), np.abs(levels - other), np.maximum(levels - ground, 0.0))
        worst = np.fmax(worst, np.nan_to_num(jump, nan=0.0))
    return np.where(np.isfinite(levels), worst, 0.0)


def inconsistency_gate(inconsistent: np.ndarray) -> np.ndarray:
    """0 for a consistent cell, rising towards 1 as the inconsistency grows."""
    return inconsistent / (inconsistent + GATE_HALF_M)


def lowest_ground(dem: np.ndarray, layout: CellLayout) -> np.ndarray:
    """Per coarse cell, its lowest valid fine ground (NaN where it has none)."""
    rows, cols = layout.coarse_shape
    cells = dem.reshape(rows, dem.shape[0] // rows, cols, dem.shape[1] // cols)
    return np.fmin.reduce(np.fmin.reduce(cells, axis=3), axis=1)


def corrected_depth(
    correction: np.ndarray, depth_lr: np.ndarray, dem_hr: np.ndarray, volume: str = VOLUME_PER_CELL
) -> np.ndarray:
    """Fine depth (m, float32; 0 at DEM voids) of one tile from the model's correction per coarse cell (m, the
    shape of `depth_lr`), the coarse depth (m) and the tile's DEM (m, NaN at voids, which hold no water)."""
    dem = dem_hr.astype(np.float64)
    layout = CellLayout.regular(depth_lr.shape, dem.shape)
    levels = water_levels(depth_lr, dem, layout)
    gate = inconsistency_gate(inconsistency(levels, lowest_ground(dem, layout)))
    bounded = np.clip(np.nan_to_num(correction.astype(np.float64)), -MAX_CORRECTION_M, MAX_CORRECTION_M) * gate
    if not bounded.any():  # nothing to correct (a flat level, a consistent surface, a dry tile): subgrid_smooth
        return np.nan_to_num(depth_under(subgrid_smooth_surface(depth_lr, dem, layout), dem), nan=0.0)
    offset = wet_bilinear(bounded, layout)
    if volume == VOLUME_PER_TILE:
        surface = subgrid_smooth_surface(depth_lr, dem, layout) + offset
        surface += total_volume_shift(surface, depth_lr, dem, layout)
    else:
        surface = subgrid_smooth_surface(depth_lr, dem, layout, passes=HEAD_PASSES, offset=offset)
    return np.nan_to_num(depth_under(surface, dem), nan=0.0)
