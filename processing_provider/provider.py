"""The FloodSR Processing provider."""

from qgis.core import QgsApplication, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..engine.version import plugin_version
from ..floodsr_plugin.i18n import tr
from ..floodsr_plugin.paths import EXAMPLE_MODELS_DIR, icon_path
from .diagnostics import DiagnosticsAlgorithm
from .downscale import DownscaleAlgorithm
from .evaluate import EvaluateAlgorithm
from .fetchmodel import FetchModelAlgorithm
from .importmodel import ImportModelAlgorithm
from .installruntime import InstallRuntimeAlgorithm
from .listmodels import ListModelsAlgorithm
from .superresolve import SuperResolveAlgorithm

ALGORITHMS = (
    SuperResolveAlgorithm,
    DownscaleAlgorithm,
    EvaluateAlgorithm,
    ListModelsAlgorithm,
    FetchModelAlgorithm,
    ImportModelAlgorithm,
    DiagnosticsAlgorithm,
    InstallRuntimeAlgorithm,
)


class FloodSRProvider(QgsProcessingProvider):
    def id(self):
        return "floodsr"

    def name(self):
        return "FloodSR"

    def longName(self):
        return tr("FloodSR flood-depth super-resolution")

    def icon(self):
        return QIcon(icon_path("floodsr.svg"))

    def svgIconPath(self):
        return icon_path("floodsr.svg")

    def versionInfo(self):
        return plugin_version()

    def loadAlgorithms(self):
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
        registry = QgsApplication.processingRegistry()
        if registry.providerById(self.id()) is self:
            self._add_example_models()
        else:
            # A model finds its steps in the registry, which lists this provider only once it has loaded:
            # the models are added right after that.
            registry.providerAdded.connect(self._add_models_once_registered)

    def _add_models_once_registered(self, provider_id):
        if provider_id == self.id():
            QgsApplication.processingRegistry().providerAdded.disconnect(self._add_models_once_registered)
            self._add_example_models()
            self.algorithmsLoaded.emit()  # the Toolbox lists them

    def _add_example_models(self):
        for model in example_models():
            self.addAlgorithm(model)


def example_models():
    """The graphical models shipped with the plugin, listed under FloodSR in the Toolbox (as QGIS lists its own
    models): open one in the designer (right-click > Edit Model) to see how FloodSR fits into a workflow."""
    for path in sorted(EXAMPLE_MODELS_DIR.glob("*.model3")):
        model = QgsProcessingModelAlgorithm()
        if model.fromFile(str(path)):
            model.setSourceFilePath(str(path))
            yield model
        else:
            QgsMessageLog.logMessage(tr("The example model {} could not be read.").format(path), "FloodSR")
