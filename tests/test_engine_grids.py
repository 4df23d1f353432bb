"""Output grids, nodata handling, reprojection, small rasters, cancel and the output file itself."""

import os

import numpy as np
import pytest
from osgeo import gdal, osr

from floodsr.engine.errors import CancelledError
from floodsr.engine.progress import Progress
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.rasters import bathtub_depth_lr, read_raster, real_dem_1m, real_dem_2m, srs_wkt, write_raster
from helpers.reference_pipeline import reference_superresolve

X0, Y0 = 564000.0, 147000.0  # inside the Slovenian tile, EPSG:3794


@pytest.fixture(scope="module")
def dem_2m():
    return real_dem_2m()[:496, :496]


@pytest.fixture(scope="module")
def dem_nine_tiles():
    """1024 x 1024 cells: 3 x 3 feather tiles."""
    return np.pad(real_dem_2m(), ((0, 524), (0, 524)), mode="symmetric")


def _run(tmp_path, depth_path, dem_path, model, name="out.tif", **options):
    output = tmp_path / name
    result = superresolve(SuperResolveRequest(depth_path, dem_path, model, str(output), **options))
    return result, read_raster(output)


def test_dem_finer_than_sixteenth_is_resampled_and_output_lands_on_the_dem_grid(tmp_path, cnn_onnx):
    dem = real_dem_1m()[:960, :960]
    dem_path = write_raster(tmp_path / "dem1m.tif", dem, X0, Y0, 1.0)
    coarse = bathtub_depth_lr(dem, 30, float(np.percentile(dem, 20)))  # 32 x 32 cells of 30 m
    depth_path = write_raster(tmp_path / "depth30.tif", coarse, X0, Y0, 30.0)
    result, (values, geotransform, wkt, nodata) = _run(tmp_path, depth_path, dem_path, cnn_onnx)
    assert result.model_size == (512, 512)  # 30 m / 16 = 1.875 m model cells
    assert result.output_size == (960, 960) and values.shape == (960, 960)
    assert geotransform == (X0, 1.0, 0.0, Y0, 0.0, -1.0)
    assert osr.SpatialReference(wkt).IsSame(osr.SpatialReference(srs_wkt(3794)))
    assert np.all((values >= 0) & (values <= 5.0)) and values.std() > 0.05


def test_dem_voids_become_output_nodata_and_depth_nodata_counts_as_dry(tmp_path, dem_2m, cnn_onnx):
    dem = dem_2m.copy()
    dem[100:140, 200:260] = -9999.0
    depth = bathtub_depth_lr(dem_2m, 16, float(np.percentile(dem_2m, 30)))
    with_nodata = depth.copy()
    with_nodata[0:4, 0:5] = -1.0
    zeros = depth.copy()
    zeros[0:4, 0:5] = 0.0
    dem_path = write_raster(tmp_path / "dem.tif", dem, X0, Y0, 2.0, nodata=-9999.0)
    _, (values, _, _, nodata) = _run(
        tmp_path, write_raster(tmp_path / "d1.tif", with_nodata, X0, Y0, 32.0, nodata=-1.0), dem_path, cnn_onnx, "a.tif"
    )
    _, (dry_values, _, _, _) = _run(
        tmp_path, write_raster(tmp_path / "d2.tif", zeros, X0, Y0, 32.0), dem_path, cnn_onnx, "b.tif"
    )
    assert nodata == -9999.0
    np.testing.assert_array_equal(values == nodata, dem == -9999.0)
    np.testing.assert_array_equal(values, dry_values)


def test_nan_cells_are_nodata_in_both_inputs(tmp_path, dem_2m, cnn_onnx):
    dem = dem_2m.copy()
    dem[10:20, 10:20] = np.nan
    depth = bathtub_depth_lr(dem_2m, 16, float(np.percentile(dem_2m, 30)))
    depth_nan = depth.copy()
    depth_nan[5, 5] = np.nan
    depth_zero = depth.copy()
    depth_zero[5, 5] = 0.0
    dem_path = write_raster(tmp_path / "dem.tif", dem, X0, Y0, 2.0, nodata=float("nan"))
    _, (values, _, _, nodata) = _run(
        tmp_path, write_raster(tmp_path / "dn.tif", depth_nan, X0, Y0, 32.0), dem_path, cnn_onnx, "n.tif"
    )
    _, (reference, _, _, _) = _run(
        tmp_path, write_raster(tmp_path / "dz.tif", depth_zero, X0, Y0, 32.0), dem_path, cnn_onnx, "z.tif"
    )
    np.testing.assert_array_equal(values == nodata, np.isnan(dem))
    np.testing.assert_array_equal(values, reference)
    assert not np.isnan(values).any()


def test_raster_smaller_than_one_tile_is_mirror_padded(tmp_path, dem_2m, cnn_onnx):
    dem = dem_2m[:160, :192]
    depth = bathtub_depth_lr(dem, 16, float(np.percentile(dem, 40)))  # 10 x 12 coarse cells
    _, (values, geotransform, _, _) = _run(
        tmp_path,
        write_raster(tmp_path / "d.tif", depth, X0, Y0, 32.0),
        write_raster(tmp_path / "dem.tif", dem, X0, Y0, 2.0),
        cnn_onnx,
    )
    padded = reference_superresolve(
        np.pad(depth, ((0, 22), (0, 20)), mode="symmetric"),
        np.pad(dem, ((0, 352), (0, 320)), mode="symmetric"),
        cnn_onnx,
    )
    assert values.shape == (160, 192) and geotransform[0] == X0 and geotransform[3] == Y0
    np.testing.assert_allclose(values, padded[:160, :192], rtol=0, atol=1e-4)


@pytest.fixture
def web_mercator_depth(tmp_path):
    """16 x 16 cells of 0.3 m, 32 m in EPSG:3857 (about 22 m on the ground here), inside the EPSG:3794 DEM."""
    to_mercator = osr.CoordinateTransformation(_srs(3794), _srs(3857))
    x, y, _ = to_mercator.TransformPoint(X0 + 300.0, Y0 - 300.0)
    depth = np.full((16, 16), 0.3, np.float32)
    return write_raster(tmp_path / "depth_3857.tif", depth, round(x), round(y), 32.0, epsg=3857)


@pytest.mark.parametrize("flow", ["superresolve", "downscale"])
def test_depth_in_another_crs_is_reprojected_onto_the_dem_grid(tmp_path, dem_2m, cnn_onnx, web_mercator_depth, flow):
    from floodsr.engine.downscaling.run import DownscaleRequest, downscale

    dem_path = write_raster(tmp_path / "dem.tif", dem_2m, X0, Y0, 2.0)  # EPSG:3794
    output = tmp_path / "out.tif"
    if flow == "superresolve":
        result = superresolve(SuperResolveRequest(web_mercator_depth, dem_path, cnn_onnx, str(output)))
    else:
        result = downscale(DownscaleRequest(web_mercator_depth, dem_path, str(output), "subgrid"))
    values, geotransform, wkt, nodata = read_raster(output)
    assert osr.SpatialReference(wkt).IsSame(_srs(3794))
    x0, dx, _, y0, _, dy = geotransform
    assert (dx, dy) == (2.0, -2.0)
    assert (x0 - X0) / 2.0 == round((x0 - X0) / 2.0) and (Y0 - y0) / 2.0 == round((Y0 - y0) / 2.0)  # DEM cells
    footprint = osr.CoordinateTransformation(_srs(3857), _srs(3794)).TransformBounds(
        *gdal.Info(web_mercator_depth, format="json")["cornerCoordinates"]["lowerLeft"],
        *gdal.Info(web_mercator_depth, format="json")["cornerCoordinates"]["upperRight"],
        21,
    )
    west, south, east, north = x0, y0 + dy * values.shape[0], x0 + dx * values.shape[1], y0
    assert west <= footprint[0] and south <= footprint[1] and east >= footprint[2] and north >= footprint[3]
    assert east - footprint[2] < 2 * 22.7 and footprint[0] - west < 2 * 22.7  # within a coarse cell or two
    notes = " ".join(str(note) for note in result.notes)
    assert "EPSG:3857" in notes and "reprojected" in notes and "DEM's grid" in notes
    inside = values[round((north - footprint[3]) / 2) + 12 : -12, round((footprint[0] - west) / 2) + 12 : -12]
    assert (inside > 0).mean() > 0.5 and not np.any(values == nodata)


def test_depth_reaching_past_the_dem_is_nodata_there(tmp_path, dem_2m, cnn_onnx):
    depth = np.full((16, 16), 0.5, np.float32)
    depth_path = write_raster(tmp_path / "d.tif", depth, X0 + 768.0, Y0, 32.0)  # right half beyond the 992 m DEM
    _, (values, geotransform, _, nodata) = _run(
        tmp_path, depth_path, write_raster(tmp_path / "dem.tif", dem_2m, X0, Y0, 2.0), cnn_onnx
    )
    assert geotransform[0] == X0 + 768.0 and values.shape == (256, 256)
    assert np.all(values[:, :112] != nodata) and np.all(values[:, 112:] == nodata)


def test_cancel_stops_and_leaves_no_file(tmp_path, dem_nine_tiles, cnn_onnx):
    depth = bathtub_depth_lr(dem_nine_tiles, 16, 280.0)
    calls = []
    progress = Progress(report=calls.append, is_cancelled=lambda: len(calls) >= 1)
    request = SuperResolveRequest(
        write_raster(tmp_path / "d.tif", depth, X0, Y0, 32.0),
        write_raster(tmp_path / "dem.tif", dem_nine_tiles, X0, Y0, 2.0),
        cnn_onnx,
        str(tmp_path / "out.tif"),
    )
    with pytest.raises(CancelledError):
        superresolve(request, progress)
    assert len(calls) == 1, "cancel must be honoured before the next tile"
    assert sorted(os.listdir(tmp_path)) == ["d.tif", "dem.tif"]


def test_progress_rises_to_one_and_output_carries_tags_and_layout(tmp_path, dem_nine_tiles, cnn_onnx):
    depth = bathtub_depth_lr(dem_nine_tiles, 16, 280.0)
    calls, lines = [], []
    output = tmp_path / "out.tif"
    superresolve(
        SuperResolveRequest(
            write_raster(tmp_path / "d.tif", depth, X0, Y0, 32.0),
            write_raster(tmp_path / "dem.tif", dem_nine_tiles, X0, Y0, 2.0),
            cnn_onnx,
            str(output),
            compression="ZSTD",
            model_name="test-cnn",
        ),
        Progress(report=calls.append, log=lines.append),
    )
    assert calls == sorted(calls) and calls[-1] == 1.0 and len(calls) == 9 + 1
    assert any("test-cnn" in line and "CPUExecutionProvider" in line for line in lines)
    dataset = gdal.Open(str(output))
    tags = dataset.GetMetadata()
    assert tags["FLOODSR_MODEL"] == "test-cnn" and len(tags["FLOODSR_MODEL_SHA256"]) == 64
    assert '"blend": "feather"' in tags["FLOODSR_PARAMETERS"]
    assert dataset.GetMetadata("IMAGE_STRUCTURE")["COMPRESSION"] == "ZSTD"
    band = dataset.GetRasterBand(1)
    assert band.GetBlockSize() == [512, 512] and band.GetDescription() == "Flood depth (m)"
    assert band.GetMetadataItem("STATISTICS_MAXIMUM") is not None
    assert float(band.GetMetadataItem("STATISTICS_MAXIMUM")) == pytest.approx(band.ReadAsArray().max())


def test_cog_output_is_a_cloud_optimized_geotiff(tmp_path, dem_2m, cnn_onnx):
    depth = bathtub_depth_lr(dem_2m, 16, 280.0)
    output = tmp_path / "out.tif"
    superresolve(
        SuperResolveRequest(
            write_raster(tmp_path / "d.tif", depth, X0, Y0, 32.0),
            write_raster(tmp_path / "dem.tif", dem_2m, X0, Y0, 2.0),
            cnn_onnx,
            str(output),
            cog=True,
        )
    )
    dataset = gdal.Open(str(output))
    assert dataset.GetMetadata("IMAGE_STRUCTURE").get("LAYOUT") == "COG"
    assert dataset.GetMetadata()["FLOODSR_ENGINE_VERSION"]
    assert sorted(os.listdir(tmp_path)) == ["d.tif", "dem.tif", "out.tif"]


def _srs(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def test_resampled_runs_report_two_stages_each_rising_to_one(tmp_path, cnn_onnx):
    dem = real_dem_1m()[:960, :960]
    events = []
    progress = Progress(
        report=lambda fraction: events.append(("report", fraction)),
        stage=lambda index, count, name: events.append(("stage", index, count)),
    )
    superresolve(
        SuperResolveRequest(
            write_raster(tmp_path / "d.tif", bathtub_depth_lr(dem, 30, 280.0), X0, Y0, 30.0),
            write_raster(tmp_path / "dem.tif", dem, X0, Y0, 1.0),
            cnn_onnx,
            str(tmp_path / "o.tif"),
        ),
        progress,
    )
    stages = [event for event in events if event[0] == "stage"]
    assert stages == [("stage", 0, 2), ("stage", 1, 2)]
    second = events.index(stages[1])
    first_reports = [event[1] for event in events[:second] if event[0] == "report"]
    second_reports = [event[1] for event in events[second:] if event[0] == "report"]
    assert first_reports == sorted(first_reports) and first_reports[-1] == 1.0
    assert second_reports == sorted(second_reports) and second_reports[-1] == 1.0 and len(second_reports) >= 2
