"""Classic downscalers on tiny grids whose answers are known cell by cell."""

import numpy as np
import pytest

from floodsr.engine.downscaling.methods import (
    FineFields,
    basic,
    buffer_grow_loop,
    cost_grow,
    depth_of,
    schumann14,
    simple_filter,
)
from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.options import DOWNSCALE_METHODS

from helpers.paths import SAMPLE
from helpers.rasters import read_raster, write_raster

NAN = np.nan


def fields(dem, wse_linear, wse_nearest=None, coarse_wse=None, downscale=2.0):
    dem = np.asarray(dem, np.float32)
    wse_linear = np.asarray(wse_linear, np.float32)
    rows, cols = dem.shape
    return FineFields(
        dem=dem,
        wse_linear=wse_linear,
        wse_nearest=np.asarray(wse_linear if wse_nearest is None else wse_nearest, np.float32),
        coarse_wse=np.asarray(coarse_wse if coarse_wse is not None else [[NAN]], np.float32),
        coarse_col=(np.arange(cols) + 0.5) / downscale,
        coarse_row=(np.arange(rows) + 0.5) / downscale,
        downscale=downscale,
    )


def depth(method, case, **options):
    wse, wet = method(case, **options)
    return depth_of(wse, case.dem, wet), wet


def test_basic_keeps_the_coarse_wet_mask_and_simplefilter_dries_cells_above_the_water():
    case = fields([[1, 2], [3, 4]], [[2.5, 2.5], [2.5, 2.5]])
    basic_depth, basic_wet = depth(basic, case)
    filtered_depth, filtered_wet = depth(simple_filter, case)
    np.testing.assert_allclose(basic_depth, [[1.5, 0.5], [0, 0]])
    assert basic_wet.all()
    np.testing.assert_array_equal(filtered_wet, [[True, True], [False, False]])
    np.testing.assert_allclose(filtered_depth, basic_depth)


def test_basic_is_dry_where_the_coarse_cell_is_dry_even_if_bilinear_wse_reaches_it():
    case = fields([[0, 0]], [[1.0, 0.8]], wse_nearest=[[1.0, NAN]])
    np.testing.assert_allclose(depth(basic, case)[0], [[1.0, 0.0]])


def test_buffer_grow_loop_takes_the_mean_wse_of_wet_four_neighbours_loop_by_loop():
    wse = [[NAN, 2, NAN], [4, NAN, NAN], [NAN, NAN, NAN]]
    grown, wet = depth(buffer_grow_loop, fields(np.zeros((3, 3)), wse))
    # loop 1: (0,0) and (1,1) see 2 and 4 -> 3; (0,2) sees 2; (2,0) sees 4
    # loop 2: (1,2) sees 2 and 3 -> 2.5; (2,1) sees 3 and 4 -> 3.5; loop 3: (2,2) sees 2.5 and 3.5 -> 3
    np.testing.assert_allclose(grown, [[3, 2, 2], [4, 3, 2.5], [4, 3.5, 3]])
    assert wet.all()


def test_buffer_grow_loop_stops_at_higher_ground():
    grown, wet = depth(buffer_grow_loop, fields([[0, 0, 0, 5, 0]], [[1, NAN, NAN, NAN, NAN]]))
    np.testing.assert_allclose(grown, [[1, 1, 1, 0, 0]])
    np.testing.assert_array_equal(wet, [[True, True, True, False, False]])


def test_schumann_ring_takes_the_nearest_wet_coarse_centre_by_manhattan_distance():
    # coarse cells of 2 fine cells: [5, dry, 7]; ring cells 2 and 3 are 0.75 from one centre, 1.25 from the other
    nearest = [[5, 5, NAN, NAN, 7, 7]] * 2
    case = fields(np.zeros((2, 6)), nearest, nearest, coarse_wse=[[5, NAN, 7]])
    np.testing.assert_allclose(depth(schumann14, case)[0], [[5, 5, 5, 7, 7, 7]] * 2)


def test_schumann_ring_is_one_and_a_half_coarse_cells_wide_and_needs_wse_above_ground():
    nearest = [[5, 5, NAN, NAN, NAN, NAN]]
    case = fields([[0, 0, 4, 6, 4, 0]], nearest, nearest, coarse_wse=[[5, NAN, NAN]])
    # ring = fine cells 2, 3, 4 (within 3 fine cells); cell 3 is above the water; cell 5 is outside the ring
    np.testing.assert_allclose(depth(schumann14, case)[0], [[5, 5, 1, 0, 1, 0]])


def test_costgrow_keeps_only_cells_connected_to_the_wet_area_and_dries_cells_above_the_water():
    case = fields([[0, 0, 0, 9, 0, 0, 0]], [[2, 2, NAN, NAN, NAN, NAN, NAN]])
    grown, wet = depth(cost_grow, case)
    np.testing.assert_allclose(grown, [[2, 2, 2, 0, 0, 0, 0]])  # the basin beyond the ridge is cut off
    np.testing.assert_array_equal(wet, [[True, True, True, False, False, False, False]])


def test_costgrow_growth_is_capped_in_coarse_cells():
    case = fields(np.zeros((1, 7)), [[2, 2, NAN, NAN, NAN, NAN, NAN]], downscale=2.0)
    np.testing.assert_allclose(depth(cost_grow, case, cap_coarse_cells=1)[0], [[2, 2, 2, 2, 0, 0, 0]])
    np.testing.assert_allclose(depth(cost_grow, case, cap_coarse_cells=0)[0], [[2] * 7])


def test_costgrow_connectivity_is_four_neighbour():
    dem = [[0, 9, 9], [9, 0, 9], [9, 9, 9]]
    case = fields(dem, [[1, NAN, NAN], [NAN, NAN, NAN], [NAN, NAN, NAN]])
    grown, _ = depth(cost_grow, case)
    assert grown[1, 1] == 0, "a diagonal neighbour is not connected"


def test_mean_ground_depth_becomes_wse_over_the_mean_dem_of_the_coarse_cell(tmp_path):
    dem = np.zeros((4, 8), np.float32)
    dem[:, :2] = 2.0  # left coarse cell: mean DEM 1.0 over 4 x 4 cells
    depth_coarse = np.array([[1.0, 0.0]], np.float32)
    output = tmp_path / "out.tif"
    downscale(
        DownscaleRequest(
            write_raster(tmp_path / "d.tif", depth_coarse, 0.0, 8.0, 8.0),
            write_raster(tmp_path / "dem.tif", dem, 0.0, 8.0, 2.0),
            str(output),
            method="simplefilter",
            depth_convention="mean_ground",
        )
    )
    values, geotransform, _, _ = read_raster(output)
    # WSE 2.0 over the left coarse cell: DEM 2 cells are dry, DEM 0 cells are 2 m deep; right cell dry
    np.testing.assert_allclose(values[:, :4], [[0, 0, 2, 2]] * 4)
    np.testing.assert_allclose(values[:, 4:], 0)
    assert geotransform == (0.0, 2.0, 0.0, 8.0, 0.0, -2.0)


def test_wse_input_is_used_as_is_and_dem_voids_are_nodata(tmp_path):
    dem = np.zeros((4, 8), np.float32)
    dem[0, 0] = -9999
    wse = np.array([[1.5, -9999]], np.float32)
    output = tmp_path / "out.tif"
    downscale(
        DownscaleRequest(
            write_raster(tmp_path / "w.tif", wse, 0.0, 8.0, 8.0, nodata=-9999),
            write_raster(tmp_path / "dem.tif", dem, 0.0, 8.0, 2.0, nodata=-9999),
            str(output),
            method="basic",
            input_type="wse",
        )
    )
    values, _, _, nodata = read_raster(output)
    assert values[0, 0] == nodata
    np.testing.assert_allclose(values[1:, :4], 1.5)
    np.testing.assert_allclose(values[:, 4:], 0)


@pytest.mark.parametrize("method", DOWNSCALE_METHODS)
def test_every_method_runs_on_the_sample_and_stays_physical(tmp_path, method):

    sample = SAMPLE
    output = tmp_path / f"{method}.tif"
    result = downscale(
        DownscaleRequest(str(sample / "depth_32m.tif"), str(sample / "dem_2m.tif"), str(output), method=method)
    )
    values, _, _, _ = read_raster(output)
    dem = read_raster(sample / "dem_2m.tif")[0]
    assert values.shape == dem.shape == (496, 496)
    assert values.min() >= 0 and 0.05 < result.wet_fraction < 0.3
    wet = values > 0
    assert np.all(values[wet] + dem[wet] > dem[wet]), "wet cells have water above the ground"
