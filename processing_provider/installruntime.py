"""floodsr:installruntime - install onnxruntime (and scipy where missing) for QGIS's own Python, without touching
numpy."""

from qgis.core import QgsProcessingOutputString, QgsProcessingParameterFile

from ..engine.models.runtime import ONNXRUNTIME_REQUIREMENT, install_runtime, runtime_tag, scipy_requirement
from ..floodsr_plugin.settings import runtime_base_dir
from .algorithm import FeedbackProgress, engine_errors_as_processing_exceptions
from .enums import FILE, FOLDER
from .setup_algorithm import SetupAlgorithm, refresh_algorithms


class InstallRuntimeAlgorithm(SetupAlgorithm):
    WHEEL_FILE = "WHEEL_FILE"
    WHEELS = "WHEELS"
    RUNTIME_DIR = "RUNTIME_DIR"
    ONNXRUNTIME_VERSION = "ONNXRUNTIME_VERSION"

    def name(self):
        return "installruntime"

    def displayName(self):
        return self.tr("Install runtime packages")

    def help_text(self):
        return self.tr(
            "Installs {} (and {} when QGIS's Python lacks scipy) for the Python that QGIS runs on, into a private "
            "folder of the QGIS profile (one per Python version and platform, here {}). pip runs with --no-deps, so "
            "numpy and every other package QGIS ships stay exactly as they are. Offline: give a wheel file, or a "
            "folder of wheels, for this Python and platform. The log shows the exact pip command and its output as "
            "pip writes it. The runtime is usable as soon as the install ends, without restarting QGIS."
        ).format(ONNXRUNTIME_REQUIREMENT, scipy_requirement(), runtime_tag())

    def initAlgorithm(self, config=None):
        self.add_parameter(
            QgsProcessingParameterFile(
                self.WHEEL_FILE,
                self.tr("Local wheel file (offline install)"),
                behavior=FILE,
                extension="whl",
                optional=True,
            ),
            self.tr(
                "An onnxruntime .whl for this Python and platform. Leave both empty to download from the Python "
                "Package Index."
            ),
        )
        self.add_parameter(
            QgsProcessingParameterFile(
                self.WHEELS, self.tr("Local folder of wheels (offline install)"), behavior=FOLDER, optional=True
            ),
            self.tr("A folder searched for matching onnxruntime and scipy wheels; nothing is downloaded."),
        )
        self.addOutput(QgsProcessingOutputString(self.RUNTIME_DIR, self.tr("Install folder")))
        self.addOutput(QgsProcessingOutputString(self.ONNXRUNTIME_VERSION, self.tr("onnxruntime version")))

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        wheels = (
            self.parameterAsFile(parameters, self.WHEEL_FILE, context)
            or self.parameterAsFile(parameters, self.WHEELS, context)
            or None
        )
        folder = install_runtime(runtime_base_dir(), wheels, FeedbackProgress(feedback))
        import onnxruntime

        feedback.pushInfo(
            self.tr(
                "onnxruntime {} is ready in {}. The FloodSR algorithms can use it now; QGIS need not be restarted."
            ).format(onnxruntime.__version__, folder)
        )
        return {self.RUNTIME_DIR: str(folder), self.ONNXRUNTIME_VERSION: onnxruntime.__version__}

    def postProcessAlgorithm(self, context, feedback):
        return refresh_algorithms()  # so that the algorithms see onnxruntime and scipy at once
