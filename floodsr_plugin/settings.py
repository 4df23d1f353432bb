"""Where FloodSR keeps its files: under the active QGIS profile, each folder overridable for servers and tests."""

import os
from pathlib import Path

from qgis.core import QgsApplication

CACHE_ENV = "FLOODSR_CACHE_DIR"
RUNTIME_ENV = "FLOODSR_RUNTIME_DIR"


def floodsr_home() -> Path:
    return Path(QgsApplication.qgisSettingsDirPath()) / "floodsr"


def model_cache_dir() -> Path:
    """$FLOODSR_CACHE_DIR when set, else <active QGIS profile>/floodsr/models."""
    return Path(os.environ.get(CACHE_ENV) or floodsr_home() / "models")


def runtime_base_dir() -> Path:
    """$FLOODSR_RUNTIME_DIR when set, else <active QGIS profile>/floodsr/runtime.

    The runtime folder holds one subfolder per Python and platform.
    """
    return Path(os.environ.get(RUNTIME_ENV) or floodsr_home() / "runtime")
