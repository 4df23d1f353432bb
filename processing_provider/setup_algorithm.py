"""Shared by the model and setup algorithms: their group, reports, and refreshing the provider."""

from qgis.core import QgsApplication

from ..engine.files import check_distinct_files, write_text_atomically
from ..engine.models.diagnostics import sections_as_html, sections_as_text
from ..engine.models.registry import registry_files
from ..floodsr_plugin.settings import model_cache_dir
from .algorithm import FloodSRAlgorithm


class SetupAlgorithm(FloodSRAlgorithm):
    def group(self):
        return self.tr("Models and setup")

    def groupId(self):
        return "setup"


def write_report(sections, title: str, output: str, feedback) -> str:
    """The sections as lines in the log and as an HTML page at `output`, never over a file of the model registry."""
    check_distinct_files([output], registry_files(model_cache_dir()))
    for line in sections_as_text(sections):
        feedback.pushInfo(line)
    write_text_atomically(output, sections_as_html(title, sections))
    return output


def refresh_algorithms() -> dict:
    """Rebuild the provider's algorithms (run from postProcessAlgorithm, on the main thread): they read the model
    registry and the runtime when created. Returns no extra results."""
    provider = QgsApplication.processingRegistry().providerById("floodsr")
    if provider is not None:
        provider.refreshAlgorithms()
    return {}
