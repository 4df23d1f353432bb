"""Test set-up: FloodSR importable as the package `floodsr`, as QGIS loads it, and hermetic caches."""

import os
import sys

import pytest
from osgeo import gdal

from helpers.checkout_guard import OutsideReads, audit_gdal_opens, fail_on_outside_reads
from helpers.paths import CHECKOUT, PLUGINS_DIR

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_CACHE_HOME", str(CHECKOUT / ".cache"))
os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", str(CHECKOUT / ".qgis-profile"))

# QGIS loads a plugin from a folder named after it; the checkout's folder may be named anything.
PLUGINS_DIR.mkdir(parents=True, exist_ok=True)
_link = PLUGINS_DIR / "floodsr"
if not _link.is_symlink() or _link.resolve() != CHECKOUT:
    if _link.is_symlink():
        _link.unlink()
    _link.symlink_to(CHECKOUT, target_is_directory=True)
sys.path.insert(0, str(PLUGINS_DIR))

OUTSIDE_READS = OutsideReads(CHECKOUT)
audit_gdal_opens(gdal)
sys.addaudithook(OUTSIDE_READS.audit)


@pytest.fixture(autouse=True)
def reads_only_the_checkout():
    """Fails a test that read a file beside the checkout (a clone has nothing there)."""
    yield OUTSIDE_READS
    fail_on_outside_reads(OUTSIDE_READS)


def pytest_sessionfinish(session):
    try:  # read while collecting or by a session fixture's teardown
        fail_on_outside_reads(OUTSIDE_READS)
    except pytest.fail.Exception as failure:
        print(f"\n{failure}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def generated_models_dir(tmp_path_factory):
    """The folder the tests write their ONNX models in, one for the whole run."""
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def pointwise_onnx(generated_models_dir):
    """The path of an ONNX model whose output at each cell depends on that cell's inputs only."""
    from helpers.onnx_models import pointwise_model

    return str(pointwise_model(generated_models_dir / "pointwise.onnx"))


@pytest.fixture(scope="session")
def cnn_onnx(generated_models_dir):
    """The path of a random-weight ONNX CNN over depth and DEM (seed 1), standing in for a trained model."""
    from helpers.onnx_models import random_cnn_model

    return str(random_cnn_model(generated_models_dir / "cnn_seed1.onnx", seed=1))


@pytest.fixture
def layer_tree_view(qgis_iface, monkeypatch):
    """A real layer tree view for pytest-qgis's stub iface, whose unknown methods return MagicMocks: from QGIS 3.44
    on, processing.runAndLoadResults hands iface.layerTreeView() to C++, which needs a QgsLayerTreeView."""
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    view = QgsLayerTreeView()
    view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view))
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: view, raising=False)
    return view


@pytest.fixture(scope="session")
def floodsr_plugin(qgis_app, qgis_processing):
    """FloodSR loaded the way qgis_process loads it: classFactory(None), then initProcessing()."""
    import qgis.utils

    if str(PLUGINS_DIR) not in qgis.utils.plugin_paths:
        qgis.utils.plugin_paths.insert(0, str(PLUGINS_DIR))
    assert qgis.utils.loadPlugin("floodsr")
    assert qgis.utils.startProcessingPlugin("floodsr")
    yield qgis.utils.plugins["floodsr"]
    qgis.utils.unloadPlugin("floodsr")
