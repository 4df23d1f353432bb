"""Windows of a stored raster are given in one order everywhere, GDAL's: (col0, row0, cols, rows)."""

import numpy as np

from floodsr.engine.messages import Message
from floodsr.engine.rasters.bands import crop_vrt, open_band

from helpers.rasters import write_raster


def test_a_band_and_a_virtual_raster_read_the_same_window_in_the_same_order(tmp_path):
    values = np.arange(6 * 10, dtype=np.float32).reshape(6, 10)  # 6 rows, 10 columns: no two cells alike
    band = open_band(write_raster(tmp_path / "depth.tif", values, 0.0, 60.0, 10.0), 1, Message("depth"))
    virtual = crop_vrt(band, 0, 0, band.grid)
    expected = values[1:4, 2:7]  # rows 1 to 3, columns 2 to 6
    np.testing.assert_array_equal(band.read(2, 1, 5, 3), expected)
    np.testing.assert_array_equal(virtual.read(2, 1, 5, 3), expected)
    np.testing.assert_array_equal(virtual.read_rows(1, 3), values[1:4])
