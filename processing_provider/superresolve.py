"""floodsr:superresolve - coarse flood depth + fine DEM -> fine flood depth, with a FloodSR model."""

import math
from pathlib import Path

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ..engine.options import (
    APPLICABILITY_LAYER,
    AUGMENTATION_VARIANTS,
    BLEND_MODES,
    DEFAULT_MAX_FALLBACK_SHARE,
    DEPTH_LAYER,
    DEVICES,
    FLOAT32,
    OUTPUT_DATA_TYPES,
    SPREAD_LAYER,
)
from ..engine.rasters.tags import split_layer_key
from ..engine.scene import SceneSpec, default_model_name, resolve_model, superresolve_request
from ..engine.superresolution.contract import DEFAULT_OVERLAP_LR, STANDARD_LR_TILE, max_overlap_lr
from ..floodsr_plugin.i18n import LANGUAGE, localised
from ..floodsr_plugin.settings import model_cache_dir
from .algorithm import FeedbackProgress, FloodSRAlgorithm, engine_errors_as_processing_exceptions, gdal_source
from .enums import DOUBLE, HIDDEN, INTEGER
from .layer_style import (
    APPLICABILITY_STYLE,
    DEPTH_SPREAD_STYLE,
    DEPTH_STYLES,
    BandLayer,
    ResultStyle,
    depth_style,
    load_result_with_style,
    result_layer_name,
)
from .model_choice import model_choice_help, model_choice_label, model_names
from .parameters import (
    band_parameter,
    band_value,
    choice_parameter,
    compression_parameter,
    connectivity_parameter,
    depth_options_help,
    depth_style_parameter,
    extent_parameter,
    fine_depth_output_parameter,
    min_depth_parameter,
    min_depth_value,
    obstructions_parameter,
    obstructions_value,
    optional_extent,
    optional_output,
    start_with_coarse_and_fine_layers,
    wse_output_parameter,
)


class SuperResolveAlgorithm(FloodSRAlgorithm):
    INPUT_DEPTH = "INPUT_DEPTH"
    DEPTH_BAND = "DEPTH_BAND"
    INPUT_DEM = "INPUT_DEM"
    DEM_BAND = "DEM_BAND"
    MODEL = "MODEL"
    MODEL_FILE = "MODEL_FILE"
    CONSERVE_VOLUME = "CONSERVE_VOLUME"
    RAW_MODEL = "RAW_MODEL"
    OVERLAP = "OVERLAP"
    BLEND = "BLEND"
    MAX_DEPTH = "MAX_DEPTH"
    DEM_CLIP = "DEM_CLIP"
    DEVICE = "DEVICE"
    COMPRESSION = "COMPRESSION"
    COG = "COG"
    EXTENT = "EXTENT"
    ALL_DEPTH_BANDS = "ALL_DEPTH_BANDS"
    AUGMENTATIONS = "AUGMENTATIONS"
    DATA_TYPE = "DATA_TYPE"
    MAX_FALLBACK = "MAX_FALLBACK"
    WEIGHTS = "WEIGHTS"
    MIN_DEPTH = "MIN_DEPTH"
    OBSTRUCTIONS = "OBSTRUCTIONS"
    CONNECTED_ONLY = "CONNECTED_ONLY"
    DEPTH_STYLE = "DEPTH_STYLE"
    OUTPUT = "OUTPUT"
    OUTPUT_WSE = "OUTPUT_WSE"
    DEVICE_USED = "DEVICE_USED"
    TILES = "TILES"
    SECONDS = "SECONDS"
    BANDS = "BANDS"
    TILES_FALLBACK = "TILES_FALLBACK"
    FALLBACK_TILES = "FALLBACK_TILES"
    OUTSIDE_SHARE = "OUTSIDE_SHARE"
    GUARDED_SHARE = "GUARDED_SHARE"

    runtime_packages = ("onnxruntime", "scipy")

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

    def help_text(self):
        text = self.tr(
            "Turns a coarse water-depth raster (for example 30 m, from a fast hydraulic model) into a fine one on the "
            "grid of a high-resolution DEM (for example 2 m), with a FloodSR super-resolution model run by "
            "onnxruntime.\n\n"
            "The output is a GeoTIFF (float32 by default) on the DEM's own grid (same CRS and cell size) covering "
            "the depth raster's extent. Cells where the DEM has no data are nodata; depth nodata counts as dry. "
            "Depths are clipped to the model's maximum depth and depths under 1 mm are set to 0.\n\n"
            "Large rasters are processed tile by tile (512 x 512 model cells, overlapping and feather-blended so no "
            "seams show) and written as they finish, so memory stays flat. If the depth raster is in another CRS than "
            "the DEM, it is reprojected on the fly onto cells aligned with the DEM's (each the area-weighted average "
            "of the depth cells it covers), so the output is on the DEM's grid all the same. The depth raster must be "
            "in a projected CRS.\n\n"
            "A model does not always keep the coarse water volume. 'Keep each coarse cell's water volume' corrects "
            "its output so that it does (after the depth clip), and the log says by how much the model was off.\n\n"
            "Tile overlap is counted in coarse pixels, the cells of the depth raster: an overlap of 8 means "
            "neighbouring tiles share a strip 8 depth cells wide.\n\n"
            "Preview extent: draw or pick an extent to run only there first; the result equals the same cells "
            "of a full run, so a few seconds show what a long run will give.\n\n"
            "The output is one GeoTIFF, band by band: the depth of each depth band chosen; with test-time "
            "augmentation, the spread of each (standard deviation in metres over 4 or 8 flipped and rotated runs, "
            "nodata where dry; the depth is then their mean, and the model takes 4 or 8 times as long); when the "
            "model ships its training range, an applicability band per depth band (0 where the tile's terrain and "
            "flood are inside what the model was trained on, else the sum of 1 relief, 2 slope, 4 mean depth, 8 "
            "maximum depth, 16 wet fraction, 32 cell size for the features outside). Running again into the same "
            "file with a band it lacks adds only that band. The model's output is clipped to its range as its "
            "contract says (the log gives the share of values clipped); tiles where it is not finite get the "
            "volume-conserving subgrid estimate instead and are listed in the log."
        )
        return text + "\n\n" + depth_options_help()

    def initAlgorithm(self, config=None):
        self.add_parameter(
            QgsProcessingParameterRasterLayer(self.INPUT_DEPTH, self.tr("Coarse water depth (m)")),
            self.tr("Water depth in metres from a coarse model run, e.g. 30 m cells. Not water-surface elevation."),
        )
        self.add_parameter(band_parameter(self.DEPTH_BAND, self.tr("Depth band"), self.INPUT_DEPTH))
        self.add_parameter(
            QgsProcessingParameterRasterLayer(self.INPUT_DEM, self.tr("Fine DEM (m)")),
            self.tr("Bare-earth elevation in metres at the resolution you want, e.g. 2 m. The output uses its grid."),
        )
        self.add_parameter(band_parameter(self.DEM_BAND, self.tr("DEM band"), self.INPUT_DEM))
        start_with_coarse_and_fine_layers(self, self.INPUT_DEPTH, self.INPUT_DEM)
        cache = model_cache_dir()
        self.add_parameter(
            choice_parameter(self.MODEL, model_choice_label(cache), model_names(cache), default_model_name(cache)),
            model_choice_help(cache),
        )
        self.add_parameter(
            QgsProcessingParameterFile(
                self.MODEL_FILE, self.tr("Model file (overrides Model)"), extension="onnx", optional=True
            ),
            self.tr("Any ONNX file with the FloodSR contract (inputs depth_lr [N,32,32,1] and dem_hr [N,512,512,1])."),
        )
        self.add_parameter(
            QgsProcessingParameterBoolean(self.CONSERVE_VOLUME, self.tr("Keep each coarse cell's water volume"), False),
            self.tr(
                "Corrects the model's output so that the water in every coarse cell equals its depth x its area "
                "(the coarse depth read as the cell-average depth): the model's wet cells in the coarse cell are "
                "scaled by one factor; where the model is dry in a wet coarse cell, the flat level that holds the "
                "volume is used; coarse cells that are dry become dry. The log gives the largest error corrected. "
                "Off by default, so that the output is the model's own."
            ),
        )
        self.add_parameter(
            QgsProcessingParameterBoolean(
                self.RAW_MODEL, self.tr("Raw model output, also outside its training range"), False
            ),
            self.tr(
                "Off (the default): where the model is outside its training range (its applicability flags), the "
                "output is the model-free subgrid_smooth estimate of floodsr:downscale, so the output is never "
                "the model's guess on terrain or floods it has not learned; the log says what share of the cells "
                "took which. On: the model's output everywhere."
            ),
        )
        self.add_parameter(extent_parameter(self.EXTENT))
        self.add_parameter(
            QgsProcessingParameterBoolean(self.ALL_DEPTH_BANDS, self.tr("Every band of the depth raster"), False),
            self.tr(
                "For a depth raster of several scenarios or time steps: every band goes into the matching band of "
                "the output, in one pass over the DEM, and the water-surface output gets one band per depth band "
                "too. 'Depth band' is then ignored."
            ),
        )
        variants = [str(count) for count in AUGMENTATION_VARIANTS]
        self.add_parameter(
            choice_parameter(
                self.AUGMENTATIONS, self.tr("Uncertainty: test-time augmentation variants (1: off)"), variants, "1"
            ),
            self.tr(
                "4 or 8 runs the model on flipped and rotated copies of every tile and adds a band with the spread "
                "(standard deviation, m) of the results; the depth becomes their mean. Costs 4 or 8 times the model "
                "time. 1 runs each tile once, with no spread band."
            ),
        )
        self._add_advanced_parameters()
        self._add_output_options()
        self.add_parameter(fine_depth_output_parameter(self.OUTPUT))
        self.add_parameter(wse_output_parameter(self.OUTPUT_WSE))
        self.add_parameter(
            QgsProcessingParameterRasterDestination(
                self.WEIGHTS, self.tr("Blending weight map (debug)"), optional=True, createByDefault=False
            ),
            self.tr("The sum of the tiles' blending weights on the model grid, to inspect how tiles are blended."),
            advanced=True,
        )
        # A debug output, for scripts and qgis_process: the dialog would list it with the results a user wants
        # (QGIS puts every output below the advanced parameters, whatever its flags).
        weights = self.parameterDefinition(self.WEIGHTS)
        weights.setFlags(weights.flags() | HIDDEN)
        self.addOutput(QgsProcessingOutputString(self.DEVICE_USED, self.tr("Execution provider used")))
        self.addOutput(QgsProcessingOutputNumber(self.TILES, self.tr("Number of tiles")))
        self.addOutput(QgsProcessingOutputNumber(self.SECONDS, self.tr("Run time (s)")))
        self.addOutput(QgsProcessingOutputString(self.BANDS, self.tr("Bands of the output")))
        self.addOutput(QgsProcessingOutputNumber(self.TILES_FALLBACK, self.tr("Tiles given the subgrid estimate")))
        self.addOutput(QgsProcessingOutputString(self.FALLBACK_TILES, self.tr("Where the subgrid estimate was used")))
        self.addOutput(
            QgsProcessingOutputNumber(self.OUTSIDE_SHARE, self.tr("Share of tiles outside the training range"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.GUARDED_SHARE, self.tr("Share of output cells given the subgrid_smooth estimate")
            )
        )

    def _add_output_options(self):
        self.add_parameter(min_depth_parameter(self.MIN_DEPTH))
        self.add_parameter(obstructions_parameter(self.OBSTRUCTIONS))
        self.add_parameter(connectivity_parameter(self.CONNECTED_ONLY))
        self.add_parameter(depth_style_parameter(self.DEPTH_STYLE, list(DEPTH_STYLES)))
        self.add_parameter(
            choice_parameter(self.DATA_TYPE, self.tr("Output data type"), OUTPUT_DATA_TYPES, FLOAT32),
            self.tr(
                "Float32 (exact), Float16 (half the size, 3 significant digits) or Int16 centimetres (half the size, "
                "1 cm steps; the file's scale makes GDAL and QGIS read metres)."
            ),
            advanced=True,
        )
        self.add_parameter(
            QgsProcessingParameterNumber(
                self.MAX_FALLBACK,
                self.tr("Most tiles allowed the subgrid fallback (%)"),
                DOUBLE,
                DEFAULT_MAX_FALLBACK_SHARE * 100,
                minValue=0,
                maxValue=100,
            ),
            self.tr(
                "Tiles whose model output is not finite get the subgrid estimate (finite values outside 0 to the "
                "maximum depth are clipped to it); when more than this share of tiles need it, the run fails instead."
            ),
            advanced=True,
        )

    def _add_advanced_parameters(self):
        self.add_parameter(
            QgsProcessingParameterNumber(
                self.OVERLAP,
                self.tr("Tile overlap (coarse pixels)"),
                INTEGER,
                DEFAULT_OVERLAP_LR,
                minValue=0,
                maxValue=max_overlap_lr(STANDARD_LR_TILE),
            ),
            self.tr(
                "Overlap of neighbouring tiles in coarse pixels; 8 (128 model pixels) is what the model was run with."
            ),
            advanced=True,
        )
        self.add_parameter(
            choice_parameter(self.BLEND, self.tr("Tile blending"), BLEND_MODES, BLEND_MODES[0]),
            self.tr("feather: overlapping tiles weighted by ramps (no seams). hard: tiles side by side, no overlap."),
            advanced=True,
        )
        self.add_parameter(
            QgsProcessingParameterNumber(
                self.MAX_DEPTH, self.tr("Maximum depth (m)"), DOUBLE, None, optional=True, minValue=0.01
            ),
            self.tr("Depth cap of the normalisation. Leave empty to use the model's own (5 m for ResUNet_16x_DEM)."),
            advanced=True,
        )
        self.add_parameter(
            QgsProcessingParameterNumber(
                self.DEM_CLIP, self.tr("DEM clip percentile"), DOUBLE, None, optional=True, minValue=1, maxValue=100
            ),
            self.tr(
                "Per-tile DEM percentile above which elevations are clipped. Leave empty for the model's own (95)."
            ),
            advanced=True,
        )
        self.add_parameter(
            choice_parameter(self.DEVICE, self.tr("Device"), DEVICES, DEVICES[0]),
            self.tr("auto picks CUDA, DirectML or CoreML when onnxruntime has them, else the CPU."),
            advanced=True,
        )
        self.add_parameter(compression_parameter(self.COMPRESSION), advanced=True)
        self.add_parameter(
            QgsProcessingParameterBoolean(self.COG, self.tr("Write a Cloud-Optimized GeoTIFF"), False),
            self.tr("Adds overviews and the COG layout, for serving the result over HTTP."),
            advanced=True,
        )

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        from ..engine.superresolution.run import superresolve

        model = self._model(parameters, context)
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        depth_layer = self.parameterAsRasterLayer(parameters, self.INPUT_DEPTH, context)
        dem_layer = self.parameterAsRasterLayer(parameters, self.INPUT_DEM, context)
        every_band = self.parameterAsBoolean(parameters, self.ALL_DEPTH_BANDS, context)
        weights = self.parameterAsOutputLayer(parameters, self.WEIGHTS, context) if parameters.get(self.WEIGHTS) else ""
        obstructions = obstructions_value(self, parameters, self.OBSTRUCTIONS, context, feedback)
        scene = SceneSpec(
            depth_path=gdal_source(depth_layer, self.tr("depth")),
            dem_path=gdal_source(dem_layer, self.tr("DEM")),
            output_path=output,
            model_path=str(model.path),
            model_name=model.name,
            min_depth=min_depth_value(self, parameters, self.MIN_DEPTH, context),
            connected_only=self.parameterAsBoolean(parameters, self.CONNECTED_ONLY, context),
            obstructions_path=obstructions[0],
            obstructions_layer=obstructions[1],
            wse_path=optional_output(self, parameters, self.OUTPUT_WSE, context),
        )
        request = superresolve_request(
            scene,
            depth_band=band_value(self, parameters, self.DEPTH_BAND, context),
            dem_band=band_value(self, parameters, self.DEM_BAND, context),
            overlap_lr=self.parameterAsInt(parameters, self.OVERLAP, context),
            blend=self.parameterAsEnumString(parameters, self.BLEND, context),
            max_depth=self._optional_number(parameters, self.MAX_DEPTH, context),
            dem_clip=self._optional_number(parameters, self.DEM_CLIP, context),
            device=self.parameterAsEnumString(parameters, self.DEVICE, context),
            compression=self.parameterAsEnumString(parameters, self.COMPRESSION, context),
            window=optional_extent(self, parameters, self.EXTENT, context, dem_layer),
            cog=self.parameterAsBoolean(parameters, self.COG, context),
            conserve_volume=self.parameterAsBoolean(parameters, self.CONSERVE_VOLUME, context),
            raw_model=self.parameterAsBoolean(parameters, self.RAW_MODEL, context),
            depth_bands=list(range(1, depth_layer.bandCount() + 1)) if every_band and depth_layer else [],
            augmentations=int(self.parameterAsEnumString(parameters, self.AUGMENTATIONS, context)),
            data_type=self.parameterAsEnumString(parameters, self.DATA_TYPE, context),
            max_fallback_share=self.parameterAsDouble(parameters, self.MAX_FALLBACK, context) / 100,
            weights_path=weights,
        )
        result = superresolve(request, FeedbackProgress(feedback))
        if not math.isnan(result.max_depth_found):  # NaN when this run only added other bands
            feedback.pushInfo(
                localised(
                    "Done in {seconds:.1f} s ({model_seconds:.1f} s in the model); maximum depth {depth:.2f} m, "
                    "wet fraction {wet:.1%}.",
                    seconds=result.seconds,
                    model_seconds=result.session_seconds,
                    depth=result.max_depth_found,
                    wet=result.wet_fraction,
                )
            )
        style = depth_style(self.parameterAsEnumString(parameters, self.DEPTH_STYLE, context))
        name = result_layer_name(
            parameters, self.OUTPUT, output, self.tr("Flood depth ({})").format(model.name), request.window is not None
        )
        abstract = self.tr("Fine water depth (m) from FloodSR model {}, tiles blended: {}.").format(
            model.name, request.blend
        )
        applicability = result.applicability.render(LANGUAGE) if result.applicability else ""
        load_result_with_style(
            context,
            output,
            name,
            ResultStyle(
                style,
                f"{abstract} {applicability}".strip(),
                self._band_layers(result.bands, name, applicability, style),
            ),
        )
        return {
            self.OUTPUT: output,
            self.DEVICE_USED: result.device_used,
            self.TILES: result.tiles,
            self.SECONDS: result.seconds,
            self.BANDS: ", ".join(result.bands),
            self.TILES_FALLBACK: len(result.fallback_tiles),
            self.FALLBACK_TILES: "; ".join(
                self.tr("depth band {}, tile row {}, column {}").format(tile.input_band, tile.row + 1, tile.column + 1)
                for tile in result.fallback_tiles
            ),
            self.OUTSIDE_SHARE: result.outside_share,
            self.GUARDED_SHARE: result.guarded_share,
            self.WEIGHTS: weights or None,
            self.OUTPUT_WSE: request.wse_path or None,
        }

    def _band_layers(self, bands, product_name, applicability, depth_style_file):
        """Every band after the first, as a layer of its own named after the product; depth bands get
        `depth_style_file`. The applicability flags load unchecked (with the model's training range, often the whole
        raster is flagged, and its red would hide the flood), with what they say in words in their metadata."""
        several = len({split_layer_key(key)[1] for key in bands}) > 1
        kinds = {
            DEPTH_LAYER: (self.tr("depth"), depth_style_file, "", True),
            SPREAD_LAYER: (self.tr("depth spread"), DEPTH_SPREAD_STYLE, "", True),
            APPLICABILITY_LAYER: (self.tr("outside the training range"), APPLICABILITY_STYLE, applicability, False),
        }
        layers = []
        for number, key in enumerate(bands[1:], start=2):
            kind, input_band = split_layer_key(key)
            what, style, abstract, visible = kinds[kind]
            if several:
                what = self.tr("{}, band {}").format(what, input_band)
            layers.append(BandLayer(number, self.tr("{}: {}").format(product_name, what), style, abstract, visible))
        return layers

    def _model(self, parameters, context):
        """The chosen model: MODEL_FILE when given, else the registered MODEL."""
        model_file = self.parameterAsFile(parameters, self.MODEL_FILE, context)
        if model_file:
            return resolve_model(model_file, model_cache_dir(), files_from=Path.cwd())
        return resolve_model(self.parameterAsEnumString(parameters, self.MODEL, context), model_cache_dir())

    def _optional_number(self, parameters, name, context):
        if parameters.get(name) in (None, ""):
            return None
        return self.parameterAsDouble(parameters, name, context)
