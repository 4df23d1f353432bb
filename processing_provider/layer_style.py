"""Names and styles of result layers once QGIS has loaded them."""

from pathlib import Path
from typing import Dict

from qgis.core import QgsProcessing, QgsProcessingLayerPostProcessorInterface, QgsProcessingOutputLayerDefinition

from ..floodsr_plugin.i18n import tr
from ..floodsr_plugin.paths import STYLES_DIR

FLOOD_DEPTH_STYLE = STYLES_DIR / "flood_depth.qml"


class StyleWithQml(QgsProcessingLayerPostProcessorInterface):
    """Applies a QML style to the loaded layer, once, and says in its metadata where it comes from."""

    def __init__(self, qml_path, output_path: str, abstract: str = ""):
        super().__init__()
        self.qml_path = str(qml_path)
        self.output_path = output_path
        self.abstract = abstract

    def postProcessLayer(self, layer, context, feedback):
        try:
            message, loaded = layer.loadNamedStyle(self.qml_path)
            if not loaded:
                feedback.reportError(tr("Style {} not applied: {}").format(self.qml_path, message))
            if self.abstract:
                metadata = layer.metadata()
                metadata.setAbstract(self.abstract)
                layer.setMetadata(metadata)
            layer.triggerRepaint()
        finally:
            release_post_processor(self)


# QGIS does not take ownership of Python post-processors: each is kept here, one per output, until it ran.
KEPT_POST_PROCESSORS: Dict[str, StyleWithQml] = {}


def release_post_processor(post_processor: StyleWithQml) -> None:
    if KEPT_POST_PROCESSORS.get(post_processor.output_path) is post_processor:
        del KEPT_POST_PROCESSORS[post_processor.output_path]


def load_result_with_style(context, output_path: str, layer_name: str, qml_path, abstract: str = "") -> None:
    """Name and style the output layer QGIS loads when the algorithm finishes; `abstract` goes into its metadata."""
    if not context.willLoadLayerOnCompletion(output_path):
        return
    details = context.layerToLoadOnCompletionDetails(output_path)
    details.name = layer_name
    post_processor = StyleWithQml(qml_path, output_path, abstract)
    KEPT_POST_PROCESSORS[output_path] = post_processor
    details.setPostProcessor(post_processor)


def result_layer_name(parameters, name: str, output: str, default: str) -> str:
    """QGIS's own convention: a layer saved to a file the user chose is named after that file;
    a temporary output keeps a descriptive name."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink.staticValue()
    if value in (None, "", QgsProcessing.TEMPORARY_OUTPUT):
        return default
    return Path(output).stem
