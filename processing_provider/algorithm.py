"""What every FloodSR algorithm shares: icon, help link, translation and QGIS <-> engine plumbing."""

import functools
import html
from typing import Optional, Tuple

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsRasterLayer,
)
from qgis.PyQt.QtGui import QIcon

from ..engine.errors import FloodSRError
from ..engine.plugin_files import README_FILE
from ..engine.progress import Progress
from ..floodsr_plugin.dependencies import missing_runtime_message
from ..floodsr_plugin.i18n import LANGUAGE, tr
from ..floodsr_plugin.paths import icon_path
from .layer_style import release_outputs_before_writing
from .parameters import make_advanced, with_help

# The manual shipped with the plugin: it has no web site yet (README, "Publishing").
HELP_URL = README_FILE.as_uri()


class FloodSRAlgorithm(QgsProcessingAlgorithm):
    runtime_packages: Tuple[str, ...] = ()  # the Python packages the algorithm imports that QGIS may lack

    def createInstance(self):
        return type(self)()

    def canExecute(self):
        """Algorithms that need packages QGIS may lack say which are missing (and which algorithm installs them)."""
        message = missing_runtime_message(self.runtime_packages)
        return not message, message

    def checkParameterValues(self, parameters, context):
        """Batch mode, the model designer, processing.run and qgis_process never ask canExecute(): they show this
        check's message instead."""
        can_run, message = self.canExecute()
        return super().checkParameterValues(parameters, context) if can_run else (False, message)

    def prepareAlgorithm(self, parameters, context, feedback):
        """Whatever runs the algorithm, a missing package stops it here, never as an import error inside it."""
        can_run, message = self.canExecute()
        if not can_run:
            raise QgsProcessingException(message)
        release_outputs_before_writing(self, parameters, context)
        return True

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

    def add_parameter(self, parameter, help_text: Optional[str] = None, advanced: bool = False) -> None:
        """Add a parameter with the help the dialog shows for it, among the advanced ones when `advanced`."""
        if help_text is not None:
            with_help(parameter, help_text)
        if advanced:
            make_advanced(parameter)
        self.addParameter(parameter)


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


def engine_errors_as_processing_exceptions(function):
    """Turn an engine error into the QgsProcessingException QGIS shows to the user, in the user's language."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except FloodSRError as error:
            raise QgsProcessingException(error.translated(LANGUAGE)) from error

    return wrapper
