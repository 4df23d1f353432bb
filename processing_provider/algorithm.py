"""What every FloodSR algorithm shares: icon, help link, translation and QGIS <-> engine plumbing."""

import html
from pathlib import Path
from typing import Optional

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterBand,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsRasterLayer,
)
from qgis.PyQt.QtGui import QIcon

from ..engine.errors import FloodSRError
from ..engine.progress import Progress
from ..floodsr_plugin.dependencies import missing_runtime_message
from ..floodsr_plugin.i18n import LANGUAGE, tr
from ..floodsr_plugin.paths import icon_path

HELP_URL = "https://github.com/floodsr-qgis/floodsr-qgis#readme"


class FloodSRAlgorithm(QgsProcessingAlgorithm):
    needs_onnxruntime = False

    def createInstance(self):
        return type(self)()

    def canExecute(self):
        """Algorithms that run a model say what is missing (and which algorithm installs it)."""
        message = self._missing_runtime()
        return not message, message

    def checkParameterValues(self, parameters, context):
        """Batch mode and the model designer never ask canExecute(): the same check runs here and in prepare."""
        message = self._missing_runtime()
        if message:
            return False, message
        return super().checkParameterValues(parameters, context)

    def prepareAlgorithm(self, parameters, context, feedback):
        message = self._missing_runtime()
        if message:
            raise QgsProcessingException(message)
        return True

    def _missing_runtime(self) -> str:
        return missing_runtime_message() if self.needs_onnxruntime else ""

    def shortHelpString(self):
        """The dialog shows the help as HTML: escaped, so that "WSE <= DEM" is not read as a tag."""
        return html.escape(self.help_text(), quote=False)

    def help_text(self) -> str:
        raise NotImplementedError

    def tr(self, text):
        return tr(text)

    def icon(self):
        return QIcon(icon_path("floodsr.svg"))

    def svgIconPath(self):
        return icon_path("floodsr.svg")

    def helpUrl(self):
        return HELP_URL


def add_help(parameter, text: str):
    """Attach the per-parameter help shown in the dialog (as HTML, so escaped); return the parameter for chaining."""
    parameter.setHelp(html.escape(text, quote=False))
    return parameter


def choice_parameter(name: str, description: str, options, default: Optional[str], optional: bool = False):
    """A list of choices whose values are the choices themselves (`METHOD=costgrow`), not their positions,
    so saved scripts and models keep meaning the same thing when the list changes."""
    return QgsProcessingParameterEnum(
        name, description, options=list(options), defaultValue=default, optional=optional, usesStaticStrings=True
    )


def band_parameter(name: str, description: str, parent: str) -> QgsProcessingParameterBand:
    """Band 1 unless chosen. Optional because qgis_process before 3.28.11 demands every non-optional
    parameter even when it has a default (qgis/QGIS#54370)."""
    return add_help(
        QgsProcessingParameterBand(name, description, 1, parent, optional=True),
        tr("The band to read; band 1 when left empty."),
    )


def extent_parameter(name: str) -> QgsProcessingParameterExtent:
    return add_help(
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


def result_layer_name(parameters, name: str, output: str, default: str) -> str:
    """QGIS's own convention: a layer saved to a file the user chose is named after that file;
    a temporary output keeps a descriptive name."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink.staticValue()
    if value in (None, "", QgsProcessing.TEMPORARY_OUTPUT):
        return default
    return Path(output).stem


def band_value(algorithm: QgsProcessingAlgorithm, parameters, name: str, context) -> int:
    return algorithm.parameterAsInt(parameters, name, context) or 1


def gdal_source(layer: QgsRasterLayer, label: str) -> str:
    """The GDAL dataset name behind a raster layer, or a clear error for other providers."""
    if layer is None:
        raise QgsProcessingException(tr("No {} layer was given, or it could not be loaded.").format(label))
    provider = layer.providerType()
    if provider != "gdal":
        raise QgsProcessingException(
            tr(
                "The {} layer '{}' comes from the '{}' data provider, which FloodSR cannot read in windows. "
                "Save it as a GeoTIFF first (right-click > Export > Save As...) and use that file."
            ).format(label, layer.name(), provider)
        )
    return layer.source()


class FeedbackProgress(Progress):
    """Engine progress, cancel and log lines routed through QGIS's own feedback; the engine's stages
    become the steps of a QgsProcessingMultiStepFeedback."""

    def __init__(self, feedback):
        super().__init__(
            report=self._set_progress,
            is_cancelled=feedback.isCanceled,
            log=feedback.pushInfo,
            stage=self._begin_step,
            translate=LANGUAGE,
        )
        self._feedback = feedback
        self._steps = None

    def _begin_step(self, index: int, count: int, name: str) -> None:
        if self._steps is None:
            self._steps = QgsProcessingMultiStepFeedback(count, self._feedback)
        self._steps.setCurrentStep(index)
        self._feedback.pushInfo(name)

    def _set_progress(self, fraction: float) -> None:
        (self._steps or self._feedback).setProgress(100.0 * fraction)


def feedback_progress(feedback) -> Progress:
    return FeedbackProgress(feedback)


def engine_errors_as_processing_exceptions(function):
    """Turn an engine error into the QgsProcessingException QGIS shows to the user, in the user's language."""

    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except FloodSRError as error:
            raise QgsProcessingException(error.translated(LANGUAGE)) from error

    return wrapper
