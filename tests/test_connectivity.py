"""Connectivity: wet cells no coarse cell's main water body reaches are dried; by hand, through neighbouring
cells, streamed across blocks equal to the whole raster at once, and in floodsr:superresolve."""

import numpy as np
import pytest
from scipy import ndimage

from floodsr.engine.downscaling.connectivity import main_bodies
from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.downscaling.subgrid import CellLayout
from floodsr.engine.progress import Progress

from helpers.paths import SAMPLE
from helpers.rasters import read_raster, write_raster

X0, Y0 = 500000.0, 100000.0


def run(tmp_path, coarse, dem, coarse_cell=4.0, method="subgrid", **options):
    output = tmp_path / "out.tif"
    log = []
    downscale(
        DownscaleRequest(
            write_raster(tmp_path / "coarse.tif", coarse, X0, Y0, coarse_cell),
            write_raster(tmp_path / "dem.tif", dem, X0, Y0, 1.0),
            str(output),
            method=method,
            **options,
        ),
        Progress(log=lambda line: log.append(str(line))),
    )
    return read_raster(output)[0], log


def ridge_cell():
    """4 x 4 cells: columns 0-1 at 100 m, a ridge at 105 m, a pit column at 100.5 m. Coarse depth 10 / 16 m:
    level 101, 1 m over the low ground (8 m3) and 0.5 m in the pit (2 m3), which the ridge cuts off."""
    dem = np.full((4, 4), 100.0, np.float32)
    dem[:, 2], dem[:, 3] = 105.0, 100.5
    return dem, 10 / 16


def test_a_pit_behind_a_ridge_is_dried_and_its_volume_logged(tmp_path):
    dem, depth = ridge_cell()
    plain, _ = run(tmp_path, np.array([[depth]], np.float32), dem)
    np.testing.assert_allclose(plain[:, 3], 0.5, atol=1e-5)  # the level fills the pit
    connected, log = run(tmp_path, np.array([[depth]], np.float32), dem, connected_only=True)
    np.testing.assert_allclose(connected, np.where(np.arange(4) < 2, 1.0, 0.0)[None, :].repeat(4, 0), atol=1e-5)
    line = next(line for line in log if line.startswith("Connectivity"))
    assert "4 wet fine cells" in line and "2 m3" in line


def test_a_pit_that_a_neighbouring_cells_water_reaches_is_kept(tmp_path):
    dem, depth = ridge_cell()
    dem = np.hstack([dem, np.full((4, 4), 100.5, np.float32)])  # the right cell: 0.5 m of water everywhere
    coarse = np.array([[depth, 0.5]], np.float32)
    plain, _ = run(tmp_path, coarse, dem)
    connected, log = run(tmp_path, coarse, dem, connected_only=True)
    np.testing.assert_array_equal(connected, plain)
    assert any("Connectivity: 0 wet fine cells" in line for line in log)


def test_the_main_body_is_the_group_holding_most_water():
    depth = np.array([[0.1, 0.0, 0.3, 0.0], [0.1, 0.0, 0.0, 0.0]], np.float32)  # 0.2 m3 against 0.3 m3
    layout = CellLayout.regular((1, 1), depth.shape)
    np.testing.assert_array_equal(main_bodies(depth, layout), depth == np.float32(0.3))
    two_cells = CellLayout.regular((1, 2), depth.shape)  # a cell per pair of columns: each its own
    np.testing.assert_array_equal(main_bodies(depth, two_cells), depth > 0)


def whole_raster_reference(depth, layout):
    """The same rule at once on the whole raster."""
    labels, _ = ndimage.label(depth > 0, structure=ndimage.generate_binary_structure(2, 1))
    seeded = np.unique(labels[main_bodies(depth, layout)])
    return np.where(np.isin(labels, seeded[seeded > 0]), depth, 0)


def test_streaming_across_blocks_equals_the_whole_raster_at_once(tmp_path):
    rng = np.random.default_rng(11)
    rows, cols = 640, 48  # 160 coarse rows of 4 m: blocks of 512 fine rows, so groups cross block edges
    dem = (100 + ndimage.uniform_filter(rng.random((rows, cols)), 3) * 2).astype(np.float32)
    coarse = (rng.random((rows // 4, cols // 4)) * 0.3).astype(np.float32)
    plain, _ = run(tmp_path, coarse, dem)
    connected, log = run(tmp_path, coarse, dem, connected_only=True)
    expected = whole_raster_reference(plain, CellLayout.regular(coarse.shape, dem.shape))
    np.testing.assert_array_equal(connected, expected)
    assert (connected != plain).sum() > 50  # the case has puddles to drop
    dropped = float(plain[connected != plain].sum(dtype=np.float64))
    line = next(line for line in log if line.startswith("Connectivity"))
    assert f"{(connected != plain).sum()} wet fine cells" in line and f"{dropped:.4g} m3" in line


@pytest.mark.parametrize("method", ["basic", "subgrid_smooth"])
def test_every_method_only_loses_water_it_cannot_reach(tmp_path, method):
    dem, depth = ridge_cell()
    connected, _ = run(tmp_path, np.array([[depth]], np.float32), dem, method=method, connected_only=True)
    assert connected[:, 2:].sum() == 0 and connected[:, :2].min() > 0.5


def test_superresolve_drops_unreachable_cells(floodsr_plugin, tmp_path):
    import processing

    sample = SAMPLE
    common = {
        "INPUT_DEPTH": str(sample / "depth_32m.tif"),
        "INPUT_DEM": str(sample / "dem_2m.tif"),
        "MODEL": "FloodSR_subgrid_16x",  # the bundled model leaves puddles on the sample
    }
    plain = processing.run("floodsr:superresolve", {**common, "OUTPUT": str(tmp_path / "plain.tif")})["OUTPUT"]
    connected = processing.run(
        "floodsr:superresolve", {**common, "CONNECTED_ONLY": True, "OUTPUT": str(tmp_path / "connected.tif")}
    )["OUTPUT"]
    before, after = read_raster(plain)[0], read_raster(connected)[0]
    assert (before >= 0).all()  # the sample's DEM has no voids
    np.testing.assert_array_equal(after, whole_raster_reference(before, CellLayout.regular((31, 31), before.shape)))
    assert (after != before).any()
