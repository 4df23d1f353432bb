"""Where the plugin's own files live, wherever QGIS installed it."""

from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent.parent
RESOURCES_DIR = PLUGIN_DIR / "resources"
ICONS_DIR = RESOURCES_DIR / "icons"
STYLES_DIR = RESOURCES_DIR / "styles"
I18N_DIR = PLUGIN_DIR / "i18n"


def icon_path(name: str) -> str:
    return str(ICONS_DIR / name)
