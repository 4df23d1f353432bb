"""What a fine depth output may carry beyond the depth itself, the same for every flow: a minimum depth under
which cells become dry, and the water-surface elevation (DEM + depth where wet) as a raster beside it, one band
per depth band."""

import contextlib
import math
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence

import numpy as np

from ..errors import InputError
from ..messages import LanguageLike, Message
from ..options import LARGEST_MIN_DEPTH_M
from .grid import Grid
from .writer import OUTPUT_NODATA, BandInfo, GeoTiffWriter, RasterFormat, check_output_path

MIN_DEPTH_TAG = "FLOODSR_MIN_DEPTH_M"


def check_min_depth(min_depth: float) -> None:
    if not (math.isfinite(min_depth) and 0 <= min_depth <= LARGEST_MIN_DEPTH_M):
        raise InputError(
            "The minimum depth must be from 0 to {largest:g} m (got {value:g}); 0.05 m is a common choice.",
            largest=LARGEST_MIN_DEPTH_M,
            value=min_depth,
        )


def min_depth_tags(min_depth: float) -> Dict[str, str]:
    """The output's metadata item saying which depth was the least kept (0: every depth is kept)."""
    return {MIN_DEPTH_TAG: f"{min_depth:g}"}


def wse_band_name(language: LanguageLike) -> str:
    return Message("Water-surface elevation (m)").render(language)


@dataclass
class DepthFinish:
    """The last step on final depth rows (0 at DEM voids): dry under `min_depth`, and, with `wse`, the rows of
    the water-surface elevation written beside them (a band per depth band)."""

    min_depth: float = 0.0
    wse: Optional[GeoTiffWriter] = None

    def apply(self, depth: np.ndarray, dem: np.ndarray, voids: np.ndarray) -> None:
        """`depth` is changed in place; `dem` holds the same rows of the DEM on the output grid."""
        self.apply_bands([depth], dem, voids)

    def apply_bands(self, depths: Sequence[np.ndarray], dem: np.ndarray, voids: np.ndarray) -> None:
        """The same rows of every depth band, in band order, each changed in place."""
        for depth in depths:
            depth[depth < self.min_depth] = 0.0
        if self.wse is not None:
            self.wse.append_rows(np.stack([water_surface(depth, dem, voids) for depth in depths]))


def water_surface(depth: np.ndarray, dem: np.ndarray, voids: np.ndarray) -> np.ndarray:
    """DEM + depth where wet, nodata where dry or where the DEM has none."""
    with np.errstate(invalid="ignore"):
        return np.where((depth > 0) & ~voids, dem + depth, np.float32(OUTPUT_NODATA)).astype(np.float32)


@dataclass(frozen=True)
class WseOutput:
    """The water-surface elevation raster beside a depth output: its path (empty for none), and the grid,
    compression and tags it takes from the depth output."""

    path: str
    grid: Grid
    compression: str
    tags: Dict[str, str]
    depth_bands: Sequence[int] = (1,)  # input band numbers, in order: a water-surface band for each


def wse_writer(
    stack: contextlib.ExitStack, output: WseOutput, read: Iterable[str], language: LanguageLike
) -> Optional[GeoTiffWriter]:
    """The water-surface elevation's writer, a band for each of the output's depth bands, entered on `stack`
    (None without a path); its path is checked against every file the run reads or writes first."""
    if not output.path:
        return None
    path = check_output_path(output.path, list(read))
    bands = _wse_bands(output.depth_bands, language)
    return stack.enter_context(GeoTiffWriter(path, output.grid, RasterFormat(output.compression), bands, output.tags))


def _wse_bands(depth_bands: Sequence[int], language: LanguageLike) -> List[BandInfo]:
    """One band says only what it is; several also say which input band each comes from."""
    if len(depth_bands) == 1:
        return [BandInfo(wse_band_name(language), "m")]
    text = Message("Water-surface elevation (m)")
    return [
        BandInfo(Message("{text}, input band {band}", text=text, band=band).render(language), "m")
        for band in depth_bands
    ]
