"""Styling of result layers once QGIS has loaded them."""

from qgis.core import QgsProcessingLayerPostProcessorInterface

from ..floodsr_plugin.i18n import tr
from ..floodsr_plugin.paths import STYLES_DIR

FLOOD_DEPTH_STYLE = STYLES_DIR / "flood_depth.qml"


class StyleWithQml(QgsProcessingLayerPostProcessorInterface):
    """Applies a QML style to the loaded layer, and says in its metadata where it comes from."""

    def __init__(self, qml_path, abstract: str = ""):
        super().__init__()
        self.qml_path = str(qml_path)
        self.abstract = abstract

    def postProcessLayer(self, layer, context, feedback):
        message, loaded = layer.loadNamedStyle(self.qml_path)
        if not loaded:
            feedback.reportError(tr("Style {} not applied: {}").format(self.qml_path, message))
        if self.abstract:
            metadata = layer.metadata()
            metadata.setAbstract(self.abstract)
            layer.setMetadata(metadata)
        layer.triggerRepaint()


def load_result_with_style(
    context, output_path: str, layer_name: str, qml_path, keep_alive: list, abstract: str = ""
) -> None:
    """Name and style the output layer QGIS loads when the algorithm finishes; `abstract` goes into its metadata."""
    if not context.willLoadLayerOnCompletion(output_path):
        return
    details = context.layerToLoadOnCompletionDetails(output_path)
    details.name = layer_name
    post_processor = StyleWithQml(qml_path, abstract)
    # QGIS does not take ownership of Python post-processors: keep them referenced.
    keep_alive.append(post_processor)
    details.setPostProcessor(post_processor)
