"""QGIS-facing plugin pieces: the plugin class, translations and runtime checks."""
