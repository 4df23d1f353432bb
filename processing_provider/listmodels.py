"""floodsr:listmodels - the registered models, where they are and whether they are intact."""

from qgis.core import QgsProcessingParameterFileDestination

from ..engine.models.diagnostics import MODEL_HEADERS, model_rows
from ..floodsr_plugin.settings import model_cache_dir
from .algorithm import engine_errors_as_processing_exceptions
from .setup_algorithm import SetupAlgorithm, write_report


class ListModelsAlgorithm(SetupAlgorithm):
    OUTPUT = "OUTPUT"

    def name(self):
        return "listmodels"

    def displayName(self):
        return self.tr("List models")

    def help_text(self):
        return self.tr(
            "Lists the registered models (bundled, downloadable and imported): whether each is in the cache, "
            "its size and whether its file matches the registered sha256. Writes an HTML table and the log."
        )

    def initAlgorithm(self, config=None):
        self.add_parameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Model list"), self.tr("HTML files (*.html)")),
            self.tr("Where to write the HTML table; the same text goes to the log."),
        )

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        cache = model_cache_dir()
        sections = [(self.tr("Models (cache: {})").format(cache), MODEL_HEADERS, model_rows(cache))]
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        return {self.OUTPUT: write_report(sections, self.tr("FloodSR models"), output, feedback)}
