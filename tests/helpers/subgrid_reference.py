"""The subgrid methods computed over the whole grid, kept apart from the engine on purpose: every coarse cell's
level solved, dry ones included, and the smoothed surface interpolated at every fine cell, as the engine did before
it solved wet cells only, and each cell's level found by sorting its fine elevations, as the engine solved it before
it took Newton steps. The engine's gathering and interpolation helpers are shared."""

import numpy as np

from floodsr.engine.downscaling.subgrid import (
    SMOOTHING_PASSES,
    CellLayout,
    _cells,
    _neighbours,
    _wet_depth,
    depth_under,
)


def reference_levels(depth, dem, layout):
    return sorted_solve(_cells(dem, layout), _wet_depth(depth))


def reference_subgrid(depth, dem, layout=None):
    layout = layout or CellLayout.regular(depth.shape, dem.shape)
    return depth_under(layout.to_fine(reference_levels(depth, dem, layout)), dem)


def reference_subgrid_smooth(depth, dem, layout=None, passes=SMOOTHING_PASSES):
    return depth_under(reference_smooth_surface(depth, dem, layout, passes), dem)


def reference_smooth_surface(depth, dem, layout=None, passes=SMOOTHING_PASSES, offset=0.0):
    """subgrid_smooth_surface over the whole grid (its value at dry coarse cells' fine cells is not NaN here)."""
    layout = layout or CellLayout.regular(depth.shape, dem.shape)
    wet_depth = _wet_depth(depth)
    levels = reference_levels(depth, dem, layout)
    for done in range(1, passes + 1):
        surface = _wet_bilinear_everywhere(levels, layout) + offset
        shifts = sorted_solve(_cells(dem - surface, layout), wet_depth)
        if done < passes:
            levels = levels + shifts
    return surface + layout.to_fine(shifts)


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


def sorted_solve(elevations, depth):
    """Per cell, the level w with sum_i max(w - z_i, 0) = n * depth over its n valid elevations (NaN = none), by
    sorting: with z sorted (s_1 <= s_2 ...) and S_j their prefix sums, the j lowest cells are wet exactly when
    j * s_j - S_j < n * depth, and then w = (n * depth + S_j) / j for the largest such j."""
    ordered = np.sort(elevations, axis=-1)  # NaN last, so prefix sums are exact up to the last valid value
    lowest = ordered[..., :1].copy()
    ordered -= lowest
    valid = np.count_nonzero(~np.isnan(ordered), axis=-1)
    prefix = np.cumsum(ordered, axis=-1)
    target = (valid * depth)[..., None]
    with np.errstate(invalid="ignore"):
        wet_count = np.count_nonzero(ordered * np.arange(1, ordered.shape[-1] + 1) - prefix < target, axis=-1)
    reached = np.take_along_axis(prefix, np.maximum(wet_count - 1, 0)[..., None], axis=-1)[..., 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        levels = (valid * depth + reached) / wet_count + lowest[..., 0]
    return np.where((depth > 0) & (valid > 0), levels, np.nan)
