"""Run by test_runtime_install.py under Debian's own Python, which has no onnxruntime; the system's scipy is
hidden, as on a QGIS that ships without it.

argv: plugins dir, wheel folder, model file, depth raster, DEM raster, output raster. Prints one JSON line.
"""

import importlib.machinery
import importlib.util
import json
import os
import sys

from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback


class PrivateScipyOnly:
    """The standard path finder, except that scipy is looked for only in the plugin's private runtime folder."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "scipy":
            path = [entry for entry in sys.path if entry.startswith(os.environ["FLOODSR_RUNTIME_DIR"])]
        return importlib.machinery.PathFinder.find_spec(name, path, target)


class ErrorLog(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatal_error=False):
        self.errors.append(error)


sys.meta_path[sys.meta_path.index(importlib.machinery.PathFinder)] = PrivateScipyOnly

app = QgsApplication([], False)
app.initQgis()
sys.path.append(QgsApplication.pkgDataPath() + "/python/plugins")
from processing.core.Processing import Processing  # noqa: E402

Processing.initialize()
import numpy  # noqa: E402
import processing  # noqa: E402

plugins, wheels, model, depth, dem, output = sys.argv[1:7]
sys.path.insert(0, plugins)
import floodsr  # noqa: E402

report = {
    "numpy_before": [numpy.__version__, numpy.__file__],
    "onnxruntime_before": importlib.util.find_spec("onnxruntime") is not None,
    "scipy_before": importlib.util.find_spec("scipy") is not None,
}
plugin = floodsr.classFactory(None)
plugin.initProcessing()
registry = QgsApplication.processingRegistry()
can_run, message = registry.algorithmById("floodsr:superresolve").canExecute()
report.update(can_execute_before=can_run, message=message)
report["downscale_message"] = registry.algorithmById("floodsr:downscale").canExecute()[1]
downscale_parameters = {"INPUT_DEPTH": depth, "INPUT_DEM": dem, "OUTPUT": output}
try:
    processing.run("floodsr:downscale", downscale_parameters)
except QgsProcessingException as error:
    report["downscale_error"] = str(error)
# Run directly, as models and QgsProcessingAlgorithm.run do, without the parameter check that processing.run makes.
log = ErrorLog()
_, report["downscale_ran"] = registry.algorithmById("floodsr:downscale").run(
    downscale_parameters, QgsProcessingContext(), log
)
report["downscale_run_errors"] = log.errors
parameters = {"INPUT_DEPTH": depth, "INPUT_DEM": dem, "MODEL_FILE": model, "OUTPUT": output}


def run_as_batch_does(algorithm, feedback):
    """The batch dialog's task runs the algorithm itself; a failure ends in the feedback's log."""
    results, ok = algorithm.run(parameters, QgsProcessingContext(), feedback)
    if not ok:
        raise RuntimeError("the run failed")


def error_of(run):
    """What the user would read: the error, whatever its type, and the log (a model's step reports there)."""
    feedback = QgsProcessingFeedback()
    try:
        run(feedback)
    except Exception as error:
        return f"{type(error).__name__}: {error}\n{feedback.textLog()}"
    return ""


report["errors_before"] = {
    # The dialog and processing.run check the parameters first.
    "check_parameters": registry.algorithmById("floodsr:superresolve").checkParameterValues(
        parameters, QgsProcessingContext()
    )[1],
    "processing_run": error_of(lambda feedback: processing.run("floodsr:superresolve", parameters, feedback=feedback)),
    # Batch mode and the model designer run the algorithm without asking canExecute().
    "model": error_of(
        lambda feedback: processing.run(
            "floodsr:Flood depth and extent",
            {
                "coarse_depth": depth,
                "fine_dem": dem,
                "model_file": model,
                "wet_threshold": 0.1,
                "superresolve:fine_depth": "TEMPORARY_OUTPUT",
                "extent:flood_extent": "TEMPORARY_OUTPUT",
                "extent_polygons:flood_extent_polygons": "TEMPORARY_OUTPUT",
            },
            feedback=feedback,
        )
    ),
    "batch": error_of(lambda feedback: run_as_batch_does(registry.algorithmById("floodsr:superresolve"), feedback)),
}


class Recorder(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines, self.percents = [], []
        self.progressChanged.connect(self.percents.append)

    def pushInfo(self, text):
        self.lines.append(text)
        super().pushInfo(text)


feedback = Recorder()
installed = processing.run("floodsr:installruntime", {"WHEELS": wheels}, feedback=feedback)
report.update(installed=installed, install_log=feedback.lines, install_percents=feedback.percents)
result = processing.run("floodsr:superresolve", parameters)
report.update(
    can_execute_after=registry.algorithmById("floodsr:superresolve").canExecute()[0],
    tiles=result["TILES"],
    onnxruntime_file=sys.modules["onnxruntime"].__file__,
    scipy_file=sys.modules["scipy"].__file__,
    numpy_after=[numpy.__version__, numpy.__file__],
)
print(json.dumps(report))
sys.stdout.flush()
os._exit(0)
