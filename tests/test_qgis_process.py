"""FloodSR from qgis_process: listed, enabled, and running from the command line with JSON results."""

import json

import numpy as np
from osgeo import gdal

from helpers.paths import SAMPLE
from helpers.qgis_process import run_algorithm, run_json, run_qgis_process

X0, Y0 = 564003.5, 146995.5  # the sample depth raster's corner (EPSG:3794, 32 m cells)


def test_qgis_process_lists_the_provider_and_its_algorithms():
    listing = run_json("list")
    provider = listing["providers"]["floodsr"]
    assert provider["name"] == "FloodSR" and provider["is_active"]
    assert "floodsr:superresolve" in provider["algorithms"]


def test_qgis_process_shows_the_plugin_enabled():
    completed = run_qgis_process("plugins")
    assert completed.returncode == 0
    assert "* floodsr" in completed.stdout.splitlines()


def test_qgis_process_help_shows_parameters_by_their_api_names():
    described = run_json("help", "floodsr:superresolve")
    names = set(described["parameters"])
    assert {
        "INPUT_DEPTH",
        "DEPTH_BAND",
        "INPUT_DEM",
        "DEM_BAND",
        "MODEL",
        "MODEL_FILE",
        "OVERLAP",
        "BLEND",
        "MAX_DEPTH",
        "DEM_CLIP",
        "DEVICE",
        "COMPRESSION",
        "COG",
        "OUTPUT",
    } <= names
    assert {"OUTPUT", "DEVICE_USED", "TILES", "SECONDS"} <= set(described["outputs"])


def test_superresolve_from_the_command_line_on_the_real_terrain_sample(tmp_path):
    sample = SAMPLE
    output = tmp_path / "fine.tif"
    result = run_algorithm(
        "floodsr:superresolve",
        {
            "INPUT_DEPTH": sample / "depth_32m.tif",
            "INPUT_DEM": sample / "dem_2m.tif",
            "MAX_DEPTH": 4.0,
            "OUTPUT": output,
        },
    )["results"]
    assert result["OUTPUT"] == str(output) and result["TILES"] == 1 and result["DEVICE_USED"] == "CPUExecutionProvider"
    fine, dem, depth = (gdal.Open(str(path)) for path in (output, sample / "dem_2m.tif", sample / "depth_32m.tif"))
    assert fine.GetSpatialRef().IsSame(dem.GetSpatialRef())
    x0, cell, _, y0, _, cell_y = fine.GetGeoTransform()
    dx0, dcell, _, dy0, _, _ = depth.GetGeoTransform()
    assert (
        (x0, y0, cell, cell_y)
        == (dx0, dy0, 2.0, -2.0)
        == (dem.GetGeoTransform()[0], dem.GetGeoTransform()[3], 2.0, -2.0)
    )
    assert (fine.RasterXSize * cell, fine.RasterYSize * cell) == (depth.RasterXSize * dcell, depth.RasterYSize * dcell)
    values = fine.GetRasterBand(1).ReadAsArray()
    assert values.min() >= 0 and 1.0 < values.max() <= 4.0
    assert np.count_nonzero(values == fine.GetRasterBand(1).GetNoDataValue()) == 0  # the sample DEM has no voids


def test_a_malformed_user_model_registry_does_not_stop_qgis_process(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "models.json").write_text('{"models": [{"name": 3}]')  # not even valid JSON
    result = run_algorithm(
        "floodsr:listmodels", {"OUTPUT": tmp_path / "models.html"}, env={"FLOODSR_CACHE_DIR": str(cache)}
    )
    assert "FloodSR_small_16x" in (tmp_path / "models.html").read_text()
    assert result["results"]["OUTPUT"] == str(tmp_path / "models.html")


def test_choices_are_given_by_name_on_the_command_line(tmp_path):
    output = tmp_path / "schumann.tif"
    inputs = {"INPUT_DEPTH": SAMPLE / "depth_32m.tif", "INPUT_DEM": SAMPLE / "dem_2m.tif"}
    run_algorithm(
        "floodsr:downscale",
        {**inputs, "METHOD": "schumann14", "INPUT_TYPE": "depth", "COMPRESSION": "LZW", "OUTPUT": output},
    )
    written = gdal.Open(str(output))
    assert json.loads(written.GetMetadataItem("FLOODSR_PARAMETERS"))["method"] == "schumann14"
    assert written.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE") == "LZW"
    # A position in the list is refused by QGIS itself: it could silently mean another choice one day.
    refused = run_qgis_process(
        "run",
        "floodsr:downscale",
        "--",
        *[f"{k}={v}" for k, v in inputs.items()],
        "METHOD=4",
        f"OUTPUT={tmp_path / 'four.tif'}",
    )
    assert refused.returncode != 0 and "METHOD" in refused.stdout + refused.stderr
    assert not (tmp_path / "four.tif").exists()


def test_a_preview_extent_from_the_command_line_gives_the_same_cells_as_a_full_run(tmp_path):
    common = {"INPUT_DEPTH": SAMPLE / "depth_32m.tif", "INPUT_DEM": SAMPLE / "dem_2m.tif", "MODEL": "FloodSR_small_16x"}
    run_algorithm("floodsr:superresolve", {**common, "OUTPUT": tmp_path / "full.tif"})
    # Coarse columns 10-19 and rows 5-16, drawn a little inside their edges.
    extent = f"{X0 + 10 * 32 + 1},{X0 + 20 * 32 - 1},{Y0 - 17 * 32 + 1},{Y0 - 5 * 32 - 1} [EPSG:3794]"
    run_algorithm("floodsr:superresolve", {**common, "EXTENT": extent, "OUTPUT": tmp_path / "preview.tif"})
    full_product = gdal.Open(str(tmp_path / "full.tif"))  # kept open: a band must not outlive its dataset
    full = full_product.GetRasterBand(1).ReadAsArray()  # the depth band of the product
    preview = gdal.Open(str(tmp_path / "preview.tif"))
    assert preview.GetGeoTransform() == (X0 + 10 * 32, 2.0, 0.0, Y0 - 5 * 32, 0.0, -2.0)
    depth = preview.GetRasterBand(1).ReadAsArray()
    np.testing.assert_allclose(depth, full[5 * 16 : 17 * 16, 10 * 16 : 20 * 16], atol=1e-4, rtol=0)
