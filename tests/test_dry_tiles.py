"""Tiles whose coarse window holds no water are dry without a model run; `every_tile` runs the model on them too."""

import json

import numpy as np
import pytest
from osgeo import gdal

from floodsr.engine.downscaling.subgrid import subgrid_smooth_depth
from floodsr.engine.progress import Progress
from floodsr.engine.superresolution.feeds import subgrid_prior
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve
from floodsr.engine.superresolution.session import ModelSession

from helpers.onnx_models import random_cnn_model
from helpers.rasters import bathtub_depth_lr, read_raster, real_dem_2m, write_raster

X0, Y0 = 500000.0, 150000.0
TILE, LR_TILE, SCALE = 512, 32, 16
STARTS = (0, 384, 512)  # the feather plan of a 1024-cell axis: 512-cell tiles, 128 cells of overlap


@pytest.fixture(scope="module")
def partly_wet_terrain(tmp_path_factory, generated_models_dir):
    """1024 x 1024 cells of 2 m real terrain whose 32 m depth is wet in its top 20 coarse rows only."""
    folder = tmp_path_factory.mktemp("dry_tiles")
    dem = np.pad(real_dem_2m(), ((0, 524), (0, 524)), mode="symmetric")
    depth = bathtub_depth_lr(dem, SCALE, float(np.percentile(dem, 30)))
    depth[20:] = 0.0
    model = str(random_cnn_model(generated_models_dir / "dry_tiles.onnx", seed=4))
    return {
        "depth": depth,
        "dem": dem,
        "request": lambda name, **options: SuperResolveRequest(
            write_raster(folder / "depth.tif", depth, X0, Y0, 32.0),
            write_raster(folder / "dem.tif", dem, X0, Y0, 2.0),
            model,
            str(folder / name),
            **options,
        ),
    }


def _wet_tiles(depth):
    """(row start, column start) of every tile whose coarse window has water."""
    return {
        (y0, x0)
        for y0 in STARTS
        for x0 in STARTS
        if (depth[y0 // SCALE : y0 // SCALE + LR_TILE, x0 // SCALE : x0 // SCALE + LR_TILE] > 0).any()
    }


def _covered_by(tiles, shape):
    covered = np.zeros(shape, bool)
    for y0, x0 in tiles:
        covered[y0 : y0 + TILE, x0 : x0 + TILE] = True
    return covered


def _run(request, monkeypatch):
    """The run's depth, its log and how many tiles went through the model."""
    calls, lines, reports = [], [], []
    model_run = ModelSession.run

    def counted(self, depth_lr, *more, **options):
        calls.append(len(depth_lr))
        return model_run(self, depth_lr, *more, **options)

    monkeypatch.setattr(ModelSession, "run", counted)
    superresolve(request, Progress(report=reports.append, log=lines.append))
    return read_raster(request.output_path)[0], lines, sum(calls), reports


def test_dry_tiles_are_zero_without_the_model_and_wet_tiles_equal_a_run_of_every_tile(partly_wet_terrain, monkeypatch):
    wet_tiles = _wet_tiles(partly_wet_terrain["depth"])
    all_tiles = {(y0, x0) for y0 in STARTS for x0 in STARTS}
    assert 0 < len(wet_tiles) < len(all_tiles), "the case needs wet and dry tiles"
    dry_count = len(all_tiles) - len(wet_tiles)

    skipped, skipped_log, skipped_calls, reports = _run(partly_wet_terrain["request"]("skipped.tif"), monkeypatch)
    every, every_log, every_calls, _ = _run(partly_wet_terrain["request"]("every.tif", every_tile=True), monkeypatch)

    assert skipped_calls == len(wet_tiles) and every_calls == len(all_tiles)
    only_dry = ~_covered_by(wet_tiles, every.shape)
    only_wet = ~_covered_by(all_tiles - wet_tiles, every.shape)
    assert only_dry.any() and only_wet.any()
    assert np.all(skipped[only_dry] == 0.0)
    assert every[only_dry].max() > 0.01, "the model's output on dry input is not 0, so skipping it shows"
    assert skipped[only_wet].max() > 0.01
    np.testing.assert_array_equal(skipped[only_wet], every[only_wet])
    assert f"{dry_count} of 9 tiles were dry (no water in their coarse window): depth 0 there, without the model." in (
        skipped_log
    )
    assert "0 of 9 tiles were dry (no water in their coarse window): depth 0 there, without the model." in every_log
    assert reports[-1] == 1.0 and len([fraction for fraction in reports if 0 < fraction < 1]) == len(all_tiles) - 1
    assert _parameters(partly_wet_terrain["request"]("every.tif"))["every_tile"] is True
    assert "every_tile" not in _parameters(partly_wet_terrain["request"]("skipped.tif"))


def _parameters(request):
    """The run's parameters as the product records them: a product of every tile is not completed by a default run."""
    return json.loads(gdal.Open(request.output_path).GetMetadataItem("FLOODSR_PARAMETERS"))


def test_a_dry_tile_gets_the_prior_subgrid_smooth_gives_it(partly_wet_terrain):
    dem = partly_wet_terrain["dem"][:TILE, :TILE].copy()
    dem[5:9, 40:60] = np.nan
    dry = np.zeros((LR_TILE, LR_TILE), np.float32)
    prior = subgrid_prior(dry, dem)
    np.testing.assert_array_equal(prior, subgrid_smooth_depth(dry, dem))
    assert prior.dtype == np.float32 and np.isnan(prior[5:9, 40:60]).all() and np.nanmax(prior) == 0.0
