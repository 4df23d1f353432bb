"""The subgrid methods computed over the whole grid, kept apart from the engine on purpose: every coarse cell's
level solved, dry ones included, and the smoothed surface interpolated at every fine cell, as the engine did before
it solved wet cells only. The engine's per-cell solve and helpers are shared; the yardstick is the orchestration."""

import numpy as np

from floodsr.engine.downscaling.subgrid import (
    SMOOTHING_PASSES,
    CellLayout,
    _cells,
    _neighbours,
    _solve,
    _wet_depth,
    depth_under,
)


def reference_levels(depth, dem, layout):
    return _solve(_cells(dem, layout), _wet_depth(depth))


def reference_subgrid(depth, dem, layout=None):
    layout = layout or CellLayout.regular(depth.shape, dem.shape)
    return depth_under(layout.to_fine(reference_levels(depth, dem, layout)), dem)


def reference_subgrid_smooth(depth, dem, layout=None, passes=SMOOTHING_PASSES):
    layout = layout or CellLayout.regular(depth.shape, dem.shape)
    wet_depth = _wet_depth(depth)
    levels = reference_levels(depth, dem, layout)
    for done in range(1, passes + 1):
        surface = _wet_bilinear_everywhere(levels, layout)
        shifts = _solve(_cells(dem - surface, layout), wet_depth)
        if done < passes:
            levels = levels + shifts
    return depth_under(surface + layout.to_fine(shifts), dem)


def _wet_bilinear_everywhere(levels, layout):
    wet = np.isfinite(levels)
    row_before, row_fraction = _neighbours(layout.row_positions, levels.shape[0])
    col_before, col_fraction = _neighbours(layout.col_positions, levels.shape[1])
    row_fraction = row_fraction[:, None]

    def interpolate(values):
        padded = np.pad(values, 1)
        by_rows = padded[row_before] * (1.0 - row_fraction) + padded[row_before + 1] * row_fraction
        return by_rows[:, col_before] * (1.0 - col_fraction) + by_rows[:, col_before + 1] * col_fraction

    weighted, weight = interpolate(np.where(wet, levels, 0.0)), interpolate(wet.astype(np.float64))
    weight[weight == 0] = np.nan
    return weighted / weight
