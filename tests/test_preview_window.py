"""A preview window (EXTENT) equals the same cells of a full run, on rasters of several tiles."""

import numpy as np
import pytest
from osgeo import gdal

from floodsr.engine.errors import InputError
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.rasters import bathtub_depth_lr, read_raster, real_dem_1m, write_raster

X0, Y0, COARSE = 564000.0, 147000.0, 32.0
CELLS = 62  # 3 x 3 tiles of 512 model cells, the last ones flush with the edge


@pytest.fixture(scope="module")
def raster_paths(tmp_path_factory):
    folder = tmp_path_factory.mktemp("preview")
    dem = real_dem_1m()[: CELLS * 16, : CELLS * 16]  # read as 2 m cells: 992 x 992
    depth = bathtub_depth_lr(dem, 16, float(np.percentile(dem, 30)))
    dem_4m = dem.reshape(CELLS * 8, 2, CELLS * 8, 2).mean(axis=(1, 3))
    return {
        "depth": write_raster(folder / "depth.tif", depth, X0, Y0, COARSE),
        "dem": write_raster(folder / "dem.tif", dem, X0, Y0, 2.0),
        "dem_4m": write_raster(folder / "dem_4m.tif", dem_4m, X0, Y0, 4.0),
    }


def run(raster_paths, model, output, dem="dem", window=None, blend="feather"):
    request = SuperResolveRequest(
        raster_paths["depth"], raster_paths[dem], model, str(output), blend=blend, window=window
    )
    return superresolve(request)


def cells(col0, row0, col1, row1):
    """Bounds of whole coarse cells, nudged inwards as a drawn extent would be."""
    return (X0 + col0 * COARSE + 3.1, Y0 - row1 * COARSE + 0.4, X0 + col1 * COARSE - 5.0, Y0 - row0 * COARSE - 7.7)


@pytest.mark.parametrize(
    "dem, blend, window",
    [
        ("dem", "feather", (21, 17, 30, 26)),  # inside, across tile seams
        ("dem", "feather", (50, 0, 62, 9)),  # top-right corner, in the flush last tiles
        ("dem", "hard", (23, 40, 35, 62)),
        ("dem_4m", "feather", (21, 17, 30, 26)),  # DEM coarser than the model grid: predicted, then resampled
    ],
)
def test_a_window_equals_the_same_cells_of_a_full_run(raster_paths, cnn_onnx, tmp_path, dem, blend, window):
    full = run(raster_paths, cnn_onnx, tmp_path / "full.tif", dem, blend=blend)
    preview = run(raster_paths, cnn_onnx, tmp_path / "preview.tif", dem, window=cells(*window), blend=blend)
    full_values, full_transform, crs, nodata = read_raster(full.output_path)
    values, transform, preview_crs, preview_nodata = read_raster(preview.output_path)
    cell = full_transform[1]
    col0, row0, col1, row1 = window
    assert transform == (X0 + col0 * COARSE, cell, 0.0, Y0 - row0 * COARSE, 0.0, -cell)
    assert preview_crs == crs and preview_nodata == nodata
    per_coarse = round(COARSE / cell)
    expected = full_values[row0 * per_coarse : row1 * per_coarse, col0 * per_coarse : col1 * per_coarse]
    assert values.shape == expected.shape == ((row1 - row0) * per_coarse, (col1 - col0) * per_coarse)
    assert np.abs(values - expected).max() <= 1e-4
    assert values.std() > 0.05  # a varied window, where a wrong blend would show
    assert preview.tiles < full.tiles


def test_an_extent_beside_the_raster_is_refused(raster_paths, cnn_onnx, tmp_path):
    with pytest.raises(InputError, match="does not overlap the coarse raster"):
        run(raster_paths, cnn_onnx, tmp_path / "o.tif", window=(X0 - 500, Y0 - 100, X0 - 10, Y0))
    assert not (tmp_path / "o.tif").exists()


@pytest.mark.parametrize(
    "method", ["subgrid", "subgrid_smooth", "basic", "simplefilter", "schumann14", "buffergrowloop", "costgrow"]
)
def test_a_downscaling_window_matches_a_full_run_where_its_method_looks_only_nearby(raster_paths, tmp_path, method):
    from floodsr.engine.downscaling.run import DownscaleRequest, downscale

    window = (21, 17, 30, 26)
    for name, bounds in (("full", None), ("preview", cells(*window))):
        downscale(
            DownscaleRequest(
                raster_paths["depth"], raster_paths["dem"], str(tmp_path / f"{name}.tif"), method, window=bounds
            )
        )
    full = read_raster(tmp_path / "full.tif")[0]
    values, transform, _, _ = read_raster(tmp_path / "preview.tif")
    col0, row0, col1, row1 = window
    assert transform == (X0 + col0 * COARSE, 2.0, 0.0, Y0 - row0 * COARSE, 0.0, -2.0)
    expected = full[row0 * 16 : row1 * 16, col0 * 16 : col1 * 16]
    assert 0 < np.count_nonzero(expected) < expected.size  # the flood's edge runs through the window
    if method in ("subgrid", "subgrid_smooth", "basic", "simplefilter", "schumann14"):
        assert np.abs(values - expected).max() <= 1e-4
    else:  # water may arrive from beyond the context, or the growth stop at another round: nearly the same
        assert np.mean(np.abs(values - expected) <= 1e-4) > 0.95


@pytest.mark.parametrize("dem", ["dem", "dem_4m"])
def test_every_band_of_a_product_window_equals_the_same_cells_of_a_full_run(raster_paths, cnn_onnx, tmp_path, dem):
    """Two depth bands with test-time augmentation: depth and spread of each, cropped alike."""
    depth, transform, crs, _ = read_raster(raster_paths["depth"])
    two_bands = write_raster(tmp_path / "two.tif", depth, transform[0], transform[3], COARSE)
    dataset = gdal.Open(two_bands)
    stacked = gdal.Translate(str(tmp_path / "scenarios.tif"), dataset, bandList=[1, 1])
    stacked.GetRasterBand(2).WriteArray(np.clip(depth * 1.5, 0, 5))
    stacked = dataset = None
    options = {"depth_bands": [1, 2], "augmentations": 4}
    window = (21, 17, 30, 26)
    full = superresolve(
        SuperResolveRequest(
            str(tmp_path / "scenarios.tif"), raster_paths[dem], cnn_onnx, str(tmp_path / "f.tif"), **options
        )
    )
    preview = superresolve(
        SuperResolveRequest(
            str(tmp_path / "scenarios.tif"),
            raster_paths[dem],
            cnn_onnx,
            str(tmp_path / "p.tif"),
            window=cells(*window),
            **options,
        )
    )
    assert full.bands == preview.bands == ["depth:1", "depth:2", "spread:1", "spread:2"]
    full_set, preview_set = gdal.Open(full.output_path), gdal.Open(preview.output_path)
    per_coarse = round(COARSE / full_set.GetGeoTransform()[1])
    col0, row0, col1, row1 = window
    for index in range(1, 5):
        expected = full_set.GetRasterBand(index).ReadAsArray()[
            row0 * per_coarse : row1 * per_coarse, col0 * per_coarse : col1 * per_coarse
        ]
        values = preview_set.GetRasterBand(index).ReadAsArray()
        assert values.shape == expected.shape
        assert np.abs(values - expected).max() <= 1e-4, f"band {index}"
        assert values.std() > 1e-3, f"band {index} is varied"  # a wrong crop would show
