"""The FloodSR Processing provider."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..engine.version import plugin_version
from ..floodsr_plugin.i18n import tr
from ..floodsr_plugin.paths import icon_path
from .batch import BatchAlgorithm
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
    BatchAlgorithm,
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
