"""floodsr:superresolve - coarse flood depth + fine DEM -> fine flood depth, with a FloodSR model."""

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ..engine.models.registry import find_model, load_registry
from ..engine.options import BLEND_MODES, COMPRESSIONS, DEVICES
from ..engine.superresolution.contract import DEFAULT_OVERLAP_LR
from ..floodsr_plugin.settings import model_cache_dir
from .algorithm import (
    FloodSRAlgorithm,
    add_help,
    band_parameter,
    band_value,
    engine_errors_as_processing_exceptions,
    feedback_progress,
    gdal_source,
)
from .enums import DOUBLE, INTEGER, make_advanced
from .layer_style import FLOOD_DEPTH_STYLE, load_result_with_style

MAX_OVERLAP_LR = 15


class SuperResolveAlgorithm(FloodSRAlgorithm):
    INPUT_DEPTH = "INPUT_DEPTH"
    DEPTH_BAND = "DEPTH_BAND"
    INPUT_DEM = "INPUT_DEM"
    DEM_BAND = "DEM_BAND"
    MODEL = "MODEL"
    MODEL_FILE = "MODEL_FILE"
    OVERLAP = "OVERLAP"
    BLEND = "BLEND"
    MAX_DEPTH = "MAX_DEPTH"
    DEM_CLIP = "DEM_CLIP"
    DEVICE = "DEVICE"
    COMPRESSION = "COMPRESSION"
    COG = "COG"
    OUTPUT = "OUTPUT"
    DEVICE_USED = "DEVICE_USED"
    TILES = "TILES"
    SECONDS = "SECONDS"

    runtime_packages = ("onnxruntime", "scipy")
    _post_processors = []

    def name(self):
        return "superresolve"

    def displayName(self):
        return self.tr("Super-resolve flood depth")

    def group(self):
        return self.tr("Super-resolution")

    def groupId(self):
        return "superresolution"

    def tags(self):
        return self.tr("flood,depth,downscale,super-resolution,DEM,onnx,neural network").split(",")

    def shortHelpString(self):
        return self.tr(
            "Turns a coarse water-depth raster (for example 30 m, from a fast hydraulic model) into a fine one on the "
            "grid of a high-resolution DEM (for example 2 m), with a FloodSR super-resolution model run by onnxruntime.\n\n"
            "The output is a float32 GeoTIFF on the DEM's own grid (same CRS and cell size) covering the depth raster's "
            "extent. Cells where the DEM has no data are nodata; depth nodata counts as dry. Depths are clipped to the "
            "model's maximum depth and depths under 1 mm are set to 0.\n\n"
            "Large rasters are processed tile by tile (512 x 512 model cells, overlapping and feather-blended so no "
            "seams show) and written as they finish, so memory stays flat. If the DEM is in another CRS it is "
            "reprojected on the fly into the depth raster's CRS. The depth raster must be in a projected CRS."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            add_help(
                QgsProcessingParameterRasterLayer(self.INPUT_DEPTH, self.tr("Coarse water depth (m)")),
                self.tr("Water depth in metres from a coarse model run, e.g. 30 m cells. Not water-surface elevation."),
            )
        )
        self.addParameter(band_parameter(self.DEPTH_BAND, self.tr("Depth band"), self.INPUT_DEPTH))
        self.addParameter(
            add_help(
                QgsProcessingParameterRasterLayer(self.INPUT_DEM, self.tr("Fine DEM (m)")),
                self.tr(
                    "Bare-earth elevation in metres at the resolution you want, e.g. 2 m. The output uses its grid."
                ),
            )
        )
        self.addParameter(band_parameter(self.DEM_BAND, self.tr("DEM band"), self.INPUT_DEM))
        self.addParameter(
            add_help(
                QgsProcessingParameterEnum(self.MODEL, self.tr("Model"), options=self._model_names(), defaultValue=0),
                self.tr(
                    "A registered model. The bundled model works offline; others must be fetched first "
                    "('Fetch a registered model')."
                ),
            )
        )
        self.addParameter(
            add_help(
                QgsProcessingParameterFile(
                    self.MODEL_FILE, self.tr("Model file (overrides Model)"), extension="onnx", optional=True
                ),
                self.tr(
                    "Any ONNX file with the FloodSR contract (inputs depth_lr [N,32,32,1] and dem_hr [N,512,512,1])."
                ),
            )
        )
        for parameter in self._advanced_parameters():
            make_advanced(parameter)
            self.addParameter(parameter)
        self.addParameter(
            add_help(
                QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Fine water depth")),
                self.tr("A GeoTIFF (.tif) on the DEM's grid; it appears only when the run succeeds."),
            )
        )
        self.addOutput(QgsProcessingOutputString(self.DEVICE_USED, self.tr("Execution provider used")))
        self.addOutput(QgsProcessingOutputNumber(self.TILES, self.tr("Number of tiles")))
        self.addOutput(QgsProcessingOutputNumber(self.SECONDS, self.tr("Run time (s)")))

    def _advanced_parameters(self):
        return [
            add_help(
                QgsProcessingParameterNumber(
                    self.OVERLAP,
                    self.tr("Tile overlap (coarse pixels)"),
                    INTEGER,
                    DEFAULT_OVERLAP_LR,
                    minValue=0,
                    maxValue=MAX_OVERLAP_LR,
                ),
                self.tr(
                    "Overlap of neighbouring tiles in coarse pixels; 8 (128 model pixels) is what the model was run with."
                ),
            ),
            add_help(
                QgsProcessingParameterEnum(
                    self.BLEND, self.tr("Tile blending"), options=list(BLEND_MODES), defaultValue=0
                ),
                self.tr(
                    "feather: overlapping tiles weighted by ramps (no seams). hard: tiles side by side, no overlap."
                ),
            ),
            add_help(
                QgsProcessingParameterNumber(
                    self.MAX_DEPTH, self.tr("Maximum depth (m)"), DOUBLE, None, optional=True, minValue=0.01
                ),
                self.tr(
                    "Depth cap of the normalisation. Leave empty to use the model's own (5 m for ResUNet_16x_DEM)."
                ),
            ),
            add_help(
                QgsProcessingParameterNumber(
                    self.DEM_CLIP, self.tr("DEM clip percentile"), DOUBLE, None, optional=True, minValue=1, maxValue=100
                ),
                self.tr(
                    "Per-tile DEM percentile above which elevations are clipped. Leave empty for the model's own (95)."
                ),
            ),
            add_help(
                QgsProcessingParameterEnum(self.DEVICE, self.tr("Device"), options=list(DEVICES), defaultValue=0),
                self.tr("auto picks CUDA, DirectML or CoreML when onnxruntime has them, else the CPU."),
            ),
            add_help(
                QgsProcessingParameterEnum(
                    self.COMPRESSION, self.tr("Compression"), options=list(COMPRESSIONS), defaultValue=0
                ),
                self.tr("GeoTIFF compression (with the floating-point predictor)."),
            ),
            add_help(
                QgsProcessingParameterBoolean(self.COG, self.tr("Write a Cloud-Optimized GeoTIFF"), False),
                self.tr("Adds overviews and the COG layout, for serving the result over HTTP."),
            ),
        ]

    @staticmethod
    def _model_names():
        return [entry.name for entry in load_registry(model_cache_dir())]

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        from ..engine.superresolution.run import SuperResolveRequest, superresolve

        model_path, model_name = self._model(parameters, context)
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        request = SuperResolveRequest(
            depth_path=gdal_source(
                self.parameterAsRasterLayer(parameters, self.INPUT_DEPTH, context), self.tr("depth")
            ),
            dem_path=gdal_source(self.parameterAsRasterLayer(parameters, self.INPUT_DEM, context), self.tr("DEM")),
            model_path=model_path,
            output_path=output,
            depth_band=band_value(self, parameters, self.DEPTH_BAND, context),
            dem_band=band_value(self, parameters, self.DEM_BAND, context),
            overlap_lr=self.parameterAsInt(parameters, self.OVERLAP, context),
            blend=BLEND_MODES[self.parameterAsEnum(parameters, self.BLEND, context)],
            max_depth=self._optional_number(parameters, self.MAX_DEPTH, context),
            dem_clip=self._optional_number(parameters, self.DEM_CLIP, context),
            device=DEVICES[self.parameterAsEnum(parameters, self.DEVICE, context)],
            compression=COMPRESSIONS[self.parameterAsEnum(parameters, self.COMPRESSION, context)],
            cog=self.parameterAsBoolean(parameters, self.COG, context),
            model_name=model_name,
        )
        result = superresolve(request, feedback_progress(feedback))
        feedback.pushInfo(
            self.tr("Done in {:.1f} s ({:.1f} s in the model); maximum depth {:.2f} m, wet fraction {:.1%}.").format(
                result.seconds, result.session_seconds, result.max_depth_found, result.wet_fraction
            )
        )
        load_result_with_style(
            context, output, self.tr("Flood depth ({})").format(model_name), FLOOD_DEPTH_STYLE, self._post_processors
        )
        return {
            self.OUTPUT: output,
            self.DEVICE_USED: result.device_used,
            self.TILES: result.tiles,
            self.SECONDS: result.seconds,
        }

    def _model(self, parameters, context):
        """(path, name) of the chosen model: MODEL_FILE when given, else the registered MODEL."""
        model_file = self.parameterAsFile(parameters, self.MODEL_FILE, context)
        if model_file:
            return model_file, Path(model_file).stem
        names = self._model_names()
        index = self.parameterAsEnum(parameters, self.MODEL, context)
        if not 0 <= index < len(names):
            raise QgsProcessingException(
                self.tr("Model number {} does not exist; choose 0 to {}.").format(index, len(names) - 1)
            )
        cache = model_cache_dir()
        entry = find_model(names[index], cache)
        if not entry.is_installed(cache):
            raise QgsProcessingException(
                self.tr(
                    "The model {} is not downloaded yet. Run 'Fetch a registered model' (floodsr:fetchmodel) for it, "
                    "or give a local file in 'Model file'."
                ).format(entry.name)
            )
        return str(entry.local_path(cache)), entry.name

    def _optional_number(self, parameters, name, context):
        if parameters.get(name) in (None, ""):
            return None
        return self.parameterAsDouble(parameters, name, context)
