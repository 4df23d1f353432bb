"""floodsr:superresolve as users run it: processing.run, runAndLoadResults, batch, cancel and error messages."""

import json
import os
from contextlib import contextmanager

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRasterLayer,
    QgsSingleBandPseudoColorRenderer,
)
from qgis.PyQt.QtCore import Qt

from floodsr.processing_provider.enums import HIDDEN
from floodsr.processing_provider.layer_style import (
    FLOOD_DEPTH_STYLE,
    KEPT_POST_PROCESSORS,
    ResultStyle,
    load_result_with_style,
)

from helpers.local_http import serving_folder
from helpers.paths import SAMPLE
from helpers.rasters import real_dem_2m, two_scenario_depth, write_raster


def parameters(model, output, **extra):
    return {
        "INPUT_DEPTH": str(SAMPLE / "depth_32m.tif"),
        "INPUT_DEM": str(SAMPLE / "dem_2m.tif"),
        "MODEL_FILE": model,
        "OUTPUT": str(output),
        **extra,
    }


def test_output_is_on_the_dem_grid_over_the_depth_extent(floodsr_plugin, cnn_onnx, tmp_path):
    import processing

    dem = real_dem_2m()[:496, :496].copy()
    dem[200:230, 100:160] = -9999.0
    dem_path = write_raster(tmp_path / "dem_voids.tif", dem, 564003.5, 146995.5, 2.0, nodata=-9999.0)
    result = processing.run(
        "floodsr:superresolve", {**parameters(cnn_onnx, tmp_path / "out.tif"), "INPUT_DEM": dem_path, "MAX_DEPTH": 3.0}
    )
    output, depth = gdal.Open(result["OUTPUT"]), gdal.Open(str(SAMPLE / "depth_32m.tif"))
    dem_source = gdal.Open(dem_path)
    assert output.GetSpatialRef().IsSame(dem_source.GetSpatialRef())
    assert output.GetGeoTransform() == dem_source.GetGeoTransform()  # same cells, same origin
    assert output.RasterXSize * 2.0 == depth.RasterXSize * 32.0 and output.RasterYSize * 2.0 == depth.RasterYSize * 32.0
    values = output.GetRasterBand(1).ReadAsArray()
    nodata = output.GetRasterBand(1).GetNoDataValue()
    np.testing.assert_array_equal(values == nodata, dem == -9999.0)
    assert values[values != nodata].min() >= 0 and values[values != nodata].max() <= 3.0
    assert result["DEVICE_USED"] == "CPUExecutionProvider" and result["TILES"] == 1 and result["SECONDS"] > 0


def test_result_loads_with_the_flood_depth_style(floodsr_plugin, layer_tree_view, cnn_onnx, tmp_path):
    import processing

    project = QgsProject.instance()
    project.removeAllMapLayers()
    processing.runAndLoadResults("floodsr:superresolve", parameters(cnn_onnx, tmp_path / "styled.tif"))
    layers = list(project.mapLayers().values())
    assert len(layers) == 1 and layers[0].name() == "styled"  # named after the file the user chose
    assert (
        layers[0].metadata().abstract() == "Fine water depth (m) from FloodSR model cnn_seed1, tiles blended: feather."
    )
    renderer = layers[0].renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer)
    items = renderer.shader().rasterShaderFunction().colorRampItemList()
    assert items[0].value == 0.0 and items[0].color.alpha() == 0  # dry is transparent
    assert items[-1].value == 5.0
    assert KEPT_POST_PROCESSORS == {}, "a post-processor that ran must not be kept"
    project.removeAllMapLayers()


def test_one_style_is_kept_per_output_until_it_is_applied(floodsr_plugin, tmp_path):
    path = write_raster(tmp_path / "depth.tif", np.full((4, 4), 0.5, np.float32), 564000.0, 147000.0, 2.0)
    context = QgsProcessingContext()
    context.addLayerToLoadOnCompletion(path, QgsProcessingContext.LayerDetails("depth", QgsProject.instance()))
    for _ in range(3):  # as many runs into the same output
        load_result_with_style(context, path, "Flood depth (test)", ResultStyle(FLOOD_DEPTH_STYLE))
    assert list(KEPT_POST_PROCESSORS) == [path]
    details = context.layerToLoadOnCompletionDetails(path)
    assert details.name == "Flood depth (test)"
    layer = QgsRasterLayer(path, "depth")
    details.postProcessor().postProcessLayer(layer, context, QgsProcessingFeedback())
    assert isinstance(layer.renderer(), QgsSingleBandPseudoColorRenderer)
    assert KEPT_POST_PROCESSORS == {}


def test_a_temporary_result_is_named_after_its_model_and_two_files_after_themselves(
    floodsr_plugin, layer_tree_view, cnn_onnx, tmp_path
):
    import processing

    project = QgsProject.instance()
    project.removeAllMapLayers()
    processing.runAndLoadResults("floodsr:superresolve", parameters(cnn_onnx, "TEMPORARY_OUTPUT"))
    processing.runAndLoadResults("floodsr:superresolve", parameters(cnn_onnx, tmp_path / "run_a.tif"))
    processing.runAndLoadResults("floodsr:superresolve", parameters(cnn_onnx, tmp_path / "run_b.tif", BLEND="hard"))
    layers = {layer.name(): layer for layer in project.mapLayers().values()}
    assert sorted(layers) == ["Flood depth (cnn_seed1)", "run_a", "run_b"]
    assert layers["run_b"].metadata().abstract().endswith("tiles blended: hard.")
    project.removeAllMapLayers()


def test_batch_of_two_inputs(floodsr_plugin, pointwise_onnx, tmp_path):
    import processing

    depth = gdal.Open(str(SAMPLE / "depth_32m.tif")).ReadAsArray()
    doubled = write_raster(tmp_path / "depth_x2.tif", np.clip(depth * 2, 0, 5), 564003.5, 146995.5, 32.0)
    outputs = []
    for index, depth_path in enumerate([str(SAMPLE / "depth_32m.tif"), doubled]):
        outputs.append(
            processing.run(
                "floodsr:superresolve",
                {**parameters(pointwise_onnx, tmp_path / f"batch_{index}.tif"), "INPUT_DEPTH": depth_path},
            )["OUTPUT"]
        )
    first, second = (gdal.Open(path).ReadAsArray() for path in outputs)
    assert first.shape == second.shape == (496, 496)
    wet = first > 0
    assert (
        np.all(second[wet] >= first[wet]) and second.sum() > 1.5 * first.sum()
    )  # the pointwise model rises with depth


class CancelAfterFirstTile(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.progress_reports = []
        self.progressChanged.connect(self._on_progress)

    def _on_progress(self, value):
        self.progress_reports.append(value)
        if value > 0:
            self.cancel()


def test_cancel_stops_within_one_tile_and_leaves_no_file(floodsr_plugin, cnn_onnx, tmp_path):
    import processing

    dem = np.pad(real_dem_2m(), ((0, 524), (0, 524)), mode="symmetric")
    dem_path = write_raster(tmp_path / "dem.tif", dem, 0.0, 2048.0, 2.0)
    depth_path = write_raster(tmp_path / "depth.tif", np.full((64, 64), 0.5, np.float32), 0.0, 2048.0, 32.0)
    feedback = CancelAfterFirstTile()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        processing.run(
            "floodsr:superresolve",
            {
                "INPUT_DEPTH": depth_path,
                "INPUT_DEM": dem_path,
                "MODEL_FILE": cnn_onnx,
                "OUTPUT": str(tmp_path / "out.tif"),
            },
            feedback=feedback,
        )
    assert [value for value in feedback.progress_reports if value > 0] == [pytest.approx(100 / 9)]
    assert sorted(os.listdir(tmp_path)) == ["dem.tif", "depth.tif"]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"INPUT_DEPTH": "nocrs"}, "no coordinate reference system"),
        ({"INPUT_DEPTH": "far"}, "does not overlap"),
        ({"INPUT_DEM": "coarse"}, "not finer"),
        ({"INPUT_DEPTH": "negative"}, "negative values"),
        ({"INPUT_DEPTH": "empty"}, "no valid cells"),
        ({"MODEL_FILE": "corrupt"}, "could not be loaded as an ONNX model"),
        ({"MODEL_FILE": "wrong"}, "does not follow the FloodSR contract"),
        ({"OUTPUT": "missing_folder/out.tif"}, "does not exist"),
    ],
)
def test_engine_errors_reach_the_user_as_processing_exceptions(floodsr_plugin, cnn_onnx, tmp_path, change, message):
    import processing

    from helpers.onnx_models import identity_model

    ones = np.full((31, 31), 0.5, np.float32)
    negative = ones.copy()
    negative[3, 3] = -4.0
    inputs = {
        "nocrs": lambda: write_raster(tmp_path / "nocrs.tif", ones, 564003.5, 146995.5, 32.0, epsg=None),
        "far": lambda: write_raster(tmp_path / "far.tif", ones, 0.0, 1000.0, 32.0),
        "coarse": lambda: write_raster(tmp_path / "coarse.tif", ones, 564003.5, 146995.5, 64.0),
        "negative": lambda: write_raster(tmp_path / "negative.tif", negative, 564003.5, 146995.5, 32.0),
        "empty": lambda: write_raster(
            tmp_path / "empty.tif", np.full((31, 31), -1, np.float32), 564003.5, 146995.5, 32.0, nodata=-1
        ),
        "corrupt": lambda: _write_bytes(tmp_path / "corrupt.onnx", b"\x08\x07garbage"),
        "wrong": lambda: str(
            identity_model(
                tmp_path / "wrong.onnx",
                [("dem_hr", ["N", 512, 512, 1]), ("depth", ["N", 32, 32, 1])],
                ("out", ["N", 512, 512, 1]),
            )
        ),
    }
    key, value = next(iter(change.items()))
    resolved = inputs[value]() if value in inputs else str(tmp_path / value)
    with pytest.raises(QgsProcessingException, match=message):
        processing.run("floodsr:superresolve", {**parameters(cnn_onnx, tmp_path / "out.tif"), key: resolved})
    assert not (tmp_path / "out.tif").exists()


def test_layers_from_other_providers_get_a_clear_message(floodsr_plugin, cnn_onnx, tmp_path):
    import processing

    layer = QgsRasterLayer("type=xyz&url=http://127.0.0.1:9/{z}/{x}/{y}.png", "tiles", "wms")
    context = QgsProcessingContext()
    context.temporaryLayerStore().addMapLayer(layer)
    with pytest.raises(QgsProcessingException, match="'wms' data provider.*Save it as a GeoTIFF"):
        processing.run(
            "floodsr:superresolve", {**parameters(cnn_onnx, tmp_path / "o.tif"), "INPUT_DEPTH": layer}, context=context
        )


def test_geopackage_and_vrt_layers_are_read_through_gdal(floodsr_plugin, cnn_onnx, tmp_path):
    import processing

    gpkg = tmp_path / "dem.gpkg"
    gdal.Translate(str(gpkg), str(SAMPLE / "dem_2m.tif"), format="GPKG", creationOptions=["RASTER_TABLE=dem"])
    vrt = tmp_path / "depth.vrt"
    gdal.BuildVRT(str(vrt), [str(SAMPLE / "depth_32m.tif")])
    dem_layer = QgsRasterLayer(str(gpkg), "dem")
    assert dem_layer.isValid() and dem_layer.providerType() == "gdal"
    result = processing.run(
        "floodsr:superresolve",
        {**parameters(cnn_onnx, tmp_path / "o.tif"), "INPUT_DEM": dem_layer, "INPUT_DEPTH": str(vrt)},
    )
    reference = processing.run("floodsr:superresolve", parameters(cnn_onnx, tmp_path / "r.tif"))
    np.testing.assert_array_equal(
        gdal.Open(result["OUTPUT"]).ReadAsArray(), gdal.Open(reference["OUTPUT"]).ReadAsArray()
    )


def _write_bytes(path, content):
    path.write_bytes(content)
    return str(path)


def test_a_cloud_optimized_geotiff_over_http_is_read_through_vsicurl(floodsr_plugin, cnn_onnx, tmp_path):
    import processing

    gdal.Translate(str(tmp_path / "depth_cog.tif"), str(SAMPLE / "depth_32m.tif"), format="COG")
    with serving_folder(tmp_path) as url:
        layer = QgsRasterLayer(f"/vsicurl/{url}/depth_cog.tif", "remote depth")
        assert layer.isValid() and layer.providerType() == "gdal"
        remote = processing.run(
            "floodsr:superresolve", {**parameters(cnn_onnx, tmp_path / "remote.tif"), "INPUT_DEPTH": layer}
        )
    local = processing.run("floodsr:superresolve", parameters(cnn_onnx, tmp_path / "local.tif"))
    np.testing.assert_array_equal(gdal.Open(remote["OUTPUT"]).ReadAsArray(), gdal.Open(local["OUTPUT"]).ReadAsArray())


@pytest.mark.parametrize("algorithm", ["floodsr:superresolve", "floodsr:downscale"])
def test_band_0_is_refused_not_read_as_band_1(floodsr_plugin, pointwise_onnx, tmp_path, algorithm):
    import processing

    output = tmp_path / "out.tif"
    with pytest.raises(QgsProcessingException, match="band 0 does not exist"):
        processing.run(algorithm, {**parameters(pointwise_onnx, output), "DEPTH_BAND": 0})
    assert not output.exists()
    processing.run(algorithm, parameters(pointwise_onnx, output))  # left out, the band is 1
    assert output.exists()


def test_product_bands_load_as_styled_layers_with_their_outputs(floodsr_plugin, layer_tree_view, tmp_path):
    import processing

    from floodsr.engine.superresolution.applicability import FEATURES, sidecar_path, training_range_document

    from helpers.onnx_models import pointwise_model

    model = pointwise_model(tmp_path / "ranged.onnx")
    document = training_range_document([dict.fromkeys(FEATURES, 0.0)], "test")
    document["features"] = {name: {"0": -1e9, "100": 1e9} for name in FEATURES}
    sidecar_path(model).write_text(json.dumps(document))
    project = QgsProject.instance()
    project.removeAllMapLayers()
    result = processing.runAndLoadResults(
        "floodsr:superresolve",
        {**parameters(str(model), tmp_path / "product.tif"), "AUGMENTATIONS": "4", "WEIGHTS": str(tmp_path / "w.tif")},
    )
    assert result["BANDS"] == "depth:1, spread:1, applicability:1"
    assert result["TILES_FALLBACK"] == 0 and result["FALLBACK_TILES"] == "" and result["OUTSIDE_SHARE"] == 0.0
    weights = gdal.Open(str(tmp_path / "w.tif"))
    assert weights.GetRasterBand(1).ReadAsArray()[0, 0] == 1.0  # one tile: its own weight
    layers = {layer.name(): layer for layer in project.mapLayers().values()}
    assert layers.pop("Blending weight map (debug)").source() == str(tmp_path / "w.tif")
    # Named after the file; the depth on top, the other bands below it, the applicability flags unchecked.
    assert product_layer_tree(project) == [
        ("product", 1, True),
        ("product: depth spread", 2, True),
        ("product: outside the training range", 3, False),
    ]
    assert all(isinstance(layer.renderer(), QgsSingleBandPseudoColorRenderer) for layer in layers.values())
    inside = "The terrain and the flood lie within what the model was trained on everywhere."
    assert layers["product: outside the training range"].metadata().abstract() == inside
    assert layers["product"].metadata().abstract().endswith("tiles blended: feather. " + inside)
    project.removeAllMapLayers()


def product_layer_tree(project):
    """(name, band drawn, checked) of the layers in the Layers panel, top to bottom, but the weight map."""
    return [
        (node.name(), rendered_band(node.layer()), node.itemVisibilityChecked())
        for node in project.layerTreeRoot().findLayers()
        if not node.name().startswith("Blending weight map")
    ]


def rendered_band(layer):
    return layer.renderer().usesBands()[0]


def test_writing_a_loaded_product_again_replaces_its_layers_and_a_preview_says_so(
    floodsr_plugin, layer_tree_view, tmp_path
):
    import processing

    from floodsr.engine.superresolution.applicability import FEATURES, sidecar_path, training_range_document

    from helpers.onnx_models import pointwise_model

    model = pointwise_model(tmp_path / "narrow.onnx")
    document = training_range_document([dict.fromkeys(FEATURES, 0.0)], "test")
    document["features"] = {name: {"0": 0.0, "100": 0.0} for name in FEATURES}  # every tile is outside
    sidecar_path(model).write_text(json.dumps(document))
    project = QgsProject.instance()
    project.removeAllMapLayers()
    mine = QgsRasterLayer(str(SAMPLE / "dem_2m.tif"), "my DEM")
    project.addMapLayer(mine)
    run = parameters(str(model), tmp_path / "flood.tif", AUGMENTATIONS="4")
    processing.runAndLoadResults("floodsr:superresolve", run)
    assert [name for name, _, _ in product_layer_tree(project)] == [
        "flood",
        "flood: depth spread",
        "flood: outside the training range",
        "my DEM",
    ]
    for layer in project.mapLayers().values():  # as QGIS does at times: a histogram GDAL keeps beside the file
        layer.dataProvider().histogram(rendered_band(layer), 0)
    processing.runAndLoadResults("floodsr:superresolve", {**run, "AUGMENTATIONS": "1"})  # two bands now
    assert product_layer_tree(project) == [
        ("flood", 1, True),
        ("flood: outside the training range", 2, False),
        ("my DEM", 1, True),
    ]
    model = layer_tree_view.layerTreeModel()  # the Layers panel's, which made the legends when the layers came
    legends = {
        node.name(): [legend.data(Qt.ItemDataRole.DisplayRole) for legend in model.layerLegendNodes(node)]
        for node in project.layerTreeRoot().findLayers()
    }
    assert legends["flood"] == ["Flood depth (m)", "0 m (dry)", "0.05 m", "0.5 m", "1.5 m", "5 m"]
    assert not (tmp_path / "flood.tif.aux.xml").exists()  # nothing of the old file's
    assert legends["flood: outside the training range"] == [
        "Outside the training range (flags)",
        "inside the training range",
        "outside the training range",
    ]
    abstract = project.mapLayersByName("flood: outside the training range")[0].metadata().abstract()
    assert abstract.startswith("On 100% of the area (1 of 1 tile) the terrain or the flood is unlike anything")
    processing.runAndLoadResults(
        "floodsr:superresolve", {**run, "OUTPUT": str(tmp_path / "window.tif"), "EXTENT": "564100,564300,146500,146700"}
    )
    assert [name for name, _, _ in product_layer_tree(project)][:3] == [
        "window (preview)",
        "window (preview): depth spread",
        "window (preview): outside the training range",
    ]
    assert project.mapLayersByName("my DEM") == [mine]
    project.removeAllMapLayers()


def test_a_product_with_constant_bands_loads_without_gdal_histogram_errors(
    floodsr_plugin, layer_tree_view, tmp_path, capfd
):
    """QGIS's default multiband renderer would stretch bands 2 and 3 by their histograms, which GDAL refuses on
    a constant band ("dfMax should be strictly greater than dfMin"): every layer gets its style first."""
    import processing

    from floodsr.engine.superresolution.applicability import FEATURES, sidecar_path, training_range_document

    from helpers.onnx_models import pointwise_model

    model = pointwise_model(tmp_path / "narrow.onnx")
    document = training_range_document([dict.fromkeys(FEATURES, 0.0)], "test")
    document["features"] = {name: {"0": 0.0, "100": 0.0} for name in FEATURES}  # every tile flagged
    sidecar_path(model).write_text(json.dumps(document))
    project = QgsProject.instance()
    project.removeAllMapLayers()
    output = tmp_path / "constant.tif"
    capfd.readouterr()
    with gdal_errors_printed():  # as in QGIS, where GDAL's Python exceptions are off
        processing.runAndLoadResults("floodsr:superresolve", parameters(str(model), output, AUGMENTATIONS="4"))
    product = gdal.Open(str(output))
    flags = product.GetRasterBand(3).ComputeRasterMinMax(False)
    assert flags == (63.0, 63.0)  # every feature flagged everywhere: a constant band
    assert "dfMax" not in capfd.readouterr().err
    assert [(name, band) for name, band, _ in product_layer_tree(project)] == [
        ("constant", 1),
        ("constant: depth spread", 2),
        ("constant: outside the training range", 3),
    ]
    assert isinstance(project.mapLayersByName("constant")[0].renderer(), QgsSingleBandPseudoColorRenderer)
    project.removeAllMapLayers()


@contextmanager
def gdal_errors_printed():
    """GDAL prints its errors on stderr as in QGIS: with its Python exceptions on, they are kept for Python."""
    were_on = gdal.GetUseExceptions()
    gdal.DontUseExceptions()
    try:
        yield
    finally:
        if were_on:
            gdal.UseExceptions()


def test_every_depth_band_runs_into_one_output(floodsr_plugin, pointwise_onnx, tmp_path):
    import processing

    result = processing.run(
        "floodsr:superresolve",
        {
            **parameters(pointwise_onnx, tmp_path / "both.tif"),
            "INPUT_DEPTH": two_scenario_depth(tmp_path / "scenarios.tif"),
            "ALL_DEPTH_BANDS": True,
        },
    )
    single = processing.run("floodsr:superresolve", parameters(pointwise_onnx, tmp_path / "first.tif"))
    both, first = gdal.Open(result["OUTPUT"]), gdal.Open(single["OUTPUT"])
    assert result["BANDS"] == "depth:1, depth:2"
    np.testing.assert_array_equal(both.GetRasterBand(1).ReadAsArray(), first.GetRasterBand(1).ReadAsArray())
    second = both.GetRasterBand(2).ReadAsArray()
    assert second.sum() > 1.5 * both.GetRasterBand(1).ReadAsArray().sum()  # twice the water, band by band


def test_the_dialog_starts_with_the_coarse_layer_as_depth_and_the_fine_one_as_dem(floodsr_plugin):
    project = QgsProject.instance()
    project.removeAllMapLayers()
    dem = QgsRasterLayer(str(SAMPLE / "dem_2m.tif"), "dem")
    depth = QgsRasterLayer(str(SAMPLE / "depth_32m.tif"), "depth")
    project.addMapLayers([dem, depth])  # the last one added is the current layer, which QGIS offers for both
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("floodsr:superresolve")
    assert algorithm.parameterDefinition("INPUT_DEPTH").guiDefaultValueOverride() == depth.id()
    assert algorithm.parameterDefinition("INPUT_DEM").guiDefaultValueOverride() == dem.id()
    assert algorithm.parameterDefinition("WEIGHTS").flags() & HIDDEN  # a debug output, not among the results
    project.removeAllMapLayers()
