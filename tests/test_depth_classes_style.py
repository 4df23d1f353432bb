"""The second depth style: the common hazard classes, chosen by DEPTH_STYLE, drawn exactly at their bounds."""

import math

import numpy as np
from qgis.core import QgsProject, QgsRasterLayer, QgsSingleBandPseudoColorRenderer

from floodsr.processing_provider.layer_style import FLOOD_DEPTH_CLASSES_STYLE, depth_style

from helpers.paths import SAMPLE
from helpers.rasters import write_raster


def classes_of(layer):
    shader = layer.renderer().shader().rasterShaderFunction()
    return shader, [(item.value, item.color.alpha()) for item in shader.colorRampItemList()]


def test_depths_fall_into_the_hazard_classes_at_their_bounds(qgis_app, tmp_path):
    path = write_raster(tmp_path / "depth.tif", np.zeros((2, 2), np.float32), 564000.0, 147000.0, 2.0)
    layer = QgsRasterLayer(path, "depth")
    _, loaded = layer.loadNamedStyle(str(FLOOD_DEPTH_CLASSES_STYLE))
    assert loaded
    shader, items = classes_of(layer)
    assert items == [(0.0, 0), (0.15, 255), (0.5, 255), (1.5, 255), (math.inf, 255)]

    def colour(depth):
        found, red, green, blue, alpha = shader.shade(depth)
        assert found
        return (red, green, blue, alpha)

    assert colour(0.0)[3] == 0  # dry stays transparent
    assert colour(0.01) == colour(0.15) != colour(0.16)  # a class holds its upper bound
    assert colour(0.16) == colour(0.5) != colour(0.51)
    assert colour(0.51) == colour(1.5) != colour(1.51)
    assert colour(1.51) == colour(40.0)


def test_the_style_is_picked_by_name_and_the_ramp_stays_the_default():
    assert depth_style("hazard_classes") == FLOOD_DEPTH_CLASSES_STYLE
    assert depth_style("ramp").name == depth_style("").name == "flood_depth.qml"


def test_downscale_loads_its_result_in_hazard_classes(floodsr_plugin, layer_tree_view, tmp_path):
    import processing

    project = QgsProject.instance()
    project.removeAllMapLayers()
    processing.runAndLoadResults(
        "floodsr:downscale",
        {
            "INPUT_DEPTH": str(SAMPLE / "depth_32m.tif"),
            "INPUT_DEM": str(SAMPLE / "dem_2m.tif"),
            "DEPTH_STYLE": "hazard_classes",
            "OUTPUT": str(tmp_path / "classes.tif"),
        },
    )
    (layer,) = project.mapLayers().values()
    assert isinstance(layer.renderer(), QgsSingleBandPseudoColorRenderer)
    assert [value for value, _ in classes_of(layer)[1]] == [0.0, 0.15, 0.5, 1.5, math.inf]
    project.removeAllMapLayers()
