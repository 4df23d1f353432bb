"""What every FloodSR algorithm shares: icon, help link, translation and QGIS <-> engine plumbing."""

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterBand,
    QgsRasterLayer,
)
from qgis.PyQt.QtGui import QIcon

from ..engine.errors import FloodSRError
from ..engine.progress import Progress
from ..floodsr_plugin.dependencies import missing_runtime_message
from ..floodsr_plugin.i18n import tr
from ..floodsr_plugin.paths import icon_path

HELP_URL = "https://github.com/floodsr-qgis/floodsr-qgis#readme"


class FloodSRAlgorithm(QgsProcessingAlgorithm):
    runtime_packages = ()  # the Python packages the algorithm imports that QGIS may lack

    def createInstance(self):
        return type(self)()

    def canExecute(self):
        """Algorithms that need packages QGIS may lack say which are missing (and which algorithm installs them)."""
        message = missing_runtime_message(self.runtime_packages)
        return not message, message

    def checkParameterValues(self, parameters, context):
        """processing.run and qgis_process do not ask canExecute(): they show this check's message instead."""
        can_run, message = self.canExecute()
        return super().checkParameterValues(parameters, context) if can_run else (False, message)

    def prepareAlgorithm(self, parameters, context, feedback):
        """Whatever runs the algorithm, a missing package stops it here, never as an import error inside it."""
        can_run, message = self.canExecute()
        if not can_run:
            raise QgsProcessingException(message)
        return True

    def tr(self, text):
        return tr(text)

    def icon(self):
        return QIcon(icon_path("floodsr.svg"))

    def svgIconPath(self):
        return icon_path("floodsr.svg")

    def helpUrl(self):
        return HELP_URL


def add_help(parameter, text: str):
    """Attach the per-parameter help shown in the dialog; return the parameter for chaining."""
    parameter.setHelp(text)
    return parameter


def band_parameter(name: str, description: str, parent: str) -> QgsProcessingParameterBand:
    """Band 1 unless chosen. Optional because qgis_process before 3.28.11 demands every non-optional
    parameter even when it has a default (qgis/QGIS#54370)."""
    return add_help(
        QgsProcessingParameterBand(name, description, 1, parent, optional=True),
        tr("The band to read; band 1 when left empty."),
    )


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
            translate=tr,
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
            raise QgsProcessingException(error.translated(tr)) from error

    return wrapper
