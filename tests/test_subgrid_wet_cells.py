"""The subgrid methods solve and interpolate in wet coarse cells only, and give exactly the values of the
computation over the whole grid (tests/subgrid_reference.py)."""

import numpy as np
import pytest

from floodsr.engine.downscaling.subgrid import CellLayout, subgrid_depth, subgrid_smooth_depth, water_levels

from helpers.rasters import bathtub_depth_lr, real_dem_2m
from helpers.subgrid_reference import reference_levels, reference_subgrid, reference_subgrid_smooth


@pytest.fixture(scope="module")
def dem_with_voids():
    """496 x 496 cells of 2 m real terrain with two DEM voids, one of them a whole coarse cell."""
    dem = real_dem_2m()[:496, :496].copy()
    dem[100:140, 200:260] = np.nan
    dem[0:16, 0:16] = np.nan
    return dem


@pytest.mark.parametrize("percentile", [0, 30, 100])  # dry, partly wet, wet everywhere
def test_the_same_values_as_the_whole_grid_on_real_terrain(dem_with_voids, percentile):
    depth = bathtub_depth_lr(
        dem_with_voids, 16, float(np.nanpercentile(dem_with_voids, percentile)) + 0.5 * (percentile == 100)
    )
    depth[0, 0] = 0.4  # wet, over a coarse cell without any valid DEM cell
    layout = CellLayout.regular(depth.shape, dem_with_voids.shape)
    expected_levels = reference_levels(depth, dem_with_voids, layout)
    assert np.array_equal(water_levels(depth, dem_with_voids), expected_levels, equal_nan=True)
    smooth = subgrid_smooth_depth(depth, dem_with_voids)
    assert np.array_equal(
        subgrid_depth(depth, dem_with_voids), reference_subgrid(depth, dem_with_voids), equal_nan=True
    )
    assert np.array_equal(smooth, reference_subgrid_smooth(depth, dem_with_voids), equal_nan=True)
    assert np.isnan(smooth[:16, :16]).all() and smooth.dtype == np.float32
    assert (np.nanmax(smooth) > 0.1) == (percentile > 0)


@pytest.mark.parametrize(
    "method, reference", [(subgrid_depth, reference_subgrid), (subgrid_smooth_depth, reference_subgrid_smooth)]
)
def test_the_same_values_with_cells_of_unequal_sizes(dem_with_voids, method, reference):
    """Fine cells fall into coarse cells of 15 or 16 rows and 15 or 16 columns (a DEM not aligned with the depth)."""
    depth = bathtub_depth_lr(dem_with_voids, 16, float(np.nanpercentile(dem_with_voids, 30)))
    layout = CellLayout((np.arange(490) + 0.5) / 15.8, (np.arange(480) + 0.5) / 15.5, depth.shape)
    dem = dem_with_voids[:490, :480]
    values = method(depth, dem, layout)
    assert np.array_equal(values, reference(depth, dem, layout), equal_nan=True)
    assert np.nanmax(values) > 0.1
