"""Contract version 2 (docs/model-contract-v2.md): read from the model's metadata, checked, and fed in metres."""

import numpy as np
import onnx
import pytest
from osgeo import gdal

from floodsr.engine.downscaling.subgrid import subgrid_smooth_depth
from floodsr.engine.errors import FloodSRError
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve
from floodsr.engine.superresolution.session import ModelSession

from helpers.onnx_models import version_2_model
from helpers.rasters import read_raster, real_dem_2m, write_raster

X0, Y0 = 564000.0, 147000.0


def test_a_model_declaring_version_2_gets_the_metres_contract_with_a_prior(tmp_path):
    contract = ModelSession(version_2_model(tmp_path / "v2.onnx"), device="cpu", threads=1).contract
    assert contract.version == 2
    assert contract.input_names == ("depth_lr", "dem_hr", "prior_hr")
    assert (contract.lr_tile, contract.hr_tile, contract.scale, contract.output_name) == (32, 512, 16, "depth_hr")
    assert contract.max_depth == 50.0
    assert contract.summary() == (
        "version 2: depth_lr [N,32,32,1] m + dem_hr [N,512,512,1] m above the tile mean + prior_hr [N,512,512,1] "
        "subgrid depth m -> depth_hr [N,512,512,1] m, x16, max depth 50 m"
    )


def test_a_model_without_the_metadata_entry_keeps_the_published_contract(cnn_onnx):
    contract = ModelSession(cnn_onnx, device="cpu", threads=1).contract
    assert (contract.version, contract.input_names, contract.max_depth) == (1, ("depth_lr", "dem_hr"), 5.0)
    assert contract.summary() == (
        "version 1: depth_lr [N,32,32,1] + dem_hr [N,512,512,1] -> depth_hr_pred [N,512,512,1], x16, max depth 5 m"
    )


def test_an_unknown_contract_version_is_refused_naming_the_versions_known(tmp_path):
    with pytest.raises(FloodSRError) as raised:
        ModelSession(version_2_model(tmp_path / "v4.onnx", version="4"), device="cpu", threads=1)
    assert "declares FloodSR contract version '4' (floodsr_contract in its metadata)" in str(raised.value)
    assert "runs versions 1, 2, 3" in str(raised.value) and "Update FloodSR" in str(raised.value)


def test_a_version_2_model_without_the_prior_input_is_refused(tmp_path):
    model = version_2_model(tmp_path / "noprior.onnx", passes="dem_hr", inputs=("depth_lr", "dem_hr"))
    with pytest.raises(FloodSRError, match="has no input named prior_hr"):
        ModelSession(model, device="cpu", threads=1)


def test_a_version_2_prior_of_another_size_than_the_dem_is_refused(tmp_path):
    model = version_2_model(tmp_path / "v2.onnx", passes="dem_hr")
    graph = onnx.load(str(model))
    graph.graph.input[2].type.tensor_type.shape.dim[1].dim_value = 256
    onnx.save(graph, str(model))
    with pytest.raises(FloodSRError, match="input prior_hr is 256x512x1 but dem_hr is 512x512x1"):
        ModelSession(model, device="cpu", threads=1)


@pytest.fixture
def one_tile(tmp_path):
    """One 512 x 512 tile of real 2 m terrain with a coarse depth that is wet in some cells and dry in others."""
    dem = np.pad(real_dem_2m()[:496, :496], ((0, 16), (0, 16)), mode="symmetric").astype(np.float32)
    depth = np.random.default_rng(3).uniform(0.0, 1.5, (32, 32)).astype(np.float32)
    depth[depth < 0.4] = 0.0
    return (
        dem,
        depth,
        write_raster(tmp_path / "dem.tif", dem, X0, Y0, 2.0),
        write_raster(tmp_path / "depth.tif", depth, X0, Y0, 32.0),
    )


def _superresolve_through(model, one_tile, tmp_path):
    _, _, dem_path, depth_path = one_tile
    output = tmp_path / "out.tif"
    superresolve(SuperResolveRequest(depth_path, dem_path, str(model), str(output)))
    return read_raster(output)[0]


def test_version_2_is_fed_the_subgrid_smooth_estimate_of_the_tile_as_prior(one_tile, tmp_path):
    dem, depth, _, _ = one_tile
    fed = _superresolve_through(version_2_model(tmp_path / "prior.onnx", passes="prior_hr"), one_tile, tmp_path)
    expected = subgrid_smooth_depth(depth.astype(np.float64), dem.astype(np.float64))
    expected[expected < 0.001] = 0.0
    np.testing.assert_allclose(fed, expected, atol=1e-6)
    # The prior holds every coarse cell's water: its block means are the coarse depth.
    np.testing.assert_allclose(fed.reshape(32, 16, 32, 16).mean(axis=(1, 3)), depth, atol=2e-3)


def test_version_2_is_fed_the_dem_in_metres_above_the_tile_mean(one_tile, tmp_path):
    dem = one_tile[0].astype(np.float64)
    fed = _superresolve_through(version_2_model(tmp_path / "dem.onnx", passes="dem_hr"), one_tile, tmp_path)
    expected = np.clip(dem - dem.mean(), 0.0, 50.0)  # the output is clipped to [0, 50 m], under 1 mm is dry
    expected[expected < 0.001] = 0.0
    np.testing.assert_allclose(fed, expected, atol=1e-4)
    assert fed.max() > 10.0  # metres, not a normalised 0-1 value


def test_test_time_augmentation_turns_the_metre_tiles_before_version_2_inputs_and_the_output_back(one_tile, tmp_path):
    # The DEM above the tile mean turns with the tile, so every one of the 8 variants, turned back, is the
    # unaugmented output: a variant fed or turned back inconsistently would move the relief and show a spread.
    dem = one_tile[0].astype(np.float64)
    _, _, dem_path, depth_path = one_tile
    output = tmp_path / "augmented.tif"
    model = version_2_model(tmp_path / "dem.onnx", passes="dem_hr")
    superresolve(SuperResolveRequest(depth_path, dem_path, str(model), str(output), augmentations=8))
    dataset = gdal.Open(str(output))
    depth, spread = (dataset.GetRasterBand(band).ReadAsArray() for band in (1, 2))
    expected = np.clip(dem - dem.mean(), 0.0, 50.0)
    expected[expected < 0.001] = 0.0
    np.testing.assert_allclose(depth, expected, atol=1e-4)
    assert depth.max() > 10.0
    np.testing.assert_allclose(spread[depth > 0], 0.0, atol=1e-5)
