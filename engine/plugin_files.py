"""Where the plugin's own files live, wherever QGIS installed it: the one place that knows the folder layout."""

from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent.parent
METADATA_FILE = PLUGIN_DIR / "metadata.txt"
README_FILE = PLUGIN_DIR / "README.md"
RESOURCES_DIR = PLUGIN_DIR / "resources"
BUNDLED_REGISTRY = RESOURCES_DIR / "models.json"
BUNDLED_MODELS_DIR = RESOURCES_DIR / "models"
EXAMPLE_MODELS_DIR = BUNDLED_MODELS_DIR / "examples"
ICONS_DIR = RESOURCES_DIR / "icons"
STYLES_DIR = RESOURCES_DIR / "styles"
I18N_DIR = PLUGIN_DIR / "i18n"
