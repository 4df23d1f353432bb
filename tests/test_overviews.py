"""Every raster output carries overviews inside the file, averaged for depth and nearest for codes."""

import numpy as np
from osgeo import gdal

from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.evaluation.run import EvaluateRequest, evaluate
from floodsr.engine.rasters.overviews import overview_levels

from helpers.rasters import write_raster


def test_levels_halve_until_the_larger_side_fits_in_256_cells():
    assert overview_levels(200, 256) == []
    assert overview_levels(300, 300) == [2]  # 300 -> 150
    assert overview_levels(1200, 700) == [2, 4, 8]  # 1200 -> 600 -> 300 -> 150
    assert overview_levels(257, 10) == [2]


def _flood(tmp_path):
    """A 320 x 320 DEM of 1 m: a slope of 0.01 m per column; one coarse 32 m cell of 0.5 m average depth per
    10 x 10 coarse cells."""
    dem = np.tile(np.arange(320, dtype=np.float32) * 0.01, (320, 1))
    depth = np.zeros((10, 10), np.float32)
    depth[2:8, 2:8] = 0.5
    return (
        write_raster(tmp_path / "depth.tif", depth, 0, 320, 32, nodata=-9999),
        write_raster(tmp_path / "dem.tif", dem, 0, 320, 1),
    )


def test_a_downscaled_depth_has_averaged_overviews_in_the_file(tmp_path):
    depth, dem = _flood(tmp_path)
    output = tmp_path / "fine.tif"
    downscale(DownscaleRequest(depth, dem, str(output), method="subgrid"))
    assert not (tmp_path / "fine.tif.ovr").exists()
    dataset = gdal.Open(str(output))
    band = dataset.GetRasterBand(1)
    assert band.GetOverviewCount() == 1
    full = band.ReadAsArray().astype(np.float64)
    overview = band.GetOverview(0).ReadAsArray()
    assert overview.shape == (160, 160)
    # each overview cell: the mean of its 2 x 2 full cells
    expected = full.reshape(160, 2, 160, 2).mean(axis=(1, 3))
    np.testing.assert_allclose(overview, expected, atol=1e-5)
    assert overview.max() > 0


def test_the_confusion_raster_keeps_its_codes_in_its_overviews(tmp_path):
    estimate = np.zeros((300, 300), np.float32)
    estimate[:, :150] = 1.0  # wet on the left
    truth = np.zeros((300, 300), np.float32)
    truth[:150, :] = 1.0  # wet on the top
    estimate_path = write_raster(tmp_path / "estimate.tif", estimate, 0, 300, 1)
    truth_path = write_raster(tmp_path / "truth.tif", truth, 0, 300, 1)
    confusion = tmp_path / "confusion.tif"
    evaluate(EvaluateRequest(estimate_path, truth_path, confusion_path=str(confusion)))
    dataset = gdal.Open(str(confusion))
    overview = dataset.GetRasterBand(1).GetOverview(0).ReadAsArray()
    assert overview.shape == (150, 150)
    # top left hit (1), top right miss (3), bottom left false alarm (2), bottom right dry (0): never a mix
    assert (overview[:75, :75] == 1).all() and (overview[:75, 75:] == 3).all()
    assert (overview[75:, :75] == 2).all() and (overview[75:, 75:] == 0).all()
