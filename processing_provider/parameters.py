"""Parameter factories the algorithms share, and how their values are read."""

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingParameterBand,
    QgsProcessingParameterEnum,
    QgsProcessingParameterRasterDestination,
)

from ..engine.options import COMPRESSIONS
from ..floodsr_plugin.i18n import tr
from .enums import ADVANCED


def make_advanced(parameter):
    parameter.setFlags(parameter.flags() | ADVANCED)
    return parameter


def band_parameter(name: str, description: str, parent: str) -> QgsProcessingParameterBand:
    """Band 1 unless chosen. Optional because qgis_process before 3.28.11 demands every non-optional
    parameter even when it has a default (qgis/QGIS#54370)."""
    parameter = QgsProcessingParameterBand(name, description, 1, parent, optional=True)
    parameter.setHelp(tr("The band to read; band 1 when left empty."))
    return parameter


def compression_parameter(name: str) -> QgsProcessingParameterEnum:
    parameter = QgsProcessingParameterEnum(name, tr("Compression"), options=list(COMPRESSIONS), defaultValue=0)
    parameter.setHelp(tr("GeoTIFF compression (with the floating-point predictor)."))
    return parameter


def fine_depth_output_parameter(name: str) -> QgsProcessingParameterRasterDestination:
    parameter = QgsProcessingParameterRasterDestination(name, tr("Fine water depth"))
    parameter.setHelp(tr("A GeoTIFF (.tif) on the DEM's grid; it appears only when the run succeeds."))
    return parameter


def band_value(algorithm: QgsProcessingAlgorithm, parameters, name: str, context) -> int:
    """Band 1 when left empty; any number given is passed on as it is, so that the engine refuses band 0."""
    if parameters.get(name) in (None, ""):
        return 1
    return algorithm.parameterAsInt(parameters, name, context)
