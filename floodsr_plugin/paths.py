"""Where the plugin's own files live, wherever QGIS installed it (the layout itself is kept by the engine)."""

from ..engine.plugin_files import EXAMPLE_MODELS_DIR, I18N_DIR, ICONS_DIR, STYLES_DIR

__all__ = ["EXAMPLE_MODELS_DIR", "I18N_DIR", "STYLES_DIR", "icon_path"]


def icon_path(name: str) -> str:
    return str(ICONS_DIR / name)
