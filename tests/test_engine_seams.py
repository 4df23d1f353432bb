"""Feather blending leaves no seams and does not dim raster edges.

With a pointwise model and inputs that repeat every 384 model pixels (the tile stride),
every tile sees the same inputs, so the true answer repeats every 384 pixels and equals a
single tile's prediction; any blending error shows up as a break in that pattern.
"""

import numpy as np
import onnxruntime as ort

from floodsr.engine.superresolution.normalise import denormalise_depth, finalise_depth, normalise_dem, normalise_depth
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.rasters import read_raster, real_dem_2m, write_raster

PERIOD = 384


def test_repeated_tile_gives_identical_values_across_seams_and_undimmed_edges(tmp_path, pointwise_onnx):
    dem_period = real_dem_2m()[:PERIOD, :PERIOD]
    dem = np.tile(dem_period, (4, 4))[:1280, :1280]  # 1280 = 512 + 2 * 384: tiles start at 0, 384, 768
    rng = np.random.default_rng(7)
    depth_period = rng.uniform(0.0, 3.0, (PERIOD // 16, PERIOD // 16)).astype(np.float32)
    depth = np.tile(depth_period, (4, 4))[:80, :80]
    output = tmp_path / "seams.tif"
    superresolve(
        SuperResolveRequest(
            write_raster(tmp_path / "depth.tif", depth, 0.0, 2560.0, 32.0),
            write_raster(tmp_path / "dem.tif", dem, 0.0, 2560.0, 2.0),
            pointwise_onnx,
            str(output),
        )
    )
    values = read_raster(output)[0]

    session = ort.InferenceSession(pointwise_onnx, providers=["CPUExecutionProvider"])
    single_tile = session.run(
        None,
        {
            "depth_lr": normalise_depth(depth[:32, :32], 5.0)[None, :, :, None],
            "dem_hr": normalise_dem(dem[:512, :512], 95.0)[None, :, :, None],
        },
    )[0][0, :, :, 0]
    expected_tile = finalise_depth(denormalise_depth(single_tile, 5.0), 5.0)
    assert expected_tile.std() > 0.1

    # Top-left tile (raster edges on two sides): equal to the lone tile, edges included.
    np.testing.assert_allclose(values[:512, :512], expected_tile, rtol=0, atol=1e-5)
    # Across every seam and out to the far edges the values repeat with the tile stride.
    np.testing.assert_allclose(values[:, PERIOD:], values[:, :-PERIOD], rtol=0, atol=1e-5)
    np.testing.assert_allclose(values[PERIOD:, :], values[:-PERIOD, :], rtol=0, atol=1e-5)
