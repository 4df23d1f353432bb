"""Checks for the Python packages the algorithms need, without importing them."""

import importlib.util

from .i18n import tr


def onnxruntime_available() -> bool:
    return importlib.util.find_spec("onnxruntime") is not None


def missing_runtime_message() -> str:
    """Empty when inference can run; otherwise what is missing and how to fix it."""
    if onnxruntime_available():
        return ""
    return tr(
        "The Python package onnxruntime is not installed in QGIS's Python. "
        "Run the algorithm 'FloodSR > Models and setup > Install onnxruntime' (floodsr:installruntime): "
        "it works at once, without restarting QGIS. Or install onnxruntime with the pip that belongs to "
        "QGIS's Python, then restart QGIS."
    )
