"""Build resources/models/examples/flood_depth_and_extent.model3 with the modeler API (so QGIS can read it).

The model: FloodSR super-resolution, then QGIS's native:reclassifybytable turning depth into a
flood-extent raster (1 where the depth is at least the threshold), and floodsr:floodextent outlining the same
cells as polygons with their areas (through QGIS's Polygonize). Every parameter of every step has a value
(the designer calls it invalid otherwise), choices are saved by name, and the boxes are laid out left to right:
inputs, steps, outputs. The provider lists it under FloodSR > Example models, in the user's language, with its
help link and its outputs' styles (floodsr_plugin/example_models.py).
Run: QT_HASH_SEED=0 .venv/bin/python tools/make_example_model.py (a fixed hash seed writes the attributes in the
same order every time, so a change to the model shows as a small diff)
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (
    QgsApplication,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)
from qgis.core import (
    QgsProcessingModelChildParameterSource as Source,
)
from qgis.PyQt.QtCore import QPointF, QSizeF

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "models" / "examples" / "flood_depth_and_extent.model3"
DEFAULT_WET_THRESHOLD_M = 0.1
# QGIS 3.22 leaves a model parameter's variable empty when a script does not give the parameter: the
# expressions fall back to its default themselves.
WET_THRESHOLD = f"coalesce(@wet_threshold, {DEFAULT_WET_THRESHOLD_M})"
sys.path.insert(0, str(ROOT / "build" / "plugins"))
from floodsr.processing_provider.enums import DOUBLE  # noqa: E402

INPUTS = [
    (
        QgsProcessingParameterRasterLayer("coarse_depth", "Coarse water depth (m)"),
        "Water depth in metres from a coarse model run, e.g. 30 m cells.",
    ),
    (
        QgsProcessingParameterRasterLayer("fine_dem", "Fine DEM (m)"),
        "Bare-earth elevation in metres at the resolution you want, e.g. 2 m.",
    ),
    (
        QgsProcessingParameterFile(
            "model_file", "Model file (empty: the bundled model)", extension="onnx", optional=True
        ),
        "An ONNX model with the FloodSR contract; leave empty for the model bundled with the plugin.",
    ),
    (
        QgsProcessingParameterNumber(
            "wet_threshold", "Flooded from depth (m)", DOUBLE, DEFAULT_WET_THRESHOLD_M, minValue=0.0
        ),
        "Cells at least this deep are marked as flooded.",
    ),
    (
        QgsProcessingParameterExtent("preview_extent", "Preview extent (empty: the whole raster)", optional=True),
        "Run only on this extent first, to see the result in seconds.",
    ),
]
OUTPUT_HELP = {
    "superresolve:fine_depth": "The super-resolved water depth, a GeoTIFF on the DEM's grid.",
    "extent:flood_extent": "1 where the water is at least the threshold deep, 0 elsewhere.",
    "extent_polygons:flood_extent_polygons": "The flooded cells as polygons (GeoPackage), each with its area in m2.",
}
# Columns of the designer's canvas: inputs, steps, outputs; rows 90 px apart.
COLUMN_X = (120.0, 420.0, 720.0)
ROW_Y = 90.0
SUPERRESOLVE_SETTINGS = {
    "MODEL": "FloodSR_surface_16x",  # the Toolbox's default
    "OVERLAP": 8,
    "BLEND": "feather",
    "DEVICE": "auto",
    "COMPRESSION": "DEFLATE",
    "COG": False,
    "CONSERVE_VOLUME": False,
    "RAW_MODEL": False,
    "ALL_DEPTH_BANDS": False,
    "AUGMENTATIONS": "1",
    "DATA_TYPE": "Float32",
    "MAX_FALLBACK": 5.0,
}


@dataclass(frozen=True)
class Step:
    """One step of the model: the algorithm it runs, its id and name in the model, where its parameters come from
    (model inputs, other steps' outputs), its constant parameters, the model outputs it gives (model output name ->
    (the algorithm's output, description)) and its row on the canvas."""

    algorithm_id: str
    child_id: str
    description: str
    sources: dict
    constants: dict
    outputs: dict
    row: int


def child(step: Step) -> QgsProcessingModelChildAlgorithm:
    algorithm = QgsProcessingModelChildAlgorithm(step.algorithm_id)
    algorithm.setChildId(step.child_id)
    algorithm.setDescription(step.description)
    algorithm.setPosition(QPointF(COLUMN_X[1], ROW_Y * step.row))
    algorithm.setSize(QSizeF(240, 30))  # the step's name on one line
    for name, source in step.sources.items():
        algorithm.addParameterSources(name, [source])
    for name, value in step.constants.items():
        algorithm.addParameterSources(name, [Source.fromStaticValue(value)])
    model_outputs = {}
    for model_name, (child_output, description) in step.outputs.items():
        output = QgsProcessingModelOutput(model_name, description)
        output.setChildId(step.child_id)
        output.setChildOutputName(child_output)
        output.setPosition(QPointF(COLUMN_X[2], ROW_Y * step.row + 30))
        model_outputs[model_name] = output
    algorithm.setModelOutputs(model_outputs)
    return algorithm


def build():
    model = QgsProcessingModelAlgorithm("Flood depth and extent", "Example models")
    # The model's help as the designer keeps it (Edit Model Help): a description, then one line per parameter.
    model.setHelpContent(
        {
            "ALG_DESC": "Super-resolves a coarse water depth onto a fine DEM with FloodSR, then marks "
            "flooded cells (depth at least the threshold) with QGIS's Reclassify by table and outlines them as "
            "polygons with their areas (FloodSR's flood extent polygons, through QGIS's Polygonize). Give a preview "
            "extent to try it on a small area first.",
            **{parameter.name(): help_text for parameter, help_text in INPUTS},
            **OUTPUT_HELP,
            "ALG_CREATOR": "FloodSR for QGIS",
        }
    )
    for row, (parameter, help_text) in enumerate(INPUTS, start=1):
        parameter.setHelp(help_text)
        component = QgsProcessingModelParameter(parameter.name())
        component.setPosition(QPointF(COLUMN_X[0], ROW_Y * row))
        model.addModelParameter(parameter, component)
    model.addChildAlgorithm(
        child(
            Step(
                "floodsr:superresolve",
                "superresolve",
                "Super-resolve flood depth",
                {
                    "INPUT_DEPTH": Source.fromModelParameter("coarse_depth"),
                    "INPUT_DEM": Source.fromModelParameter("fine_dem"),
                    "MODEL_FILE": Source.fromModelParameter("model_file"),
                    "EXTENT": Source.fromModelParameter("preview_extent"),
                },
                SUPERRESOLVE_SETTINGS,
                {"fine_depth": ("OUTPUT", "Fine water depth")},
                row=2,
            )
        )
    )
    extent = child(
        Step(
            "native:reclassifybytable",
            "extent",
            "Flooded cells",
            {"INPUT_RASTER": Source.fromChildOutput("superresolve", "OUTPUT")},
            {"RASTER_BAND": 1, "RANGE_BOUNDARIES": 1, "NODATA_FOR_MISSING": False, "NO_DATA": 255, "DATA_TYPE": 0},
            {"flood_extent": ("OUTPUT", "Flood extent (1 = flooded)")},
            row=4,
        )
    )
    extent.addParameterSources(
        "TABLE", [Source.fromExpression(f"with_variable('wet', {WET_THRESHOLD}, array(-1, @wet, 0, @wet, 1000000, 1))")]
    )
    model.addChildAlgorithm(extent)
    model.addChildAlgorithm(
        child(
            Step(
                "floodsr:floodextent",
                "extent_polygons",
                "Flood extent polygons",
                {
                    "INPUT": Source.fromChildOutput("superresolve", "OUTPUT"),
                    "THRESHOLD": Source.fromExpression(WET_THRESHOLD),
                },
                {"BAND": 1, "EIGHT_CONNECTED": False},
                {"flood_extent_polygons": ("OUTPUT", "Flood extent polygons")},
                row=6,
            )
        )
    )
    valid, issues = model.validate()
    if not valid:
        raise SystemExit("The example model is not valid: " + "; ".join(issues))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    assert model.toFile(str(TARGET))
    return TARGET


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(QgsApplication.pkgDataPath() + "/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    import floodsr

    plugin = floodsr.classFactory(None)
    plugin.initProcessing()  # the model's steps are checked against the algorithms
    print(build())
    sys.stdout.flush()
    os._exit(0)
