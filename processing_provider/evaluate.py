"""floodsr:evaluate - score a fine flood-depth map against a reference."""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ..engine.options import DEFAULT_MAX_DEPTH_M, MARK_LEVEL
from ..floodsr_plugin.i18n import localised, translatable
from ..floodsr_plugin.paths import STYLES_DIR
from .algorithm import FeedbackProgress, FloodSRAlgorithm, engine_errors_as_processing_exceptions, gdal_source
from .enums import DOUBLE
from .layer_style import ResultStyle, load_result_with_style
from .parameters import marks_parameters

METRIC_OUTPUTS = {
    "MAE": ("mae", translatable("Mean absolute error (m)")),
    "RMSE": ("rmse", translatable("Root mean squared error (m)")),
    "BIAS": ("bias", translatable("Bias, estimate minus reference (m)")),
    "RMSE_WET": ("rmse_wet", translatable("RMSE where the reference is wet (m)")),
    "PSNR": ("psnr", translatable("Peak signal-to-noise ratio (dB)")),
    "SSIM": ("ssim", translatable("Structural similarity (global)")),
    "CSI": ("csi", translatable("Critical success index")),
    "HIT_RATE": ("hit_rate", translatable("Hit rate")),
    "FALSE_ALARM_RATIO": ("false_alarm_rate", translatable("False alarm ratio")),
    "VOLUME_RATIO": ("volume_ratio", translatable("Volume ratio, estimate / reference")),
}
MARK_OUTPUTS = {
    "MARKS_BIAS": translatable("High-water marks: bias, estimate minus observed (m)"),
    "MARKS_MAE": translatable("High-water marks: mean absolute error (m)"),
    "MARKS_RMSE": translatable("High-water marks: root mean squared error (m)"),
    "MARKS_WITHIN_0_1_M": translatable("High-water marks: share within 0.1 m"),
    "MARKS_WITHIN_0_3_M": translatable("High-water marks: share within 0.3 m"),
    "MARKS_SCORED": translatable("High-water marks scored"),
    "MARKS_MISSED": translatable("High-water marks missed (dry in the estimate)"),
}


class EvaluateAlgorithm(FloodSRAlgorithm):
    ESTIMATE = "ESTIMATE"
    TRUTH = "TRUTH"
    WET_THRESHOLD = "WET_THRESHOLD"
    MASK = "MASK"
    MAX_DEPTH = "MAX_DEPTH"
    OUTPUT_HTML = "OUTPUT_HTML"
    OUTPUT_DIFFERENCE = "OUTPUT_DIFFERENCE"
    OUTPUT_CONFUSION = "OUTPUT_CONFUSION"
    MARKS = "MARKS"
    MARK_FIELD = "MARK_FIELD"
    MARK_KIND = "MARK_KIND"
    INPUT_DEM = "INPUT_DEM"
    OUTPUT_MARKS = "OUTPUT_MARKS"

    def name(self):
        return "evaluate"

    def displayName(self):
        return self.tr("Evaluate flood depth against a reference")

    def group(self):
        return self.tr("Evaluation")

    def groupId(self):
        return "evaluation"

    def tags(self):
        return self.tr("flood,depth,accuracy,metrics,rmse,csi,ssim,validation").split(",")

    def help_text(self):
        return self.tr(
            "Scores a fine flood-depth raster (the estimate) against a reference (the truth), over cells valid in both "
            "(and inside the mask, if given). If the estimate is on another grid it is resampled (bilinear) onto the "
            "reference grid, and the log says so.\n\n"
            "MAE, RMSE and bias of estimate - reference; RMSE over reference cells >= 1 mm deep; PSNR = 20 log10(max "
            "depth) - 10 log10(MSE); SSIM with one global window; wet/dry skill at the wet threshold: hit rate "
            "TP/(TP+FN), false alarm ratio FP/(TP+FP), CSI TP/(TP+FP+FN). These match the FloodSR reference metrics. "
            "Volume ratio: the estimate's water volume over the reference's, on the cells scored (1 = same volume).\n\n"
            "Rasters are read block by block, so memory does not grow with their size.\n\n"
            "High-water marks: observed water levels (or depths) at points, e.g. surveyed after a real flood. Each "
            "mark is compared with the estimate in the cell holding it: DEM + depth for a water level, the depth "
            "for a depth. A mark where the estimate is shallower than the wet threshold is missed; a mark outside "
            "the rasters or on nodata is not scored. Bias, MAE and RMSE are over the marks the estimate wets; the "
            "shares within 0.1 m and 0.3 m are over the wet and missed marks (a missed mark is never within). "
            "With marks, the reference raster may be left out."
        )

    def initAlgorithm(self, config=None):
        self.add_parameter(
            QgsProcessingParameterRasterLayer(self.ESTIMATE, self.tr("Estimated fine depth (m)")),
            self.tr("The depth map to score, e.g. the output of 'Super-resolve flood depth'."),
        )
        self.add_parameter(
            QgsProcessingParameterRasterLayer(self.TRUTH, self.tr("Reference fine depth (m)"), optional=True),
            self.tr(
                "The depth taken as true, e.g. a fine hydraulic simulation; its grid is used. Optional when "
                "high-water marks are given."
            ),
        )
        for parameter in marks_parameters(self.MARKS, self.MARK_FIELD, self.MARK_KIND):
            self.add_parameter(parameter)
        self.add_parameter(
            QgsProcessingParameterRasterLayer(self.INPUT_DEM, self.tr("Fine DEM (m)"), optional=True),
            self.tr("The DEM the estimate was made on: high-water marks of water level are compared with DEM + depth."),
        )
        self.add_parameter(
            QgsProcessingParameterNumber(
                self.WET_THRESHOLD, self.tr("Wet threshold (m)"), DOUBLE, 0.01, minValue=0.0001
            ),
            self.tr("A cell is wet when its depth is at least this."),
        )
        self.add_parameter(
            QgsProcessingParameterRasterLayer(self.MASK, self.tr("Mask"), optional=True),
            self.tr("Only cells where the mask is non-zero (and not nodata) are scored."),
        )
        self.add_parameter(
            QgsProcessingParameterNumber(
                self.MAX_DEPTH,
                self.tr("Maximum depth for PSNR and SSIM (m)"),
                DOUBLE,
                DEFAULT_MAX_DEPTH_M,
                minValue=0.01,
            ),
            self.tr("The depth range used by PSNR and SSIM's constants; 5 m as in the FloodSR reference."),
            advanced=True,
        )
        self.add_parameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML, self.tr("Report"), self.tr("HTML files (*.html)"), optional=True
            ),
            self.tr("An HTML page with the scores, their definitions and a picture of the difference map."),
        )
        self.add_parameter(
            QgsProcessingParameterRasterDestination(
                self.OUTPUT_DIFFERENCE,
                self.tr("Difference (estimate - reference)"),
                optional=True,
                createByDefault=False,
            ),
            self.tr("Estimate minus reference in metres, on the reference grid; nodata where not scored."),
        )
        self.add_parameter(
            QgsProcessingParameterRasterDestination(
                self.OUTPUT_CONFUSION, self.tr("Wet/dry confusion"), optional=True, createByDefault=False
            ),
            self.tr(
                "0 both dry, 1 hit, 2 false alarm (estimate wet only), 3 miss (reference wet only); 255 not scored."
            ),
        )
        self.add_parameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_MARKS, self.tr("Scored high-water marks"), optional=True, createByDefault=True
            ),
            self.tr(
                "The marks with their attributes and the scores: estimate_m (the estimate's level or depth there), "
                "error_m (estimate minus observed) and status (scored, missed or outside)."
            ),
        )
        for name, (_, description) in METRIC_OUTPUTS.items():
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(description)))
        for name, description in MARK_OUTPUTS.items():
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(description)))

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        from ..engine.evaluation.run import EvaluateRequest, evaluate

        mask_layer = self.parameterAsRasterLayer(parameters, self.MASK, context)
        truth_layer = self.parameterAsRasterLayer(parameters, self.TRUTH, context)
        dem_layer = self.parameterAsRasterLayer(parameters, self.INPUT_DEM, context)
        estimate_layer = self.parameterAsRasterLayer(parameters, self.ESTIMATE, context)
        html = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        difference = self.parameterAsOutputLayer(parameters, self.OUTPUT_DIFFERENCE, context)
        confusion = self.parameterAsOutputLayer(parameters, self.OUTPUT_CONFUSION, context)
        marks_source = self.parameterAsSource(parameters, self.MARKS, context)
        estimate_path = gdal_source(estimate_layer, self.tr("estimate"))
        result = evaluate(
            EvaluateRequest(
                estimate_path=estimate_path,
                truth_path=gdal_source(truth_layer, self.tr("reference")) if truth_layer else None,
                mask_path=gdal_source(mask_layer, self.tr("mask")) if mask_layer else None,
                wet_threshold=self.parameterAsDouble(parameters, self.WET_THRESHOLD, context),
                max_depth=self.parameterAsDouble(parameters, self.MAX_DEPTH, context),
                html_path=html or None,
                difference_path=difference or None,
                confusion_path=confusion or None,
                marks=self._marks(parameters, context, marks_source, estimate_layer),
                mark_kind=self.parameterAsEnumString(parameters, self.MARK_KIND, context) or MARK_LEVEL,
                dem_path=gdal_source(dem_layer, self.tr("DEM")) if dem_layer else None,
            ),
            FeedbackProgress(feedback),
        )
        outputs = {}
        if result.scores is not None:
            outputs = {name: getattr(result.scores, key) for name, (key, _) in METRIC_OUTPUTS.items()}
            for name, (_, description) in METRIC_OUTPUTS.items():
                feedback.pushInfo(localised("{score}: {value:.4f}", score=self.tr(description), value=outputs[name]))
        if result.marks is not None:
            outputs.update(self._mark_outputs(parameters, context, marks_source, result.marks))
        for path, key, style, name in (
            (difference, self.OUTPUT_DIFFERENCE, "depth_difference.qml", self.tr("Depth difference")),
            (confusion, self.OUTPUT_CONFUSION, "wet_dry_confusion.qml", self.tr("Wet/dry confusion")),
        ):
            if path:
                outputs[key] = path
                load_result_with_style(context, path, name, ResultStyle(STYLES_DIR / style))
        if html:
            outputs[self.OUTPUT_HTML] = html
        return outputs

    def _marks(self, parameters, context, source, estimate_layer):
        """The marks in the estimate's CRS; none when no layer was given."""
        from .high_water_marks import read_marks

        if source is None:
            return []
        field = self.parameterAsString(parameters, self.MARK_FIELD, context)
        if not field:
            raise QgsProcessingException(
                self.tr("Choose the field of the high-water marks that holds the observed value.")
            )
        return read_marks(source, field, estimate_layer.crs(), context)

    def _mark_outputs(self, parameters, context, source, marks):
        from ..engine.evaluation.marks import MISSED, SCORED, TOLERANCES_M
        from .high_water_marks import score_fields, write_scores

        outputs = {
            "MARKS_BIAS": marks.bias,
            "MARKS_MAE": marks.mae,
            "MARKS_RMSE": marks.rmse,
            "MARKS_WITHIN_0_1_M": marks.share_within(TOLERANCES_M[0]),
            "MARKS_WITHIN_0_3_M": marks.share_within(TOLERANCES_M[1]),
            "MARKS_SCORED": marks.count(SCORED),
            "MARKS_MISSED": marks.count(MISSED),
        }
        sink, destination = self.parameterAsSink(
            parameters, self.OUTPUT_MARKS, context, score_fields(source), source.wkbType(), source.sourceCrs()
        )
        if sink is not None:
            write_scores(sink, source, marks)
            outputs[self.OUTPUT_MARKS] = destination
        return outputs
