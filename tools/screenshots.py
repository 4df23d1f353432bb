"""Screenshots for docs/: run by `make screenshots` inside a real QGIS window (qgis --code, under Xvfb).

Loads FloodSR into the running QGIS with the bundled sample's layers, opens the Toolbox dialog of
floodsr:superresolve, runs it and shows its log, super-resolves the sample (twice into the same file) and shows
it on the map, opens the example model in the designer, and saves each window as a PNG in docs/screenshots/.
QGIS then quits. Development only: not shipped.
"""

import os
import sys
import tempfile
from pathlib import Path

import processing
import qgis.utils
from qgis.core import QgsApplication, QgsHillshadeRenderer, QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

ROOT = Path(os.environ["FLOODSR_ROOT"])
SAMPLE = ROOT / "resources" / "sample"
SHOTS = ROOT / "docs" / "screenshots"
WORK = Path(tempfile.gettempdir()) / "floodsr-screenshots"  # its paths show in the pictures
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


def add_inputs():
    project = QgsProject.instance()
    project.addMapLayer(QgsRasterLayer(str(SAMPLE / "dem_2m.tif"), "dem_2m"))
    project.addMapLayer(QgsRasterLayer(str(SAMPLE / "depth_32m.tif"), "depth_32m"), False)  # for the dialog


def show_result_on_map():
    project = QgsProject.instance()
    output = WORK / "depth_2m_floodsr.tif"
    parameters = {"INPUT_DEPTH": str(SAMPLE / "depth_32m.tif"), "INPUT_DEM": str(SAMPLE / "dem_2m.tif")}
    # Run twice into the same file, as a user trying settings does: the second run's layers replace the first's.
    processing.runAndLoadResults("floodsr:superresolve", {**parameters, "AUGMENTATIONS": "4", "OUTPUT": str(output)})
    processing.runAndLoadResults("floodsr:superresolve", {**parameters, "OUTPUT": str(output)})
    hillshade = project.mapLayersByName("dem_2m")[0]
    hillshade.setRenderer(QgsHillshadeRenderer(hillshade.dataProvider(), 1, 315, 45))
    iface.mainWindow().resize(*WINDOW_SIZE)
    iface.mapCanvas().setExtent(hillshade.extent())
    iface.mapCanvas().refreshAllLayers()


def grab_main_window():
    iface.mainWindow().grab().save(str(SHOTS / "result_on_map.png"))


def open_dialog():
    # The layers it starts with, as a user sees them; a file to write into.
    dialog = processing.createAlgorithmDialog("floodsr:superresolve", {"OUTPUT": str(WORK / "flood_2m.tif")})
    dialog.resize(1100, 760)
    dialog.show()
    windows.append(dialog)


def grab_dialog():
    windows[-1].grab().save(str(SHOTS / "superresolve_dialog.png"))


def run_in_dialog():
    """The dialog's parameters run with its log as the feedback, in this thread: the log tab then shows what a
    run from the dialog says."""
    dialog = windows[-1]
    feedback = dialog.createFeedback()
    dialog.showLog()
    processing.run("floodsr:superresolve", dialog.createProcessingParameters(), feedback=feedback)


def grab_log():
    windows[-1].grab().save(str(SHOTS / "superresolve_log.png"))
    windows[-1].close()


def open_designer():
    from floodsr.floodsr_plugin.example_models import open_in_designer  # the Toolbox's context action

    designer = open_in_designer(QgsApplication.processingRegistry().algorithmById("floodsr:Flood depth and extent"))
    designer.resize(1200, 700)
    designer.view().centerOn(420, 240)
    windows.append(designer)


def grab_designer():
    windows[-1].grab().save(str(SHOTS / "example_model_designer.png"))


def wait():
    """One more pause, for a run to finish."""


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
        add_inputs,
        open_dialog,
        grab_dialog,
        run_in_dialog,
        wait,
        grab_log,
        show_result_on_map,
        grab_main_window,
        open_designer,
        grab_designer,
    ]
)
