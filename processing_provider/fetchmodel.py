"""floodsr:fetchmodel - download a registered model into the cache, verified by sha256."""

from qgis.core import QgsProcessingOutputFile

from ..engine.models.download import Transport, fetch_model
from ..engine.models.registry import find_model, load_registry
from ..floodsr_plugin.settings import model_cache_dir
from .algorithm import FeedbackProgress, engine_errors_as_processing_exceptions
from .parameters import choice_parameter
from .setup_algorithm import SetupAlgorithm, fetch_from_model_registry, model_uri_parameter, refresh_algorithms


class FetchModelAlgorithm(SetupAlgorithm):
    MODEL = "MODEL"
    MODEL_URI = "MODEL_URI"
    OUTPUT = "OUTPUT"

    def name(self):
        return "fetchmodel"

    def displayName(self):
        return self.tr("Fetch a registered model")

    def help_text(self):
        return self.tr(
            "Downloads a registered model into the model cache (under the QGIS profile, or $FLOODSR_CACHE_DIR). "
            "The file is streamed to a temporary name, its sha256 is checked against the registry, and only then "
            "is it put in place: a wrong checksum, an HTTP error, a timeout or a cancel leaves the cache as it was. "
            "The download goes through QGIS's network settings (Settings > Options > Network), proxy included.\n\n"
            "A model registry URI (models:/<name>/<version> or models:/<name>@<alias>) fetches from the MLflow "
            "Model Registry that MLFLOW_TRACKING_URI names instead: the model is checked against the FloodSR "
            "contract (this needs onnxruntime) and recorded with its sha256 and lineage as <name>.v<version>."
        )

    def initAlgorithm(self, config=None):
        names = self._downloadable()
        self.add_parameter(
            choice_parameter(self.MODEL, self.tr("Model"), names, names[0] if names else None),
            self.tr("One of the models the registry lists with a download address."),
        )
        self.add_parameter(model_uri_parameter(self.MODEL_URI))
        self.addOutput(QgsProcessingOutputFile(self.OUTPUT, self.tr("Model file")))

    @staticmethod
    def _downloadable():
        return [entry.name for entry in load_registry(model_cache_dir()) if entry.url]

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        from ..floodsr_plugin.network import qgis_stream  # Qt's network module, only when a download starts

        cache = model_cache_dir()
        uri = self.parameterAsString(parameters, self.MODEL_URI, context).strip()
        if uri:
            return {self.OUTPUT: str(fetch_from_model_registry(self, uri, "", cache, feedback).local_path(cache))}
        entry = find_model(self.parameterAsEnumString(parameters, self.MODEL, context), cache)
        feedback.pushInfo(self.tr("Downloading {} from {} into {}").format(entry.name, entry.url, cache))
        path = fetch_model(entry, cache, FeedbackProgress(feedback), Transport(stream=qgis_stream))
        feedback.pushInfo(self.tr("Saved {} (sha256 verified).").format(path))
        return {self.OUTPUT: str(path)}

    def postProcessAlgorithm(self, context, feedback):
        return refresh_algorithms()  # no longer marked as not downloaded; a registry model is offered at once
