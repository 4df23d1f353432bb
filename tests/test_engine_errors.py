"""Every bad input stops with an error of its kind that names the problem and the fix, and writes nothing."""

import os

import numpy as np
import pytest

from floodsr.engine.errors import InputError, ModelError, OutputError
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.onnx_models import identity_model, random_cnn_model
from helpers.rasters import real_dem_2m, write_raster

X0, Y0 = 564000.0, 147000.0


@pytest.fixture
def raster_paths(tmp_path):
    dem = real_dem_2m()[:256, :256]
    return {
        "dem": write_raster(tmp_path / "dem.tif", dem, X0, Y0, 2.0),
        "depth": write_raster(tmp_path / "depth.tif", np.full((16, 16), 0.5, np.float32), X0, Y0, 32.0),
        "tmp": tmp_path,
    }


def _fails(raster_paths, model, kind, *patterns, depth=None, dem=None, output=None, **options):
    before = sorted(os.listdir(raster_paths["tmp"]))
    request = SuperResolveRequest(
        depth or raster_paths["depth"],
        dem or raster_paths["dem"],
        model,
        output or str(raster_paths["tmp"] / "out.tif"),
        **options,
    )
    with pytest.raises(kind) as raised:
        superresolve(request)
    message = str(raised.value)
    for pattern in patterns:
        assert pattern in message, message
    assert sorted(os.listdir(raster_paths["tmp"])) == before, "a failed run must leave nothing behind"
    return message


def test_missing_crs(raster_paths, cnn_onnx):
    depth = write_raster(raster_paths["tmp"] / "nocrs.tif", np.ones((16, 16), np.float32), X0, Y0, 32.0, epsg=None)
    _fails(raster_paths, cnn_onnx, InputError, "no coordinate reference system", "Assign", depth=depth)


def test_geographic_depth_crs(raster_paths, cnn_onnx):
    depth = write_raster(raster_paths["tmp"] / "geo.tif", np.ones((16, 16), np.float32), 15.8, 46.4, 0.0003, epsg=4326)
    _fails(raster_paths, cnn_onnx, InputError, "geographic CRS", "projected CRS", depth=depth)


def test_extents_that_do_not_overlap(raster_paths, cnn_onnx):
    depth = write_raster(raster_paths["tmp"] / "far.tif", np.ones((16, 16), np.float32), X0 + 50000, Y0, 32.0)
    _fails(raster_paths, cnn_onnx, InputError, "does not overlap", "same area", depth=depth)


def test_dem_coarser_than_depth(raster_paths, cnn_onnx):
    _fails(
        raster_paths, cnn_onnx, InputError, "not finer", "swapped", depth=raster_paths["dem"], dem=raster_paths["depth"]
    )


def test_all_nodata_depth(raster_paths, cnn_onnx):
    depth = write_raster(
        raster_paths["tmp"] / "empty.tif", np.full((16, 16), -9999, np.float32), X0, Y0, 32.0, nodata=-9999
    )
    _fails(raster_paths, cnn_onnx, InputError, "no valid cells", "nodata", depth=depth)


def test_all_nan_depth(raster_paths, cnn_onnx):
    depth = write_raster(
        raster_paths["tmp"] / "nan.tif", np.full((16, 16), np.nan, np.float32), X0, Y0, 32.0, nodata=float("nan")
    )
    _fails(raster_paths, cnn_onnx, InputError, "no valid cells", depth=depth)


def test_dem_all_nodata_inside_the_depth_extent(raster_paths, cnn_onnx):
    dem = write_raster(
        raster_paths["tmp"] / "voiddem.tif", np.full((256, 256), -32768, np.int16), X0, Y0, 2.0, nodata=-32768
    )
    _fails(raster_paths, cnn_onnx, InputError, "no valid cells inside the depth raster's extent", dem=dem)


def test_negative_depth(raster_paths, cnn_onnx):
    values = np.full((16, 16), 0.5, np.float32)
    values[3, 4] = -2.5
    depth = write_raster(raster_paths["tmp"] / "wse.tif", values, X0, Y0, 32.0)
    _fails(raster_paths, cnn_onnx, InputError, "negative values (minimum -2.5)", "water-surface elevation", depth=depth)


def test_band_that_does_not_exist(raster_paths, cnn_onnx):
    _fails(raster_paths, cnn_onnx, InputError, "band 3 does not exist", "from 1 to 1", depth_band=3)


def test_unreadable_raster(raster_paths, cnn_onnx):
    broken = raster_paths["tmp"] / "broken.tif"
    broken.write_bytes(b"not a tiff")
    _fails(raster_paths, cnn_onnx, InputError, "cannot be opened by GDAL", depth=str(broken))


@pytest.mark.parametrize(
    "inputs, output, expected",
    [
        (
            [("dem_hr", ["N", 512, 512, 1]), ("depth", ["N", 32, 32, 1])],
            ("depth_hr_pred", ["N", 512, 512, 1]),
            "no input named depth_lr",
        ),
        (
            [("dem_hr", ["N", 1, 512, 512]), ("depth_lr", ["N", 1, 32, 32])],
            ("depth_hr_pred", ["N", 1, 512, 512]),
            "channels-first, NCHW",
        ),
        (
            [("dem_hr", ["N", 512, 512, 3]), ("depth_lr", ["N", 32, 32, 1])],
            ("depth_hr_pred", ["N", 512, 512, 3]),
            "one channel last",
        ),
        (
            [("dem_hr", ["N", "H", "W", 1]), ("depth_lr", ["N", 32, 32, 1])],
            ("depth_hr_pred", ["N", "H", "W", 1]),
            "fixed integers",
        ),
        (
            [("dem_hr", ["N", 500, 500, 1]), ("depth_lr", ["N", 32, 32, 1])],
            ("depth_hr_pred", ["N", 500, 500, 1]),
            "not a whole multiple",
        ),
    ],
)
def test_model_with_the_wrong_contract(raster_paths, inputs, output, expected):
    model = str(identity_model(raster_paths["tmp"] / "wrong.onnx", inputs, output))
    os.remove(raster_paths["tmp"] / "depth.tif")  # keep the before/after listing independent of this model file
    raster_paths["depth"] = write_raster(
        raster_paths["tmp"] / "depth.tif", np.full((16, 16), 0.5, np.float32), X0, Y0, 32.0
    )
    _fails(
        raster_paths,
        model,
        ModelError,
        "does not follow the FloodSR contract",
        expected,
        "pick a model made for FloodSR",
    )


def test_output_size_different_from_dem_input(raster_paths, tmp_path_factory):
    folder = tmp_path_factory.mktemp("mismatch")
    model = str(
        identity_model(
            folder / "m.onnx",
            [("half", ["N", 256, 256, 1]), ("dem_hr", ["N", 512, 512, 1]), ("depth_lr", ["N", 32, 32, 1])],
            ("out", ["N", 256, 256, 1]),
        )
    )
    _fails(raster_paths, model, ModelError, "dem_hr is 512x512x1 but output out is 256x256x1; they must match")


def test_corrupt_onnx_file(raster_paths, tmp_path_factory):
    model = tmp_path_factory.mktemp("corrupt") / "model.onnx"
    good = random_cnn_model(model, seed=5)
    good.write_bytes(good.read_bytes()[:300])
    _fails(raster_paths, str(model), ModelError, "could not be loaded as an ONNX model", "download or export it again")


def test_missing_model_file(raster_paths):
    _fails(raster_paths, str(raster_paths["tmp"] / "nope.onnx"), ModelError, "does not exist")


@pytest.mark.parametrize(
    "output, expected",
    [
        ("missing_folder/out.tif", "does not exist"),
        ("out.png", "must be a GeoTIFF"),
        ("depth.tif", "never writes over its inputs"),
    ],
)
def test_output_path_that_cannot_be_used(raster_paths, cnn_onnx, output, expected):
    _fails(raster_paths, cnn_onnx, OutputError, expected, output=str(raster_paths["tmp"] / output))


def test_output_where_files_cannot_be_created(raster_paths, cnn_onnx):
    _fails(raster_paths, cnn_onnx, OutputError, "Cannot create or write", "permissions", output="/proc/floodsr-out.tif")


def test_out_of_range_options(raster_paths, cnn_onnx):
    _fails(raster_paths, cnn_onnx, InputError, "Overlap 40 is out of range", overlap_lr=40)
    _fails(raster_paths, cnn_onnx, InputError, "Maximum depth must be above 0", max_depth=0.0)
    _fails(raster_paths, cnn_onnx, OutputError, "Unknown compression", compression="JPEG")
    _fails(raster_paths, cnn_onnx, InputError, "Unknown device", device="tpu")
    _fails(raster_paths, cnn_onnx, InputError, "Unknown blend mode", blend="smooth")
