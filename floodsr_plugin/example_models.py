"""The Toolbox's "Open in the Model Designer..." for the example models FloodSR lists (QGIS offers "Edit Model…"
only for the user's own models)."""

from qgis.core import QgsProcessingModelAlgorithm

from .i18n import tr


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
