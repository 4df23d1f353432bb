"""floodsr:downscale - classic model-free flood downscaling (Basic ... CostGrow) onto a fine DEM."""

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ..engine.options import COMPRESSIONS, DOWNSCALE_INPUT_TYPES, DOWNSCALE_METHODS
from .algorithm import (
    FloodSRAlgorithm,
    add_help,
    band_parameter,
    band_value,
    engine_errors_as_processing_exceptions,
    feedback_progress,
    gdal_source,
)
from .enums import DOUBLE, make_advanced
from .layer_style import FLOOD_DEPTH_STYLE, load_result_with_style

DEFAULT_METHOD = DOWNSCALE_METHODS.index("costgrow")


class DownscaleAlgorithm(FloodSRAlgorithm):
    runtime_packages = ("scipy",)
    INPUT_DEPTH = "INPUT_DEPTH"
    DEPTH_BAND = "DEPTH_BAND"
    INPUT_TYPE = "INPUT_TYPE"
    INPUT_DEM = "INPUT_DEM"
    DEM_BAND = "DEM_BAND"
    METHOD = "METHOD"
    COSTGROW_CAP = "COSTGROW_CAP"
    COMPRESSION = "COMPRESSION"
    OUTPUT = "OUTPUT"
    SECONDS = "SECONDS"
    WET_FRACTION = "WET_FRACTION"

    _post_processors = []

    def name(self):
        return "downscale"

    def displayName(self):
        return self.tr("Downscale flood (classic methods)")

    def group(self):
        return self.tr("Classic downscaling")

    def groupId(self):
        return "classic"

    def tags(self):
        return self.tr("flood,depth,downscale,costgrow,schumann,wse,DEM").split(",")

    def shortHelpString(self):
        return self.tr(
            "Downscales a coarse flood (water depth or water-surface elevation) onto a fine DEM without any model, "
            "with the published methods of Bryant et al. (FloodDownscaler). A coarse depth becomes a water-surface "
            "elevation (WSE) over the mean DEM of each coarse cell; fine depth = max(WSE - DEM, 0).\n\n"
            "basic: bilinear WSE inside the coarse wet area. simplefilter: basic, dry where WSE <= DEM. "
            "buffergrowloop: simplefilter, then up to 30 rounds of growth from wet neighbours. schumann14: nearest-"
            "neighbour WSE plus a ring of 1.5 coarse cells taking the nearest wet coarse cell's WSE. costgrow: "
            "simplefilter, then WSE spread to the nearest cells (capped), kept only where connected to the wet area.\n\n"
            "Size: the methods work on whole arrays in memory, about 50 bytes per output cell for costgrow (the "
            "largest; 10240 x 10240 cells need about 5 GB and a minute) and less for the others. Time grows linearly with cells."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            add_help(
                QgsProcessingParameterRasterLayer(self.INPUT_DEPTH, self.tr("Coarse flood raster")),
                self.tr("Coarse water depth (m) or water-surface elevation (m), see 'Input type'."),
            )
        )
        self.addParameter(band_parameter(self.DEPTH_BAND, self.tr("Coarse band"), self.INPUT_DEPTH))
        self.addParameter(
            add_help(
                QgsProcessingParameterEnum(
                    self.INPUT_TYPE, self.tr("Input type"), options=list(DOWNSCALE_INPUT_TYPES), defaultValue=0
                ),
                self.tr("depth: water depth; nodata and 0 are dry. wse: water-surface elevation; nodata is dry."),
            )
        )
        self.addParameter(
            add_help(
                QgsProcessingParameterRasterLayer(self.INPUT_DEM, self.tr("Fine DEM (m)")),
                self.tr("Bare-earth elevation at the output resolution; the output uses its grid."),
            )
        )
        self.addParameter(band_parameter(self.DEM_BAND, self.tr("DEM band"), self.INPUT_DEM))
        self.addParameter(
            add_help(
                QgsProcessingParameterEnum(
                    self.METHOD, self.tr("Method"), options=list(DOWNSCALE_METHODS), defaultValue=DEFAULT_METHOD
                ),
                self.tr("The downscaling method; see the algorithm's help for what each one does."),
            )
        )
        advanced = [
            add_help(
                QgsProcessingParameterNumber(
                    self.COSTGROW_CAP, self.tr("CostGrow growth cap (coarse cells)"), DOUBLE, 10.0, minValue=0.0
                ),
                self.tr("How far CostGrow may spread water from the wet area, in coarse cells; 0 means no cap."),
            ),
            add_help(
                QgsProcessingParameterEnum(
                    self.COMPRESSION, self.tr("Compression"), options=list(COMPRESSIONS), defaultValue=0
                ),
                self.tr("GeoTIFF compression (with the floating-point predictor)."),
            ),
        ]
        for parameter in advanced:
            make_advanced(parameter)
            self.addParameter(parameter)
        self.addParameter(
            add_help(
                QgsProcessingParameterRasterDestination(self.OUTPUT, self.tr("Fine water depth")),
                self.tr("A GeoTIFF (.tif) on the DEM's grid; it appears only when the run succeeds."),
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.SECONDS, self.tr("Run time (s)")))
        self.addOutput(QgsProcessingOutputNumber(self.WET_FRACTION, self.tr("Wet fraction of valid cells")))

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        from ..engine.downscaling.run import DownscaleRequest, downscale

        method = DOWNSCALE_METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        result = downscale(
            DownscaleRequest(
                coarse_path=gdal_source(
                    self.parameterAsRasterLayer(parameters, self.INPUT_DEPTH, context), self.tr("coarse flood")
                ),
                dem_path=gdal_source(self.parameterAsRasterLayer(parameters, self.INPUT_DEM, context), self.tr("DEM")),
                output_path=output,
                method=method,
                input_type=DOWNSCALE_INPUT_TYPES[self.parameterAsEnum(parameters, self.INPUT_TYPE, context)],
                coarse_band=band_value(self, parameters, self.DEPTH_BAND, context),
                dem_band=band_value(self, parameters, self.DEM_BAND, context),
                costgrow_cap=self.parameterAsDouble(parameters, self.COSTGROW_CAP, context),
                compression=COMPRESSIONS[self.parameterAsEnum(parameters, self.COMPRESSION, context)],
            ),
            feedback_progress(feedback),
        )
        feedback.pushInfo(
            self.tr("Done in {:.1f} s; maximum depth {:.2f} m, wet fraction {:.1%}.").format(
                result.seconds, result.max_depth_found, result.wet_fraction
            )
        )
        load_result_with_style(
            context, output, self.tr("Flood depth ({})").format(method), FLOOD_DEPTH_STYLE, self._post_processors
        )
        return {self.OUTPUT: output, self.SECONDS: result.seconds, self.WET_FRACTION: result.wet_fraction}
