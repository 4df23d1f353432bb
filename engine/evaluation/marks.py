"""High-water marks: observed water levels (or depths) at points, scored against a fine depth estimate.

The estimate's water level at a mark is DEM + depth in the cell holding the point (no interpolation: a mark on a
wall or a bank must not borrow the neighbouring cells' water). A mark where the estimate is shallower than the
wet threshold is missed: it has no level to compare, and it counts against the shares within the tolerances.
Marks outside either raster, or on nodata, are not scored at all. Errors are estimate minus observation (m):
bias, MAE and RMSE are over the marks the estimate wets; the shares within +/- 0.1 m and +/- 0.3 m are over the
wet and missed marks together.
"""

import math
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

import numpy as np
from osgeo import osr

from ..errors import InputError
from ..messages import Message
from ..options import MARK_KINDS, MARK_LEVEL
from ..rasters.bands import RasterBand, as_nan
from ..rasters.grid import same_crs

TOLERANCES_M = (0.1, 0.3)
SCORED, MISSED, OUTSIDE = "scored", "missed", "outside"


@dataclass(frozen=True)
class HighWaterMark:
    """An observation at (x, y) in the estimate raster's CRS: a water level (m, the DEM's datum) or a depth (m)."""

    x: float
    y: float
    observed: float


@dataclass(frozen=True)
class MarkScore:
    status: str  # SCORED, MISSED (the estimate is dry there) or OUTSIDE (no value in a raster there)
    estimated: Optional[float] = None  # the estimate's level (or depth) at the mark, where wet
    error: Optional[float] = None  # estimated - observed (m)


@dataclass
class MarkScores:
    kind: str
    marks: List[MarkScore] = field(default_factory=list)

    def _errors(self) -> np.ndarray:
        return np.array([mark.error for mark in self.marks if mark.status == SCORED], np.float64)

    def count(self, status: str) -> int:
        return sum(mark.status == status for mark in self.marks)

    @property
    def bias(self) -> float:
        errors = self._errors()
        return float(errors.mean()) if errors.size else math.nan

    @property
    def mae(self) -> float:
        errors = self._errors()
        return float(np.abs(errors).mean()) if errors.size else math.nan

    @property
    def rmse(self) -> float:
        errors = self._errors()
        return float(np.sqrt(np.square(errors).mean())) if errors.size else math.nan

    def share_within(self, tolerance: float) -> float:
        """Share of the wet and missed marks whose error is at most `tolerance` (m); a missed mark is never."""
        judged = self.count(SCORED) + self.count(MISSED)
        within = int(np.count_nonzero(np.abs(self._errors()) <= tolerance + 1e-9))
        return within / judged if judged else math.nan


def score_marks(
    marks: Sequence[HighWaterMark],
    kind: str,
    estimate: RasterBand,
    dem: Optional[RasterBand],
    wet_threshold: float,
) -> MarkScores:
    """Each mark scored against the estimate's depth (m) at it, plus the DEM there for water levels."""
    if kind not in MARK_KINDS:
        raise InputError(
            "Unknown kind of mark {kind!r}; use one of {choices}.", kind=kind, choices=", ".join(MARK_KINDS)
        )
    if kind == MARK_LEVEL and dem is None:
        raise InputError(
            "Observed water levels are compared with DEM + depth: give the DEM the estimate was made on, or score "
            "observed depths instead."
        )
    to_dem = _point_transform(estimate, dem) if kind == MARK_LEVEL else None
    scores = MarkScores(kind)
    for mark in marks:
        depth = sample(estimate, mark.x, mark.y)
        ground = 0.0
        if kind == MARK_LEVEL and dem is not None:  # never None here: refused above
            ground = sample(dem, *(to_dem(mark.x, mark.y) if to_dem else (mark.x, mark.y)))
        if not (math.isfinite(depth) and math.isfinite(ground) and math.isfinite(mark.observed)):
            scores.marks.append(MarkScore(OUTSIDE))
        elif depth < wet_threshold:
            scores.marks.append(MarkScore(MISSED))
        else:
            estimated = ground + depth if kind == MARK_LEVEL else depth
            scores.marks.append(MarkScore(SCORED, estimated, estimated - mark.observed))
    return scores


def sample(raster: RasterBand, x: float, y: float) -> float:
    """The value of the cell holding (x, y) in the raster's CRS; NaN outside it or at nodata."""
    grid = raster.grid
    col, row = math.floor((x - grid.x0) / grid.dx), math.floor((grid.y0 - y) / grid.dy)
    if not (0 <= col < grid.width and 0 <= row < grid.height):
        return math.nan
    value = as_nan(raster.read(col, row, 1, 1).astype(np.float64), raster.nodata)
    return float(value[0, 0])


def _point_transform(estimate: RasterBand, dem: Optional[RasterBand]):
    if dem is None or same_crs(estimate.grid, dem.grid):
        return None
    transform = osr.CoordinateTransformation(estimate.grid.srs(), dem.grid.srs())
    return lambda x, y: transform.TransformPoint(x, y)[:2]


def describe(scores: MarkScores) -> Message:
    """The log line and the report's summary."""
    return Message(
        "High-water marks ({kind}): {scored} scored, {missed} missed (dry in the estimate), {outside} outside the "
        "rasters; bias {bias:.3f} m, MAE {mae:.3f} m, RMSE {rmse:.3f} m; within 0.1 m: {within_10:.0%}, within "
        "0.3 m: {within_30:.0%}.",
        kind=Message("water levels") if scores.kind == MARK_LEVEL else Message("depths"),
        scored=scores.count(SCORED),
        missed=scores.count(MISSED),
        outside=scores.count(OUTSIDE),
        bias=scores.bias,
        mae=scores.mae,
        rmse=scores.rmse,
        within_10=scores.share_within(TOLERANCES_M[0]),
        within_30=scores.share_within(TOLERANCES_M[1]),
    )
