"""The DEM rows of a streamed downscale, and of a super-resolution run, come from GDAL once each, in whole blocks
of the file."""

import numpy as np
from osgeo import gdal

from floodsr.engine.downscaling.streaming import RowCache, SharedRows
from floodsr.engine.messages import Message
from floodsr.engine.rasters.bands import VirtualRaster
from floodsr.engine.rasters.inputs import FloodSources, open_flood_inputs
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.onnx_models import pointwise_model
from helpers.rasters import bathtub_depth_lr, real_dem_2m, srs_wkt, write_raster
from helpers.training_ranges import WIDE_TRAINING_RANGE, write_training_range

X0, Y0 = 500000.0, 150000.0


def test_windows_with_halos_read_each_row_once_in_whole_blocks(tmp_path):
    dem = np.arange(1600 * 64, dtype=np.float32).reshape(1600, 64)
    dem_path = tmp_path / "dem.tif"
    dataset = gdal.GetDriverByName("GTiff").Create(
        str(dem_path), 64, 1600, 1, gdal.GDT_Float32, ["TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=192"]
    )
    dataset.SetGeoTransform((X0, 2.0, 0, Y0, 0, -2.0))
    dataset.SetProjection(srs_wkt(3794))
    dataset.GetRasterBand(1).WriteArray(dem)
    dataset = None
    depth_path = write_raster(tmp_path / "depth.tif", np.ones((100, 4), np.float32), X0, Y0, 32.0)
    inputs = open_flood_inputs(FloodSources(depth_path, 1, str(dem_path), 1), Message("depth"), lambda: None)
    reads = []
    direct = inputs.dem_on_output.read_rows
    inputs.dem_on_output.read_rows = lambda row0, rows: reads.append((row0, rows)) or direct(row0, rows)
    cache = RowCache(inputs.dem_on_output, 192)

    windows = [(0, 560), (464, 608), (976, 608), (1488, 112), (1500, 100)]
    for row0, rows in windows:
        np.testing.assert_array_equal(cache.read_rows(row0, rows), dem[row0 : row0 + rows])
    np.testing.assert_array_equal(cache.read_rows(0, 10), dem[:10])  # a second pass starts again at the top
    assert reads == [(0, 576), (576, 576), (1152, 448), (0, 576)]  # multiples of 3 blocks of 192 rows: >= 512


def _dem_with_blocks(tmp_path, height, block_rows):
    """A DEM of `height` rows of 64 cells (each cell its own index) in blocks of `block_rows` rows; its virtual
    raster on the output grid, with every GDAL read of it recorded as (first row, row count)."""
    dem = np.arange(height * 64, dtype=np.float32).reshape(height, 64)
    dem_path = tmp_path / "dem.tif"
    dataset = gdal.GetDriverByName("GTiff").Create(
        str(dem_path), 64, height, 1, gdal.GDT_Float32, ["TILED=YES", "BLOCKXSIZE=64", f"BLOCKYSIZE={block_rows}"]
    )
    dataset.SetGeoTransform((X0, 2.0, 0, Y0, 0, -2.0))
    dataset.SetProjection(srs_wkt(3794))
    dataset.GetRasterBand(1).WriteArray(dem)
    dataset = None
    depth_path = write_raster(tmp_path / "depth.tif", np.ones((height // 16, 4), np.float32), X0, Y0, 32.0)
    inputs = open_flood_inputs(FloodSources(depth_path, 1, str(dem_path), 1), Message("depth"), lambda: None)
    reads = []
    direct = inputs.dem_on_output.read
    inputs.dem_on_output.read = lambda *window: reads.append((window[1], window[3])) or direct(*window)
    return dem, inputs.dem_on_output, reads


def test_readers_apart_share_each_row_read_once(tmp_path):
    dem, raster, reads = _dem_with_blocks(tmp_path, 3200, 256)
    shared = SharedRows(raster, 256, keep_rows=2048)
    # (col0, row0, cols, rows): tiles of a tile row ahead, the output's rows behind them, a block row with its halo
    windows = [
        (0, 0, 32, 512),
        (32, 0, 32, 512),
        (0, 480, 32, 512),
        (0, 0, 64, 128),
        (0, 0, 64, 560),
        (0, 128, 64, 352),
        (32, 960, 32, 512),
        (0, 464, 64, 608),
        (0, 480, 64, 480),
        (0, 2700, 64, 500),
        (0, 960, 64, 256),
    ]
    for col0, row0, cols, rows in windows:
        np.testing.assert_array_equal(shared.read(col0, row0, cols, rows), dem[row0 : row0 + rows, col0 : col0 + cols])
    np.testing.assert_array_equal(shared.read_rows(3100, 100), dem[3100:])
    # whole reads of 512 rows (2 blocks of 256) as readers need them, each row once; the reader that jumps to
    # row 2700 reads on to the end and keeps the last 2048 rows: rows 960 to 1215 are read again, the same values
    assert reads == [(0, 512), (512, 512), (1024, 512), (1536, 1664), (960, 256)]


def test_a_guarded_run_reads_each_dem_row_once_and_writes_what_reads_per_tile_give(
    tmp_path, generated_models_dir, monkeypatch
):
    """The tiles, the guard's estimate and the output's void mask read the DEM through one SharedRows: each row
    from the file once, and the product the same as when each reads the file itself."""
    import floodsr.engine.superresolution.run as run_module

    dem = np.pad(real_dem_2m(), ((0, 1036), (0, 524)), mode="symmetric")  # 1536 x 1024 cells: 5 x 3 tiles
    depth = bathtub_depth_lr(dem, 16, float(np.percentile(dem, 30)))
    depth[40:] = 0.0  # the bottom tile row is dry
    dem_path = write_raster(tmp_path / "dem.tif", dem, X0, Y0, 2.0)
    depth_path = write_raster(tmp_path / "depth.tif", depth, X0, Y0, 32.0)
    model = pointwise_model(generated_models_dir / "read_once.onnx")
    write_training_range(model, {**WIDE_TRAINING_RANGE, "depth_max_m": (0.0, 0.5)})  # the guard on deep tiles
    reads = []
    direct = VirtualRaster.read
    monkeypatch.setattr(
        VirtualRaster,
        "read",
        lambda raster, *window: (raster.path == dem_path and reads.append(window[1::2])) or direct(raster, *window),
    )

    def product(name):
        result = superresolve(SuperResolveRequest(depth_path, dem_path, str(model), str(tmp_path / name)))
        dataset = gdal.Open(result.output_path)
        bands = [dataset.GetRasterBand(index).ReadAsArray().tobytes() for index in range(1, dataset.RasterCount + 1)]
        return result, bands

    shared, shared_bands = product("shared.tif")
    assert sorted(row for row0, rows in reads for row in range(row0, row0 + rows)) == list(range(1536))
    assert 0 < shared.guarded_share < 1 and shared.dry_tiles > 0
    monkeypatch.setattr(run_module, "_dem_read_once", lambda inputs, contract: inputs)
    reads.clear()
    _, own_bands = product("own_reads.tif")
    assert len(reads) > 15 and len(own_bands) == 2 and own_bands == shared_bands  # depth and flags
