"""floodsr:fetchmodel - download a registered model into the cache, verified by sha256."""

from qgis.core import QgsProcessingOutputFile, QgsProcessingParameterEnum

from ..engine.models.download import fetch_model
from ..engine.models.registry import load_registry
from ..floodsr_plugin.settings import model_cache_dir
from .algorithm import add_help, engine_errors_as_processing_exceptions, feedback_progress
from .setup_algorithm import SetupAlgorithm, fetch_from_model_registry, model_uri_parameter, refresh_algorithms


class FetchModelAlgorithm(SetupAlgorithm):
    MODEL = "MODEL"
    MODEL_URI = "MODEL_URI"
    OUTPUT = "OUTPUT"

    def name(self):
        return "fetchmodel"

    def displayName(self):
        return self.tr("Fetch a registered model")

    def shortHelpString(self):
        return self.tr(
            "Downloads a registered model into the model cache (under the QGIS profile, or $FLOODSR_CACHE_DIR). "
            "The file is streamed to a temporary name, its sha256 is checked against the registry, and only then "
            "is it put in place: a wrong checksum, an HTTP error, a timeout or a cancel leaves the cache as it was.\n\n"
            "A model registry URI (models:/<name>/<version> or models:/<name>@<alias>) fetches from the MLflow "
            "Model Registry that MLFLOW_TRACKING_URI names instead: the model is checked against the FloodSR "
            "contract (this needs onnxruntime) and recorded with its sha256 and lineage as <name>.v<version>."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            add_help(
                QgsProcessingParameterEnum(self.MODEL, self.tr("Model"), options=self._downloadable(), defaultValue=0),
                self.tr("One of the models the registry lists with a download address."),
            )
        )
        self.addParameter(model_uri_parameter(self.MODEL_URI))
        self.addOutput(QgsProcessingOutputFile(self.OUTPUT, self.tr("Model file")))

    @staticmethod
    def _downloadable():
        return [entry.name for entry in load_registry(model_cache_dir()) if entry.url]

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        cache = model_cache_dir()
        uri = self.parameterAsString(parameters, self.MODEL_URI, context).strip()
        if uri:
            return {self.OUTPUT: str(fetch_from_model_registry(self, uri, "", cache, feedback).local_path(cache))}
        name = self._downloadable()[self.parameterAsEnum(parameters, self.MODEL, context)]
        entry = next(entry for entry in load_registry(cache) if entry.name == name)
        feedback.pushInfo(self.tr("Downloading {} from {} into {}").format(entry.name, entry.url, cache))
        path = fetch_model(entry, cache, feedback_progress(feedback))
        feedback.pushInfo(self.tr("Saved {} (sha256 verified).").format(path))
        return {self.OUTPUT: str(path)}

    def postProcessAlgorithm(self, context, feedback):
        return refresh_algorithms()  # a model from a model registry is offered at once
