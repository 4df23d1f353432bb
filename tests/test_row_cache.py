"""The DEM rows of a streamed downscale come from GDAL once each, in whole blocks of the file."""

import numpy as np
from osgeo import gdal

from floodsr.engine.downscaling.streaming import RowCache
from floodsr.engine.messages import Message
from floodsr.engine.rasters.inputs import FloodSources, open_flood_inputs

from helpers.rasters import srs_wkt, write_raster

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
