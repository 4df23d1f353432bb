"""Screenshots for docs/: run by `make screenshots` inside a real QGIS window (qgis --code, under Xvfb).

Loads FloodSR into the running QGIS with the bundled sample's layers, opens the Toolbox dialog of
floodsr:superresolve, runs it and shows its log, super-resolves the sample (twice into the same file) and shows
it on the map and in the Layers panel, shows evaluate's report, the depth classes style and a preview run's
layer, runs floodsr:batch on a manifest separated by semicolons, opens the example model in the designer, and
saves each window as a PNG in docs/screenshots/. Started with a French locale, it takes the superresolve dialog,
its advanced parameters and a run's log only, in French. QGIS then quits. Development only: not shipped.
"""

import base64
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import processing
import qgis.utils
from qgis.core import QgsApplication, QgsHillshadeRenderer, QgsProject, QgsRasterLayer
from qgis.gui import QgsCollapsibleGroupBox
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QPoint, Qt, QTimer, QUrl
from qgis.PyQt.QtGui import QImage, QTextDocument
from qgis.PyQt.QtWidgets import QDockWidget, QGroupBox, QScrollArea, QTextBrowser
from qgis.utils import iface

ROOT = Path(os.environ["FLOODSR_ROOT"])
SAMPLE = ROOT / "resources" / "sample"
SHOTS = ROOT / "docs" / "screenshots"
WORK = Path(tempfile.gettempdir()) / "floodsr-screenshots"  # its paths show in the pictures
PRODUCT = WORK / "depth_2m_floodsr.tif"
EXAMPLE_MODEL = "floodsr:Flood depth and extent"
WINDOW_SIZE = (1400, 860)
LAYERS_PANEL_WIDTH = 430
MAIN_WINDOW_SCALE = 0.8  # the whole window, map and Layers panel, still legible
FRENCH = QgsApplication.locale() == "fr"
# Steps run one after another with this pause, so that QGIS draws each window before it is grabbed.
PAUSE_MS = 2500
windows = []  # kept referenced while they are shown


def save(widget, name, scale=1.0):
    """The widget as docs/screenshots/`name`, in 256 colours (an octree keeps the legends' colours exact): a
    window's picture looks the same at a third of the size."""
    from PIL import Image

    picture = widget.grab()
    if scale != 1.0:
        picture = picture.scaledToWidth(round(picture.width() * scale), Qt.TransformationMode.SmoothTransformation)
    path = SHOTS / name
    picture.save(str(path))
    with Image.open(path) as image:
        quantized = image.convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE)
    quantized.save(path, optimize=True)


def save_main_window(name):
    iface.messageBar().clearWidgets()  # QGIS's own notices (a font it could not download) hide the map
    save(iface.mainWindow(), name, MAIN_WINDOW_SCALE)


def load_floodsr():
    # QGIS started with --noplugins: Processing's own providers (GDAL's, which the example model uses) as the
    # Processing plugin registers them.
    from processing.core.Processing import Processing

    Processing.initialize()
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
    # Run twice into the same file, as a user trying settings does: the second run's layers replace the first's.
    superresolve_sample(PRODUCT, AUGMENTATIONS="4")
    superresolve_sample(PRODUCT)
    hillshade = project.mapLayersByName("dem_2m")[0]
    hillshade.setRenderer(QgsHillshadeRenderer(hillshade.dataProvider(), 1, 315, 45))
    iface.mainWindow().resize(*WINDOW_SIZE)
    layers_panel = iface.mainWindow().findChild(QDockWidget, "Layers")
    iface.mainWindow().resizeDocks([layers_panel], [LAYERS_PANEL_WIDTH], Qt.Orientation.Horizontal)
    iface.mapCanvas().setExtent(hillshade.extent())
    iface.mapCanvas().refreshAllLayers()


def superresolve_sample(output, **parameters):
    parameters = {"INPUT_DEPTH": str(SAMPLE / "depth_32m.tif"), "INPUT_DEM": str(SAMPLE / "dem_2m.tif"), **parameters}
    processing.runAndLoadResults("floodsr:superresolve", {**parameters, "OUTPUT": str(output)})


def grab_main_window():
    save_main_window("result_on_map.png")


def grab_layers_panel(name="layers_panel_after_two_runs.png"):
    save(iface.mainWindow().findChild(QDockWidget, "Layers"), name)


def show_report():
    """evaluate's HTML report as a browser draws it: QtWebKit where this QGIS has it, else Qt's rich text,
    which draws the embedded picture but no CSS gradient (the colour bar shows its labels only)."""
    report = WORK / "evaluation.html"
    processing.run(
        "floodsr:evaluate",
        {"ESTIMATE": str(PRODUCT), "TRUTH": str(SAMPLE / "depth_2m_truth.tif"), "OUTPUT_HTML": str(report)},
    )
    html = report.read_text(encoding="utf-8")
    try:
        from qgis.PyQt.QtWebKitWidgets import QWebView

        view = QWebView()
    except ImportError:
        view = QTextBrowser()
        for source in re.findall(r'src="(data:image/png;base64,[^"]+)"', html):
            picture = QImage.fromData(base64.b64decode(source.split(",", 1)[1]))
            view.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(source), picture)
    view.setHtml(html)
    view.resize(900, 1000)
    view.show()
    windows.append(view)


def grab_report():
    """The whole page, as tall as it is."""
    view = windows[-1]
    if isinstance(view, QTextBrowser):
        view.document().setTextWidth(view.viewport().width())
        height = view.document().size().height()
    else:
        height = view.page().mainFrame().contentsSize().height()
    view.resize(view.width(), int(height) + 4)
    save(view, "evaluate_report.png")
    view.close()


def show_depth_classes():
    """The depth in the hazard classes style, the earlier product out of the way."""
    project = QgsProject.instance()
    project.removeMapLayers([layer.id() for layer in project.mapLayers().values() if layer.source() == str(PRODUCT)])
    superresolve_sample(WORK / "depth_2m_classes.tif", DEPTH_STYLE="hazard_classes")


def grab_depth_classes():
    save_main_window("depth_classes_style.png")


def run_preview():
    """A run on the north-west quarter of the sample: its layers say they are a preview."""
    dem = QgsProject.instance().mapLayersByName("dem_2m")[0]
    extent = dem.extent()
    quarter = (extent.xMinimum(), extent.center().x(), extent.center().y(), extent.yMaximum())
    window = "{},{},{},{} [{}]".format(*quarter, dem.crs().authid())
    superresolve_sample(WORK / "depth_2m_preview.tif", EXTENT=window)


def grab_preview():
    grab_layers_panel("preview_layer_name.png")


def open_dialog():
    # The layers it starts with, as a user sees them; a file to write into.
    dialog = processing.createAlgorithmDialog("floodsr:superresolve", {"OUTPUT": str(WORK / "flood_2m.tif")})
    dialog.resize(1100, 760)
    dialog.show()
    windows.append(dialog)


def grab_dialog(name="superresolve_dialog"):
    save(windows[-1], name + ("_fr.png" if FRENCH else ".png"))


def show_advanced_parameters():
    """The Advanced Parameters group opened and scrolled to its top: the tile blend and the other settings."""
    dialog = windows[-1]
    group = sip.cast(dialog.findChild(QGroupBox, "grpAdvanced"), QgsCollapsibleGroupBox)
    group.setCollapsed(False)
    dialog.resize(1100, 960)
    scroll_area = dialog.findChild(QScrollArea)
    scroll_area.verticalScrollBar().setValue(group.mapTo(scroll_area.widget(), QPoint(0, 0)).y())


def grab_advanced_parameters():
    grab_dialog("superresolve_dialog_advanced")
    windows[-1].close()


def run_in_dialog():
    """The dialog's parameters run with its log as the feedback, in this thread: the log tab then shows what a
    run from the dialog says."""
    dialog = windows[-1]
    feedback = dialog.createFeedback()
    dialog.showLog()
    processing.run("floodsr:superresolve", dialog.createProcessingParameters(), feedback=feedback)


def grab_log():
    grab_dialog("superresolve_log")
    windows[-1].close()


def write_manifest():
    """Three scenes, separated by semicolons as a spreadsheet writes CSV in many locales, into a folder that
    does not exist yet."""
    outputs = WORK / "batch"
    shutil.rmtree(outputs, ignore_errors=True)  # a re-run would skip the finished items
    rows = ["id;depth;dem;output;method"] + [
        f"{method};{SAMPLE / 'depth_32m.tif'};{SAMPLE / 'dem_2m.tif'};{outputs / method}.tif;{method}"
        for method in ("model", "subgrid", "basic")
    ]
    manifest = WORK / "manifest.csv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest


def open_batch_dialog():
    parameters = {"MANIFEST": str(write_manifest()), "REPORT": str(WORK / "batch" / "report.csv")}
    dialog = processing.createAlgorithmDialog("floodsr:batch", parameters)
    dialog.resize(1300, 900)
    dialog.show()
    windows.append(dialog)


def grab_batch_dialog():
    save(windows[-1], "batch_dialog_help.png")


def run_batch_in_dialog():
    dialog = windows[-1]
    feedback = dialog.createFeedback()
    dialog.showLog()
    processing.run("floodsr:batch", dialog.createProcessingParameters(), feedback=feedback)


def grab_batch_log():
    save(windows[-1], "batch_log_semicolon_manifest.png")
    windows[-1].close()


def open_example_model_dialog():
    """The example model's dialog on the sample, the earlier results off the map (the inputs stay)."""
    project = QgsProject.instance()
    inputs = ("dem_2m", "depth_32m")
    project.removeMapLayers([layer.id() for layer in project.mapLayers().values() if layer.name() not in inputs])
    dialog = processing.createAlgorithmDialog(EXAMPLE_MODEL, example_model_parameters())
    dialog.resize(1100, 760)
    dialog.show()
    windows.append(dialog)


def example_model_parameters():
    return {
        "coarse_depth": str(SAMPLE / "depth_32m.tif"),
        "fine_dem": str(SAMPLE / "dem_2m.tif"),
        "superresolve:fine_depth": str(WORK / "model_depth.tif"),
        "extent:flood_extent": str(WORK / "model_extent.tif"),
        "extent_polygons:flood_extent_polygons": str(WORK / "model_extent.gpkg"),
    }


def grab_example_model_dialog():
    save(windows[-1], "example_model_dialog.png")


def run_example_model():
    """Run from its dialog, as a user does (Processing styles a model's outputs only then): the extent in its
    own style, the depth and the polygons unchecked."""
    windows[-1].runButton().click()


def close_example_model_dialog():
    windows[-1].close()
    project = QgsProject.instance()
    for layer in project.mapLayers().values():
        if layer.source().startswith((str(WORK / "model_depth.tif"), str(WORK / "model_extent.gpkg"))):
            project.layerTreeRoot().findLayer(layer.id()).setItemVisibilityChecked(False)


def grab_example_model_result():
    save_main_window("example_model_result.png")


def open_designer():
    from floodsr.floodsr_plugin.example_models import open_in_designer  # the Toolbox's context action

    designer = open_in_designer(QgsApplication.processingRegistry().algorithmById(EXAMPLE_MODEL))
    designer.resize(1200, 700)
    designer.view().centerOn(420, 240)
    windows.append(designer)


def grab_designer():
    save(windows[-1], "example_model_designer.png")


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
FRENCH_STEPS = [
    load_floodsr,
    add_inputs,
    open_dialog,
    grab_dialog,
    show_advanced_parameters,
    grab_advanced_parameters,
    open_dialog,
    run_in_dialog,
    wait,
    grab_log,
]
STEPS = [
    *FRENCH_STEPS,
    show_result_on_map,
    grab_main_window,
    grab_layers_panel,
    show_report,
    grab_report,
    show_depth_classes,
    grab_depth_classes,
    run_preview,
    grab_preview,
    open_batch_dialog,
    grab_batch_dialog,
    run_batch_in_dialog,
    wait,
    grab_batch_log,
    open_example_model_dialog,
    grab_example_model_dialog,
    run_example_model,
    wait,
    wait,
    wait,
    close_example_model_dialog,
    grab_example_model_result,
    open_designer,
    grab_designer,
]
run(FRENCH_STEPS if FRENCH else STEPS)
