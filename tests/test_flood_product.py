"""The flood product: test-time augmentation spread, applicability flags, multi-band input, fallback tiles,
band descriptions, data types, adding a missing band and COG validity."""

import hashlib
import threading

import numpy as np
import pytest
from osgeo import gdal
from osgeo_utils.samples.validate_cloud_optimized_geotiff import validate

from floodsr.engine.downscaling.subgrid import subgrid_smooth_depth
from floodsr.engine.errors import CancelledError, InputError, ModelError
from floodsr.engine.progress import Progress
from floodsr.engine.superresolution.applicability import (
    FEATURE_BITS,
    FEATURES,
    TrainingRange,
    sidecar_path,
    tile_features,
)
from floodsr.engine.superresolution.augmentation import augmented_runs
from floodsr.engine.superresolution.normalise import finalise_depth
from floodsr.engine.superresolution.run import FallbackTile, SuperResolveRequest, superresolve

from helpers.onnx_models import column_ramp, depth_times_model, pointwise_model, random_cnn_model
from helpers.rasters import bathtub_depth_lr, real_dem_2m, srs_wkt, write_raster
from helpers.training_ranges import WIDE_TRAINING_RANGE, write_training_range

X0, Y0 = 500000.0, 150000.0
NODATA = -9999.0
LOG6 = np.log1p(5.0)


def metres(normalised):
    return np.expm1(np.clip(normalised, 0, 1) * LOG6)


def written_case(folder, dem, depth, name):
    """A 2 m DEM and a 32 m depth written as `name`_dem.tif and `name`_depth.tif, with their arrays."""
    return {
        "folder": folder,
        "dem": dem,
        "depth": depth,
        "dem_path": write_raster(folder / f"{name}_dem.tif", dem, X0, Y0, 2.0),
        "depth_path": write_raster(folder / f"{name}_depth.tif", depth, X0, Y0, 32.0),
    }


@pytest.fixture(scope="module")
def one_tile_rasters(tmp_path_factory):
    """One tile: 512 x 512 cells of 2 m real terrain, 32 x 32 cells of 32 m depth (a flat water level)."""
    dem = np.pad(real_dem_2m(), ((0, 12), (0, 12)), mode="symmetric")
    depth = bathtub_depth_lr(dem, 16, float(np.percentile(dem, 40)))
    return written_case(tmp_path_factory.mktemp("product"), dem, depth, "tile")


def run(case, model, name, log=None, **options):
    output = case["folder"] / name
    request = SuperResolveRequest(case["depth_path"], case["dem_path"], str(model), str(output), **options)
    result = superresolve(request, Progress(log=log) if log else None)
    return result, gdal.Open(str(output))


def band(dataset, index):
    return dataset.GetRasterBand(index).ReadAsArray()


@pytest.mark.parametrize("augmentations", [4, 8])
def test_a_pointwise_model_has_no_spread(one_tile_rasters, pointwise_onnx, augmentations):
    _, plain = run(one_tile_rasters, pointwise_onnx, "plain.tif")
    result, augmented = run(one_tile_rasters, pointwise_onnx, f"tta{augmentations}.tif", augmentations=augmentations)
    depth, spread = band(augmented, 1), band(augmented, 2)
    assert result.bands == ["depth:1", "spread:1"] and augmented.RasterCount == 2
    np.testing.assert_array_equal(depth, band(plain, 1))
    wet = depth > 0
    assert wet.mean() > 0.2 and (~wet).mean() > 0.2
    assert np.all(spread[wet] == 0.0)
    assert np.all(spread[~wet] == NODATA)


@pytest.mark.parametrize("augmentations", [4, 8])
def test_a_model_that_depends_on_orientation_has_the_spread_of_its_variants(
    one_tile_rasters, generated_models_dir, augmentations
):
    """out = depth x column ramp r(c) = c / 511. Turned back, the 4 variants see r(c) twice and r(511 - c) twice;
    the 8 add the rows' ramp r(row), r(511 - row), each twice. Depth 1 m everywhere."""
    model = depth_times_model(generated_models_dir / "ramp.onnx", column_ramp())
    case = {
        **one_tile_rasters,
        "depth_path": write_raster(one_tile_rasters["folder"] / "one.tif", np.ones((32, 32)), X0, Y0, 32.0),
    }
    _, product = run(case, model, f"ramp{augmentations}.tif", augmentations=augmentations)
    ramp = np.arange(512) / 511.0
    normalised_depth = np.log1p(1.0) / LOG6
    cols = np.broadcast_to(ramp, (512, 512))
    views = [cols, cols[:, ::-1]] + ([cols.T, cols.T[::-1, :]] if augmentations == 8 else [])
    variants = np.stack([metres(normalised_depth * view) for view in views])
    mean = finalise_depth(variants.mean(axis=0).astype(np.float32), 5.0)
    expected_spread = np.where(mean > 0, variants.std(axis=0), NODATA)
    np.testing.assert_allclose(band(product, 1), mean, atol=1e-5)
    np.testing.assert_allclose(band(product, 2), expected_spread, atol=1e-5)
    assert band(product, 2)[0, 0] == pytest.approx((metres(normalised_depth) - 0.0) / 2, abs=1e-5)


def test_tile_features_in_physical_units():
    dem = np.add.outer(np.zeros(512), np.arange(512) * 0.5).astype(np.float32)  # 0.5 m per 2 m cell: slope 0.25
    depth = np.zeros((32, 32), np.float32)
    depth[:8] = 2.0
    depth[8:16] = 0.0005  # under the 1 mm low-depth mask: dry
    features = tile_features(depth, dem, 2.0)
    assert features == pytest.approx(
        {
            "dem_relief_m": 255.5,
            "slope_p95": 0.25,
            "depth_mean_m": (8 * 32 * 2.0 + 8 * 32 * 0.0005) / 1024,
            "depth_max_m": 2.0,
            "wet_fraction": 0.25,
            "cell_size_m": 2.0,
        }
    )


def test_the_range_check_tolerates_float32_digits_only():
    limits = dict.fromkeys(FEATURES, (1.0, 2.0))
    inside = dict.fromkeys(FEATURES, 1.5)
    check = TrainingRange(limits)
    assert check.flags(inside) == 0
    assert check.flags({**inside, "slope_p95": float(np.float32(2.0) + np.float32(2e-7))}) == 0
    assert check.flags({**inside, "slope_p95": 2.001, "cell_size_m": 0.999}) == (
        FEATURE_BITS["slope_p95"] | FEATURE_BITS["cell_size_m"]
    )


def _terrain_tiles():
    """Tiles of 512 x 512 cells of 2 m real terrain, mirrored past its 500 cells, with coarse depths over them."""
    dem = np.pad(real_dem_2m(), ((0, 524), (0, 524)), mode="symmetric")
    tiles = [dem[row : row + 512, col : col + 512] for row in (0, 256, 512) for col in (0, 384, 512)]
    return [
        (bathtub_depth_lr(tile, 16, float(np.percentile(tile, level))), tile)
        for tile, level in zip(tiles, range(0, 90, 10))
    ]


def _sorted_slopes(dem):
    rows, cols = np.gradient(dem.astype(np.float64), 2.0)
    return np.sort(np.hypot(rows, cols).ravel())


@pytest.mark.parametrize(
    "slope_limits",
    [
        lambda slopes, p95: (0.0, 10.0),  # inside, far from both limits
        lambda slopes, p95: (p95 * 1.5, p95 * 2.0),  # below
        lambda slopes, p95: (p95 * 0.5, p95 * 0.9),  # above
        lambda slopes, p95: (p95, p95),  # on both limits: inside
        lambda slopes, p95: (np.nextafter(p95, np.inf), 10.0),  # just below the lowest (the tolerance aside)
        lambda slopes, p95: (0.0, p95 * (1 - 1.2e-5)),  # too close for float32 squares: counted in float64
        lambda slopes, p95: (slopes[int(0.95 * (slopes.size - 1))], slopes[int(0.95 * (slopes.size - 1)) + 1]),
    ],
)
def test_tile_flags_equal_the_flags_of_the_tile_features(slope_limits):
    """The run's range check counts slopes on either side of the limits (squared in float32, else in float64)
    instead of sorting them, wherever the counts decide; its flags are those of the features, the slope's
    percentile included, on every tile."""
    for depth, dem in _terrain_tiles():
        features = tile_features(depth, dem, 2.0)
        limits = {**WIDE_TRAINING_RANGE, "dem_relief_m": (0.0, 20.0), "depth_mean_m": (0.05, 1.0)}
        limits["slope_p95"] = tuple(float(value) for value in slope_limits(_sorted_slopes(dem), features["slope_p95"]))
        check = TrainingRange(limits)
        assert check.tile_flags(depth, dem, 2.0) == check.flags(features)


def test_a_tile_whose_slopes_decide_its_flag_needs_no_percentile(monkeypatch):
    depth, dem = _terrain_tiles()[4]
    p95 = tile_features(depth, dem, 2.0)["slope_p95"]
    sorts = []
    percentile = np.percentile
    monkeypatch.setattr(np, "percentile", lambda *arguments: sorts.append(1) or percentile(*arguments))
    inside, above = TrainingRange({"slope_p95": (0.0, 2 * p95)}), TrainingRange({"slope_p95": (0.0, p95 / 2)})
    assert (inside.tile_flags(depth, dem, 2.0), above.tile_flags(depth, dem, 2.0)) == (0, FEATURE_BITS["slope_p95"])
    assert not sorts
    # 2 x 21 cells whose slopes are 0.01, 0.02, 0.04, ..., 0.38, 0.39, two each: the 95th percentile is 0.38, and a
    # limit there lies between the values the count brackets it with (0.36 and 0.39): sorted
    ramp = np.tile(0.02 * np.arange(21.0) ** 2, (2, 1))
    assert TrainingRange({"slope_p95": (0.0, 0.38)}).tile_flags(np.zeros((1, 1)), ramp, 2.0) == 0 and sorts == [1]
    void = np.where(np.arange(512) < 3, np.nan, dem)  # not a tile the run makes (voids are filled): sorted too
    assert inside.tile_flags(depth, void, 2.0) == FEATURE_BITS["slope_p95"] and sorts == [1, 1]


def quadrant_case(folder, depths):
    """2 x 2 tiles (hard blend): a flat DEM with a 1 m step in the top-right tile, and one depth per tile."""
    dem = np.zeros((1024, 1024), np.float32)
    dem[:512, 512:][:, 256:] = 1.0
    depth = np.kron(np.array(depths, np.float32), np.ones((32, 32), np.float32))
    return written_case(folder, dem, depth, "quadrants")


def test_applicability_flags_each_tile_and_the_feature_outside(tmp_path, generated_models_dir):
    model = pointwise_model(generated_models_dir / "aoa.onnx")
    write_training_range(model, {**WIDE_TRAINING_RANGE, "dem_relief_m": (0.0, 0.5), "depth_max_m": (0.0, 1.0)})
    case = quadrant_case(tmp_path, [[0.5, 0.5], [0.5, 2.0]])
    lines = []
    output = tmp_path / "aoa.tif"
    result = superresolve(
        SuperResolveRequest(case["depth_path"], case["dem_path"], str(model), str(output), blend="hard"),
        Progress(log=lines.append),
    )
    flags = band(gdal.Open(str(output)), 2)
    assert result.bands == ["depth:1", "applicability:1"]
    expected = np.zeros((2, 2))
    expected[0, 1] = FEATURE_BITS["dem_relief_m"]  # the 1 m step
    expected[1, 1] = FEATURE_BITS["depth_max_m"]  # 2 m of water
    np.testing.assert_array_equal(flags, np.kron(expected, np.ones((512, 512))))
    assert result.outside_share == 0.5
    summary = (
        "On 50% of the area (2 of 4 tiles) the terrain or the flood is unlike anything the model was trained on "
        "(the height differences of the terrain, the deepest water): its depths there are less certain."
    )
    assert summary in lines and result.applicability.render() == summary


def test_a_model_without_training_range_gets_no_band_and_a_note(one_tile_rasters, generated_models_dir):
    model = pointwise_model(generated_models_dir / "plain_model.onnx")
    lines = []
    output = one_tile_rasters["folder"] / "no_range.tif"
    result = superresolve(
        SuperResolveRequest(one_tile_rasters["depth_path"], one_tile_rasters["dem_path"], str(model), str(output)),
        Progress(log=lines.append),
    )
    assert result.bands == ["depth:1"] and result.outside_share is None
    assert gdal.Open(str(output)).RasterCount == 1
    assert "The model has no training range beside it: the output has no applicability band." in lines


def test_bands_have_descriptions_and_units(one_tile_rasters, generated_models_dir):
    model = pointwise_model(generated_models_dir / "described.onnx")
    write_training_range(model, WIDE_TRAINING_RANGE)
    _, product = run(one_tile_rasters, model, "described.tif", augmentations=4)
    described = [(product.GetRasterBand(i).GetDescription(), product.GetRasterBand(i).GetUnitType()) for i in (1, 2, 3)]
    assert described == [
        ("Flood depth (m)", "m"),
        ("Depth spread (m)", "m"),
        ("Outside the training range (flags)", ""),
    ]
    assert [product.GetRasterBand(i).GetMetadataItem("FLOODSR_LAYER") for i in (1, 2, 3)] == [
        "depth:1",
        "spread:1",
        "applicability:1",
    ]


def band_bytes(path):
    dataset = gdal.Open(str(path))
    return [dataset.GetRasterBand(i).ReadRaster() for i in range(1, dataset.RasterCount + 1)]


def test_a_rerun_adds_the_missing_band_and_keeps_the_others_byte_identical(one_tile_rasters, generated_models_dir):
    model = pointwise_model(generated_models_dir / "rerun.onnx")
    sidecar_path(model).unlink(missing_ok=True)
    first, _ = run(one_tile_rasters, model, "rerun.tif", augmentations=4, cog=True)
    output = one_tile_rasters["folder"] / "rerun.tif"
    before = band_bytes(output)
    assert first.bands == ["depth:1", "spread:1"] and len(before) == 2
    write_training_range(model, {**WIDE_TRAINING_RANGE, "depth_max_m": (0.0, 0.01)})
    lines = []
    second = superresolve(
        SuperResolveRequest(
            one_tile_rasters["depth_path"],
            one_tile_rasters["dem_path"],
            str(model),
            str(output),
            augmentations=4,
            cog=True,
        ),
        Progress(log=lines.append),
    )
    after = band_bytes(output)
    assert second.added_bands == ["applicability:1"] and second.bands == ["depth:1", "spread:1", "applicability:1"]
    assert after[:2] == before
    flags = band(gdal.Open(str(output)), 3)
    assert np.all(flags == FEATURE_BITS["depth_max_m"])
    assert validate(str(output))[:2] == ([], [])
    assert any("already has bands depth:1, spread:1; only applicability:1 are computed" in line for line in lines)


def test_a_rerun_with_augmentation_adds_only_the_spread(one_tile_rasters, generated_models_dir):
    model = pointwise_model(generated_models_dir / "spread_later.onnx")
    output = one_tile_rasters["folder"] / "spread_later.tif"
    superresolve(
        SuperResolveRequest(one_tile_rasters["depth_path"], one_tile_rasters["dem_path"], str(model), str(output))
    )
    before = band_bytes(output)
    result = superresolve(
        SuperResolveRequest(
            one_tile_rasters["depth_path"], one_tile_rasters["dem_path"], str(model), str(output), augmentations=8
        )
    )
    product = gdal.Open(str(output))
    assert result.added_bands == ["spread:1"] and band_bytes(output)[:1] == before
    depth, spread = band(product, 1), band(product, 2)
    assert np.all(spread[depth > 0] == 0) and np.all(spread[depth == 0] == NODATA)
    assert product.GetRasterBand(1).GetMetadataItem("FLOODSR_AUGMENTATIONS") == "1"
    assert product.GetRasterBand(2).GetMetadataItem("FLOODSR_AUGMENTATIONS") == "8"


def test_a_failed_rerun_leaves_the_existing_product_as_it_was(one_tile_rasters, generated_models_dir, tmp_path):
    model = pointwise_model(generated_models_dir / "failing.onnx")
    output = tmp_path / "kept.tif"
    superresolve(
        SuperResolveRequest(one_tile_rasters["depth_path"], one_tile_rasters["dem_path"], str(model), str(output))
    )
    digest = hashlib.sha256(output.read_bytes()).hexdigest()
    write_training_range(model, WIDE_TRAINING_RANGE)
    with pytest.raises(CancelledError):
        superresolve(
            SuperResolveRequest(one_tile_rasters["depth_path"], one_tile_rasters["dem_path"], str(model), str(output)),
            Progress(is_cancelled=lambda: True),
        )
    assert hashlib.sha256(output.read_bytes()).hexdigest() == digest
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kept.tif"]


def test_a_multi_band_cog_product_is_valid(one_tile_rasters, generated_models_dir):
    model = pointwise_model(generated_models_dir / "cog.onnx")
    write_training_range(model, WIDE_TRAINING_RANGE)
    _, product = run(one_tile_rasters, model, "product_cog.tif", augmentations=4, cog=True)
    errors, warnings, _ = validate(str(one_tile_rasters["folder"] / "product_cog.tif"))
    assert (errors, warnings) == ([], [])
    assert product.RasterCount == 3 and product.GetRasterBand(1).GetOverviewCount() == 0  # 512 px: no overviews


def test_every_depth_band_goes_into_its_own_output_band(one_tile_rasters, pointwise_onnx):
    folder = one_tile_rasters["folder"]
    second = np.clip(one_tile_rasters["depth"] * 1.7, 0, 5).astype(np.float32)
    dataset = gdal.GetDriverByName("GTiff").Create(str(folder / "two.tif"), 32, 32, 2, gdal.GDT_Float32)
    dataset.SetGeoTransform((X0, 32.0, 0, Y0, 0, -32.0))
    dataset.SetProjection(srs_wkt(3794))
    dataset.GetRasterBand(1).WriteArray(one_tile_rasters["depth"])
    dataset.GetRasterBand(2).WriteArray(second)
    dataset = None
    single = {**one_tile_rasters, "depth_path": write_raster(folder / "second.tif", second, X0, Y0, 32.0)}
    _, first_only = run(one_tile_rasters, pointwise_onnx, "band1.tif")
    _, second_only = run(single, pointwise_onnx, "band2.tif")
    multi = {**one_tile_rasters, "depth_path": str(folder / "two.tif")}
    result, both = run(multi, pointwise_onnx, "both.tif", depth_bands=[1, 2])
    assert result.bands == ["depth:1", "depth:2"]
    np.testing.assert_array_equal(band(both, 1), band(first_only, 1))
    np.testing.assert_array_equal(band(both, 2), band(second_only, 1))
    assert both.GetRasterBand(2).GetDescription() == "Flood depth (m), input band 2"


@pytest.mark.parametrize("batch", ["N", 2])  # 2: two tiles per model call, as on accelerators
def test_unusable_tiles_fall_back_to_the_subgrid_estimate(tmp_path, generated_models_dir, batch):
    """out = 3 x depth, NaN past a normalised depth of 0.5 (1.45 m): only the 2 m tile is not finite."""
    model = depth_times_model(generated_models_dir / f"nan_{batch}.onnx", 3.0, batch=batch, nan_above=0.5)
    case = quadrant_case(tmp_path, [[0.3, 0.3], [2.0, 0.3]])
    case["dem"][:] = np.add.outer(np.arange(1024) * 0.01, np.arange(1024) * 0.02)
    case["dem_path"] = write_raster(tmp_path / "slope.tif", case["dem"], X0, Y0, 2.0)
    lines = []
    output = tmp_path / "fallback.tif"
    result = superresolve(
        SuperResolveRequest(
            case["depth_path"], case["dem_path"], str(model), str(output), blend="hard", max_fallback_share=0.25
        ),
        Progress(log=lines.append),
    )
    depth = band(gdal.Open(str(output)), 1)
    assert result.fallback_tiles == [FallbackTile(1, 1, 0)]
    expected = finalise_depth(subgrid_smooth_depth(case["depth"][32:, :32], case["dem"][512:, :512]), 5.0)
    np.testing.assert_allclose(depth[512:, :512], expected, atol=1e-6)
    np.testing.assert_allclose(depth[:512, :512], metres(3 * np.log1p(0.3) / LOG6), atol=1e-5)
    assert (
        "Tile at row 2, column 1 (model cells from row 512, column 0), depth band 1: the model's output has 262144 "
        "non-finite values; the subgrid estimate is used there instead." in lines
    )
    with pytest.raises(ModelError, match="more than 5%"):
        superresolve(
            SuperResolveRequest(case["depth_path"], case["dem_path"], str(model), str(tmp_path / "f.tif"), blend="hard")
        )
    assert not (tmp_path / "f.tif").exists()


def test_finite_output_outside_the_range_is_clipped_as_the_contract_says_and_its_share_logged(
    tmp_path, generated_models_dir
):
    """out = 3 x depth: past 1/3 (0.82 m) the normalised output leaves [0, 1]; the 2 m tile does, everywhere."""
    lines = []
    model = depth_times_model(generated_models_dir / "tripled.onnx", 3.0)
    case = quadrant_case(tmp_path, [[0.3, 0.3], [2.0, 0.3]])
    result, output = run(case, model, "out.tif", lines.append, blend="hard")
    depth = band(output, 1)
    assert result.fallback_tiles == [] and result.clipped_share == 0.25
    np.testing.assert_array_equal(depth[512:, :512], 5.0)  # clip(1.84, 0, 1) is the maximum depth
    np.testing.assert_allclose(depth[:512, :512], metres(3 * np.log1p(0.3) / LOG6), atol=1e-5)
    assert (
        "25.00% of the model's output values (262,144 of 1,048,576) were outside its range 0 to 1 and were clipped "
        "to it, as its contract says." in lines
    )


# Int16: half a centimetre, plus float32's own rounding of the metres; Float16: GDAL keeps 10 bits of mantissa.
@pytest.mark.parametrize("data_type, absolute, relative", [("Int16 (cm)", 0.005 + 1e-6, 0.0), ("Float16", 0.0, 2**-10)])
def test_compact_data_types_read_back_in_metres(one_tile_rasters, pointwise_onnx, data_type, absolute, relative):
    _, plain = run(one_tile_rasters, pointwise_onnx, "float32.tif")
    _, compact = run(one_tile_rasters, pointwise_onnx, f"{data_type[:5]}.tif", data_type=data_type)
    stored = compact.GetRasterBand(1)
    values = stored.ReadAsArray().astype(np.float64) * (stored.GetScale() or 1.0) + (stored.GetOffset() or 0.0)
    expected = band(plain, 1).astype(np.float64)
    assert expected.max() > 1.0
    assert np.all(np.abs(values - expected) <= absolute + relative * expected)
    assert stored.GetUnitType() == "m"
    if data_type.startswith("Int16"):
        assert stored.DataType == gdal.GDT_Int16 and stored.GetScale() == 0.01 and stored.GetNoDataValue() == -32768
    else:
        # Float16 is a GDAL type of its own from GDAL 3.11; before, a 16-bit float in a Float32 band (NBITS=16).
        native = gdal.GetDataTypeName(stored.DataType) == "Float16"
        assert native or stored.GetMetadataItem("NBITS", "IMAGE_STRUCTURE") == "16"


@pytest.mark.parametrize(
    "options, message",
    [
        ({"data_type": "Int16 (cm)", "max_depth": 400.0}, "Int16 centimetres hold depths up to 327.67 m"),
        ({"augmentations": 2}, "takes 1, 4, 8 variants, not 2"),
        ({"data_type": "Float64"}, "Unknown output data type 'Float64'"),
        ({"max_fallback_share": 1.5}, "must be from 0 to 1"),
    ],
)
def test_product_options_are_checked_before_any_work(one_tile_rasters, pointwise_onnx, options, message):
    output = one_tile_rasters["folder"] / "refused.tif"
    with pytest.raises(InputError, match=message):
        superresolve(
            SuperResolveRequest(
                one_tile_rasters["depth_path"], one_tile_rasters["dem_path"], pointwise_onnx, str(output), **options
            )
        )
    assert not output.exists()


def test_the_weight_map_is_the_sum_of_tile_weights(tmp_path, pointwise_onnx):
    case = quadrant_case(tmp_path, [[0.5, 0.5], [0.5, 0.5]])
    weights = tmp_path / "weights.tif"
    superresolve(
        SuperResolveRequest(
            case["depth_path"], case["dem_path"], pointwise_onnx, str(tmp_path / "w.tif"), weights_path=str(weights)
        )
    )
    values = band(gdal.Open(str(weights)), 1)
    # Tiles start at 0, 384 and 512 with 128-cell ramps k/129: 1 alone at 0, ramps meeting at 450 sum to 1,
    # tile 2's flat middle and tile 3's ramp at 600 sum to 1 + 89/129.
    along = {0: 1.0, 450: 1.0, 600: 1.0 + 89 / 129}
    for row, row_total in along.items():
        for col, col_total in along.items():
            assert values[row, col] == pytest.approx(row_total * col_total, abs=1e-6)


def test_every_band_is_resampled_when_the_model_grid_is_not_the_dem_grid(tmp_path, generated_models_dir):
    """30 m depth over a 2 m DEM: the model grid has 1.875 m cells, and each band is resampled onto the DEM."""
    model = pointwise_model(generated_models_dir / "resampled.onnx")
    write_training_range(model, {**WIDE_TRAINING_RANGE, "cell_size_m": (2.0, 2.0)})
    dem = np.pad(real_dem_2m(), ((0, 12), (0, 12)), mode="symmetric")[:480, :480]
    depth = bathtub_depth_lr(dem, 15, float(np.percentile(dem, 40)))
    dem_path = write_raster(tmp_path / "dem.tif", dem, X0, Y0, 2.0)
    depth_path = write_raster(tmp_path / "depth30.tif", depth, X0, Y0, 30.0)
    plain = tmp_path / "plain.tif"
    superresolve(SuperResolveRequest(depth_path, dem_path, str(model), str(plain), augmentations=1))
    output = tmp_path / "resampled.tif"
    result = superresolve(SuperResolveRequest(depth_path, dem_path, str(model), str(output), augmentations=4))
    product, reference = gdal.Open(str(output)), gdal.Open(str(plain))
    assert result.bands == ["depth:1", "spread:1", "applicability:1"] and result.outside_share == 1.0
    depth_band, spread = band(product, 1), band(product, 2)
    np.testing.assert_array_equal(depth_band, band(reference, 1))
    assert (depth_band > 0).mean() > 0.2
    assert np.all(spread[depth_band > 0] == 0) and np.all(spread[depth_band == 0] == NODATA)
    assert np.all(band(product, 3) == FEATURE_BITS["cell_size_m"])


def test_cancel_reaches_the_model_in_every_augmented_run(one_tile_rasters, tmp_path):
    """Cancelled only where the running model's watcher (a thread of its own) asks: the run stops only if every
    augmented model call got the cancel check."""
    model = random_cnn_model(tmp_path / "heavy.onnx", seed=2, hidden=32, extra_layers=8)

    def is_cancelled():
        return threading.current_thread() is not threading.main_thread()

    output = tmp_path / "cancelled.tif"
    request = SuperResolveRequest(one_tile_rasters["depth_path"], one_tile_rasters["dem_path"], str(model), str(output))
    request.augmentations = 4
    with pytest.raises(CancelledError):
        superresolve(request, Progress(is_cancelled=is_cancelled))
    assert not output.exists()


def test_augmented_runs_hand_the_cancel_check_to_every_variant():
    check = lambda: False  # noqa: E731
    seen = []

    def run(depth, dem, is_cancelled):
        seen.append(is_cancelled)
        return dem

    dem = np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1)
    variants = augmented_runs(run, np.zeros((1, 2, 2, 1), np.float32), dem, 8, check)
    assert seen == [check] * 8
    for variant in variants:  # each turned back to the tile's own orientation
        np.testing.assert_array_equal(variant, dem)


def test_memory_refusal_counts_every_layer_and_variant(one_tile_rasters, pointwise_onnx, monkeypatch):
    import floodsr.engine.superresolution.run as run_module

    asked = []
    monkeypatch.setattr(run_module, "require_memory", lambda needed, job: asked.append(needed))
    run(one_tile_rasters, pointwise_onnx, "one_layer.tif")
    run(one_tile_rasters, pointwise_onnx, "two_layers.tif", augmentations=4)
    single, augmented = asked
    # 3 strip rows a tile high + 6 block rows per layer (512 model cells wide, 512 output cells wide), and the
    # model's tiles 16 x 512 x 512 per variant: the spread layer and 3 more variants, in float32 bytes.
    assert augmented - single == 4 * (3 * 512 * 512 + 6 * 512 * 512 + 3 * 16 * 512 * 512)


@pytest.mark.parametrize(
    "reshape",
    [
        {"srcWin": [0, 0, 400, 496]},  # cropped: its tags kept, its grid not
        {"outputBounds": [X0 + 64, Y0 - 1024 + 64, X0 + 1024 + 64, Y0 + 64]},  # shifted by 64 m
        {"outputSRS": "EPSG:3857"},  # the same numbers in another CRS
    ],
)
def test_a_product_whose_grid_changed_since_is_rebuilt_whole_not_completed(
    one_tile_rasters, generated_models_dir, reshape
):
    model = pointwise_model(generated_models_dir / "reshaped.onnx")
    sidecar_path(model).unlink(missing_ok=True)
    output = one_tile_rasters["folder"] / "reshaped.tif"
    superresolve(
        SuperResolveRequest(one_tile_rasters["depth_path"], one_tile_rasters["dem_path"], str(model), str(output))
    )
    fresh = band(gdal.Open(str(output)), 1)
    changed = one_tile_rasters["folder"] / "reshaped_changed.tif"
    gdal.Translate(str(changed), str(output), **reshape)
    changed.replace(output)
    assert gdal.Open(str(output)).GetMetadataItem("FLOODSR_PRODUCT")  # the tags survived
    result = superresolve(
        SuperResolveRequest(
            one_tile_rasters["depth_path"], one_tile_rasters["dem_path"], str(model), str(output), augmentations=4
        )
    )
    product = gdal.Open(str(output))
    assert result.added_bands == ["depth:1", "spread:1"]
    assert (product.RasterXSize, product.RasterYSize) == fresh.shape[::-1]
    assert np.array_equal(band(product, 1), fresh)
