"""The checkout's folders, found from this file: the checkout's own folder may be named anything."""

from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
SAMPLE = CHECKOUT / "resources" / "sample"
# Real terrain kept in the repository with its source and licence (tests/data/real/<dataset>/README.md).
REAL_DATA = CHECKOUT / "tests" / "data" / "real"
# QGIS imports a plugin by its folder's name: build/plugins/floodsr links to the checkout.
PLUGINS_DIR = CHECKOUT / "build" / "plugins"
