"""Run by test_runtime_install.py under Debian's own Python, which has no onnxruntime.

argv: plugins dir, wheel folder, model file, depth raster, DEM raster, output raster. Prints one JSON line.
"""

import importlib.util
import json
import os
import sys

from qgis.core import QgsApplication

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
}
plugin = floodsr.classFactory(None)
plugin.initProcessing()
registry = QgsApplication.processingRegistry()
can_run, message = registry.algorithmById("floodsr:superresolve").canExecute()
report.update(can_execute_before=can_run, message=message)
installed = processing.run("floodsr:installruntime", {"WHEELS": wheels})
report["installed"] = installed
result = processing.run(
    "floodsr:superresolve", {"INPUT_DEPTH": depth, "INPUT_DEM": dem, "MODEL_FILE": model, "OUTPUT": output}
)
report.update(
    can_execute_after=registry.algorithmById("floodsr:superresolve").canExecute()[0],
    tiles=result["TILES"],
    onnxruntime_file=sys.modules["onnxruntime"].__file__,
    numpy_after=[numpy.__version__, numpy.__file__],
)
print(json.dumps(report))
sys.stdout.flush()
os._exit(0)
