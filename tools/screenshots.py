"""Screenshots for docs/: run by `make screenshots` inside a real QGIS window (qgis --code, under Xvfb).

Loads FloodSR into the running QGIS, super-resolves the bundled sample and shows it on the map, opens the
Toolbox dialog of floodsr:superresolve and the example model in the designer, and saves each window as a PNG
in docs/screenshots/. QGIS then quits. Development only: not shipped.
"""

import os
import sys
from pathlib import Path

import processing
import qgis.utils
from qgis.core import QgsApplication, QgsHillshadeRenderer, QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

ROOT = Path(os.environ["FLOODSR_ROOT"])
SAMPLE = ROOT / "resources" / "sample"
SHOTS = ROOT / "docs" / "screenshots"
WORK = ROOT / "build" / "screenshots"
WINDOW_SIZE = (1400, 860)
# Steps run one after another with this pause, so that QGIS draws each window before it is grabbed.
PAUSE_MS = 2500
windows = []  # kept referenced while they are shown


def load_floodsr():
    plugins = str(ROOT / "build" / "plugins")
    if plugins not in qgis.utils.plugin_paths:
        qgis.utils.plugin_paths.insert(0, plugins)
        sys.path.insert(0, plugins)
    assert qgis.utils.loadPlugin("floodsr") and qgis.utils.startPlugin("floodsr")
    superresolve = QgsApplication.processingRegistry().algorithmById("floodsr:superresolve")
    if not superresolve.canExecute()[0]:  # a fresh profile: the runtime, as a user installs it (offline wheel)
        processing.run("floodsr:installruntime", {"WHEELS": str(ROOT / "build" / "wheels")})


def show_result_on_map():
    project = QgsProject.instance()
    project.addMapLayer(QgsRasterLayer(str(SAMPLE / "dem_2m.tif"), "dem_2m"))
    output = WORK / "depth_2m_floodsr.tif"
    processing.runAndLoadResults(
        "floodsr:superresolve",
        {"INPUT_DEPTH": str(SAMPLE / "depth_32m.tif"), "INPUT_DEM": str(SAMPLE / "dem_2m.tif"), "OUTPUT": str(output)},
    )
    hillshade = project.mapLayersByName("dem_2m")[0]
    hillshade.setRenderer(QgsHillshadeRenderer(hillshade.dataProvider(), 1, 315, 45))
    iface.mainWindow().resize(*WINDOW_SIZE)
    iface.mapCanvas().setExtent(hillshade.extent())
    iface.mapCanvas().refreshAllLayers()


def grab_main_window():
    iface.mainWindow().grab().save(str(SHOTS / "result_on_map.png"))


def open_dialog():
    dialog = processing.createAlgorithmDialog(
        "floodsr:superresolve",
        {"INPUT_DEPTH": str(SAMPLE / "depth_32m.tif"), "INPUT_DEM": str(SAMPLE / "dem_2m.tif")},
    )
    dialog.resize(1100, 760)
    dialog.show()
    windows.append(dialog)


def grab_dialog():
    windows[-1].grab().save(str(SHOTS / "superresolve_dialog.png"))
    windows[-1].close()


def open_designer():
    from floodsr.floodsr_plugin.example_models import open_in_designer  # the Toolbox's context action

    designer = open_in_designer(QgsApplication.processingRegistry().algorithmById("floodsr:Flood depth and extent"))
    designer.resize(1200, 700)
    designer.view().centerOn(420, 240)
    windows.append(designer)


def grab_designer():
    windows[-1].grab().save(str(SHOTS / "example_model_designer.png"))


def run(steps):
    if not steps:
        os._exit(0)  # QGIS's own exit asks about the unsaved project
    step, *rest = steps
    try:
        step()
    except Exception:
        import traceback

        traceback.print_exc()
        os._exit(1)
    QTimer.singleShot(PAUSE_MS, lambda: run(rest))


SHOTS.mkdir(parents=True, exist_ok=True)
WORK.mkdir(parents=True, exist_ok=True)
run(
    [
        load_floodsr,
        show_result_on_map,
        grab_main_window,
        open_dialog,
        grab_dialog,
        open_designer,
        grab_designer,
    ]
)
