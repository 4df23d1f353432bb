"""The Toolbox's "Open in the Model Designer..." for the example models FloodSR lists (QGIS offers "Edit Model…"
only for the user's own models)."""

from qgis.core import QgsProcessingModelAlgorithm

from ..engine.plugin_files import README_FILE, STYLES_DIR
from .i18n import tr, translated_from_file

# Help entries that are no text to translate.
UNTRANSLATED_HELP = {"ALG_CREATOR", "HELP_URL", "ALG_VERSION", "EXAMPLES", "SHORT_DESCRIPTION"}
# The style each model output loads with, by (model name, output name), as Processing looks styles up.
OUTPUT_STYLES = {
    ("Flood depth and extent", "superresolve:fine_depth"): STYLES_DIR / "flood_depth.qml",
    ("Flood depth and extent", "extent:flood_extent"): STYLES_DIR / "flood_extent.qml",
}


def localise(model: QgsProcessingModelAlgorithm) -> None:
    """The model's group, inputs, steps, outputs and help in the user's language (the file holds English; the
    catalogue holds these texts, collected from the file), and its help link to the manual shipped with the
    plugin. Its name stays as saved: it is the model's id in scripts and qgis_process."""
    model.setGroup(translated_from_file(model.group()))
    for child in model.childAlgorithms().values():
        outputs = child.modelOutputs()
        for output in outputs.values():
            output.setDescription(translated_from_file(output.description()))
        child.setModelOutputs(outputs)
        child.setDescription(translated_from_file(child.description()))
        model.setChildAlgorithm(child)
    model.updateDestinationParameters()
    for definition in model.parameterDefinitions():
        definition.setDescription(translated_from_file(definition.description()))
    help_content = {
        key: value if key in UNTRANSLATED_HELP else translated_from_file(value)
        for key, value in model.helpContent().items()
    }
    model.setHelpContent({**help_content, "HELP_URL": README_FILE.as_uri()})


def register_output_styles(provider_id: str) -> None:
    """Processing styles a loaded result by its algorithm and output (its Rendering Styles); the example models'
    outputs get theirs for this session only, so nothing is written to the user's settings."""
    try:
        from processing.gui.RenderingStyles import RenderingStyles
    except ImportError:  # a QGIS whose Processing keeps no such table: the outputs load with QGIS's own style
        return
    for (model_name, output_name), style in OUTPUT_STYLES.items():
        RenderingStyles.styles.setdefault(f"{provider_id}:{model_name}", {}).setdefault(output_name, str(style))


def open_in_designer(model: QgsProcessingModelAlgorithm):
    """A copy of `model` in the designer, with no file behind it: saving asks where, so the plugin's own
    example stays as shipped."""
    from processing.modeler.ModelerDialog import ModelerDialog

    designer = ModelerDialog.create(model)
    designer.model().setSourceFilePath("")
    designer.show()
    designer.activate()
    return designer


def designer_action():
    from processing.gui.ContextAction import ContextAction

    class OpenExampleModel(ContextAction):
        def __init__(self):
            super().__init__()
            self.name = tr("Open in the Model Designer...")

        def isEnabled(self):
            algorithm = self.itemData
            return (
                isinstance(algorithm, QgsProcessingModelAlgorithm)
                and algorithm.provider() is not None
                and algorithm.provider().id() == "floodsr"
            )

        def execute(self):
            open_in_designer(self.itemData)

    return OpenExampleModel()
