"""The example graphical model (FloodSR + a QGIS core algorithm) runs through qgis_process."""

from pathlib import Path

import numpy as np
from osgeo import gdal
from qgis_process import run_algorithm

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "resources" / "models" / "examples" / "flood_depth_and_extent.model3"
SAMPLE = ROOT / "resources" / "sample"


def test_example_model_super_resolves_then_marks_flooded_cells(tmp_path, pointwise_onnx):
    depth_path, extent_path = tmp_path / "depth.tif", tmp_path / "extent.tif"
    result = run_algorithm(
        str(MODEL),
        {
            "coarse_depth": SAMPLE / "depth_32m.tif",
            "fine_dem": SAMPLE / "dem_2m.tif",
            "model_file": pointwise_onnx,
            "wet_threshold": 0.25,
            "superresolve:fine_depth": depth_path,
            "extent:flood_extent": extent_path,
        },
    )
    assert result["results"] == {"superresolve:fine_depth": str(depth_path), "extent:flood_extent": str(extent_path)}
    depth = gdal.Open(str(depth_path)).ReadAsArray()
    extent = gdal.Open(str(extent_path)).ReadAsArray()
    assert extent.shape == depth.shape == (496, 496)
    np.testing.assert_array_equal(extent, (depth >= 0.25).astype(extent.dtype))
    assert 0.01 < extent.mean() < 0.5
