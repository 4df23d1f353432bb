"""Where FloodSR keeps downloaded and imported models: under the active QGIS profile."""

import os
from pathlib import Path

from qgis.core import QgsApplication

CACHE_ENV = "FLOODSR_CACHE_DIR"


def model_cache_dir() -> Path:
    """$FLOODSR_CACHE_DIR when set, else <active QGIS profile>/floodsr/models."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    return Path(QgsApplication.qgisSettingsDirPath()) / "floodsr" / "models"
