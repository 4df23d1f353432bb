"""The registered models as a choice: which are ready, which still need a download, and how to get them."""

from pathlib import Path
from typing import List

from ..engine.models.registry import load_registry
from ..floodsr_plugin.i18n import tr


def model_names(cache: Path) -> List[str]:
    return [entry.name for entry in load_registry(cache)]


def missing_models(cache: Path) -> List[str]:
    """Registered models whose file is not in the cache yet."""
    return [entry.name for entry in load_registry(cache) if not entry.is_installed(cache)]


def model_choice_label(cache: Path) -> str:
    """The choice's label, naming the models that are not downloaded, since the list shows their names only
    (worded so that it does not read as if no model were chosen)."""
    missing = missing_models(cache)
    if not missing:
        return tr("Model")
    return tr("Model ({} must be downloaded before use)").format(", ".join(missing))


def model_choice_help(cache: Path) -> str:
    return tr(
        "A registered model. The bundled model works offline. A model marked 'not downloaded yet' must be fetched "
        "first with 'Fetch a registered model' (floodsr:fetchmodel), or downloaded by hand and added with "
        "'Import a model file' (floodsr:importmodel)."
    )
