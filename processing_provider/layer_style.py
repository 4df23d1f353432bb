"""Names and styles of result layers once QGIS has loaded them."""

from pathlib import Path
from typing import Dict, Sequence, Tuple

from qgis.core import (
    QgsProcessing,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsRasterLayer,
)

from ..floodsr_plugin.i18n import tr
from ..floodsr_plugin.paths import STYLES_DIR

FLOOD_DEPTH_STYLE = STYLES_DIR / "flood_depth.qml"
DEPTH_SPREAD_STYLE = STYLES_DIR / "depth_spread.qml"
APPLICABILITY_STYLE = STYLES_DIR / "applicability.qml"
FLOOD_DEPTH_CLASSES_STYLE = STYLES_DIR / "flood_depth_classes.qml"
# The depth layer's styles, by the name a user picks: a continuous ramp, or the common hazard classes.
DEPTH_STYLES = {"ramp": FLOOD_DEPTH_STYLE, "hazard_classes": FLOOD_DEPTH_CLASSES_STYLE}


def depth_style(name: str):
    """The QML of the depth style called `name` (see DEPTH_STYLES); the ramp for an empty name."""
    return DEPTH_STYLES.get(name or "ramp", FLOOD_DEPTH_STYLE)


class StyleWithQml(QgsProcessingLayerPostProcessorInterface):
    """Applies a QML style to the loaded layer, once, and says in its metadata where it comes from."""

    def __init__(self, qml_path, output_path: str, abstract: str = ""):
        super().__init__()
        self.qml_path = str(qml_path)
        self.output_path = output_path
        self.abstract = abstract

    def postProcessLayer(self, layer, context, feedback):
        try:
            apply_style(layer, self.qml_path, feedback, self.abstract)
            self.add_band_layers(layer, context, feedback)
        finally:
            release_post_processor(self)

    def add_band_layers(self, layer, context, feedback) -> None:
        """Nothing for a one-band result."""


def apply_style(layer, qml_path, feedback, abstract: str = "", band: int = 1) -> None:
    """A QML style on `layer`, drawing `band` (the styles are saved for band 1); `abstract` goes into its
    metadata."""
    message, loaded = layer.loadNamedStyle(str(qml_path))
    if not loaded:
        feedback.reportError(tr("Style {} not applied: {}").format(qml_path, message))
    elif band != 1:
        renderer = layer.renderer()
        # setInputBand replaces setBand (deprecated) in newer QGIS; 3.22 has only setBand.
        (renderer.setInputBand if hasattr(renderer, "setInputBand") else renderer.setBand)(band)
    if abstract:
        metadata = layer.metadata()
        metadata.setAbstract(abstract)
        layer.setMetadata(metadata)
    layer.triggerRepaint()


class StyleProductBands(StyleWithQml):
    """The product's first band styled on the loaded layer; every other band added as a layer of its own above
    it, styled for what it holds. `bands`: (band number, layer name, style) of the other bands."""

    def __init__(self, qml_path, output_path: str, bands: Sequence[Tuple[int, str, object]], abstract: str = ""):
        super().__init__(qml_path, output_path, abstract)
        self.bands = list(bands)

    def add_band_layers(self, layer, context, feedback) -> None:
        project = context.project() or QgsProject.instance()
        for band, name, style in self.bands:
            band_layer = QgsRasterLayer(layer.source(), name, "gdal")
            apply_style(band_layer, style, feedback, self.abstract, band)
            project.addMapLayer(band_layer)


# QGIS does not take ownership of Python post-processors: each is kept here, one per output, until it ran.
KEPT_POST_PROCESSORS: Dict[str, StyleWithQml] = {}


def release_post_processor(post_processor: StyleWithQml) -> None:
    if KEPT_POST_PROCESSORS.get(post_processor.output_path) is post_processor:
        del KEPT_POST_PROCESSORS[post_processor.output_path]


def load_result_with_style(
    context,
    output_path: str,
    layer_name: str,
    qml_path,
    abstract: str = "",
    other_bands: Sequence[Tuple[int, str, object]] = (),
) -> None:
    """Name and style the output layer QGIS loads when the algorithm finishes; `abstract` goes into its metadata;
    `other_bands` ((band, layer name, style)) are loaded beside it as layers of their own."""
    if not context.willLoadLayerOnCompletion(output_path):
        return
    details = context.layerToLoadOnCompletionDetails(output_path)
    details.name = layer_name
    post_processor = (
        StyleProductBands(qml_path, output_path, other_bands, abstract)
        if other_bands
        else StyleWithQml(qml_path, output_path, abstract)
    )
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
