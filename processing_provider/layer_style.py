"""Styling of result layers once QGIS has loaded them."""

from typing import Dict

from qgis.core import QgsProcessingLayerPostProcessorInterface

from ..floodsr_plugin.i18n import tr
from ..floodsr_plugin.paths import STYLES_DIR

FLOOD_DEPTH_STYLE = STYLES_DIR / "flood_depth.qml"


class StyleWithQml(QgsProcessingLayerPostProcessorInterface):
    """Applies a QML style to the loaded layer, once."""

    def __init__(self, qml_path, output_path: str):
        super().__init__()
        self.qml_path = str(qml_path)
        self.output_path = output_path

    def postProcessLayer(self, layer, context, feedback):
        try:
            message, loaded = layer.loadNamedStyle(self.qml_path)
            if not loaded:
                feedback.reportError(tr("Style {} not applied: {}").format(self.qml_path, message))
            layer.triggerRepaint()
        finally:
            release_post_processor(self)


# QGIS does not take ownership of Python post-processors: each is kept here, one per output, until it ran.
KEPT_POST_PROCESSORS: Dict[str, StyleWithQml] = {}


def release_post_processor(post_processor: StyleWithQml) -> None:
    if KEPT_POST_PROCESSORS.get(post_processor.output_path) is post_processor:
        del KEPT_POST_PROCESSORS[post_processor.output_path]


def load_result_with_style(context, output_path: str, layer_name: str, qml_path) -> None:
    """Name and style the output layer QGIS loads when the algorithm finishes."""
    if not context.willLoadLayerOnCompletion(output_path):
        return
    details = context.layerToLoadOnCompletionDetails(output_path)
    details.name = layer_name
    post_processor = StyleWithQml(qml_path, output_path)
    KEPT_POST_PROCESSORS[output_path] = post_processor
    details.setPostProcessor(post_processor)
