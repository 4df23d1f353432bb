"""floodsr:floodextent: flood extent polygons through QGIS's polygonize, with their areas by hand."""

import numpy as np
import pytest
from qgis.core import QgsVectorLayer

from floodsr.engine.errors import InputError
from floodsr.engine.rasters.extent import write_wet_mask

from helpers.rasters import write_raster

# Cells of 2 m (4 m2). At a 0.05 m threshold: a 2 x 2 patch (16 m2), one cell (4 m2) touching it at a corner
# only, and a 1 x 2 patch (8 m2) touching that cell at a corner only. 0.04 m is too shallow, -9999 is nodata.
DEPTH = np.array(
    [
        [0.5, 0.05, 0.0, 0.0, 0.0],
        [1.0, 0.3, 0.0, 0.0, 0.04],
        [0.0, 0.0, 0.2, 0.0, -9999],
        [0.0, 0.0, 0.0, 0.7, 0.06],
    ],
    np.float32,
)


@pytest.fixture
def depth_path(tmp_path):
    return write_raster(tmp_path / "depth.tif", DEPTH, 500000.0, 100000.0, 2.0, nodata=-9999)


def areas(path):
    layer = QgsVectorLayer(path, "extent", "ogr")
    return sorted(feature["area_m2"] for feature in layer.getFeatures())


def test_patches_become_polygons_with_their_area(floodsr_plugin, depth_path, tmp_path):
    import processing

    result = processing.run("floodsr:floodextent", {"INPUT": depth_path, "OUTPUT": str(tmp_path / "extent.gpkg")})
    assert areas(result["OUTPUT"]) == [4.0, 8.0, 16.0]
    assert result["POLYGONS"] == 3 and result["FLOODED_AREA"] == 28.0


def test_corners_join_when_asked_and_the_threshold_moves_the_edge(floodsr_plugin, depth_path, tmp_path):
    import processing

    joined = processing.run(
        "floodsr:floodextent", {"INPUT": depth_path, "EIGHT_CONNECTED": True, "OUTPUT": str(tmp_path / "joined.gpkg")}
    )
    assert areas(joined["OUTPUT"]) == [28.0]  # the corners chain all three together
    deeper = processing.run(
        "floodsr:floodextent", {"INPUT": depth_path, "THRESHOLD": 0.25, "OUTPUT": str(tmp_path / "deeper.gpkg")}
    )
    assert areas(deeper["OUTPUT"]) == [4.0, 12.0]  # 0.5, 1.0 and 0.3 in one patch; 0.7 alone
    assert deeper["FLOODED_AREA"] == 16.0


def test_the_wet_mask_and_a_threshold_of_zero(depth_path, tmp_path):
    from osgeo import gdal

    mask = write_wet_mask(depth_path, 1, 0.05, str(tmp_path / "mask.tif"))
    assert (mask.wet_cells, mask.area) == (7, 28.0)
    band = gdal.Open(str(tmp_path / "mask.tif")).ReadAsArray()
    np.testing.assert_array_equal(band, np.where(DEPTH >= 0.05, 1, 0))
    with pytest.raises(InputError, match="above 0 m"):
        write_wet_mask(depth_path, 1, 0.0, str(tmp_path / "zero.tif"))
