"""The evaluation report: a self-contained HTML page with the scores and a picture of the difference map."""

import base64
import html
import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import List, Optional

import numpy as np
from osgeo import gdal

from ..html_page import page
from ..messages import LanguageLike, Message
from ..options import MARK_LEVEL
from ..rasters.grid import Grid
from .marks import MISSED, OUTSIDE, SCORED, TOLERANCES_M, MarkScores
from .metrics import Scores

PREVIEW_MAX_PIXELS = 600
NODATA_RGB = (235, 235, 235)
ROWS = [
    ("mae", Message("MAE (m)"), Message("mean |estimate - reference|")),
    ("rmse", Message("RMSE (m)"), Message("root mean squared difference")),
    ("bias", Message("Bias (m)"), Message("mean (estimate - reference); > 0 means too deep")),
    ("rmse_wet", Message("RMSE wet (m)"), Message("RMSE over cells where the reference is >= 1 mm deep")),
    ("psnr", Message("PSNR (dB)"), Message("20 log10(max depth) - 10 log10(MSE)")),
    ("ssim", Message("SSIM"), Message("structural similarity, one global window")),
    ("csi", Message("CSI"), Message("critical success index TP / (TP + FP + FN)")),
    ("hit_rate", Message("Hit rate"), Message("TP / (TP + FN)")),
    ("false_alarm_rate", Message("False alarm ratio"), Message("FP / (TP + FP)")),
    (
        "volume_ratio",
        Message("Volume ratio"),
        Message("water volume of the estimate / of the reference; 1 means the same amount of water"),
    ),
]


class PreviewCollector:
    """Keeps every k-th row and column of the difference map, so the picture costs little memory."""

    def __init__(self, grid: Grid):
        self.step = max(1, math.ceil(max(grid.width, grid.height) / PREVIEW_MAX_PIXELS))
        self._rows: List[np.ndarray] = []

    def add_rows(self, row0: int, values: np.ndarray) -> None:
        first = (-row0) % self.step
        self._rows.extend(values[first :: self.step, :: self.step])

    def image(self) -> np.ndarray:
        return np.array(self._rows, np.float32)


@dataclass(frozen=True)
class RasterScoring:
    """The raster scores and the preview of the difference map they were scored with."""

    scores: Scores
    preview: PreviewCollector


def diverging_rgb(difference: np.ndarray) -> tuple:
    """(red, green, blue) bytes: red where the estimate is too deep, blue where too shallow, white at 0,
    grey where nothing was scored; and the colour span in metres (99th percentile of |difference|)."""
    valid = np.isfinite(difference)
    span = float(np.percentile(np.abs(difference[valid]), 99)) if valid.any() else 0.0
    span = span or 1.0
    scaled = np.clip(np.nan_to_num(difference) / span, -1, 1)
    red, green, blue = 1 - np.clip(-scaled, 0, 1), 1 - np.abs(scaled), 1 - np.clip(scaled, 0, 1)
    channels = tuple(
        np.where(valid, channel * 255, fill).astype(np.uint8) for channel, fill in zip((red, green, blue), NODATA_RGB)
    )
    return channels, span


def png_bytes(channels) -> bytes:
    height, width = channels[0].shape
    memory = gdal.GetDriverByName("MEM").Create("", width, height, 3, gdal.GDT_Byte)
    for index, channel in enumerate(channels, start=1):
        memory.GetRasterBand(index).WriteArray(channel)
    path = f"/vsimem/floodsr-preview-{uuid.uuid4().hex}.png"
    gdal.GetDriverByName("PNG").CreateCopy(path, memory)
    try:
        handle = gdal.VSIFOpenL(path, "rb")
        gdal.VSIFSeekL(handle, 0, 2)
        size = gdal.VSIFTellL(handle)
        gdal.VSIFSeekL(handle, 0, 0)
        data = gdal.VSIFReadL(1, size, handle)
        gdal.VSIFCloseL(handle)
        return data
    finally:
        gdal.Unlink(path)


def html_report(
    request,
    notes: List[Message],
    rasters: Optional[RasterScoring] = None,
    marks: Optional[MarkScores] = None,
    translate: LanguageLike = None,
) -> str:
    """The page in the language of `translate`; numbers and paths as they are. The raster scores and the
    high-water marks each have a section when they were scored."""

    def text(message: Message) -> str:
        return html.escape(message.render(translate))

    made = Message("Made {time} by FloodSR.", time=f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC}")
    sources = f"<p>{text(Message('Estimate'))}: <code>{html.escape(str(request.estimate_path))}</code>"
    if request.truth_path:
        sources += f"<br>\n{text(Message('Reference'))}: <code>{html.escape(str(request.truth_path))}</code>"
    body = sources + "</p>\n"
    if rasters is not None:
        body += _raster_section(request, rasters, text, translate)
    if marks is not None:
        body += _marks_section(marks, text)
    body += "".join(f"<p><em>{text(note)}</em></p>" for note in notes)
    body += f"\n<p><small>{text(made)}</small></p>"
    return page(Message("Flood depth evaluation").render(translate), body)


def _raster_section(request, rasters: RasterScoring, text, translate: LanguageLike) -> str:
    scores, preview = rasters.scores, rasters.preview
    channels, span = diverging_rgb(preview.image())
    picture = base64.b64encode(png_bytes(channels)).decode("ascii")
    rows = "\n".join(
        f"<tr><td>{text(label)}</td><td class='value'>{_number(getattr(scores, key))}</td><td>{text(meaning)}</td></tr>"
        for key, label, meaning in ROWS
    )
    summary = Message(
        "Cells scored: {cells:,}; wet threshold {threshold:g} m; maximum depth {max_depth:g} m (hits {hits:,}, "
        "false alarms {false_alarms:,}, misses {misses:,}, correct dry {correct_dry:,}).",
        cells=scores.cells,
        threshold=request.wet_threshold,
        max_depth=request.max_depth,
        hits=scores.true_positive,
        false_alarms=scores.false_positive,
        misses=scores.false_negative,
        correct_dry=scores.true_negative,
    )
    legend = Message(
        "Red: estimate too deep; blue: too shallow; white: equal; grey: not scored. The colours reach their "
        "strongest at the 99th percentile of |difference|."
    )
    sampling = Message("The picture shows one cell in {step} across and down.", step=preview.step)
    return f"""<p>{text(summary)}</p>
<table><tr><th>{text(Message("Metric"))}</th><th>{text(Message("Value"))}</th><th>{text(Message("Definition"))}</th></tr>
{rows}
</table>
<h2>{text(Message("Difference map (estimate - reference)"))}</h2>
<p>{text(legend)}{" " + text(sampling) if preview.step > 1 else ""}</p>
{colour_bar(span, translate)}
<img alt="difference map" src="data:image/png;base64,{picture}">
"""


def _marks_section(marks: MarkScores, text) -> str:
    """The marks' scores, then every mark: what the estimate gives there and its error."""
    summary = [
        (Message("Marks scored"), str(marks.count(SCORED))),
        (Message("Marks missed (dry in the estimate)"), str(marks.count(MISSED))),
        (Message("Marks outside the rasters"), str(marks.count(OUTSIDE))),
        (Message("Bias (m)"), _number(marks.bias)),
        (Message("MAE (m)"), _number(marks.mae)),
        (Message("RMSE (m)"), _number(marks.rmse)),
        (Message("Within +/- 0.1 m"), _number(marks.share_within(TOLERANCES_M[0]))),
        (Message("Within +/- 0.3 m"), _number(marks.share_within(TOLERANCES_M[1]))),
    ]
    statuses = {SCORED: Message("scored"), MISSED: Message("missed"), OUTSIDE: Message("outside")}
    rows = "\n".join(f"<tr><td>{text(label)}</td><td class='value'>{value}</td></tr>" for label, value in summary)
    points = "\n".join(
        f"<tr><td>{index}</td><td>{text(statuses[mark.status])}</td><td class='value'>{_number(mark.estimated)}</td>"
        f"<td class='value'>{_number(mark.error)}</td></tr>"
        for index, mark in enumerate(marks.marks, start=1)
    )
    kind = Message("observed water levels") if marks.kind == MARK_LEVEL else Message("observed depths")
    explained = Message(
        "Errors are estimate minus observation; the shares within a tolerance count missed marks as outside it."
    )
    labels = (Message("Status"), Message("Estimate (m)"), Message("Error (m)"))
    headers = "".join(f"<th>{text(label)}</th>" for label in labels)
    return f"""<h2>{text(Message("High-water marks"))} ({text(kind)})</h2>
<p>{text(explained)}</p>
<table>{rows}</table>
<table><tr><th>#</th>{headers}</tr>
{points}
</table>
"""


def colour_bar(span: float, translate: LanguageLike = None) -> str:
    """The difference map's colours from -span (blue) through 0 (white) to +span (red), labelled in metres."""
    labels = (
        Message("-{span:.3g} m (too shallow)", span=span),
        Message("0 m"),
        Message("+{span:.3g} m (too deep)", span=span),
    )
    cells = "".join(
        f'<span style="flex:1;text-align:{align}">{html.escape(label.render(translate))}</span>'
        for label, align in zip(labels, ("left", "center", "right"))
    )
    return (
        '<div class="colour-bar" style="width:30em;margin:0.5em 0">'
        '<div style="height:1em;border:1px solid #999;background:linear-gradient(to right,#0000ff,#ffffff,#ff0000)">'
        f'</div><div style="display:flex">{cells}</div></div>'
    )


def _number(value: Optional[float]) -> str:
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.4f}"
