"""floodsr:importmodel - register a local ONNX file with the FloodSR contract as a selectable model."""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..floodsr_plugin.settings import model_cache_dir
from .algorithm import FeedbackProgress, engine_errors_as_processing_exceptions
from .setup_algorithm import SetupAlgorithm, fetch_from_model_registry, model_uri_parameter, refresh_algorithms


class ImportModelAlgorithm(SetupAlgorithm):
    MODEL_FILE = "MODEL_FILE"
    MODEL_URI = "MODEL_URI"
    NAME = "NAME"
    OUTPUT = "OUTPUT"
    runtime_packages = ("onnxruntime",)

    def name(self):
        return "importmodel"

    def displayName(self):
        return self.tr("Import a model file")

    def help_text(self):
        return self.tr(
            "Checks that an ONNX file follows the FloodSR contract (inputs depth_lr [N,32,32,1] and dem_hr "
            "[N,512,512,1], output [N,512,512,1]), copies it into the model cache with its sha256, and makes it "
            "selectable as 'Model' in 'Super-resolve flood depth'. A train_config.json beside it is copied too.\n\n"
            "Instead of a file, a model registry URI (models:/<name>/<version> or models:/<name>@<alias>) imports "
            "a model from the MLflow Model Registry that MLFLOW_TRACKING_URI names, with its lineage."
        )

    def initAlgorithm(self, config=None):
        self.add_parameter(
            QgsProcessingParameterFile(self.MODEL_FILE, self.tr("ONNX model file"), extension="onnx", optional=True),
            self.tr("An .onnx file made for FloodSR; it is checked before anything is copied."),
        )
        self.add_parameter(model_uri_parameter(self.MODEL_URI))
        self.add_parameter(
            QgsProcessingParameterString(self.NAME, self.tr("Name"), optional=True),
            self.tr(
                "How the model is listed: letters, digits, '.', '_' or '-'. Needed for a file; "
                "a model registry URI is listed as <name>.v<version> when this is empty."
            ),
        )
        self.addOutput(QgsProcessingOutputFile(self.OUTPUT, self.tr("Model file in the cache")))

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        from ..engine.models.importer import import_model

        cache = model_cache_dir()
        name = self.parameterAsString(parameters, self.NAME, context).strip()
        uri = self.parameterAsString(parameters, self.MODEL_URI, context).strip()
        if uri:
            return {self.OUTPUT: str(fetch_from_model_registry(self, uri, name, cache, feedback).local_path(cache))}
        model_file = self.parameterAsFile(parameters, self.MODEL_FILE, context)
        if not model_file:
            raise QgsProcessingException(self.tr("Give an ONNX model file or a model registry URI (models:/...)."))
        entry = import_model(model_file, name, cache, progress=FeedbackProgress(feedback))
        feedback.pushInfo(self.tr("Imported {} ({}); sha256 {}.").format(entry.name, entry.contract, entry.sha256))
        return {self.OUTPUT: str(entry.local_path(cache))}

    def postProcessAlgorithm(self, context, feedback):
        return refresh_algorithms()  # so that the new model is offered at once
