"""Parameter factories the algorithms share, and how their values are read."""

import html
from typing import Optional

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingParameterBand,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProject,
    QgsRasterLayer,
)

from ..engine.options import COMPRESSIONS, LARGEST_MIN_DEPTH_M, MARK_KINDS
from ..floodsr_plugin.i18n import tr
from .enums import ADVANCED, DOUBLE, NUMERIC_FIELD, POINT_GEOMETRY, POLYGON_GEOMETRY


def with_help(parameter, text: str):
    """The per-parameter help the dialog shows, escaped: the dialog reads it as HTML (`<=` would vanish)."""
    parameter.setHelp(html.escape(text, quote=False))
    return parameter


def make_advanced(parameter):
    parameter.setFlags(parameter.flags() | ADVANCED)
    return parameter


def band_parameter(name: str, description: str, parent: str) -> QgsProcessingParameterBand:
    """Band 1 unless chosen. Optional because qgis_process before 3.28.11 demands every non-optional
    parameter even when it has a default (qgis/QGIS#54370)."""
    return with_help(
        QgsProcessingParameterBand(name, description, 1, parent, optional=True),
        tr("The band to read; band 1 when left empty."),
    )


def compression_parameter(name: str) -> QgsProcessingParameterEnum:
    return with_help(
        choice_parameter(name, tr("Compression"), COMPRESSIONS, COMPRESSIONS[0]),
        tr("GeoTIFF compression (with the floating-point predictor)."),
    )


def fine_depth_output_parameter(name: str) -> QgsProcessingParameterRasterDestination:
    return with_help(
        QgsProcessingParameterRasterDestination(name, tr("Fine water depth")),
        tr("A GeoTIFF (.tif) on the DEM's grid; it appears only when the run succeeds."),
    )


def band_value(algorithm: QgsProcessingAlgorithm, parameters, name: str, context) -> int:
    """Band 1 when left empty; any number given is passed on as it is, so that the engine refuses band 0."""
    if parameters.get(name) in (None, ""):
        return 1
    return algorithm.parameterAsInt(parameters, name, context)


def choice_parameter(name: str, description: str, options, default: Optional[str], optional: bool = False):
    """A list of choices whose values are the choices themselves (`METHOD=costgrow`), not their positions,
    so saved scripts and models keep meaning the same thing when the list changes."""
    return QgsProcessingParameterEnum(
        name, description, options=list(options), defaultValue=default, optional=optional, usesStaticStrings=True
    )


def extent_parameter(name: str) -> QgsProcessingParameterExtent:
    return with_help(
        QgsProcessingParameterExtent(name, tr("Preview extent (empty: the whole raster)"), optional=True),
        tr(
            "Run only on this extent (for example the map canvas), snapped outwards to whole cells of the coarse "
            "raster, to see the result in seconds before a long run. Leave empty to run on the whole raster."
        ),
    )


def optional_extent(algorithm: QgsProcessingAlgorithm, parameters, name: str, context, layer: QgsRasterLayer):
    """(xmin, ymin, xmax, ymax) of the extent in `layer`'s CRS, or None when none was given."""
    if parameters.get(name) in (None, ""):
        return None
    extent = algorithm.parameterAsExtent(parameters, name, context, layer.crs())
    if extent.isNull() or extent.isEmpty():
        return None
    return (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())


def min_depth_parameter(name: str) -> QgsProcessingParameterNumber:
    """Advanced: most runs keep every depth; analysts who map hazard drop the shallowest cells. Optional (0 when
    left empty), so that models and scripts saved before it existed stay valid."""
    return make_advanced(
        with_help(
            QgsProcessingParameterNumber(
                name, tr("Minimum depth (m)"), DOUBLE, 0.0, optional=True, minValue=0.0, maxValue=LARGEST_MIN_DEPTH_M
            ),
            tr(
                "Fine cells shallower than this become dry (0 keeps every depth; 0.05 m is a common choice, as in "
                "hydromt-sfincs). The output's metadata says which minimum depth was used."
            ),
        )
    )


def wse_output_parameter(name: str) -> QgsProcessingParameterRasterDestination:
    return with_help(
        QgsProcessingParameterRasterDestination(
            name, tr("Water-surface elevation"), optional=True, createByDefault=False
        ),
        tr(
            "Optional: a GeoTIFF of the water-surface elevation (DEM + depth, m, in the DEM's vertical datum) where "
            "the fine depth is wet, nodata where it is dry; on the same grid as the depth."
        ),
    )


def optional_output(algorithm: QgsProcessingAlgorithm, parameters, name: str, context) -> str:
    """The path of an optional output, or "" when it was left out."""
    if parameters.get(name) in (None, ""):
        return ""
    return algorithm.parameterAsOutputLayer(parameters, name, context) or ""


def marks_parameters(marks: str, field: str, kind: str):
    """The high-water marks of floodsr:evaluate: a point layer, its field of observations and what they are."""
    return [
        with_help(
            QgsProcessingParameterFeatureSource(marks, tr("High-water marks"), [POINT_GEOMETRY], optional=True),
            tr(
                "Points where the water level (or depth) was observed, e.g. surveyed flood marks. Each is compared "
                "with the estimate in the cell holding it; a mark the estimate leaves dry is missed."
            ),
        ),
        with_help(
            QgsProcessingParameterField(
                field, tr("Observed value field"), parentLayerParameterName=marks, type=NUMERIC_FIELD, optional=True
            ),
            tr("The field of the marks holding the observed water level or depth, in metres."),
        ),
        with_help(
            choice_parameter(kind, tr("Observed value"), MARK_KINDS, MARK_KINDS[0], optional=True),
            tr(
                "level: a water level in the DEM's vertical datum, compared with DEM + depth (give the DEM). "
                "depth: a water depth, compared with the depth."
            ),
        ),
    ]


def depth_style_parameter(name: str, styles) -> QgsProcessingParameterEnum:
    """Advanced: which style the loaded depth layer gets (`styles`: the style names, the ramp first); optional,
    like every parameter added to an existing algorithm, so saved models stay valid."""
    return make_advanced(
        with_help(
            choice_parameter(name, tr("Depth layer style"), styles, styles[0], optional=True),
            tr(
                "ramp: a continuous blue ramp from 0 to 5 m. hazard_classes: the common hazard classes under 0.15 m, "
                "0.15 to 0.5 m, 0.5 to 1.5 m and over 1.5 m. Only how the loaded layer is drawn; the file is the same."
            ),
        )
    )


def obstructions_parameter(name: str) -> QgsProcessingParameterFeatureSource:
    """Advanced: buildings (or any area where water cannot stand) as polygons."""
    return make_advanced(
        with_help(
            QgsProcessingParameterFeatureSource(
                name, tr("Obstructions (buildings)"), [POLYGON_GEOMETRY], optional=True
            ),
            tr(
                "Optional polygons where water cannot stand, e.g. building footprints. Fine cells whose centre lies "
                "inside one are dry, and the water of their coarse cell goes to the rest of that cell, so every "
                "coarse cell keeps its volume (a coarse cell covered entirely loses its water; the log says how much)."
            ),
        )
    )


def obstructions_value(algorithm: QgsProcessingAlgorithm, parameters, name: str, context, feedback):
    """(file, layer name) GDAL reads the obstructions from (a copy when QGIS holds them elsewhere); ("", "") when
    none were given."""
    if parameters.get(name) in (None, ""):
        return "", ""
    path, layer = algorithm.parameterAsCompatibleSourceLayerPathAndLayerName(
        parameters, name, context, ["gpkg", "shp"], "gpkg", feedback
    )
    return path or "", layer or ""


def min_depth_value(algorithm: QgsProcessingAlgorithm, parameters, name: str, context) -> float:
    """0 when left empty."""
    if parameters.get(name) in (None, ""):
        return 0.0
    return algorithm.parameterAsDouble(parameters, name, context)


def connectivity_parameter(name: str) -> QgsProcessingParameterBoolean:
    """Advanced, optional (off when left empty, so saved models stay valid)."""
    return make_advanced(
        with_help(
            QgsProcessingParameterBoolean(
                name, tr("Only water connected to the coarse wet area"), False, optional=True
            ),
            tr(
                "Dries fine wet cells that water cannot reach: each wet coarse cell's main water body (its connected "
                "wet cells holding the most water) is kept, with every wet cell connected to one (side by side, "
                "across any cells); puddles in closed depressions that no main body reaches become dry. The log "
                "gives the cells and the volume dropped."
            ),
        )
    )


def depth_options_help() -> str:
    """The paragraph of the long help of floodsr:superresolve and floodsr:downscale on their advanced depth options."""
    return tr(
        "Advanced options shape the depth written. 'Minimum depth (m)' dries the fine cells shallower than it "
        "(0.05 m is common) and says so in the output's metadata. 'Only water connected to the coarse wet area' "
        "dries the puddles in closed depressions that no coarse cell's main water body reaches, and logs the volume "
        "dropped. 'Obstructions (buildings)' keeps the cells under the polygons dry and gives their water to the rest "
        "of their coarse cell, so its volume is kept. 'Water-surface elevation' writes DEM + depth where wet, nodata "
        "where dry, beside the depth. 'Depth layer style' draws the loaded layer as a blue ramp or in hazard classes."
    )


def start_with_coarse_and_fine_layers(algorithm: QgsProcessingAlgorithm, coarse: str, fine: str) -> None:
    """The dialog would start with the current layer as both the coarse flood and the DEM: with two rasters or
    more in the project, it starts with the coarsest as the flood and the finest as the DEM instead. Only the
    dialog's first values: scripts and qgis_process still have to give both."""
    rasters = sorted(
        (layer for layer in QgsProject.instance().mapLayers().values() if isinstance(layer, QgsRasterLayer)),
        key=lambda layer: layer.rasterUnitsPerPixelX(),
    )
    if len(rasters) > 1 and rasters[0].rasterUnitsPerPixelX() < rasters[-1].rasterUnitsPerPixelX():
        algorithm.parameterDefinition(coarse).setGuiDefaultValueOverride(rasters[-1].id())
        algorithm.parameterDefinition(fine).setGuiDefaultValueOverride(rasters[0].id())
