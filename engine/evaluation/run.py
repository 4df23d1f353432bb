"""Score a fine flood-depth estimate against a reference, block by block, with optional rasters and report."""

import contextlib
import time
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

import numpy as np
from osgeo import gdal

from ..errors import InputError
from ..files import StagedText, check_distinct_files, check_not_the_same_raster
from ..messages import Message
from ..options import DEFAULT_MAX_DEPTH_M, MARK_LEVEL
from ..progress import Progress
from ..rasters.bands import RasterBand, VirtualRaster, crop_vrt, gdal_errors_as_exceptions, open_band, warped_vrt
from ..rasters.grid import overlaps, same_grid, transformed_bounds
from ..rasters.overviews import NEAREST
from ..rasters.writer import BLOCK, OUTPUT_NODATA, BandInfo, GeoTiffWriter, RasterFormat, check_output_path
from .marks import HighWaterMark, MarkScores, describe, score_marks
from .metrics import DEFAULT_WET_THRESHOLD_M, ScoreAccumulator, Scores, confusion_codes
from .report import PreviewCollector, RasterScoring, html_report

CONFUSION_NODATA = 255


@dataclass(frozen=True)
class OptionalRaster:
    """One of the optional rasters on the reference grid: how its values are stored and what its band says."""

    raster_format: RasterFormat
    band: BandInfo


DIFFERENCE_RASTER = OptionalRaster(
    RasterFormat(data_type=gdal.GDT_Float32, nodata=OUTPUT_NODATA), BandInfo("Estimate minus reference (m)")
)
CONFUSION_RASTER = OptionalRaster(
    RasterFormat(data_type=gdal.GDT_Byte, nodata=CONFUSION_NODATA, overviews=NEAREST),
    BandInfo("0 both dry, 1 hit, 2 false alarm, 3 miss"),
)


@dataclass
class EvaluateRequest:
    estimate_path: str
    truth_path: Optional[str] = None  # the reference raster; optional when high-water marks are given
    estimate_band: int = 1
    truth_band: int = 1
    mask_path: Optional[str] = None
    mask_band: int = 1
    wet_threshold: float = DEFAULT_WET_THRESHOLD_M
    max_depth: float = DEFAULT_MAX_DEPTH_M
    html_path: Optional[str] = None
    difference_path: Optional[str] = None
    confusion_path: Optional[str] = None
    marks: Sequence[HighWaterMark] = ()  # in the estimate's CRS
    mark_kind: str = MARK_LEVEL
    dem_path: Optional[str] = None  # for marks of water level: level = DEM + depth
    dem_band: int = 1


@dataclass
class EvaluateResult:
    scores: Optional[Scores]  # None without a reference raster
    notes: List[Message] = field(default_factory=list)
    seconds: float = 0.0
    marks: Optional[MarkScores] = None  # None without high-water marks


def evaluate(request: EvaluateRequest, progress: Optional[Progress] = None) -> EvaluateResult:
    """Score a fine depth estimate against a reference depth (both in metres) on the reference grid, and against
    high-water marks (observed levels or depths at points, see marks.py).

    The estimate (and mask) are resampled onto the reference grid when they differ from it; only cells valid in
    both (and non-zero in the mask) count. wet_threshold and max_depth are in metres. Returns the raster scores
    (errors in metres, PSNR in dB, the rest as ratios; see metrics.py) and the marks' scores, each None when not
    asked for, the notes logged and the run time (s). Writes the HTML report, the difference raster (m) and the
    wet/dry confusion raster only where their paths are given.

    Raises InputError for unusable rasters or options (including rasters with no cell to score in common, or
    neither a reference nor marks), OutputError for an output that cannot be written, and CancelledError when
    `progress` asks to stop.
    """
    progress = progress or Progress()
    started = time.perf_counter()
    _check_request(request)
    with gdal_errors_as_exceptions():
        inputs = [
            path for path in (request.estimate_path, request.truth_path, request.mask_path, request.dem_path) if path
        ]
        rasters = [path for path in (request.difference_path, request.confusion_path) if path]
        for path in rasters:
            check_output_path(path, inputs)
        check_distinct_files(rasters + [request.html_path], inputs)
        if request.truth_path:
            check_not_the_same_raster(
                request.estimate_path, request.estimate_band, request.truth_path, request.truth_band
            )
        estimate = open_band(request.estimate_path, request.estimate_band, Message("estimate"))
        notes: List[Message] = []
        marks = _score_marks(request, estimate) if request.marks else None
        if marks is not None:
            notes.append(describe(marks))
            progress.log(notes[-1])
        scored: Optional[RasterScoring] = None
        with contextlib.ExitStack() as outputs:
            # Entered first, so put in place last: a report that cannot be written leaves no raster behind.
            report = outputs.enter_context(StagedText(request.html_path)) if request.html_path else None
            if request.truth_path:
                scored = _score_rasters(request, estimate, notes, outputs, progress)
            if report:
                report.write(html_report(request, notes, scored, marks, progress.translate))
    scores = scored.scores if scored is not None else None
    return EvaluateResult(scores=scores, notes=notes, seconds=time.perf_counter() - started, marks=marks)


def _check_request(request: EvaluateRequest) -> None:
    if not request.wet_threshold > 0 or not request.max_depth > 0:
        raise InputError("The wet threshold and the maximum depth must both be above 0 m.")
    if not request.truth_path and not request.marks:
        raise InputError("Give a reference raster, high-water marks, or both, to score the estimate against.")
    if not request.truth_path and (request.difference_path or request.confusion_path):
        raise InputError("The difference and confusion rasters need a reference raster; give one or leave them out.")


def _score_marks(request: EvaluateRequest, estimate: RasterBand) -> MarkScores:
    dem = open_band(request.dem_path, request.dem_band, Message("DEM")) if request.dem_path else None
    return score_marks(request.marks, request.mark_kind, estimate, dem, request.wet_threshold)


def _score_rasters(
    request: EvaluateRequest,
    estimate: RasterBand,
    notes: List[Message],
    outputs: contextlib.ExitStack,
    progress: Progress,
) -> RasterScoring:
    """The raster scores on the reference grid, writing the optional difference and confusion rasters."""
    truth = open_band(request.truth_path or "", request.truth_band, Message("reference (truth)"))
    logged = len(notes)
    estimate_on_truth = _on_grid_of(estimate, truth, "bilinear", notes)
    mask_on_truth = (
        _on_grid_of(open_band(request.mask_path, request.mask_band, Message("mask")), truth, "near", notes)
        if request.mask_path
        else None
    )
    for note in notes[logged:]:
        progress.log(note)
    scoring = _Scoring(
        estimate_on_truth,
        crop_vrt(truth, 0, 0, truth.grid),
        mask_on_truth,
        ScoreAccumulator(request.max_depth, request.wet_threshold),
        PreviewCollector(truth.grid),
        _optional_writer(outputs, request.difference_path, truth, DIFFERENCE_RASTER),
        _optional_writer(outputs, request.confusion_path, truth, CONFUSION_RASTER),
    )
    for row0 in range(0, truth.grid.height, BLOCK):
        progress.check_cancel()
        rows = min(BLOCK, truth.grid.height - row0)
        scoring.add_rows(row0, rows)
        progress.report((row0 + rows) / truth.grid.height)
    return RasterScoring(scoring.accumulator.scores(), scoring.preview)


@dataclass(frozen=True)
class _Scoring:
    """What every block of rows is scored with: the estimate, the reference and the optional mask on the reference
    grid; the scores and the preview it adds to; the optional difference and confusion rasters it writes."""

    estimate: VirtualRaster
    truth: VirtualRaster
    mask: Optional[VirtualRaster]
    accumulator: ScoreAccumulator
    preview: PreviewCollector
    difference: Optional[GeoTiffWriter]
    confusion: Optional[GeoTiffWriter]

    def add_rows(self, row0: int, rows: int) -> None:
        """Score one block of rows where both rasters (and the mask) are valid; write the optional rasters."""
        x, y = self.estimate.read_rows(row0, rows), self.truth.read_rows(row0, rows)
        counted = np.isfinite(x) & np.isfinite(y)
        if self.mask is not None:
            mask_values = self.mask.read_rows(row0, rows)
            counted &= np.isfinite(mask_values) & (mask_values != 0)
        self.accumulator.add(x[counted], y[counted])
        diff = np.where(counted, x - y, np.nan)
        self.preview.add_rows(row0, diff)
        if self.difference:
            self.difference.append_rows(np.where(counted, diff, OUTPUT_NODATA))
        if self.confusion:
            codes = confusion_codes(np.nan_to_num(x), np.nan_to_num(y), self.accumulator.wet_threshold)
            self.confusion.append_rows(np.where(counted, codes, CONFUSION_NODATA))
        for raster in filter(None, (self.estimate, self.truth, self.mask)):
            raster.drop_cached_blocks()


def _on_grid_of(source: RasterBand, truth: RasterBand, resampling: str, notes: List[Message]) -> VirtualRaster:
    if same_grid(source.grid, truth.grid):
        return crop_vrt(source, 0, 0, truth.grid)
    if not overlaps(transformed_bounds(source.grid, truth.grid), truth.grid.bounds):
        raise InputError(
            "The {role} raster {path} does not overlap the reference raster. Compare rasters of the same area.",
            role=source.role,
            path=source.path,
        )
    notes.append(
        Message(
            "The {role} raster is on another grid than the reference: it was resampled onto the "
            "reference grid ({resampling}) before scoring.",
            role=source.role,
            resampling=resampling,
        )
    )
    return warped_vrt(source, truth.grid, resampling)


def _optional_writer(
    outputs: contextlib.ExitStack, path: Optional[str], truth: RasterBand, kind: OptionalRaster
) -> Optional[GeoTiffWriter]:
    if not path:
        return None
    return outputs.enter_context(GeoTiffWriter(path, truth.grid, kind.raster_format, [kind.band]))
