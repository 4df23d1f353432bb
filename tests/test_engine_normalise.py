import numpy as np
import pytest

from floodsr.engine.superresolution.normalise import denormalise_depth, finalise_depth, normalise_dem, normalise_depth


def test_depth_normalisation_matches_the_contract_formula():
    depth = np.array([-1.0, 0.0, 1.0, 5.0, 7.0], np.float32)
    expected = np.array([0.0, 0.0, np.log(2.0) / np.log(6.0), 1.0, 1.0])
    np.testing.assert_allclose(normalise_depth(depth, 5.0), expected, atol=1e-7)


def test_depth_round_trip_recovers_metres():
    depth = np.array([0.0, 0.001, 0.5, 2.5, 4.999], np.float32)
    np.testing.assert_allclose(denormalise_depth(normalise_depth(depth, 5.0), 5.0), depth, atol=1e-6)


def test_dem_normalisation_uses_tile_percentile_and_min_max():
    dem = np.arange(1, 101, dtype=np.float32).reshape(10, 10)  # 1..100
    p95 = np.percentile(dem, 95)  # 95.05
    expected = np.clip((np.clip(dem, 0, p95) - 1.0) / (p95 - 1.0), 0, 1)
    result = normalise_dem(dem, 95)
    np.testing.assert_allclose(result, expected, atol=1e-6)
    assert result[0, 0] == 0.0 and result[-1, -1] == 1.0


def test_dem_normalisation_clamps_negative_elevations_to_zero():
    dem = np.array([[-10.0, 0.0], [10.0, 20.0]], np.float32)
    # a = [0, 0, 10, 20]; p100 = 20; min 0 -> z = dem/20 with negatives at 0
    np.testing.assert_allclose(normalise_dem(dem, 100), [[0.0, 0.0], [0.5, 1.0]])


@pytest.mark.parametrize("level", [0.0, 123.4])
def test_flat_dem_tile_is_all_zero_not_a_crash(level):
    result = normalise_dem(np.full((8, 8), level, np.float32), 95)
    assert result.dtype == np.float32 and not result.any()


def test_final_step_clips_and_masks_low_depths():
    depth = np.array([-0.2, 0.0005, 0.001, 2.0, 9.0], np.float32)
    np.testing.assert_allclose(finalise_depth(depth, 5.0), [0.0, 0.0, 0.001, 2.0, 5.0])
