"""CostGrow strip by strip equals CostGrow on the whole raster, on real terrain, across strip edges."""

import numpy as np
import pytest
from scipy import ndimage

from floodsr.engine.downscaling.methods import (
    FOUR_CONNECTED,
    CostGrowStrips,
    FineFields,
    cost_grow,
    cost_grow_streamed,
    depth_of,
    simple_filter,
)
from floodsr.engine.downscaling.run import DownscaleRequest, coarse_wse, downscale, field_rows, fine_fields
from floodsr.engine.downscaling.streaming import cell_layout
from floodsr.engine.messages import Message
from floodsr.engine.progress import Progress
from floodsr.engine.rasters.inputs import FloodSources, open_flood_inputs

from helpers.rasters import read_raster, real_dem_1m, write_raster

X0, Y0 = 500000.0, 150000.0
SCALE, CAP = 16, 3.0


@pytest.fixture(scope="module")
def costgrow_inputs(tmp_path_factory):
    """992 x 992 cells of 1 m real terrain under a water level that rises across the tile, averaged onto 16 m
    cells, with a band of coarse cells dry so that the growth has somewhere to go."""
    folder = tmp_path_factory.mktemp("costgrow")
    dem = real_dem_1m()[:992, :992]
    level = np.percentile(dem, 15) + np.linspace(0.0, 4.0, 992)[None, :]
    depth = np.clip(level - dem, 0, None).reshape(62, SCALE, 62, SCALE).mean(axis=(1, 3)).astype(np.float32)
    depth[20:26] = 0.0
    coarse_path = write_raster(folder / "depth.tif", depth, X0, Y0, float(SCALE))
    dem_path = write_raster(folder / "dem.tif", dem, X0, Y0, 1.0)
    request = DownscaleRequest(coarse_path, dem_path, str(folder / "costgrow.tif"), method="costgrow", costgrow_cap=CAP)
    inputs = open_flood_inputs(FloodSources(coarse_path, 1, dem_path, 1), Message("depth"), lambda: None)
    layout = cell_layout(inputs.coarse_grid, inputs.output_grid)
    wse = coarse_wse(request, inputs, layout, Progress())
    return {"request": request, "inputs": inputs, "layout": layout, "wse": wse}


def _whole(costgrow_inputs):
    fields = fine_fields(costgrow_inputs["inputs"], costgrow_inputs["layout"], costgrow_inputs["wse"])
    spread, keep = cost_grow(fields, CAP)
    return fields, spread, keep, depth_of(spread, fields.dem, keep)


def test_the_case_grows_water_and_drops_components_cut_off_from_the_wet_area(costgrow_inputs):
    fields, spread, keep, _ = _whole(costgrow_inputs)
    _, wet = simple_filter(fields)
    grown = keep & ~wet
    assert grown.sum() > 1000 and wet.sum() > 10000
    distance = ndimage.distance_transform_edt(~wet)
    candidates = (distance <= CAP * SCALE) & (spread > fields.dem)
    labels, _ = ndimage.label(candidates, structure=FOUR_CONNECTED)
    assert (candidates & ~keep).sum() > 10, "some candidates do not connect to the wet area and stay dry"
    assert len(np.unique(labels[keep])) < len(np.unique(labels[candidates]))


@pytest.mark.parametrize("rows_per_strip", [97, 128, 400])
def test_strips_with_their_halo_equal_the_whole_raster(costgrow_inputs, rows_per_strip):
    *_, expected = _whole(costgrow_inputs)
    rows = []
    height = costgrow_inputs["inputs"].output_grid.height
    read = field_rows(costgrow_inputs["inputs"], costgrow_inputs["layout"], costgrow_inputs["wse"])
    cost_grow_streamed(CostGrowStrips(read, height, float(SCALE), CAP, rows_per_strip=rows_per_strip), rows.append)
    assert [len(strip) for strip in rows[:-1]] == [rows_per_strip] * (len(rows) - 1)
    np.testing.assert_array_equal(np.concatenate(rows), expected)


def test_a_component_whose_only_way_to_the_wet_area_is_strips_away_is_kept():
    """Columns: 0 and 4 low channels without water, 2 a wet channel, 1 and 3 ridges; ridge 3 has a gap at the top.
    Both dry channels are within the cap of the wet one and under its level, but only channel 4 connects to it, and
    only through the top strip."""
    dem = np.zeros((60, 5), np.float32)
    dem[:, [1, 3]] = 10.0
    dem[0, 3] = 0.0
    wse = np.full(dem.shape, np.nan, np.float32)
    wse[:, 2] = 5.0
    fields_of = _array_fields(dem, wse, downscale=1.0)
    spread, keep = cost_grow(fields_of(0, 60), 3.0)
    expected = depth_of(spread, dem, keep)
    rows = []
    cost_grow_streamed(CostGrowStrips(fields_of, 60, 1.0, 3.0, rows_per_strip=7), rows.append)
    streamed = np.concatenate(rows)
    np.testing.assert_array_equal(streamed, expected)
    assert np.all(streamed[:, 4] == 5.0) and np.all(streamed[:, 0] == 0.0)


def _array_fields(dem, wse, downscale):
    def read(row0, rows):
        return FineFields(
            dem=dem[row0 : row0 + rows],
            wse_linear=wse[row0 : row0 + rows],
            wse_nearest=wse[row0 : row0 + rows],
            coarse_wse=wse,
            coarse_col=np.arange(dem.shape[1]) + 0.5,
            coarse_row=np.arange(row0, row0 + rows) + 0.5,
            downscale=downscale,
        )

    return read


def test_the_costgrow_run_streams_and_equals_the_whole_raster(costgrow_inputs):
    *_, expected = _whole(costgrow_inputs)
    downscale(costgrow_inputs["request"])
    values, _, _, nodata = read_raster(costgrow_inputs["request"].output_path)
    assert not np.any(values == nodata)
    np.testing.assert_array_equal(values, expected)
