"""High-water marks between QGIS and the engine: points read from a vector layer into the estimate's CRS, and
their scores written back as a point layer (the marks' own attributes, then the estimate and the error)."""

import math
from typing import List

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingUtils,
)

from ..engine.evaluation.marks import HighWaterMark, MarkScores
from .enums import DOUBLE_FIELD, STRING_FIELD

# Field names of the scores; the values of `status` are codes to filter on: scored, missed, outside.
ESTIMATE_FIELD, ERROR_FIELD, STATUS_FIELD = "estimate_m", "error_m", "status"


def read_marks(source, field: str, crs, context) -> List[HighWaterMark]:
    """One mark per feature, in `crs`: a feature without a point or a value gets NaN, so it is scored as outside."""
    transform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
    marks = []
    for feature in source.getFeatures():
        geometry = feature.geometry()
        x = y = math.nan
        if not geometry.isNull() and not geometry.isEmpty():
            geometry.transform(transform)
            point = geometry.centroid().asPoint()  # a multipoint mark counts once, at its centre
            x, y = point.x(), point.y()
        marks.append(HighWaterMark(x, y, _number(feature[field])))
    return marks


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):  # NULL, or text that is not a number
        return math.nan


def score_fields(source) -> QgsFields:
    extra = QgsFields()
    for name, kind in ((ESTIMATE_FIELD, DOUBLE_FIELD), (ERROR_FIELD, DOUBLE_FIELD), (STATUS_FIELD, STRING_FIELD)):
        extra.append(QgsField(name, kind))
    return QgsProcessingUtils.combineFields(source.fields(), extra)


def write_scores(sink, source, scores: MarkScores) -> None:
    """Each mark's feature with its scores appended, in the order the marks were read."""
    fields = score_fields(source)
    for feature, mark in zip(source.getFeatures(), scores.marks):
        scored = QgsFeature(fields)
        scored.setGeometry(feature.geometry())
        scored.setAttributes(list(feature.attributes()) + [mark.estimated, mark.error, mark.status])
        sink.addFeature(scored, QgsFeatureSink.Flag.FastInsert)
