"""Parameter factories the algorithms share, and how their values are read."""

import html
from typing import Optional

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingParameterBand,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterRasterDestination,
    QgsProject,
    QgsRasterLayer,
)

from ..engine.options import COMPRESSIONS
from ..floodsr_plugin.i18n import tr
from .enums import ADVANCED


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
