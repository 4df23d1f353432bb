"""floodsr:floodextent - flood extent polygons (GeoPackage) from a fine depth, through QGIS's own polygonize."""

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterVectorDestination,
    QgsProcessingUtils,
)

from ..floodsr_plugin.i18n import localised
from .algorithm import FeedbackProgress, FloodSRAlgorithm, engine_errors_as_processing_exceptions, gdal_source
from .enums import DOUBLE, POLYGON_GEOMETRY
from .parameters import band_parameter, band_value

AREA_FIELD = "area_m2"
DEFAULT_THRESHOLD_M = 0.05


class FloodExtentAlgorithm(FloodSRAlgorithm):
    INPUT = "INPUT"
    BAND = "BAND"
    THRESHOLD = "THRESHOLD"
    EIGHT_CONNECTED = "EIGHT_CONNECTED"
    OUTPUT = "OUTPUT"
    POLYGONS = "POLYGONS"
    FLOODED_AREA = "FLOODED_AREA"

    def name(self):
        return "floodextent"

    def displayName(self):
        return self.tr("Flood extent polygons")

    def group(self):
        return self.tr("Flood maps")

    def groupId(self):
        return "floodmaps"

    def tags(self):
        return self.tr("flood,extent,polygon,polygonize,outline,area,vector,depth").split(",")

    def help_text(self):
        return self.tr(
            "Turns a fine water-depth raster into flood extent polygons: the cells at least the threshold deep "
            "become a wet mask, which QGIS's own Polygonize (GDAL) outlines, and each polygon gets its area in "
            "square metres (field area_m2, in the raster's CRS, which must be projected in metres).\n\n"
            "Cells touching at a corner only belong to separate polygons unless 'Join cells touching at a corner' "
            "is checked. Works on the output of 'Super-resolve flood depth' or 'Downscale flood', or on any depth "
            "raster in metres."
        )

    def initAlgorithm(self, config=None):
        self.add_parameter(
            QgsProcessingParameterRasterLayer(self.INPUT, self.tr("Fine water depth (m)")),
            self.tr("A water-depth raster in metres, e.g. the output of 'Super-resolve flood depth'."),
        )
        self.add_parameter(band_parameter(self.BAND, self.tr("Depth band"), self.INPUT))
        self.add_parameter(
            QgsProcessingParameterNumber(
                self.THRESHOLD, self.tr("Flooded from depth (m)"), DOUBLE, DEFAULT_THRESHOLD_M, minValue=0.0001
            ),
            self.tr("Cells at least this deep are flooded; shallower cells, dry cells and nodata are not."),
        )
        self.add_parameter(
            QgsProcessingParameterBoolean(self.EIGHT_CONNECTED, self.tr("Join cells touching at a corner"), False),
            self.tr("Off: cells must share an edge to be in one polygon (4-connected). On: corners too."),
            advanced=True,
        )
        self.add_parameter(
            QgsProcessingParameterVectorDestination(self.OUTPUT, self.tr("Flood extent"), POLYGON_GEOMETRY),
            self.tr("Polygons of the flooded area (a GeoPackage by default), one per connected patch, with area_m2."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.POLYGONS, self.tr("Number of polygons")))
        self.addOutput(QgsProcessingOutputNumber(self.FLOODED_AREA, self.tr("Flooded area (m2)")))

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        import processing

        from ..engine.rasters.extent import write_wet_mask

        layer = self.parameterAsRasterLayer(parameters, self.INPUT, context)
        mask_path = QgsProcessingUtils.generateTempFilename("floodsr_wet_mask.tif")
        mask = write_wet_mask(
            gdal_source(layer, self.tr("depth")),
            band_value(self, parameters, self.BAND, context),
            self.parameterAsDouble(parameters, self.THRESHOLD, context),
            mask_path,
            FeedbackProgress(feedback),
        )
        polygons = processing.run(
            "gdal:polygonize",
            {
                "INPUT": mask_path,
                "BAND": 1,
                "FIELD": "flooded",
                "EIGHT_CONNECTEDNESS": self.parameterAsBoolean(parameters, self.EIGHT_CONNECTED, context),
                "OUTPUT": QgsProcessingUtils.generateTempFilename("floodsr_extent.gpkg"),
            },
            context=context,
            feedback=feedback,
            is_child_algorithm=True,
        )["OUTPUT"]
        extent = processing.run(
            "native:fieldcalculator",
            {
                "INPUT": polygons,
                "FIELD_NAME": AREA_FIELD,
                "FIELD_TYPE": 0,  # decimal number
                "FIELD_LENGTH": 20,
                "FIELD_PRECISION": 2,
                "FORMULA": "area($geometry)",  # planar, in the CRS's units: m2 in a projected CRS in metres
                "OUTPUT": self.parameterAsOutputLayer(parameters, self.OUTPUT, context),
            },
            context=context,
            feedback=feedback,
            is_child_algorithm=True,
        )["OUTPUT"]
        count = QgsProcessingUtils.mapLayerFromString(extent, context).featureCount()
        feedback.pushInfo(
            localised(
                "{polygons} flood polygons, {area:.6g} m2 flooded from {threshold:g} m deep.",
                polygons=count,
                area=mask.area,
                threshold=self.parameterAsDouble(parameters, self.THRESHOLD, context),
            )
        )
        return {self.OUTPUT: extent, self.POLYGONS: count, self.FLOODED_AREA: mask.area}
