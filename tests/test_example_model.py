"""The example graphical model: valid as the designer judges it, laid out, listed under FloodSR, and it runs."""

import numpy as np
import pytest
from osgeo import gdal, ogr
from qgis.core import QgsApplication, QgsProcessingModelAlgorithm

from helpers.paths import CHECKOUT, SAMPLE
from helpers.qgis_process import run_algorithm, run_json
from helpers.rasters import write_raster

MODEL = CHECKOUT / "resources" / "models" / "examples" / "flood_depth_and_extent.model3"
MODEL_ID = "floodsr:Flood depth and extent"


def test_the_designer_finds_nothing_to_fix_in_the_example_model(floodsr_plugin):
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    assert model.validate() == (True, [])
    for child_id in model.childAlgorithms():
        assert model.validateChildAlgorithm(child_id) == (True, []), child_id
    superresolve = model.childAlgorithm("superresolve")
    # Settings are saved by name: a re-import that reorders the model list cannot change what the model runs.
    # It runs the model the Toolbox offers first.
    default = QgsApplication.processingRegistry().algorithmById("floodsr:superresolve").parameterDefinition("MODEL")
    assert superresolve.parameterSources()["MODEL"][0].staticValue() == "FloodSR_surface_16x" == default.defaultValue()
    assert superresolve.parameterSources()["BLEND"][0].staticValue() == "feather"


def test_the_example_model_is_laid_out_inputs_steps_outputs(floodsr_plugin):
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    inputs = [component.position() for component in model.parameterComponents().values()]
    steps = [child.position() for child in model.childAlgorithms().values()]
    outputs = [
        output.position() for child in model.childAlgorithms().values() for output in child.modelOutputs().values()
    ]
    positions = [(point.x(), point.y()) for point in inputs + steps + outputs]
    assert len(set(positions)) == len(positions) == 5 + 3 + 3  # no two boxes on top of each other
    assert max(p.x() for p in inputs) < min(p.x() for p in steps) < max(p.x() for p in steps) + 1
    assert max(p.x() for p in steps) < min(p.x() for p in outputs)
    assert min(y for _, y in positions) > 0


def test_the_example_model_is_listed_under_floodsr(floodsr_plugin):
    model = QgsApplication.processingRegistry().algorithmById(MODEL_ID)
    assert model is not None and model.provider().id() == "floodsr"
    assert model.group() == "Example models" and model.sourceFilePath() == str(MODEL)
    assert model.validate() == (True, [])
    assert model.helpUrl() == (CHECKOUT / "README.md").as_uri()  # the manual shipped with the plugin
    assert [(output.name(), output.description()) for output in model.outputDefinitions()] == [
        ("extent:flood_extent", "Flood extent (1 = flooded)"),
        ("extent_polygons:flood_extent_polygons", "Flood extent polygons"),
        ("superresolve:fine_depth", "Fine water depth"),
    ]
    assert MODEL_ID in run_json("list")["providers"]["floodsr"]["algorithms"]


def test_example_model_super_resolves_then_marks_and_outlines_flooded_cells(tmp_path, pointwise_onnx):
    depth_path, extent_path = tmp_path / "depth.tif", tmp_path / "extent.tif"
    polygons_path = tmp_path / "extent.gpkg"
    result = run_algorithm(
        MODEL_ID,
        {
            "coarse_depth": SAMPLE / "depth_32m.tif",
            "fine_dem": SAMPLE / "dem_2m.tif",
            "model_file": pointwise_onnx,
            "wet_threshold": 0.25,
            "superresolve:fine_depth": depth_path,
            "extent:flood_extent": extent_path,
            "extent_polygons:flood_extent_polygons": polygons_path,
        },
    )
    assert result["results"] == {
        "superresolve:fine_depth": str(depth_path),
        "extent:flood_extent": str(extent_path),
        "extent_polygons:flood_extent_polygons": str(polygons_path),
    }
    depth = gdal.Open(str(depth_path)).ReadAsArray()
    extent = gdal.Open(str(extent_path)).ReadAsArray()
    assert extent.shape == depth.shape == (496, 496)
    np.testing.assert_array_equal(extent, (depth >= 0.25).astype(extent.dtype))
    assert 0.01 < extent.mean() < 0.5
    # the polygons cover the same cells: their areas add up to the flooded cells x 4 m2
    polygons = ogr.Open(str(polygons_path))
    areas = [feature.GetField("area_m2") for feature in polygons.GetLayer(0)]
    assert sum(areas) == pytest.approx(int(extent.sum()) * 4.0) and min(areas) >= 4.0


def test_the_model_file_itself_runs_too(tmp_path, pointwise_onnx):
    result = run_algorithm(
        str(MODEL),
        {
            "coarse_depth": SAMPLE / "depth_32m.tif",
            "fine_dem": SAMPLE / "dem_2m.tif",
            "model_file": pointwise_onnx,
            "superresolve:fine_depth": tmp_path / "depth.tif",
            "extent:flood_extent": tmp_path / "extent.tif",
            "extent_polygons:flood_extent_polygons": tmp_path / "extent.gpkg",
        },
    )
    # without wet_threshold the model uses its default, 0.1 m
    depth = gdal.Open(result["results"]["superresolve:fine_depth"]).ReadAsArray()
    extent = gdal.Open(result["results"]["extent:flood_extent"]).ReadAsArray()
    np.testing.assert_array_equal(extent, (depth >= 0.1).astype(extent.dtype))
    assert extent.sum() > 1000
    polygons = ogr.Open(result["results"]["extent_polygons:flood_extent_polygons"])
    assert sum(feature.GetField("area_m2") for feature in polygons.GetLayer(0)) == pytest.approx(extent.sum() * 4.0)


def test_the_toolbox_opens_the_example_model_in_the_designer_as_a_copy(floodsr_plugin, monkeypatch):
    import processing.modeler.ModelerDialog
    from processing.gui.ProviderActions import ProviderContextMenuActions

    from floodsr.floodsr_plugin.example_models import open_in_designer

    # The test's stand-in for QGIS's window lacks what the designer borrows from it (icon size, style sheet).
    monkeypatch.setattr(processing.modeler.ModelerDialog, "iface", None)
    floodsr_plugin.initGui()  # the desktop's call: adds the Toolbox's context action
    registry = QgsApplication.processingRegistry()
    action = next(
        action for action in ProviderContextMenuActions.actions if action.name == "Open in the Model Designer..."
    )
    action.setData(registry.algorithmById(MODEL_ID), None)
    assert action.isEnabled()
    action.setData(registry.algorithmById("floodsr:superresolve"), None)
    assert not action.isEnabled()
    designer = open_in_designer(registry.algorithmById(MODEL_ID))
    try:
        assert designer.model().validate() == (True, [])
        assert designer.model().sourceFilePath() == ""  # saving asks where: the shipped file stays as it is
    finally:
        designer.close()
    floodsr_plugin.unload()
    assert action not in ProviderContextMenuActions.actions
    floodsr_plugin.initProcessing()


def test_the_example_models_outputs_load_styled_the_extent_flooded_in_blue_dry_transparent(floodsr_plugin, tmp_path):
    """The dialog loads a result with the style Processing keeps for its algorithm and output."""
    from processing.gui.RenderingStyles import RenderingStyles
    from qgis.core import QgsRasterLayer

    extent = QgsRasterLayer(write_raster(tmp_path / "extent.tif", np.eye(4, dtype=np.uint8), 0.0, 8.0, 2.0), "extent")
    assert extent.loadNamedStyle(RenderingStyles.getStyle(MODEL_ID, "extent:flood_extent"))[1]
    ramp = extent.renderer().shader().rasterShaderFunction().colorRampItemList()
    assert [(item.label, item.color.name(), item.color.alpha()) for item in ramp] == [
        ("dry", "#ffffff", 0),
        ("flooded", "#2171b5", 255),
    ]
    assert RenderingStyles.getStyle(MODEL_ID, "superresolve:fine_depth").endswith("flood_depth.qml")
