"""Shared by the model and setup algorithms: their group, reports, and refreshing the provider."""

from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingParameterString

from ..engine.files import check_distinct_files, write_text_atomically
from ..engine.models.diagnostics import sections_as_html, sections_as_text
from ..engine.models.registry import registry_files
from ..floodsr_plugin.dependencies import missing_runtime_message
from ..floodsr_plugin.i18n import tr
from ..floodsr_plugin.settings import model_cache_dir
from .algorithm import FeedbackProgress, FloodSRAlgorithm
from .parameters import with_help


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


def model_uri_parameter(name: str) -> QgsProcessingParameterString:
    return with_help(
        QgsProcessingParameterString(
            name, tr("Model registry URI (models:/name/version or models:/name@alias)"), optional=True
        ),
        tr(
            "A model in the MLflow Model Registry that MLFLOW_TRACKING_URI names, with MLFLOW_TRACKING_TOKEN or "
            "MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD for its credentials."
        ),
    )


def fetch_from_model_registry(algorithm: SetupAlgorithm, uri: str, name: str, cache, feedback):
    """A models:/ URI resolved, downloaded, checked against the contract and registered; its registry entry."""
    missing = missing_runtime_message(("onnxruntime",))
    if missing:
        raise QgsProcessingException(missing)
    from ..engine.models.mlflow import fetch_registry_model

    feedback.pushInfo(algorithm.tr("Fetching {} from the MLflow Model Registry into {}").format(uri, cache))
    entry = fetch_registry_model(uri, cache, FeedbackProgress(feedback), name)
    feedback.pushInfo(algorithm.tr("Registered {} ({}); sha256 {}.").format(entry.name, entry.lineage, entry.sha256))
    return entry
