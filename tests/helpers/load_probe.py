"""Load the plugin's provider the way QGIS does, in a clean interpreter, and report what that cost.

Shared by the tests (what gets imported) and `make bench` (how long it takes)."""

import json
import os
import subprocess
import sys

from helpers.paths import PLUGINS_DIR

LOAD_PROBE = r"""
import json, sys, time
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
sys.path.append(QgsApplication.pkgDataPath() + "/python/plugins")
from processing.core.Processing import Processing
Processing.initialize()
sys.path.insert(0, sys.argv[1])
started = time.perf_counter()
import floodsr
plugin = floodsr.classFactory(None)
plugin.initProcessing()
elapsed = time.perf_counter() - started
provider = QgsApplication.processingRegistry().providerById("floodsr")
print(json.dumps({"seconds": elapsed, "onnxruntime": "onnxruntime" in sys.modules,
                  "algorithms": len(provider.algorithms())}))
sys.stdout.flush()
import os
os._exit(0)
"""


def probe_provider_load() -> dict:
    """{"seconds": load time, "onnxruntime": whether it got imported, "algorithms": how many registered}."""
    completed = subprocess.run(
        [sys.executable, "-c", LOAD_PROBE, str(PLUGINS_DIR)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])
