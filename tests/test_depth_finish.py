"""Minimum depth and the water-surface elevation output of floodsr:downscale and floodsr:superresolve, by hand."""

import json
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.errors import FloodSRError, OutputError

from helpers.paths import SAMPLE
from helpers.rasters import read_raster, two_scenario_depth, write_raster

NODATA = -9999.0
# Two coarse cells of 2 m, each 2 x 2 fine cells of 1 m.
DEM = np.array([[100.0, 101.0, 100.0, 100.0], [102.0, 103.0, 100.0, 100.1]], np.float32)
COARSE = np.array([[0.5, 0.04]], np.float32)
# Left cell: 4 x 0.5 = 2 m3 over its 2 x 2 cells: level 101.5 (1.5 + 0.5 = 2). Right cell: 4 x 0.04 = 0.16 m3
# over the three cells at 100 m: level 100 + 0.16 / 3 (below the fourth cell's 100.1).
RIGHT = 0.16 / 3


def _downscale(tmp_path, **options):
    output, wse = tmp_path / "depth.tif", tmp_path / "wse.tif"
    downscale(
        DownscaleRequest(
            write_raster(tmp_path / "coarse.tif", COARSE, 0.0, 2.0, 2.0),
            write_raster(tmp_path / "dem.tif", DEM, 0.0, 2.0, 1.0),
            str(output),
            method="subgrid",
            wse_path=str(wse),
            **options,
        )
    )
    return output, wse


def test_subgrid_depth_and_its_water_surface_by_hand(tmp_path):
    output, wse = _downscale(tmp_path)
    depth = read_raster(output)[0]
    np.testing.assert_allclose(depth, [[1.5, 0.5, RIGHT, RIGHT], [0, 0, RIGHT, 0]], atol=1e-5)
    surface, transform, _, nodata = read_raster(wse)
    assert nodata == NODATA and transform == read_raster(output)[1]
    expected = [[101.5, 101.5, 100 + RIGHT, 100 + RIGHT], [NODATA, NODATA, 100 + RIGHT, NODATA]]
    np.testing.assert_allclose(surface, expected, atol=1e-4)
    dataset = gdal.Open(str(wse))
    assert dataset.GetRasterBand(1).GetUnitType() == "m"
    assert dataset.GetMetadataItem("FLOODSR_METHOD") == "subgrid"


def test_cells_under_the_minimum_depth_become_dry_and_the_file_says_so(tmp_path):
    output, wse = _downscale(tmp_path, min_depth=0.06)
    depth = read_raster(output)[0]
    np.testing.assert_allclose(depth, [[1.5, 0.5, 0, 0], [0, 0, 0, 0]], atol=1e-5)  # 0.053 < 0.06
    np.testing.assert_allclose(
        read_raster(wse)[0], [[101.5, 101.5, NODATA, NODATA], [NODATA, NODATA, NODATA, NODATA]], atol=1e-4
    )
    dataset = gdal.Open(str(output))
    assert dataset.GetMetadataItem("FLOODSR_MIN_DEPTH_M") == "0.06"
    assert json.loads(dataset.GetMetadataItem("FLOODSR_PARAMETERS"))["min_depth"] == 0.06


@pytest.mark.parametrize("value", [-0.01, 2.0, float("nan")])
def test_a_minimum_depth_out_of_range_is_refused_before_anything_is_written(tmp_path, value):
    with pytest.raises(FloodSRError, match="minimum depth must be from 0 to 1 m"):
        _downscale(tmp_path, min_depth=value)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["coarse.tif", "dem.tif"]


def test_the_water_surface_may_not_overwrite_the_depth_or_an_input(tmp_path):
    coarse = write_raster(tmp_path / "coarse.tif", COARSE, 0.0, 2.0, 2.0)
    dem = write_raster(tmp_path / "dem.tif", DEM, 0.0, 2.0, 1.0)
    for target in (tmp_path / "depth.tif", Path(dem)):
        with pytest.raises(OutputError):
            downscale(DownscaleRequest(coarse, dem, str(tmp_path / "depth.tif"), wse_path=str(target)))
    assert not (tmp_path / "depth.tif").exists()


def test_superresolve_minimum_depth_and_water_surface(floodsr_plugin, pointwise_onnx, tmp_path):
    import processing

    common = {
        "INPUT_DEPTH": str(SAMPLE / "depth_32m.tif"),
        "INPUT_DEM": str(SAMPLE / "dem_2m.tif"),
        "MODEL_FILE": pointwise_onnx,
    }
    plain = processing.run("floodsr:superresolve", {**common, "OUTPUT": str(tmp_path / "plain.tif")})
    finished = processing.run(
        "floodsr:superresolve",
        {
            **common,
            "MIN_DEPTH": 0.05,
            "OUTPUT": str(tmp_path / "finished.tif"),
            "OUTPUT_WSE": str(tmp_path / "wse.tif"),
        },
    )
    before, after = read_raster(plain["OUTPUT"])[0], read_raster(finished["OUTPUT"])[0]
    assert ((before > 0) & (before < 0.05)).any()  # the case has shallow cells to drop
    np.testing.assert_array_equal(after, np.where((before >= 0) & (before < 0.05), 0, before))
    dem = read_raster(SAMPLE / "dem_2m.tif")[0].astype(np.float64)
    surface = read_raster(finished["OUTPUT_WSE"])[0]
    wet = after > 0
    np.testing.assert_allclose(surface[wet], (dem + after)[wet], atol=1e-4)
    assert (surface[~wet] == NODATA).all()
    assert gdal.Open(finished["OUTPUT"]).GetMetadataItem("FLOODSR_MIN_DEPTH_M") == "0.05"


def test_the_water_surface_has_a_band_for_every_depth_band(floodsr_plugin, pointwise_onnx, tmp_path):
    """Two scenarios (the sample and twice its depth): the water surface's band i is the DEM + depth band i where
    that band is wet, with the minimum depth applied to each."""
    import processing

    result = processing.run(
        "floodsr:superresolve",
        {
            "INPUT_DEPTH": two_scenario_depth(tmp_path / "scenarios.tif"),
            "INPUT_DEM": str(SAMPLE / "dem_2m.tif"),
            "MODEL_FILE": pointwise_onnx,
            "ALL_DEPTH_BANDS": True,
            "MIN_DEPTH": 0.05,
            "OUTPUT": str(tmp_path / "depth.tif"),
            "OUTPUT_WSE": str(tmp_path / "wse.tif"),
        },
    )
    dem = read_raster(SAMPLE / "dem_2m.tif")[0].astype(np.float64)
    product, surfaces = gdal.Open(result["OUTPUT"]), gdal.Open(result["OUTPUT_WSE"])
    assert surfaces.RasterCount == 2
    for band in (1, 2):
        depth_band = product.GetRasterBand(band).ReadAsArray()
        surface = surfaces.GetRasterBand(band).ReadAsArray()
        wet = depth_band > 0
        assert wet.sum() > 20000 and depth_band[wet].min() >= 0.05
        np.testing.assert_allclose(surface[wet], (dem + depth_band)[wet], atol=1e-4)
        assert (surface[~wet] == NODATA).all()
        assert surfaces.GetRasterBand(band).GetDescription() == f"Water-surface elevation (m), input band {band}"
    first, second = (product.GetRasterBand(band).ReadAsArray() > 0 for band in (1, 2))
    assert (second & ~first).sum() > 1000  # the deeper scenario reaches cells the first leaves dry
