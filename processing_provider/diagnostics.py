"""floodsr:diagnostics - versions, execution providers, folders, models and whether the bundled model loads."""

from qgis.core import Qgis, QgsProcessingParameterFileDestination

from ..engine.models.diagnostics import collect
from ..floodsr_plugin.settings import model_cache_dir, runtime_base_dir
from .algorithm import engine_errors_as_processing_exceptions
from .setup_algorithm import SetupAlgorithm, write_report


class DiagnosticsAlgorithm(SetupAlgorithm):
    OUTPUT = "OUTPUT"

    def name(self):
        return "diagnostics"

    def displayName(self):
        return self.tr("Diagnostics")

    def help_text(self):
        return self.tr(
            "Reports what FloodSR runs on, for bug reports and support: plugin, QGIS, Python, numpy, GDAL and "
            "onnxruntime versions, the available execution providers (CPU, CUDA, ...), the model cache and its "
            "checksums, and whether the bundled model loads. As an HTML report and in the log."
        )

    def initAlgorithm(self, config=None):
        self.add_parameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("Diagnostics report"), self.tr("HTML files (*.html)")
            ),
            self.tr("Where to write the HTML report; the same text goes to the log."),
        )

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        sections = collect(Qgis.QGIS_VERSION, model_cache_dir(), runtime_base_dir())
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        return {self.OUTPUT: write_report(sections, self.tr("FloodSR diagnostics"), output, feedback)}
