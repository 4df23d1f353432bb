"""floodsr:downscale - model-free flood downscaling (subgrid, and the classic Basic ... CostGrow) onto a fine DEM."""

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)

from ..engine.options import DEPTH_CONVENTIONS, DOWNSCALE_INPUT_TYPES, DOWNSCALE_METHODS, SUBGRID_SMOOTH
from ..engine.scene import SceneSpec, downscale_request
from ..floodsr_plugin.i18n import localised
from .algorithm import FeedbackProgress, FloodSRAlgorithm, engine_errors_as_processing_exceptions, gdal_source
from .enums import DOUBLE
from .layer_style import DEPTH_STYLES, ResultStyle, depth_style, load_result_with_style, result_layer_name
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


class DownscaleAlgorithm(FloodSRAlgorithm):
    runtime_packages = ("scipy",)
    INPUT_DEPTH = "INPUT_DEPTH"
    DEPTH_BAND = "DEPTH_BAND"
    INPUT_TYPE = "INPUT_TYPE"
    DEPTH_CONVENTION = "DEPTH_CONVENTION"
    INPUT_DEM = "INPUT_DEM"
    DEM_BAND = "DEM_BAND"
    METHOD = "METHOD"
    COSTGROW_CAP = "COSTGROW_CAP"
    COMPRESSION = "COMPRESSION"
    EXTENT = "EXTENT"
    MIN_DEPTH = "MIN_DEPTH"
    OBSTRUCTIONS = "OBSTRUCTIONS"
    CONNECTED_ONLY = "CONNECTED_ONLY"
    DEPTH_STYLE = "DEPTH_STYLE"
    OUTPUT = "OUTPUT"
    OUTPUT_WSE = "OUTPUT_WSE"
    SECONDS = "SECONDS"
    WET_FRACTION = "WET_FRACTION"

    def name(self):
        return "downscale"

    def displayName(self):
        return self.tr("Downscale flood (subgrid and classic methods)")

    def group(self):
        return self.tr("Classic downscaling")

    def groupId(self):
        return "classic"

    def tags(self):
        return self.tr("flood,depth,downscale,subgrid,volume,costgrow,schumann,wse,DEM").split(",")

    def help_text(self):
        text = self.tr(
            "Downscales a coarse flood (water depth or water-surface elevation) onto a fine DEM without any "
            "model.\n\nA coarse depth is read as the cell-average depth: the water volume in the coarse cell divided "
            "by its area (what averaging a fine depth map onto coarse cells gives, and what a mass-conserving "
            "hydraulic model stores). Its flat water level is the one that holds that volume over the fine DEM cells "
            "inside the cell. If your coarse model reports depth over each cell's mean ground instead, set 'Coarse "
            "depth convention' to mean_ground (water-surface elevation = depth + mean DEM of the "
            "cell).\n\nsubgrid_smooth: (the default) a water surface interpolated between the levels of wet coarse "
            "cells, shifted per coarse cell so that each cell keeps its volume exactly. subgrid: each wet coarse "
            "cell's flat level, as hydraulic models with subgrid topography map their own results; volume kept "
            "exactly, with steps at cell edges. Neither spills water into dry coarse cells. With water-surface "
            "elevation input they keep the volume that each cell's flat level holds.\n\nClassic methods of Bryant et "
            "al. (FloodDownscaler) start from a coarse water-surface elevation (WSE): the input itself, or for depth "
            "input each cell's level described above (depth + the cell's mean DEM with mean_ground); fine depth = "
            "max(WSE - DEM, 0). basic: bilinear WSE inside the coarse wet area. simplefilter: basic, dry where WSE <= "
            "DEM. buffergrowloop: simplefilter, then up to 30 rounds of growth from wet neighbours. schumann14: "
            "nearest-neighbour WSE plus a ring of 1.5 coarse cells taking the nearest wet coarse cell's WSE. costgrow: "
            "simplefilter, then WSE spread to the nearest cells (capped), kept only where connected to the wet area. "
            "They do not keep volumes.\n\nSize: the subgrid methods stream block rows of coarse cells, so memory "
            "follows the raster's width. The classic methods work on whole arrays in memory, about 50 bytes per output "
            "cell for costgrow (the largest; 10240 x 10240 cells need about 5 GB and a minute) and less for the "
            "others. Time grows linearly with cells.\n\nIn plain words: WSE (water-surface elevation) is the height of "
            "the water surface above the datum, the same as the DEM's heights; depth is WSE minus the ground. "
            "buffergrowloop lets water spread, round after round, into neighbouring cells whose ground lies below the "
            "water surface next to them.\n\nPreview extent: subgrid, subgrid_smooth, basic, simplefilter and "
            "schumann14 give the same cells as a full run; buffergrowloop and costgrow let water travel, so near water "
            "that comes from beyond the extent they can differ a little."
        )
        return text + "\n\n" + depth_options_help()

    def initAlgorithm(self, config=None):
        self.add_parameter(
            QgsProcessingParameterRasterLayer(self.INPUT_DEPTH, self.tr("Coarse flood raster")),
            self.tr("Coarse water depth (m) or water-surface elevation (m), see 'Input type'."),
        )
        self.add_parameter(band_parameter(self.DEPTH_BAND, self.tr("Coarse band"), self.INPUT_DEPTH))
        self.add_parameter(
            choice_parameter(self.INPUT_TYPE, self.tr("Input type"), DOWNSCALE_INPUT_TYPES, DOWNSCALE_INPUT_TYPES[0]),
            self.tr("depth: water depth; nodata and 0 are dry. wse: water-surface elevation; nodata is dry."),
        )
        self.add_parameter(
            choice_parameter(
                self.DEPTH_CONVENTION, self.tr("Coarse depth convention"), DEPTH_CONVENTIONS, DEPTH_CONVENTIONS[0]
            ),
            self.tr(
                "What a coarse depth means (depth input only). volume: the cell-average depth, water volume / cell "
                "area. mean_ground: a depth over the coarse cell's mean ground elevation."
            ),
        )
        self.add_parameter(
            QgsProcessingParameterRasterLayer(self.INPUT_DEM, self.tr("Fine DEM (m)")),
            self.tr("Bare-earth elevation at the output resolution; the output uses its grid."),
        )
        self.add_parameter(band_parameter(self.DEM_BAND, self.tr("DEM band"), self.INPUT_DEM))
        start_with_coarse_and_fine_layers(self, self.INPUT_DEPTH, self.INPUT_DEM)
        self.add_parameter(
            choice_parameter(self.METHOD, self.tr("Method"), DOWNSCALE_METHODS, SUBGRID_SMOOTH),
            self.tr("The downscaling method; see the algorithm's help for what each one does."),
        )
        self.add_parameter(extent_parameter(self.EXTENT))
        self.add_parameter(
            QgsProcessingParameterNumber(
                self.COSTGROW_CAP, self.tr("CostGrow growth cap (coarse cells)"), DOUBLE, 10.0, minValue=0.0
            ),
            self.tr("How far CostGrow may spread water from the wet area, in coarse cells; 0 means no cap."),
            advanced=True,
        )
        self.add_parameter(min_depth_parameter(self.MIN_DEPTH))
        self.add_parameter(obstructions_parameter(self.OBSTRUCTIONS))
        self.add_parameter(connectivity_parameter(self.CONNECTED_ONLY))
        self.add_parameter(depth_style_parameter(self.DEPTH_STYLE, list(DEPTH_STYLES)))
        self.add_parameter(compression_parameter(self.COMPRESSION), advanced=True)
        self.add_parameter(fine_depth_output_parameter(self.OUTPUT))
        self.add_parameter(wse_output_parameter(self.OUTPUT_WSE))
        self.addOutput(QgsProcessingOutputNumber(self.SECONDS, self.tr("Run time (s)")))
        self.addOutput(QgsProcessingOutputNumber(self.WET_FRACTION, self.tr("Wet fraction of valid cells")))

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        from ..engine.downscaling.run import downscale

        method = self.parameterAsEnumString(parameters, self.METHOD, context)
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        coarse_layer = self.parameterAsRasterLayer(parameters, self.INPUT_DEPTH, context)
        dem_layer = self.parameterAsRasterLayer(parameters, self.INPUT_DEM, context)
        wse = optional_output(self, parameters, self.OUTPUT_WSE, context)
        obstructions = obstructions_value(self, parameters, self.OBSTRUCTIONS, context, feedback)
        window = optional_extent(self, parameters, self.EXTENT, context, dem_layer)
        scene = SceneSpec(
            depth_path=gdal_source(coarse_layer, self.tr("coarse flood")),
            dem_path=gdal_source(dem_layer, self.tr("DEM")),
            output_path=output,
            method=method,
            min_depth=min_depth_value(self, parameters, self.MIN_DEPTH, context),
            connected_only=self.parameterAsBoolean(parameters, self.CONNECTED_ONLY, context),
            obstructions_path=obstructions[0],
            obstructions_layer=obstructions[1],
            wse_path=wse,
        )
        request = downscale_request(
            scene,
            input_type=self.parameterAsEnumString(parameters, self.INPUT_TYPE, context),
            depth_convention=self.parameterAsEnumString(parameters, self.DEPTH_CONVENTION, context),
            coarse_band=band_value(self, parameters, self.DEPTH_BAND, context),
            dem_band=band_value(self, parameters, self.DEM_BAND, context),
            costgrow_cap=self.parameterAsDouble(parameters, self.COSTGROW_CAP, context),
            compression=self.parameterAsEnumString(parameters, self.COMPRESSION, context),
            window=window,
        )
        result = downscale(request, FeedbackProgress(feedback))
        feedback.pushInfo(
            localised(
                "Done in {seconds:.1f} s; maximum depth {depth:.2f} m, wet fraction {wet:.1%}.",
                seconds=result.seconds,
                depth=result.max_depth_found,
                wet=result.wet_fraction,
            )
        )
        load_result_with_style(
            context,
            output,
            result_layer_name(
                parameters, self.OUTPUT, output, self.tr("Flood depth ({})").format(method), window is not None
            ),
            ResultStyle(
                depth_style(self.parameterAsEnumString(parameters, self.DEPTH_STYLE, context)),
                self.tr("Fine water depth (m) downscaled with the method {}.").format(method),
            ),
        )
        return {
            self.OUTPUT: output,
            self.OUTPUT_WSE: wse or None,
            self.SECONDS: result.seconds,
            self.WET_FRACTION: result.wet_fraction,
        }
