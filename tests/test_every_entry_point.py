"""Every way of running FloodSR (the Toolbox algorithm, floodsr:batch, the HTTP server, the example graphical model,
`make bench`'s cases) with every bundled model and a model with the published contract's linear head, on real
LiDAR terrain: each runs, refuses nothing, falls back nowhere, and gives the engine's own output."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from floodsr.engine.models.importer import import_model
from floodsr.engine.models.registry import BUNDLED_MODELS_DIR, load_registry
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.batch_manifests import write_manifest
from helpers.onnx_models import random_cnn_model
from helpers.paths import CHECKOUT
from helpers.rasters import SLOVENIA_DEM, bathtub_depth_lr
from helpers.server_process import running_server

BUNDLED = [entry for entry in load_registry(None) if entry.bundled]
LINEAR_HEAD = "linear_head_v1"
MODELS = [entry.name for entry in BUNDLED] + [LINEAR_HEAD]
EXAMPLE_MODEL = "floodsr:Flood depth and extent"
CELLS, COARSE_CELL = 512, 32  # 512 x 512 cells of 1 m LiDAR under 16 x 16 cells of 32 m depth


def test_the_bundled_models_are_the_ones_tested():
    assert sorted(entry.file_name for entry in BUNDLED) == sorted(
        path.name for path in BUNDLED_MODELS_DIR.glob("*.onnx")
    )
    assert len(BUNDLED) >= 2


@pytest.fixture(scope="module")
def real_terrain_paths(tmp_path_factory):
    """A 512 m x 512 m crop of the Slovenian 1 m LiDAR tile, flooded to its 60th percentile, as 32 m depth."""
    folder = tmp_path_factory.mktemp("real_terrain")
    dem_path = folder / "dem_1m.tif"
    gdal.Translate(str(dem_path), str(SLOVENIA_DEM), srcWin=[240, 240, CELLS, CELLS])
    dem = gdal.Open(str(dem_path))
    x0, _, _, y0, _, _ = dem.GetGeoTransform()
    elevations = dem.ReadAsArray().astype(np.float32)
    depth = bathtub_depth_lr(elevations, COARSE_CELL, float(np.percentile(elevations, 60)))
    depth_path = folder / "depth_32m.tif"
    coarse = gdal.GetDriverByName("GTiff").Create(str(depth_path), depth.shape[1], depth.shape[0], 1, gdal.GDT_Float32)
    coarse.SetGeoTransform((x0, COARSE_CELL, 0, y0, 0, -COARSE_CELL))
    coarse.SetProjection(dem.GetProjection())
    coarse.GetRasterBand(1).WriteArray(depth)
    coarse = None
    assert depth.max() > 1.0 and 0.2 < (depth > 0).mean() < 0.9
    return {"folder": folder, "depth": str(depth_path), "dem": str(dem_path)}


@pytest.fixture(scope="module")
def model_files(generated_models_dir):
    """name -> ONNX file: the bundled models, and a random-weight model with the published contract (version 1)
    ending in a linear head, whose raw output leaves [0, 1] on both sides."""
    files = {entry.name: str(BUNDLED_MODELS_DIR / entry.file_name) for entry in BUNDLED}
    files[LINEAR_HEAD] = str(random_cnn_model(generated_models_dir / "linear_head.onnx", seed=2, linear_head=True))
    return files


@pytest.fixture(scope="module")
def engine_outputs(real_terrain_paths, model_files):
    """name -> the engine's own output, run directly: no tile falls back and the output is a flood."""
    outputs = {}
    for name in MODELS:
        path = real_terrain_paths["folder"] / f"engine_{name}.tif"
        result = superresolve(
            SuperResolveRequest(real_terrain_paths["depth"], real_terrain_paths["dem"], model_files[name], str(path))
        )
        assert result.fallback_tiles == [] and result.output_size == (CELLS, CELLS), name
        outputs[name] = depth_of(path)
        assert 0 < (outputs[name] > 0.01).mean() < 1, name
    return outputs


def depth_of(path) -> np.ndarray:
    dataset = gdal.Open(str(path))  # held: before GDAL 3.8 a band does not keep its dataset open
    return dataset.GetRasterBand(1).ReadAsArray()


@pytest.mark.parametrize("name", MODELS)
def test_the_toolbox_algorithm(floodsr_plugin, real_terrain_paths, model_files, engine_outputs, name, tmp_path):
    import processing

    model = {"MODEL": name} if name != LINEAR_HEAD else {"MODEL_FILE": model_files[name]}
    result = processing.run(
        "floodsr:superresolve",
        {
            "INPUT_DEPTH": real_terrain_paths["depth"],
            "INPUT_DEM": real_terrain_paths["dem"],
            **model,
            "OUTPUT": str(tmp_path / "out.tif"),
        },
    )
    assert result["TILES_FALLBACK"] == 0
    np.testing.assert_array_equal(depth_of(result["OUTPUT"]), engine_outputs[name])


@pytest.mark.parametrize("name", MODELS)
def test_the_example_graphical_model(floodsr_plugin, real_terrain_paths, model_files, engine_outputs, name, tmp_path):
    import processing

    depth_path, extent_path = tmp_path / "depth.tif", tmp_path / "extent.tif"
    processing.run(
        EXAMPLE_MODEL,
        {
            "coarse_depth": real_terrain_paths["depth"],
            "fine_dem": real_terrain_paths["dem"],
            "model_file": model_files[name],
            "wet_threshold": 0.1,
            "superresolve:fine_depth": str(depth_path),
            "extent:flood_extent": str(extent_path),
            "extent_polygons:flood_extent_polygons": str(tmp_path / "extent.gpkg"),
        },
    )
    np.testing.assert_array_equal(depth_of(depth_path), engine_outputs[name])
    extent = depth_of(extent_path)
    np.testing.assert_array_equal(extent, (engine_outputs[name] >= 0.1).astype(extent.dtype))


def test_the_batch_runs_every_model(real_terrain_paths, model_files, engine_outputs, tmp_path):
    from floodsr.engine.batch.run import BatchRequest, run_batch

    (tmp_path / "out").mkdir()
    rows = [
        (
            name,
            real_terrain_paths["depth"],
            real_terrain_paths["dem"],
            f"out/{name}.tif",
            "model",
            name if name != LINEAR_HEAD else path,
        )
        for name, path in model_files.items()
    ]
    result = run_batch(BatchRequest(str(write_manifest(tmp_path, rows)), str(tmp_path / "report.csv"), workers=2))
    assert [(item.item_id, item.status) for item in result.results] == [(name, "done") for name in MODELS]
    for name in MODELS:
        np.testing.assert_array_equal(depth_of(tmp_path / "out" / f"{name}.tif"), engine_outputs[name])


def test_the_server_runs_every_model_and_is_ready_with_its_defaults(
    real_terrain_paths, model_files, engine_outputs, tmp_path
):
    import_model(Path(model_files[LINEAR_HEAD]), LINEAR_HEAD, tmp_path / "server" / "cache")
    upload = {key: (f"{key}.tif", Path(real_terrain_paths[key]).read_bytes()) for key in ("depth", "dem")}
    with running_server(tmp_path / "server") as server:
        assert server.wait_ready()["model"] == BUNDLED[0].name
        for name in MODELS:
            answer = server.post("/infer", files=upload, data={"model": name})
            assert answer.status_code == 200, (name, answer.text)
            (tmp_path / f"{name}.tif").write_bytes(answer.content)
            np.testing.assert_array_equal(depth_of(tmp_path / f"{name}.tif"), engine_outputs[name])


@pytest.fixture(scope="module")
def bench_module():
    spec = importlib.util.spec_from_file_location("bench", CHECKOUT / "tools" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", MODELS)
def test_the_benchmark_model_case(bench_module, model_files, name):
    """`make bench` on its synthetic valley, small (512 x 512 cells of 2 m: one tile)."""
    case = bench_module.measure("superresolve_every_tile", 512, model_files[name])
    assert (case["tiles"], case["dry_tiles"]) == (1, 0)


def test_the_benchmark_bundled_case(bench_module):
    """The bench's `bundled` row runs the Toolbox's default model."""
    assert bench_module.BUNDLED_MODEL.name == BUNDLED[0].file_name
    case = bench_module.measure("bundled", 512, "-")
    assert (case["tiles"], case["dry_tiles"]) == (1, 0)
