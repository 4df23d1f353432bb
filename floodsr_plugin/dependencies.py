"""Checks for the Python packages the algorithms need, without importing them."""

import importlib.util
from typing import Iterable

from .i18n import tr


def missing_packages(packages: Iterable[str]) -> list:
    return [name for name in packages if importlib.util.find_spec(name) is None]


def missing_runtime_message(packages: Iterable[str]) -> str:
    """Empty when all `packages` can be imported; otherwise which are missing and how to fix it."""
    missing = missing_packages(packages)
    if not missing:
        return ""
    return tr(
        "QGIS's Python lacks these Python packages: {}. "
        "Run the algorithm 'FloodSR > Models and setup > Install runtime packages' (floodsr:installruntime): "
        "it works at once, without restarting QGIS. Or install them with the pip that belongs to QGIS's Python "
        "(on Debian and Ubuntu: apt install python3-scipy for scipy), then restart QGIS."
    ).format(", ".join(missing))
