"""The levels are found by Newton steps instead of sorting each cell's elevations, and the smoothing rounds reuse
their interpolation weights: the same values as the straightforward computation (tests/subgrid_reference.py:
every cell sorted, the surface interpolated everywhere), to float32 rounding in the depths, on real terrain."""

import numpy as np
import pytest

from floodsr.engine.downscaling.subgrid import (
    CellLayout,
    _cells,
    _solve,
    depth_under,
    subgrid_depth,
    subgrid_smooth_depth,
    subgrid_smooth_surface,
    water_levels,
)
from floodsr.engine.superresolution import surface_head
from floodsr.engine.superresolution.surface_head import HEAD_PASSES, corrected_depth

from helpers.real_terrain import REAL_DEMS, block_mean, level_depth, real_dem, tilted_level
from helpers.subgrid_reference import (
    reference_smooth_surface,
    reference_subgrid,
    reference_subgrid_smooth,
    sorted_solve,
)

NAN = np.nan
# Levels of hundreds of metres carry about 1e-14 m of float64 rounding, which a film of water a few nanometres
# deep shows in its last float32 digits.
LEVEL_ROUNDING_M = 1e-12


def assert_same_to_float32_rounding(actual, expected):
    """Equal voids, and values at most one float32 step (or the levels' float64 rounding) apart."""
    assert actual.dtype == expected.dtype == np.float32
    np.testing.assert_array_equal(np.isnan(actual), np.isnan(expected))
    step = np.maximum(np.spacing(np.maximum(np.abs(actual), np.abs(expected))), LEVEL_ROUNDING_M)
    assert np.all(np.nan_to_num(np.abs(actual.astype(np.float64) - expected) - step, nan=0.0) <= 0)


def floods(name):
    """A 512 x 512 real DEM (voids kept) and coarse depths of flat and tilted water surfaces over it, from a few
    wet cells to every cell wet: (dem, [depth, ...])."""
    dem, _, _ = real_dem(name, size=512)
    levels = [np.nanpercentile(dem, percentile) for percentile in (5, 40, 100)]
    surfaces = levels + [tilted_level(dem, 40, 0.004), tilted_level(dem, 60, -0.01)]
    return dem, [block_mean(level_depth(dem, surface)) for surface in surfaces]


@pytest.mark.parametrize("name", sorted(REAL_DEMS))
def test_levels_and_depths_equal_the_sorted_whole_grid_computation_on_real_terrain(name):
    dem, depths = floods(name)
    layout = CellLayout.regular(depths[0].shape, dem.shape)
    for depth in depths:
        expected_levels = sorted_solve(_cells(dem, layout), np.where(depth > 0, depth, 0.0).astype(np.float64))
        np.testing.assert_allclose(water_levels(depth, dem), expected_levels, rtol=0, atol=1e-9)
        assert_same_to_float32_rounding(subgrid_depth(depth, dem), reference_subgrid(depth, dem))
        assert_same_to_float32_rounding(subgrid_smooth_depth(depth, dem), reference_subgrid_smooth(depth, dem))
        assert np.nanmax(subgrid_depth(depth, dem)) > 0.05


@pytest.mark.parametrize("name", sorted(REAL_DEMS))
def test_the_surface_heads_smoothing_equals_the_sorted_whole_grid_computation_on_real_terrain(name):
    """Twenty rounds with an offset, as the contract-3 head runs them, and the head's depth as a whole."""
    dem, depths = floods(name)
    dem = np.nan_to_num(dem, nan=float(np.nanmin(dem))).astype(np.float64)
    layout = CellLayout.regular(depths[0].shape, dem.shape)
    offset = np.sin(np.arange(dem.shape[1]) / 37.0)[None, :] * np.cos(np.arange(dem.shape[0]) / 23.0)[:, None]
    for depth in depths[1:]:
        surface = subgrid_smooth_surface(depth, dem, layout, passes=HEAD_PASSES, offset=offset)
        expected = reference_smooth_surface(depth, dem, layout, passes=HEAD_PASSES, offset=offset)
        assert_same_to_float32_rounding(depth_under(surface, dem), depth_under(expected, dem))


def test_the_surface_head_gives_the_depth_of_the_reference_smoothing(monkeypatch):
    dem, depths = floods("alexandria")
    dem = np.nan_to_num(dem, nan=float(np.nanmin(dem)))
    depth = depths[3]
    correction = np.linspace(-1.0, 1.0, depth.size).reshape(depth.shape)
    head = corrected_depth(correction, depth, dem)
    monkeypatch.setattr(surface_head, "subgrid_smooth_surface", reference_wet_surface)
    assert_same_to_float32_rounding(head, corrected_depth(correction, depth, dem))
    assert np.max(head) > 0.5


def reference_wet_surface(depth, dem, layout, passes=3, offset=0.0):
    """reference_smooth_surface, NaN in dry coarse cells like subgrid_smooth_surface."""
    surface = reference_smooth_surface(depth, dem, layout, passes, offset)
    return np.where(layout.to_fine(np.nan_to_num(depth) > 0), surface, np.nan)


@pytest.mark.parametrize(
    "elevations, depth",
    [
        (np.arange(256.0)[::-1] ** 2 / 100, 0.01),  # a steep bowl: one step per dried cell, the longest way down
        (np.full(256, 1234.5), 0.3),  # one flat ground: every cell wet at once
        (np.r_[np.full(255, NAN), 7.0], 2.0),  # one valid cell
        (np.r_[np.arange(200.0), np.full(56, NAN)] % 7 * 0.001 + 4000.0, 0.002),  # millimetres at 4 km, voids
        (np.r_[np.zeros(128), np.full(128, 10.0)], 5.0),  # the water reaches exactly the upper ground
        (np.full(256, NAN), 1.0),  # no valid cell: no level
    ],
)
def test_cells_the_newton_steps_find_hardest_give_the_sorted_level(elevations, depth):
    expected = sorted_solve(elevations[None, :], np.array([depth]))
    np.testing.assert_allclose(_solve(elevations[None, :], np.array([depth])), expected, rtol=1e-13)
