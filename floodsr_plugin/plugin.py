"""The plugin object QGIS creates: registers the Processing provider (needs no iface) and, in the desktop, the
Toolbox action that opens the example models in the designer."""

from qgis.core import QgsApplication

from ..engine.models.runtime import activate
from .i18n import install_translator, remove_translator
from .settings import runtime_base_dir


class FloodSRPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.toolbox_actions = []
        self.translator = install_translator()
        activate(runtime_base_dir())  # an onnxruntime installed by floodsr:installruntime, if any

    def initProcessing(self):
        # QGIS desktop calls both initProcessing and initGui: register once.
        if self.provider is not None:
            return
        from ..processing_provider.provider import FloodSRProvider

        self.provider = FloodSRProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):
        self.initProcessing()
        if not self.toolbox_actions:
            from processing.gui.ProviderActions import ProviderContextMenuActions

            from .example_models import designer_action

            self.toolbox_actions = [designer_action()]
            ProviderContextMenuActions.registerProviderContextMenuActions(self.toolbox_actions)

    def unload(self):
        if self.toolbox_actions:
            from processing.gui.ProviderActions import ProviderContextMenuActions

            ProviderContextMenuActions.deregisterProviderContextMenuActions(self.toolbox_actions)
            self.toolbox_actions = []
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator(self.translator)
        self.translator = None
