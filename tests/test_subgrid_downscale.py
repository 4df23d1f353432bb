"""floodsr:downscale's subgrid methods and depth conventions: levels by hand, volumes on real terrain,
streaming equal to the whole-array computation, cancel and nodata."""

from functools import partial

import numpy as np
import pytest

from floodsr.engine.downscaling import streaming
from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.downscaling.subgrid import CellLayout, cell_mean, subgrid_depth, subgrid_smooth_depth
from floodsr.engine.errors import CancelledError, FloodSRError
from floodsr.engine.progress import Progress

from helpers.paths import SAMPLE
from helpers.rasters import bathtub_depth_lr, read_raster, real_dem_2m, write_raster

NODATA = -9999.0
X0, Y0 = 564003.5, 146995.5  # the Slovenian tile's corner (EPSG:3794)


def run(tmp_path, coarse, dem, name="out.tif", coarse_cell=8.0, coarse_nodata=None, dem_nodata=None, **options):
    output = tmp_path / name
    downscale(
        DownscaleRequest(
            write_raster(tmp_path / f"coarse-{name}", coarse, 0.0, 8.0, coarse_cell, nodata=coarse_nodata),
            write_raster(tmp_path / f"dem-{name}", dem, 0.0, 8.0, 2.0, nodata=dem_nodata),
            str(output),
            **options,
        )
    )
    return read_raster(output)[0]


def two_level_dem():
    """Two coarse cells of 4 x 4 fine cells: the left one has a 2 m bank (columns 0-1) beside low ground."""
    dem = np.zeros((4, 8), np.float32)
    dem[:, :2] = 2.0
    return dem


def test_subgrid_puts_each_cells_volume_under_one_flat_level(tmp_path):
    # 0.5 m average over 16 cells = 8 cell-metres, all on the 8 low cells: level 1.0 m
    values = run(tmp_path, np.array([[0.5, 0.0]], np.float32), two_level_dem(), method="subgrid")
    np.testing.assert_allclose(values, [[0, 0, 1, 1, 0, 0, 0, 0]] * 4)


@pytest.mark.parametrize("method", ["basic", "simplefilter", "subgrid"])
def test_depth_over_mean_ground_fills_the_low_cells_deeper_when_asked_for(tmp_path, method):
    # mean ground 1.0 m + 0.5 m depth: level 1.5 m, twice the volume of a 0.5 m cell-average depth
    values = run(
        tmp_path,
        np.array([[0.5, 0.0]], np.float32),
        two_level_dem(),
        method=method,
        depth_convention="mean_ground",
    )
    np.testing.assert_allclose(values[:, :4], [[0, 0, 1.5, 1.5]] * 4)


def test_classic_methods_take_the_volume_holding_level_by_default(tmp_path):
    values = run(tmp_path, np.array([[0.5, 0.0]], np.float32), two_level_dem(), method="simplefilter")
    np.testing.assert_allclose(values[:, :4], [[0, 0, 1, 1]] * 4)
    np.testing.assert_allclose(values[:, 4:], 0)


def test_water_surface_input_keeps_each_cells_flat_level(tmp_path):
    wse = np.array([[1.25, NODATA]], np.float32)
    values = run(tmp_path, wse, two_level_dem(), method="subgrid", input_type="wse", coarse_nodata=NODATA)
    np.testing.assert_allclose(values, [[0, 0, 1.25, 1.25, 0, 0, 0, 0]] * 4)


def test_coarse_nodata_is_dry_and_dem_voids_are_nodata_with_the_volume_on_valid_cells(tmp_path):
    dem = np.zeros((4, 12), np.float32)
    dem[0, 0:2] = NODATA  # two voids in the first coarse cell
    dem[:, 8:] = NODATA  # the third coarse cell has no DEM at all
    coarse = np.array([[0.7, NODATA, 0.4]], np.float32)
    for method in ("subgrid", "subgrid_smooth"):
        values = run(
            tmp_path, coarse, dem, name=f"{method}.tif", coarse_nodata=NODATA, dem_nodata=NODATA, method=method
        )
        assert np.all((values == NODATA) == (dem == NODATA))
        np.testing.assert_allclose(values[:, :4][dem[:, :4] != NODATA], 0.7, rtol=1e-6)  # flat ground: 0.7 m everywhere
        np.testing.assert_array_equal(values[:, 4:8], 0)


def test_fine_cells_go_to_the_coarse_cell_holding_their_centre_when_the_sizes_do_not_divide(tmp_path):
    # 20 m coarse cells on an 8 m DEM: fine centres at 4, 12 | 20, 28, 36 m
    dem = np.array([[0.0, 1.0, 2.0, 3.0, 4.0]], np.float32).repeat(5, axis=0)
    coarse = np.array([[0.5, 0.5]], np.float32)
    output = tmp_path / "out.tif"
    downscale(
        DownscaleRequest(
            write_raster(tmp_path / "coarse.tif", coarse, 0.0, 40.0, 20.0, cell_y=40.0),
            write_raster(tmp_path / "dem.tif", dem, 0.0, 40.0, 8.0),
            str(output),
            method="subgrid",
        )
    )
    values = read_raster(output)[0]
    # left cell: ground 0, 1 (fine columns 0-1): level 1.0; right: ground 2, 3, 4: 1.5 m over 3 cells, level 3.25
    np.testing.assert_allclose(values, [[1.0, 0.0, 1.25, 0.25, 0.0]] * 5, rtol=1e-6)


def real_case(tmp_path, percentile=25):
    dem = real_dem_2m()[:496, :496]
    depth = bathtub_depth_lr(dem, 16, float(np.percentile(dem, percentile)))
    paths = (
        write_raster(tmp_path / "depth_32m.tif", depth, X0, Y0, 32.0),
        write_raster(tmp_path / "dem_2m.tif", dem, X0, Y0, 2.0),
    )
    return depth, dem, paths


@pytest.mark.parametrize("method", ["subgrid", "subgrid_smooth"])
def test_every_coarse_cell_keeps_its_volume_to_a_millionth_on_real_terrain(tmp_path, method):
    for depth_path, dem_path in (
        real_case(tmp_path)[2],
        (str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")),  # a simulated flood on the same terrain
    ):
        output = tmp_path / f"{method}.tif"
        downscale(DownscaleRequest(depth_path, dem_path, str(output), method=method))
        fine, depth = read_raster(output)[0].astype(np.float64), read_raster(depth_path)[0].astype(np.float64)
        volumes = fine.reshape(31, 16, 31, 16).sum(axis=(1, 3)) * 2.0 * 2.0
        wet = depth > 0
        assert 10 < wet.sum() < depth.size
        np.testing.assert_allclose(volumes[wet], depth[wet] * 32.0 * 32.0, rtol=1e-6)
        np.testing.assert_array_equal(volumes[~wet], 0)


def sample_case():
    """The bundled sample: a simulated stream flood (its water surface slopes) on the real terrain."""
    paths = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
    return read_raster(paths[0])[0], read_raster(paths[1])[0], paths


@pytest.mark.parametrize("method, whole_array", [("subgrid", subgrid_depth), ("subgrid_smooth", subgrid_smooth_depth)])
def test_streamed_output_equals_the_whole_array_computation(tmp_path, monkeypatch, method, whole_array):
    monkeypatch.setattr(streaming, "FINE_ROWS_PER_BLOCK", 32)  # 2 coarse rows a block: 16 blocks, halos overlap
    depth, dem, (depth_path, dem_path) = sample_case()
    output = tmp_path / "streamed.tif"
    downscale(DownscaleRequest(depth_path, dem_path, str(output), method=method))
    np.testing.assert_array_equal(read_raster(output)[0], whole_array(depth, dem))


def test_the_smoothed_method_needs_its_whole_halo_to_equal_the_whole_array(monkeypatch):
    monkeypatch.setattr(streaming, "FINE_ROWS_PER_BLOCK", 32)
    depth, dem, _ = sample_case()
    layout = CellLayout.regular(depth.shape, dem.shape)

    def streamed(halo):
        rows = []
        streaming.stream_fine_depth(
            partial(subgrid_smooth_depth, passes=3),
            halo,
            streaming.BlockSource(
                layout, lambda row0, count: depth[row0 : row0 + count], lambda row0, count: dem[row0 : row0 + count]
            ),
            rows.append,
            Progress(),
        )
        return np.concatenate(rows)

    whole = subgrid_smooth_depth(depth, dem, passes=3)
    np.testing.assert_array_equal(streamed(3), whole)
    assert not np.array_equal(streamed(2), whole), "a halo one row short changes the result"
    assert np.abs(streamed(0) - whole).max() > 1e-3


def test_cancel_during_the_stream_stops_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(streaming, "FINE_ROWS_PER_BLOCK", 32)
    _, _, (depth_path, dem_path) = real_case(tmp_path)
    reports = []
    progress = Progress(report=reports.append, is_cancelled=lambda: len(reports) >= 3)
    output = tmp_path / "cancelled.tif"
    with pytest.raises(CancelledError):
        downscale(DownscaleRequest(depth_path, dem_path, str(output), method="subgrid_smooth"), progress)
    assert len(reports) == 3 and reports[-1] < 0.5, "stopped within the block row after the cancel"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dem_2m.tif", "depth_32m.tif"]


def test_unknown_depth_convention_is_refused(tmp_path):
    _, _, (depth_path, dem_path) = real_case(tmp_path)
    with pytest.raises(FloodSRError, match="Unknown depth convention 'centre'; use one of volume, mean_ground"):
        downscale(DownscaleRequest(depth_path, dem_path, str(tmp_path / "x.tif"), depth_convention="centre"))


def test_cell_mean_of_the_output_matches_the_coarse_depth_where_the_dem_is_complete(tmp_path):
    depth, dem, (depth_path, dem_path) = real_case(tmp_path)
    output = tmp_path / "out.tif"
    downscale(DownscaleRequest(depth_path, dem_path, str(output)))
    fine = read_raster(output)[0]
    kept = cell_mean(fine.astype(np.float64), dem.astype(np.float64), CellLayout.regular(depth.shape, dem.shape))
    np.testing.assert_allclose(kept, depth, rtol=1e-6, atol=1e-9)


def test_the_algorithm_defaults_to_subgrid_smooth_and_takes_the_depth_convention(floodsr_plugin, tmp_path):
    import processing
    from osgeo import gdal

    inputs = {
        "INPUT_DEPTH": write_raster(tmp_path / "depth.tif", np.array([[0.5, 0.0]], np.float32), 0.0, 8.0, 8.0),
        "INPUT_DEM": write_raster(tmp_path / "dem.tif", two_level_dem(), 0.0, 8.0, 2.0),
    }
    default = processing.run("floodsr:downscale", {**inputs, "OUTPUT": str(tmp_path / "default.tif")})["OUTPUT"]
    assert gdal.Open(default).GetMetadataItem("FLOODSR_METHOD") == "subgrid_smooth"
    np.testing.assert_allclose(read_raster(default)[0], [[0, 0, 1, 1, 0, 0, 0, 0]] * 4)
    mean_ground = processing.run(
        "floodsr:downscale",
        {
            **inputs,
            "METHOD": "simplefilter",
            "DEPTH_CONVENTION": "mean_ground",
            "OUTPUT": str(tmp_path / "mean_ground.tif"),
        },
    )["OUTPUT"]
    np.testing.assert_allclose(read_raster(mean_ground)[0], [[0, 0, 1.5, 1.5, 0, 0, 0, 0]] * 4)


def test_a_depth_raster_in_another_crs_keeps_every_reprojected_coarse_cells_average_depth(tmp_path):
    """The depth (UTM) is reprojected onto whole multiples of the DEM's 2.3 m cells (EPSG:3794), each the
    area-weighted average of the depth cells it covers; the output on the DEM's grid keeps each one's average."""
    from osgeo import osr

    from floodsr.engine.downscaling.streaming import cell_layout
    from floodsr.engine.messages import Message
    from floodsr.engine.rasters.bands import open_band, reprojected_onto
    from floodsr.engine.rasters.grid import Grid

    source, target = osr.SpatialReference(), osr.SpatialReference()
    source.ImportFromEPSG(3794)
    target.ImportFromEPSG(32633)
    for srs in (source, target):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    utm_x, utm_y, _ = osr.CoordinateTransformation(source, target).TransformPoint(X0 + 200.0, Y0 - 200.0)
    depth = np.random.default_rng(5).uniform(-0.2, 0.6, (16, 16)).clip(0, None).astype(np.float32)
    depth_path = write_raster(tmp_path / "depth_utm.tif", depth, round(utm_x), round(utm_y), 32.0, epsg=32633)
    dem_path = write_raster(tmp_path / "dem.tif", real_dem_2m()[:496, :496], X0, Y0, 2.3)
    output = tmp_path / "out.tif"
    downscale(DownscaleRequest(depth_path, dem_path, str(output)))
    values, geotransform, _, nodata = read_raster(output)
    coarse = reprojected_onto(open_band(depth_path, 1, Message("depth")), open_band(dem_path, 1, Message("DEM")).grid)
    assert coarse.grid.dx == pytest.approx(14 * 2.3) and coarse.grid.dy == pytest.approx(14 * 2.3)
    x0, dx, _, y0, _, dy = geotransform
    assert (x0, y0, dx, -dy) == pytest.approx((coarse.grid.x0, coarse.grid.y0, 2.3, 2.3))
    assert values.shape == (14 * coarse.grid.height, 14 * coarse.grid.width) and not np.any(values == nodata)
    layout = cell_layout(coarse.grid, Grid("", x0, y0, dx, -dy, values.shape[1], values.shape[0]))
    expected = np.nan_to_num(coarse.read(0, 0, coarse.grid.width, coarse.grid.height), nan=0.0)  # beyond: dry
    assert 0.1 < expected.mean() < 0.3
    np.testing.assert_allclose(cell_mean(values.astype(np.float64), values, layout), expected, rtol=1e-6, atol=1e-6)
