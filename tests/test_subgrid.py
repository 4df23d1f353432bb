"""Volume-conserving (subgrid) downscaling: levels computed by hand, and volumes kept on real terrain."""

import numpy as np
import pytest

from floodsr.engine.downscaling.subgrid import (
    CellLayout,
    cell_mean,
    conserve_volume,
    depth_of_levels,
    subgrid_depth,
    subgrid_smooth_depth,
    water_levels,
)

from helpers.rasters import bathtub_depth_lr, real_dem_2m

NAN = np.nan
RAMP = np.array([[0.0, 1.0], [2.0, 3.0]])  # one coarse cell of 2 x 2 fine cells


@pytest.mark.parametrize(
    "depth, level",
    [
        (0.1, 0.4),  # only the lowest cell is wet: 4 x 0.1 = 0.4 m of water over z = 0
        (0.5, 1.5),  # two cells wet: (1.5 - 0) + (1.5 - 1) = 2 = 4 x 0.5
        (2.0, 3.5),  # all wet: (3.5 * 4 - 6) / 4 = 2
        (0.25, 1.0),  # exactly at the second cell's ground
    ],
)
def test_the_level_holds_the_cell_average_depth_over_the_fine_ground(depth, level):
    np.testing.assert_allclose(water_levels(np.array([[depth]]), RAMP), [[level]], rtol=1e-12)
    expected = np.maximum(level - RAMP, 0.0)
    np.testing.assert_allclose(subgrid_depth(np.array([[depth]]), RAMP), expected, rtol=1e-6)


def test_dry_and_nodata_coarse_cells_stay_dry():
    dem = np.zeros((2, 6))
    depth = np.array([[0.0, NAN, 0.3]])
    np.testing.assert_array_equal(np.isnan(water_levels(depth, dem)), [[True, True, False]])
    np.testing.assert_allclose(subgrid_depth(depth, dem), [[0, 0, 0, 0, 0.3, 0.3]] * 2, rtol=1e-6)


def test_dem_voids_hold_no_water_and_the_cell_average_is_taken_over_valid_cells():
    dem = np.array([[0.0, 1.0], [2.0, NAN]])
    # 3 valid cells x 0.5 m = 1.5 m of water: (1.25 - 0) + (1.25 - 1) = 1.5
    np.testing.assert_allclose(water_levels(np.array([[0.5]]), dem), [[1.25]])
    np.testing.assert_allclose(subgrid_depth(np.array([[0.5]]), dem), [[1.25, 0.25], [0, NAN]], rtol=1e-6)


def test_a_cell_without_any_valid_dem_has_no_level_and_its_depth_is_void():
    dem = np.array([[NAN, NAN, 0.0, 0.0]])
    depth = np.array([[1.0, 1.0]])
    np.testing.assert_array_equal(np.isnan(water_levels(depth, dem)), [[True, False]])
    np.testing.assert_allclose(subgrid_depth(depth, dem), [[NAN, NAN, 1.0, 1.0]])
    np.testing.assert_allclose(subgrid_smooth_depth(depth, dem), [[NAN, NAN, 1.0, 1.0]])


def test_smoothing_interpolates_between_wet_cell_levels_and_restores_each_cells_volume():
    depth, dem = np.array([[1.0, 2.0]]), np.zeros((1, 4))
    # levels 1 and 2 at the cell centres: surface [1, 1.25, 1.75, 2] (the edge cells see one centre only);
    # shifted by -0.125 and +0.125 to hold 1 and 2 m on average
    np.testing.assert_allclose(subgrid_smooth_depth(depth, dem, passes=1), [[0.875, 1.125, 1.875, 2.125]])
    # second round: levels moved by the shifts (0.875, 2.125) -> surface [0.875, 1.1875, 1.8125, 2.125],
    # shifted by -0.03125 and +0.03125
    np.testing.assert_allclose(subgrid_smooth_depth(depth, dem, passes=2), [[0.84375, 1.15625, 1.84375, 2.15625]])


def test_dry_cells_do_not_pull_the_smoothed_surface_down():
    result = subgrid_smooth_depth(np.array([[1.0, 0.0]]), np.zeros((1, 4)))
    np.testing.assert_allclose(result, [[1, 1, 0, 0]])


def test_depth_of_levels_inverts_water_levels():
    levels = np.array([[0.4, NAN, 3.5]])
    dem = np.concatenate([RAMP, RAMP, RAMP], axis=1)
    depth = depth_of_levels(levels, dem)
    np.testing.assert_allclose(depth, [[0.1, 0.0, 2.0]])
    np.testing.assert_allclose(water_levels(depth, dem), levels)


def real_case(factor=16, water_level=None):
    dem = real_dem_2m()[:496, :496].astype(np.float64)
    level = water_level if water_level is not None else float(np.percentile(dem, 20))
    return bathtub_depth_lr(dem, factor, level).astype(np.float64), dem


@pytest.mark.parametrize("method", [subgrid_depth, subgrid_smooth_depth])
def test_each_coarse_cells_volume_is_kept_to_a_millionth_on_real_terrain(method):
    depth, dem = real_case()
    assert 0 < np.count_nonzero(depth) < depth.size, "a partly wet case"
    fine = method(depth, dem)
    kept = cell_mean(fine.astype(np.float64), dem, CellLayout.regular(depth.shape, dem.shape))
    wet = depth > 0
    np.testing.assert_allclose(kept[wet], depth[wet], rtol=1e-6)
    np.testing.assert_array_equal(kept[~wet], 0.0)
    assert fine.dtype == np.float32 and fine.min() >= 0


def test_a_flat_water_level_is_recovered_exactly_where_it_covers_part_of_each_cell():
    dem = real_dem_2m()[:496, :496].astype(np.float64)
    level = float(np.percentile(dem, 30))
    depth = bathtub_depth_lr(dem, 16, level).astype(np.float64)
    levels = water_levels(depth, dem)
    np.testing.assert_allclose(levels[depth > 0], level, atol=1e-4)  # float32 coarse depth


def test_cells_of_a_non_whole_number_of_fine_cells_keep_their_volume():
    # 2.5 fine cells per coarse cell: the fine centres, at 0.2, 0.6, 1.0, ... in coarse units, pick the cell
    rng = np.random.default_rng(3)
    dem = rng.uniform(0, 3, (10, 10))
    depth = rng.uniform(0, 1, (4, 4))
    positions = (np.arange(10) + 0.5) / 2.5
    layout = CellLayout(positions, positions, (4, 4))
    np.testing.assert_array_equal(layout.row_cells, [0, 0, 1, 1, 1, 2, 2, 3, 3, 3])
    for method in (subgrid_depth, subgrid_smooth_depth):
        np.testing.assert_allclose(cell_mean(method(depth, dem, layout), dem, layout), depth, rtol=1e-6)


def test_conserve_volume_scales_wet_cells_and_falls_back_to_the_level_where_the_estimate_is_dry():
    dem = np.concatenate([RAMP, RAMP, RAMP], axis=1)
    estimate = np.array([[0.2, 0.2, 0.0, 0.0, 0.0, 0.0], [0.4, 0.0, 0.0, 0.0, 0.3, 0.0]])
    depth = np.array([[0.5, 0.5, 0.0]])
    corrected = conserve_volume(estimate, depth, dem)
    # cell 0 holds 0.8 / 4 = 0.2 m, needs 0.5 m: x2.5; cell 1 is dry in the estimate: the level 1.5;
    # cell 2 is dry in the coarse depth: dried
    np.testing.assert_allclose(corrected, [[0.5, 0.5, 1.5, 0.5, 0, 0], [1.0, 0, 0, 0, 0, 0]], rtol=1e-6)
