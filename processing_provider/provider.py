"""The FloodSR Processing provider."""

from typing import List, Set

from qgis.core import QgsApplication, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..engine.messages import Message
from ..engine.models.registry import load_registry
from ..engine.version import plugin_version
from ..floodsr_plugin.example_models import localise, register_output_styles
from ..floodsr_plugin.i18n import tr
from ..floodsr_plugin.paths import EXAMPLE_MODELS_DIR, icon_path
from ..floodsr_plugin.settings import model_cache_dir
from .batch import BatchAlgorithm
from .diagnostics import DiagnosticsAlgorithm
from .downscale import DownscaleAlgorithm
from .enums import WARNING
from .evaluate import EvaluateAlgorithm
from .fetchmodel import FetchModelAlgorithm
from .floodextent import FloodExtentAlgorithm
from .importmodel import ImportModelAlgorithm
from .installruntime import InstallRuntimeAlgorithm
from .listmodels import ListModelsAlgorithm
from .superresolve import SuperResolveAlgorithm

ALGORITHMS = (
    SuperResolveAlgorithm,
    DownscaleAlgorithm,
    BatchAlgorithm,
    EvaluateAlgorithm,
    FloodExtentAlgorithm,
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
        log_registry_problems()
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
            localise(model)
            self.addAlgorithm(model)
        register_output_styles(self.id())


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


_logged_problems: Set[str] = set()


def log_registry_problems() -> None:
    """Unusable entries of the user's model registry are skipped; say so once in the log, not at every refresh."""
    problems: List[Message] = []
    load_registry(model_cache_dir(), problems)
    text = "\n".join(problem.render(tr) for problem in problems)
    if text and text not in _logged_problems:
        _logged_problems.add(text)
        QgsMessageLog.logMessage(text, "FloodSR", WARNING)
