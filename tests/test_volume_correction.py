"""floodsr:superresolve's volume correction: every coarse cell keeps its coarse volume, for any model."""

import re

import numpy as np
import pytest
from osgeo import gdal

from floodsr.engine.progress import Progress
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.onnx_models import random_cnn_model
from helpers.paths import SAMPLE
from helpers.rasters import bathtub_depth_lr, read_raster, real_dem_2m, write_raster

X0, Y0 = 564003.5, 146995.5
NODATA = -9999.0


def cell_volumes(fine, factor, cell_area):
    rows, cols = fine.shape[0] // factor, fine.shape[1] // factor
    valid = fine != NODATA
    water = np.where(valid, fine, 0.0).astype(np.float64).reshape(rows, factor, cols, factor).sum(axis=(1, 3))
    return water * cell_area, valid.reshape(rows, factor, cols, factor).sum(axis=(1, 3))


def run(depth_path, dem_path, model, output, conserve, log=None):
    superresolve(
        SuperResolveRequest(depth_path, dem_path, model, str(output), conserve_volume=conserve),
        Progress(log=(log.append if log is not None else None)),
    )
    return read_raster(output)[0]


@pytest.fixture(scope="module")
def sample_with_voids(tmp_path_factory):
    """The bundled sample flood on its real terrain, with a hole in the DEM across the stream."""
    folder = tmp_path_factory.mktemp("volume")
    dem = read_raster(SAMPLE / "dem_2m.tif")[0]
    dem[200:230, 230:290] = NODATA
    return str(SAMPLE / "depth_32m.tif"), write_raster(folder / "dem.tif", dem, X0, Y0, 2.0, nodata=NODATA), folder


@pytest.mark.parametrize("seed", [1, 2])
def test_each_coarse_cell_keeps_its_volume_after_correction(sample_with_voids, generated_models_dir, seed):
    depth_path, dem_path, folder = sample_with_voids
    model = str(random_cnn_model(generated_models_dir / f"volume_{seed}.onnx", seed=seed))
    log = []
    corrected = run(depth_path, dem_path, model, folder / f"on_{seed}.tif", True, log)
    raw = run(depth_path, dem_path, model, folder / f"off_{seed}.tif", False)
    depth = read_raster(depth_path)[0].astype(np.float64)
    volumes, valid_cells = cell_volumes(corrected, 16, 4.0)
    wanted = depth * valid_cells * 4.0  # the cell-average depth over the cell's valid DEM cells
    wet = depth > 0
    assert valid_cells.min() == 0 and np.count_nonzero(wet & (valid_cells > 0) & (valid_cells < 256)) > 4
    np.testing.assert_allclose(volumes[wet], wanted[wet], rtol=1e-6)
    np.testing.assert_array_equal(volumes[~wet], 0)
    np.testing.assert_array_equal(corrected == NODATA, raw == NODATA)

    raw_volumes, _ = cell_volumes(raw, 16, 4.0)
    assert np.abs(raw_volumes - wanted).max() > 0.1 * wanted.max(), "the random model is far from the volumes"
    largest = np.abs(raw_volumes - wanted).max()
    reported = re.search(r"volume error corrected in one coarse cell was ([0-9.e+]+) m3", "\n".join(log))
    assert float(reported.group(1)) == pytest.approx(largest, rel=1e-3)
    ratio = re.search(r"output held ([0-9.]+) times the coarse depth's water", "\n".join(log))
    assert float(ratio.group(1)) == pytest.approx(raw_volumes.sum() / wanted.sum(), abs=1e-4)


def test_the_correction_also_holds_when_the_prediction_is_resampled_onto_the_dem(tmp_path, cnn_onnx):
    # 30 m depth over a 2 m DEM: the model runs on 1.875 m cells, its output is resampled onto the DEM grid
    dem = real_dem_2m()[:495, :495]
    depth = bathtub_depth_lr(dem, 15, float(np.percentile(dem, 30)))
    depth_path = write_raster(tmp_path / "depth.tif", depth, X0, Y0, 30.0)
    dem_path = write_raster(tmp_path / "dem.tif", dem, X0, Y0, 2.0)
    corrected = run(depth_path, dem_path, cnn_onnx, tmp_path / "out.tif", True)
    volumes, _ = cell_volumes(corrected, 15, 4.0)
    np.testing.assert_allclose(volumes, depth.astype(np.float64) * 900.0, rtol=1e-6, atol=1e-9)


def test_the_option_reaches_the_engine_from_the_algorithm(floodsr_plugin, cnn_onnx, tmp_path):
    import processing
    from qgis.core import QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    parameters = {
        "INPUT_DEPTH": str(SAMPLE / "depth_32m.tif"),
        "INPUT_DEM": str(SAMPLE / "dem_2m.tif"),
        "MODEL_FILE": cnn_onnx,
        "CONSERVE_VOLUME": True,
        "OUTPUT": str(tmp_path / "out.tif"),
    }
    output = processing.run("floodsr:superresolve", parameters, feedback=feedback)["OUTPUT"]
    volumes, _ = cell_volumes(read_raster(output)[0], 16, 4.0)
    depth = read_raster(SAMPLE / "depth_32m.tif")[0].astype(np.float64)
    np.testing.assert_allclose(volumes, depth * 1024.0, rtol=1e-6, atol=1e-9)
    assert "Volume correction: the model's output held" in feedback.textLog()


def test_each_depth_band_of_a_product_keeps_its_own_volume(sample_with_voids, cnn_onnx, tmp_path):
    """Two depth bands with test-time augmentation: each depth band is corrected against its own coarse band;
    the spreads are not depths and are written as computed (nodata where the corrected depth is dry or a void)."""
    depth_path, dem_path, _ = sample_with_voids
    depth = read_raster(depth_path)[0]
    scenarios = tmp_path / "scenarios.tif"
    stacked = gdal.Translate(str(scenarios), gdal.Open(depth_path), bandList=[1, 1])
    stacked.GetRasterBand(2).WriteArray(depth * 0.5)
    stacked = None
    options = {"depth_bands": [1, 2], "augmentations": 4}
    output = tmp_path / "product.tif"
    superresolve(SuperResolveRequest(str(scenarios), dem_path, cnn_onnx, str(output), conserve_volume=True, **options))
    raw_output = tmp_path / "raw.tif"
    superresolve(SuperResolveRequest(str(scenarios), dem_path, cnn_onnx, str(raw_output), **options))
    product, raw = gdal.Open(str(output)), gdal.Open(str(raw_output))
    for band, coarse in ((1, depth), (2, depth * 0.5)):
        volumes, valid_cells = cell_volumes(product.GetRasterBand(band).ReadAsArray(), 16, 4.0)
        wet = coarse > 0
        np.testing.assert_allclose(volumes[wet], (coarse * valid_cells * 4.0)[wet], rtol=1e-6)
        corrected_depth = product.GetRasterBand(band).ReadAsArray()
        spread, raw_spread = (dataset.GetRasterBand(band + 2).ReadAsArray() for dataset in (product, raw))
        shown = (corrected_depth > 0) & (raw.GetRasterBand(band).ReadAsArray() > 0)
        assert shown.mean() > 0.05
        np.testing.assert_array_equal(spread[shown], raw_spread[shown])
        np.testing.assert_array_equal(spread[corrected_depth <= 0], NODATA)
