"""Build resources/models/examples/flood_depth_and_extent.model3 with the modeler API (so QGIS can read it).

The model: FloodSR super-resolution, then QGIS's native:reclassifybytable turning depth into a
flood-extent raster (1 where the depth is at least the threshold). Run: .venv/bin/python tools/make_example_model.py
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (
    QgsApplication,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)
from qgis.core import (
    QgsProcessingModelChildParameterSource as Source,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build" / "plugins"))  # the checkout as the package `floodsr` (make setup links it)
from floodsr.processing_provider.enums import DOUBLE  # noqa: E402

TARGET = ROOT / "resources" / "models" / "examples" / "flood_depth_and_extent.model3"
INPUTS = [
    QgsProcessingParameterRasterLayer("coarse_depth", "Coarse water depth (m)"),
    QgsProcessingParameterRasterLayer("fine_dem", "Fine DEM (m)"),
    QgsProcessingParameterFile("model_file", "Model file (empty: the bundled model)", extension="onnx", optional=True),
    QgsProcessingParameterNumber("wet_threshold", "Flooded from depth (m)", DOUBLE, 0.1, minValue=0.0),
]


def child(algorithm_id, child_id, description, sources, constants, outputs):
    step = QgsProcessingModelChildAlgorithm(algorithm_id)
    step.setChildId(child_id)
    step.setDescription(description)
    for name, source in sources.items():
        step.addParameterSources(name, [source])
    for name, value in constants.items():
        step.addParameterSources(name, [Source.fromStaticValue(value)])
    model_outputs = {}
    for model_name, (child_output, description) in outputs.items():
        output = QgsProcessingModelOutput(model_name, description)
        output.setChildId(child_id)
        output.setChildOutputName(child_output)
        model_outputs[model_name] = output
    step.setModelOutputs(model_outputs)
    return step


def build():
    model = QgsProcessingModelAlgorithm("Flood depth and extent (FloodSR)", "FloodSR examples")
    model.setHelpContent(
        {
            "ALG_DESC": "Super-resolves a coarse water depth onto a fine DEM with FloodSR, then marks "
            "flooded cells (depth >= threshold) with QGIS's Reclassify by table."
        }
    )
    for parameter in INPUTS:
        model.addModelParameter(parameter, QgsProcessingModelParameter(parameter.name()))
    model.addChildAlgorithm(
        child(
            "floodsr:superresolve",
            "superresolve",
            "Super-resolve flood depth",
            {
                "INPUT_DEPTH": Source.fromModelParameter("coarse_depth"),
                "INPUT_DEM": Source.fromModelParameter("fine_dem"),
                "MODEL_FILE": Source.fromModelParameter("model_file"),
            },
            {},
            {"fine_depth": ("OUTPUT", "Fine water depth")},
        )
    )
    extent = child(
        "native:reclassifybytable",
        "extent",
        "Flooded cells",
        {"INPUT_RASTER": Source.fromChildOutput("superresolve", "OUTPUT")},
        {"RASTER_BAND": 1, "RANGE_BOUNDARIES": 1, "NODATA_FOR_MISSING": False, "NO_DATA": 255, "DATA_TYPE": 0},
        {"flood_extent": ("OUTPUT", "Flood extent (1 = flooded)")},
    )
    extent.addParameterSources(
        "TABLE", [Source.fromExpression("array(-1, @wet_threshold, 0, @wet_threshold, 1000000, 1)")]
    )
    model.addChildAlgorithm(extent)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    assert model.toFile(str(TARGET))
    return TARGET


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    print(build())
    sys.stdout.flush()
    os._exit(0)
