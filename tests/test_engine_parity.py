"""The streaming engine equals the contract's whole-array pipeline within 1e-4 m at every pixel. The reference runs
the model on every tile, dry ones included, so these runs do too (`every_tile`)."""

import numpy as np
import pytest

from floodsr.engine.progress import Progress
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.onnx_models import random_cnn_model
from helpers.rasters import bathtub_depth_lr, read_raster, real_dem_2m, write_raster
from helpers.reference_pipeline import reference_superresolve

X0, Y0 = 500000.0, 150000.0


@pytest.fixture(scope="module")
def real_terrain_rasters(tmp_path_factory):
    """1024 x 1024 cells of 2 m real terrain (mirrored out from the 500 x 500 Slovenian tile), 32 m depth."""
    folder = tmp_path_factory.mktemp("parity")
    dem = np.pad(real_dem_2m(), ((0, 524), (0, 524)), mode="symmetric")
    depth = bathtub_depth_lr(dem, 16, float(np.percentile(dem, 25)))
    return {
        "dem": dem,
        "depth": depth,
        "dem_path": write_raster(folder / "dem.tif", dem, X0, Y0, 2.0),
        "depth_path": write_raster(folder / "depth.tif", depth, X0, Y0, 32.0),
        "folder": folder,
    }


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("blend", ["feather", "hard"])
def test_engine_matches_whole_array_reference(real_terrain_rasters, generated_models_dir, seed, blend):
    model = str(random_cnn_model(generated_models_dir / f"parity_{seed}.onnx", seed=seed))
    output = real_terrain_rasters["folder"] / f"out_{seed}_{blend}.tif"
    result = superresolve(
        SuperResolveRequest(
            real_terrain_rasters["depth_path"],
            real_terrain_rasters["dem_path"],
            model,
            str(output),
            blend=blend,
            every_tile=True,
        )
    )
    values, geotransform, _, nodata = read_raster(output)
    expected = reference_superresolve(real_terrain_rasters["depth"], real_terrain_rasters["dem"], model, blend=blend)
    assert result.output_size == (1024, 1024) and result.tiles == (3 * 3 if blend == "feather" else 2 * 2)
    assert geotransform == (X0, 2.0, 0.0, Y0, 0.0, -2.0)
    assert not np.any(values == nodata)
    assert expected.std() > 0.05, "a constant prediction would make the comparison meaningless"
    np.testing.assert_allclose(values, expected, rtol=0, atol=1e-4)


@pytest.mark.parametrize("seed", [2, 5])
def test_a_linear_head_is_clipped_as_the_reference_clips_it(real_terrain_rasters, generated_models_dir, seed):
    """The published model ends in a linear convolution: its raw output leaves [0, 1] on both sides."""
    model = str(random_cnn_model(generated_models_dir / f"linear_{seed}.onnx", seed=seed, linear_head=True))
    output = real_terrain_rasters["folder"] / f"out_linear_{seed}.tif"
    lines = []
    result = superresolve(
        SuperResolveRequest(real_terrain_rasters["depth_path"], real_terrain_rasters["dem_path"], model, str(output)),
        Progress(log=lines.append),
    )
    raw = []
    expected = reference_superresolve(
        real_terrain_rasters["depth"], real_terrain_rasters["dem"], model, raw_outputs=raw
    )
    raw = np.stack(raw)
    below, above = np.count_nonzero(raw < 0), np.count_nonzero(raw > 1)
    assert below > raw.size / 100 and above > raw.size / 100, "the raw output must leave [0, 1] on both sides"
    assert result.fallback_tiles == [] and expected.std() > 0.05
    np.testing.assert_allclose(read_raster(output)[0], expected, rtol=0, atol=1e-4)
    assert result.clipped_share == (below + above) / raw.size
    share_line = f"{(below + above) / raw.size:.2%} of the model's output values ({below + above:,} of {raw.size:,})"
    assert any(line.startswith(share_line) for line in lines)


def test_fixed_batch_model_runs_one_tile_per_call(real_terrain_rasters, generated_models_dir):
    model = str(random_cnn_model(generated_models_dir / "batch1.onnx", seed=3, batch=1))
    output = real_terrain_rasters["folder"] / "out_batch1.tif"
    superresolve(
        SuperResolveRequest(
            real_terrain_rasters["depth_path"], real_terrain_rasters["dem_path"], model, str(output), every_tile=True
        )
    )
    expected = reference_superresolve(real_terrain_rasters["depth"], real_terrain_rasters["dem"], model)
    np.testing.assert_allclose(read_raster(output)[0], expected, rtol=0, atol=1e-4)


def test_max_depth_and_dem_clip_overrides_reach_the_normalisation(real_terrain_rasters, cnn_onnx):
    output = real_terrain_rasters["folder"] / "out_overrides.tif"
    superresolve(
        SuperResolveRequest(
            real_terrain_rasters["depth_path"],
            real_terrain_rasters["dem_path"],
            cnn_onnx,
            str(output),
            max_depth=3.0,
            dem_clip=90.0,
            every_tile=True,
        )
    )
    expected = reference_superresolve(
        real_terrain_rasters["depth"], real_terrain_rasters["dem"], cnn_onnx, max_depth=3.0, pct=90.0
    )
    values = read_raster(output)[0]
    assert values.max() <= 3.0
    np.testing.assert_allclose(values, expected, rtol=0, atol=1e-4)


def test_raster_not_a_multiple_of_512_is_tiled_flush_with_its_edge_not_zero_padded(
    real_terrain_rasters, cnn_onnx, tmp_path
):
    dem, depth = real_terrain_rasters["dem"][:768], real_terrain_rasters["depth"][:48]
    dem_path = write_raster(tmp_path / "dem768.tif", dem, X0, Y0, 2.0)
    depth_path = write_raster(tmp_path / "depth768.tif", depth, X0, Y0, 32.0)
    output = tmp_path / "out768.tif"
    superresolve(SuperResolveRequest(depth_path, dem_path, cnn_onnx, str(output), every_tile=True))
    values = read_raster(output)[0]
    np.testing.assert_allclose(values, reference_superresolve(depth, dem, cnn_onnx, zero_pad=False), rtol=0, atol=1e-4)
    zero_padded = reference_superresolve(depth, dem, cnn_onnx, zero_pad=True)
    assert np.abs(values - zero_padded)[512:].max() > 0.01, "the reference's zero padding changes the bottom tiles"
