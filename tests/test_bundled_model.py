"""The model shipped in the plugin: registered with the right checksum, the contract, the default, mass-conserving."""

import hashlib
import json

import numpy as np
from osgeo import gdal
from qgis.core import QgsApplication

from floodsr.engine.superresolution.session import ModelSession

from helpers.paths import CHECKOUT, SAMPLE


def bundled_entry():
    return next(
        entry
        for entry in json.loads((CHECKOUT / "resources" / "models.json").read_text())["models"]
        if entry.get("bundled")
    )


def test_bundled_model_file_matches_its_registry_entry_and_the_contract():
    entry = bundled_entry()
    path = CHECKOUT / "resources" / "models" / entry["file_name"]
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
    assert len(data) <= 8 * 2**20
    session = ModelSession(path, device="cpu")
    assert (session.contract.lr_tile, session.contract.hr_tile, session.contract.scale) == (32, 512, 16)


def test_the_bundled_model_is_the_default_and_conserves_each_coarse_cells_water(floodsr_plugin, tmp_path):
    import processing

    algorithm = QgsApplication.processingRegistry().algorithmById("floodsr:superresolve")
    assert algorithm.parameterDefinition("MODEL").options()[0] == bundled_entry()["name"]
    result = processing.run(
        "floodsr:superresolve",
        {
            "INPUT_DEPTH": str(SAMPLE / "depth_32m.tif"),
            "INPUT_DEM": str(SAMPLE / "dem_2m.tif"),
            "OUTPUT": str(tmp_path / "o.tif"),
        },
    )
    product = gdal.Open(result["OUTPUT"])
    fine = product.GetRasterBand(1).ReadAsArray().astype(np.float64)
    # The default model ships its training range beside it: the product has the applicability band the guard reads.
    assert product.GetRasterBand(2).GetMetadataItem("FLOODSR_LAYER") == "applicability:1"
    coarse = gdal.Open(str(SAMPLE / "depth_32m.tif")).ReadAsArray().astype(np.float64)
    block_means = fine.reshape(31, 16, 31, 16).mean(axis=(1, 3))
    # Model (volume kept per coarse cell) or guard (subgrid_smooth), every coarse cell keeps its water; the 1 mm
    # mask and the single-tile padding change the volume a little, nothing more.
    np.testing.assert_allclose(block_means, coarse, atol=0.01)
    assert abs(block_means.sum() - coarse.sum()) / coarse.sum() < 0.01
