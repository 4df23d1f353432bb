"""Names and styles of result layers once QGIS has loaded them, and the layers of an earlier result in the same
file, which a new run replaces."""

from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, NamedTuple, Sequence

from osgeo import gdal
from qgis.core import (
    QgsColorRampShader,
    QgsDataProvider,
    QgsMapLayerLegendUtils,
    QgsPalettedRasterRenderer,
    QgsProcessing,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsRasterLayer,
    QgsSingleBandPseudoColorRenderer,
)
from qgis.PyQt.QtCore import QCoreApplication, QThread

from ..floodsr_plugin.i18n import tr, translated_from_file
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


# Set on every layer FloodSR loads: the file it shows, so that a new result in that file replaces its layers.
RESULT_FILE_PROPERTY = "floodsr/result_file"


class BandLayer(NamedTuple):
    """A band of a product loaded as a layer of its own, below the product's first band."""

    band: int
    name: str
    style: Path
    abstract: str = ""
    visible: bool = True


@dataclass(frozen=True)
class ResultStyle:
    """How a result layer looks once loaded: its QML style, the abstract in its metadata (where it comes from), and
    the product's other bands, loaded below it as layers of their own."""

    qml_path: Path
    abstract: str = ""
    other_bands: Sequence[BandLayer] = ()


class StyleWithQml(QgsProcessingLayerPostProcessorInterface):
    """Applies a QML style to the loaded layer, once, and says in its metadata where it comes from."""

    def __init__(self, output_path: str, style: ResultStyle):
        super().__init__()
        self.output_path = output_path
        self.style = style

    def postProcessLayer(self, layer, context, feedback):
        try:
            apply_style(layer, self.style.qml_path, feedback, self.style.abstract)
            project = context.project() or QgsProject.instance()
            remove_stale_layers(project, self.output_path, keep=layer)
            layer.setCustomProperty(RESULT_FILE_PROPERTY, self.output_path)
            title_legend_with_band_description(project.layerTreeRoot().findLayer(layer.id()), 1)
            self.add_band_layers(layer, project, feedback)
        finally:
            release_post_processor(self)

    def add_band_layers(self, layer, project, feedback) -> None:
        """Nothing for a one-band result."""


def title_legend_with_band_description(node, band: int) -> None:
    """The legend's first line is the band's name, "Band 1: Flood depth (m) (Gray)" for a GeoTIFF: the band's
    own description reads better above the style's classes."""
    if node is None:
        return
    dataset = gdal.OpenEx(node.layer().source(), gdal.OF_RASTER)
    description = dataset.GetRasterBand(band).GetDescription() if dataset else ""
    if description:
        QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, 0, description)
        node.layer().legendChanged.emit()  # the Layers panel made its legend when the layer came: anew


def remove_stale_layers(project, output_path: str, keep=None) -> None:
    """The layers FloodSR loaded from `output_path` before it is written again would show what is no longer
    there (or bands it no longer has): they make way for the new ones. Layers the user loaded are left alone."""
    stale = [
        layer.id()
        for layer in project.mapLayers().values()
        if layer is not keep and _same_file(layer.customProperty(RESULT_FILE_PROPERTY), output_path)
    ]
    if stale:
        project.removeMapLayers(stale)


def release_outputs_before_writing(algorithm, parameters, context) -> None:
    """Before a run writes over files FloodSR loaded earlier, their layers are removed: open, they would read
    a file being replaced (GDAL warnings, bands that are gone) and, once closed, leave their statistics beside
    the new file. Only in QGIS's main thread (a model's steps run in another), where the project may change."""
    if QThread.currentThread() is not QCoreApplication.instance().thread():
        return
    project = context.project() or QgsProject.instance()
    for definition in algorithm.destinationParameterDefinitions():
        value = parameters.get(definition.name())
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink.staticValue()
        if isinstance(value, str) and value not in ("", QgsProcessing.TEMPORARY_OUTPUT):
            remove_stale_layers(project, value)


def _same_file(loaded_from, path: str) -> bool:
    return bool(loaded_from) and Path(str(loaded_from)).resolve() == Path(path).resolve()


def apply_style(layer, qml_path, feedback, abstract: str = "", band: int = 1) -> None:
    """A QML style on `layer`, drawing `band` (the styles are saved for band 1); `abstract` goes into its
    metadata."""
    message, loaded = layer.loadNamedStyle(str(qml_path))
    if not loaded:
        feedback.reportError(tr("Style {} not applied: {}").format(qml_path, message))
    else:
        translate_class_labels(layer.renderer())
        if band != 1:
            renderer = layer.renderer()
            # setInputBand replaces setBand (deprecated) in newer QGIS; 3.22 has only setBand.
            (renderer.setInputBand if hasattr(renderer, "setInputBand") else renderer.setBand)(band)
    if abstract:
        metadata = layer.metadata()
        metadata.setAbstract(abstract)
        layer.setMetadata(metadata)
    layer.triggerRepaint()


def translate_class_labels(renderer) -> None:
    """The styles' class labels ("0.05 m", "outside the training range") in the user's language and number
    format: the style files hold English, the catalogue their translations."""
    if isinstance(renderer, QgsPalettedRasterRenderer):
        for entry in renderer.classes():
            renderer.setLabel(entry.value, translated_from_file(entry.label))
        return
    shader = renderer.shader() if isinstance(renderer, QgsSingleBandPseudoColorRenderer) else None
    function = shader.rasterShaderFunction() if shader is not None else None
    if isinstance(function, QgsColorRampShader):
        items = function.colorRampItemList()
        for item in items:
            item.label = translated_from_file(item.label)
        function.setColorRampItemList(items)


class StyleProductBands(StyleWithQml):
    """The product's first band styled on the loaded layer; every other band added as a layer of its own below
    it (so that the depth stays in sight), styled for what it holds and checked or not as the style's
    `other_bands` say."""

    def add_band_layers(self, layer, project, feedback) -> None:
        node = project.layerTreeRoot().findLayer(layer.id())
        group = node.parent() if node is not None else project.layerTreeRoot()
        position = group.children().index(node) + 1 if node is not None else 0
        for offset, band in enumerate(self.style.other_bands):
            band_layer = styled_raster_layer(layer.source(), band.name, band.style)
            apply_style(band_layer, band.style, feedback, band.abstract or self.style.abstract, band.band)
            band_layer.setCustomProperty(RESULT_FILE_PROPERTY, self.output_path)
            project.addMapLayer(band_layer, False)
            node = group.insertLayer(position + offset, band_layer)
            node.setItemVisibilityChecked(band.visible)
            title_legend_with_band_description(node, band.band)


# The raster a styled layer opens first (see styled_raster_layer), made once in GDAL's memory.
STYLE_SEED = "/vsimem/floodsr_style_seed.tif"


def styled_raster_layer(source: str, name: str, qml_path) -> QgsRasterLayer:
    """A layer of `source` drawn with the QML style from the start. Opened plainly, a product first gets QGIS's
    default multiband renderer, whose contrast stretch computes a histogram of bands 2 and 3; on a constant band
    GDAL then prints "dfMax should be strictly greater than dfMin". So the layer opens a tiny raster, takes the
    style, and changes its data source to `source`: QGIS keeps a layer's style then (as Layer > Change Data
    Source does) and computes no statistics."""
    options = QgsRasterLayer.LayerOptions(False)
    options.skipCrsValidation = True
    layer = QgsRasterLayer(style_seed(), name, "gdal", options)
    layer.loadNamedStyle(str(qml_path))
    layer.setDataSource(source, name, "gdal", QgsDataProvider.ProviderOptions(), False)
    return layer


def style_seed() -> str:
    """Two cells, 0 and 1, in GDAL's memory: a raster whose default style costs nothing and warns of nothing."""
    if gdal.VSIStatL(STYLE_SEED) is None:
        dataset = gdal.GetDriverByName("GTiff").Create(STYLE_SEED, 2, 1, 1, gdal.GDT_Float32)
        dataset.SetGeoTransform((0, 1, 0, 0, 0, -1))
        dataset.GetRasterBand(1).WriteRaster(0, 0, 2, 1, array("f", [0.0, 1.0]).tobytes())
        dataset = None
    return STYLE_SEED


# QGIS does not take ownership of Python post-processors: each is kept here, one per output, until it ran.
KEPT_POST_PROCESSORS: Dict[str, StyleWithQml] = {}


def release_post_processor(post_processor: StyleWithQml) -> None:
    if KEPT_POST_PROCESSORS.get(post_processor.output_path) is post_processor:
        del KEPT_POST_PROCESSORS[post_processor.output_path]


def load_result_with_style(context, output_path: str, layer_name: str, style: ResultStyle) -> None:
    """Name and style the output layer QGIS loads when the algorithm finishes. Layers FloodSR loaded earlier from
    the same file are replaced."""
    if not context.willLoadLayerOnCompletion(output_path):
        return
    details = context.layerToLoadOnCompletionDetails(output_path)
    details.name = layer_name
    post_processor = StyleProductBands(output_path, style) if style.other_bands else StyleWithQml(output_path, style)
    KEPT_POST_PROCESSORS[output_path] = post_processor
    details.setPostProcessor(post_processor)
    if style.other_bands:
        # QGIS takes the layer of an output from the context's layer store when one shows that file: the
        # product's layer is made here, styled from the start (see styled_raster_layer).
        context.temporaryLayerStore().addMapLayer(styled_raster_layer(output_path, layer_name, style.qml_path))


def result_layer_name(parameters, name: str, output: str, default: str, preview: bool = False) -> str:
    """QGIS's own convention: a layer saved to a file the user chose is named after that file;
    a temporary output keeps a descriptive name. A preview (a run on part of the extent) says so."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink.staticValue()
    named = default if value in (None, "", QgsProcessing.TEMPORARY_OUTPUT) else Path(output).stem
    return tr("{} (preview)").format(named) if preview else named
