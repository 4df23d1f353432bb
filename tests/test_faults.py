"""Broken models, implausible or damaged inputs, huge jobs and cancels: each ends in a clear FloodSR error
(or a stop), never a traceback, a silent wrong map or a hang."""

import json
import os
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from floodsr.engine.downscaling.methods import FineFields, buffer_grow_loop
from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.errors import CancelledError, InputError, ModelError
from floodsr.engine.progress import Progress
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve
from floodsr.engine.superresolution.session import ModelSession

from helpers.onnx_models import random_cnn_model, scaled_dem_model
from helpers.rasters import read_raster, real_dem_2m, write_raster

X0, Y0 = 564000.0, 147000.0


@pytest.fixture
def raster_paths(tmp_path):
    return {
        "tmp": tmp_path,
        "dem": write_raster(tmp_path / "dem.tif", real_dem_2m()[:256, :256], X0, Y0, 2.0),
        "depth": write_raster(tmp_path / "depth.tif", np.full((16, 16), 0.5, np.float32), X0, Y0, 32.0),
        "output": str(tmp_path / "out.tif"),
    }


def fails(error_type, pattern, run, raster_paths):
    before = sorted(os.listdir(raster_paths["tmp"]))
    with pytest.raises(error_type, match=pattern) as raised:
        run()
    assert sorted(os.listdir(raster_paths["tmp"])) == before, "a failed run must leave nothing behind"
    return raised.value


def superresolve_with(raster_paths, model, progress=None, **options):
    request = SuperResolveRequest(
        options.pop("depth", raster_paths["depth"]),
        options.pop("dem", raster_paths["dem"]),
        str(model),
        raster_paths["output"],
        **options,
    )
    return lambda: superresolve(request, progress)


# 4. A model whose output is NaN


def test_a_model_returning_nan_everywhere_fails_naming_the_problem(raster_paths):
    # Each tile gets the subgrid estimate instead; every tile needing it is more than the 5 % allowed.
    model = scaled_dem_model(raster_paths["tmp"] / "nan.onnx", float("nan"))
    fails(
        ModelError,
        r"unusable .* in more than 5% of the tiles.*tile at row 1, column 1: 262144 non-finite values",
        superresolve_with(raster_paths, model),
        raster_paths,
    )
    assert not os.path.exists(raster_paths["output"])


# 5. Implausible values


def test_a_dem_cell_of_1e30_is_refused_instead_of_flooding_to_6e28_m(raster_paths):
    dem = real_dem_2m()[:256, :256].copy()
    dem[100, 100] = 1e30
    dem_path = write_raster(raster_paths["tmp"] / "spike.tif", dem, X0, Y0, 2.0)
    fails(
        InputError,
        r"elevations from .* to 1e\+30 m, outside the plausible -500 to 9000 m",
        lambda: downscale(DownscaleRequest(raster_paths["depth"], dem_path, raster_paths["output"])),
        raster_paths,
    )


def test_depth_in_millimetres_is_refused(raster_paths, pointwise_onnx):
    depth = write_raster(raster_paths["tmp"] / "mm.tif", np.full((16, 16), 500.0, np.float32), X0, Y0, 32.0)
    fails(
        InputError,
        "up to 500 m; more than 100 m of water is not plausible.*millimetres",
        superresolve_with(raster_paths, pointwise_onnx, depth=depth),
        raster_paths,
    )


def test_depths_above_the_model_maximum_are_capped_and_the_log_says_so(raster_paths, pointwise_onnx):
    depth = write_raster(raster_paths["tmp"] / "deep.tif", np.full((16, 16), 7.0, np.float32), X0, Y0, 32.0)
    log = []
    superresolve_with(raster_paths, pointwise_onnx, depth=depth, progress=Progress(log=log.append))()
    assert any("reaches 7 m; depths above the model's maximum of 5 m are capped at 5 m" in line for line in log), log
    assert read_raster(raster_paths["output"])[0].max() == pytest.approx(5.0)


# 12. Huge jobs, scans that must stop, models too large to run


def sparse_vrt(path: Path, source: str, width: int, height: int, cell: float) -> str:
    """A virtual raster `width` x `height` cells large holding `source` in its top-left corner only."""
    dataset = gdal.Open(source)
    tile_width, tile_height = dataset.RasterXSize, dataset.RasterYSize
    path.write_text(
        f'<VRTDataset rasterXSize="{width}" rasterYSize="{height}">'
        f"<SRS>{dataset.GetProjection()}</SRS><GeoTransform>{X0}, {cell}, 0, {Y0}, 0, {-cell}</GeoTransform>"
        '<VRTRasterBand dataType="Float32" band="1"><NoDataValue>-9999</NoDataValue><SimpleSource>'
        f'<SourceFilename relativeToVRT="0">{source}</SourceFilename><SourceBand>1</SourceBand>'
        f'<SrcRect xOff="0" yOff="0" xSize="{tile_width}" ySize="{tile_height}"/>'
        f'<DstRect xOff="0" yOff="0" xSize="{tile_width}" ySize="{tile_height}"/>'
        "</SimpleSource></VRTRasterBand></VRTDataset>"
    )
    return str(path)


def test_the_input_scan_stops_on_cancel(raster_paths, pointwise_onnx):
    depth = sparse_vrt(raster_paths["tmp"] / "wide.vrt", raster_paths["depth"], 8000, 8000, 32.0)
    stages = []
    progress = Progress(is_cancelled=lambda: True, stage=lambda *stage: stages.append(stage))
    fails(
        CancelledError,
        "Cancelled",
        superresolve_with(raster_paths, pointwise_onnx, depth=depth, progress=progress),
        raster_paths,
    )
    assert stages == [], "the run went past the input scan"


@pytest.mark.parametrize("method", ["costgrow", "subgrid_smooth"])  # whole arrays / one streamed block row
def test_a_job_larger_than_the_machine_is_refused_with_its_estimate(raster_paths, method):
    depth = sparse_vrt(raster_paths["tmp"] / "huge_depth.vrt", raster_paths["depth"], 200_000, 200_000, 32.0)
    dem = sparse_vrt(raster_paths["tmp"] / "huge_dem.vrt", raster_paths["dem"], 3_200_000, 3_200_000, 2.0)
    fails(
        InputError,
        r"Downscaling onto 3200000 x 3200000 cells would need about [\d.]+ GB of memory",
        lambda: downscale(DownscaleRequest(depth, dem, raster_paths["output"], method=method)),
        raster_paths,
    )


def test_superresolve_refuses_a_job_larger_than_the_memory_available(raster_paths, pointwise_onnx, monkeypatch):
    monkeypatch.setattr("floodsr.engine.memory.available_memory_bytes", lambda: 1 << 20)
    fails(
        InputError,
        r"Super-resolving onto 256 x 256 cells would need about 0\.\d GB of memory, but this machine "
        r"has 0\.0 GB available",
        superresolve_with(raster_paths, pointwise_onnx),
        raster_paths,
    )


@pytest.mark.parametrize("lr, hr, limit", [(1024, 16384, "16384 px tiles"), (1, 4096, "x4096")])
def test_models_declaring_huge_tiles_or_scales_are_refused(raster_paths, lr, hr, limit):
    model = scaled_dem_model(raster_paths["tmp"] / "huge.onnx", 1.0, lr=lr, hr=hr)
    fails(ModelError, f"its .*{limit}.* exceed", superresolve_with(raster_paths, model), raster_paths)


# 13. Cancel while a model runs, and inside long loops


def test_cancel_stops_onnxruntime_in_the_middle_of_a_run(tmp_path):
    model = random_cnn_model(tmp_path / "heavy.onnx", seed=2, hidden=32, extra_layers=8)
    session = ModelSession(model, device="cpu")
    asked = []

    def is_cancelled():
        asked.append(True)
        return len(asked) > 1  # not cancelled when the run starts; cancelled as soon as the watcher looks

    depth, dem = np.zeros((1, 32, 32, 1), np.float32), np.zeros((1, 512, 512, 1), np.float32)
    with pytest.raises(CancelledError):
        session.run(depth, dem, is_cancelled=is_cancelled)


def test_buffergrowloop_checks_cancel_between_rounds():
    dem = np.tile(np.linspace(0, 10, 60, dtype=np.float32), (40, 1))
    wse = np.where(np.arange(60) < 20, 6.0, np.nan).astype(np.float32) * np.ones((40, 1), np.float32)
    fields = FineFields(dem, wse, wse, wse[::10, ::10], np.arange(60) / 10, np.arange(40) / 10, 10.0)
    rounds = []

    def check_cancel():
        rounds.append(True)
        if len(rounds) == 3:
            raise CancelledError()

    with pytest.raises(CancelledError):
        buffer_grow_loop(fields, check_cancel)
    assert len(rounds) == 3


# 14. Raw tracebacks that become messages


def test_a_truncated_tiff_is_a_clear_input_error(raster_paths, pointwise_onnx):
    depth = Path(raster_paths["tmp"] / "cut.tif")
    write_raster(depth, np.random.default_rng(1).uniform(0, 1, (256, 256)).astype(np.float32), X0, Y0, 2.0)
    depth.write_bytes(depth.read_bytes()[: depth.stat().st_size // 2])
    small = write_raster(raster_paths["tmp"] / "fine.tif", real_dem_2m()[:512, :512], X0, Y0, 1.0)
    fails(
        InputError,
        "cannot be read .*truncated or damaged",
        superresolve_with(raster_paths, pointwise_onnx, depth=str(depth), dem=small),
        raster_paths,
    )


def test_a_virtual_raster_whose_source_is_missing_is_a_clear_input_error(raster_paths, pointwise_onnx):
    missing = raster_paths["tmp"] / "gone.tif"
    write_raster(missing, np.full((16, 16), 0.5, np.float32), X0, Y0, 32.0)
    depth = sparse_vrt(raster_paths["tmp"] / "broken.vrt", str(missing), 16, 16, 32.0)
    missing.unlink()
    fails(InputError, "broken.vrt", superresolve_with(raster_paths, pointwise_onnx, depth=depth), raster_paths)


def test_a_model_needing_an_extra_input_is_refused(raster_paths):
    model = scaled_dem_model(raster_paths["tmp"] / "extra.onnx", 1.0, extra_inputs=[("rain", ["N", 32, 32, 1])])
    fails(ModelError, "needs inputs FloodSR does not have: rain", superresolve_with(raster_paths, model), raster_paths)


def test_a_model_with_batch_dimension_0_is_refused(raster_paths):
    model = scaled_dem_model(raster_paths["tmp"] / "zero.onnx", 1.0, batch=0)
    fails(ModelError, "batch dimension is 0", superresolve_with(raster_paths, model), raster_paths)


def test_a_model_with_a_fixed_batch_larger_than_the_tiles_runs(raster_paths, pointwise_onnx):
    fixed = scaled_dem_model(raster_paths["tmp"] / "four.onnx", 0.0, batch=4)
    superresolve_with(raster_paths, fixed)()
    assert read_raster(raster_paths["output"])[0].max() == 0.0


@pytest.mark.parametrize(
    "config, pattern",
    [
        ({"max_depth": "abc"}, "max_depth = 'abc'"),
        ({"max_depth": -1}, "max_depth = -1"),
        ({"dem_pct_clip": 500}, "dem_pct_clip = 500"),
        ([1, 2], "must hold a JSON object"),
    ],
)
def test_bad_values_in_train_config_are_clear_model_errors(raster_paths, config, pattern):
    folder = raster_paths["tmp"] / "model"
    folder.mkdir()
    model = random_cnn_model(folder / "m.onnx", seed=1)
    (folder / "train_config.json").write_text(json.dumps(config))
    fails(ModelError, pattern, superresolve_with(raster_paths, model), raster_paths)


def test_a_mirrored_raster_is_named_as_such_not_as_a_missing_overlap(raster_paths, pointwise_onnx):
    depth = raster_paths["tmp"] / "mirrored.tif"
    write_raster(depth, np.full((16, 16), 0.5, np.float32), X0 + 512, Y0, -32.0, cell_y=32.0)
    fails(InputError, "is mirrored", superresolve_with(raster_paths, pointwise_onnx, depth=str(depth)), raster_paths)
