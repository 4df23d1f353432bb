"""floodsr:importmodel - register a local ONNX file with the FloodSR contract as a selectable model."""

from qgis.core import QgsProcessingOutputFile, QgsProcessingParameterFile, QgsProcessingParameterString

from ..floodsr_plugin.settings import model_cache_dir
from .algorithm import add_help, engine_errors_as_processing_exceptions
from .setup_algorithm import SetupAlgorithm, refresh_algorithms


class ImportModelAlgorithm(SetupAlgorithm):
    MODEL_FILE = "MODEL_FILE"
    NAME = "NAME"
    OUTPUT = "OUTPUT"
    runtime_packages = ("onnxruntime",)

    def name(self):
        return "importmodel"

    def displayName(self):
        return self.tr("Import a model file")

    def shortHelpString(self):
        return self.tr(
            "Checks that an ONNX file follows the FloodSR contract (inputs depth_lr [N,32,32,1] and dem_hr "
            "[N,512,512,1], output [N,512,512,1]), copies it into the model cache with its sha256, and makes it "
            "selectable as 'Model' in 'Super-resolve flood depth'. A train_config.json beside it is copied too."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            add_help(
                QgsProcessingParameterFile(self.MODEL_FILE, self.tr("ONNX model file"), extension="onnx"),
                self.tr("An .onnx file made for FloodSR; it is checked before anything is copied."),
            )
        )
        self.addParameter(
            add_help(
                QgsProcessingParameterString(self.NAME, self.tr("Name")),
                self.tr("How the model is listed: letters, digits, '.', '_' or '-'."),
            )
        )
        self.addOutput(QgsProcessingOutputFile(self.OUTPUT, self.tr("Model file in the cache")))

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        from ..engine.models.importer import import_model

        cache = model_cache_dir()
        entry = import_model(
            self.parameterAsFile(parameters, self.MODEL_FILE, context),
            self.parameterAsString(parameters, self.NAME, context).strip(),
            cache,
        )
        feedback.pushInfo(self.tr("Imported {} ({}); sha256 {}.").format(entry.name, entry.contract, entry.sha256))
        return {self.OUTPUT: str(entry.local_path(cache))}

    def postProcessAlgorithm(self, context, feedback):
        return refresh_algorithms()  # so that the new model is offered at once
