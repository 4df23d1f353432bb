"""The last step of every fine-depth output: nodata where the DEM has none, statistics, rows to the file."""

import math
from typing import Callable

import numpy as np

from ..errors import InputError
from ..messages import LanguageLike, Message
from .bands import VirtualRaster
from .inputs import check_elevations
from .writer import BLOCK, OUTPUT_NODATA, GeoTiffWriter

CHUNK_ROWS = 128


def depth_band_name(language: LanguageLike) -> str:
    """The output band's name, as QGIS shows it in the layer's properties, in the user's language."""
    return Message("Flood depth (m)").render(language)


class DepthRowSink:
    """Takes fine depth rows top to bottom, applies `finalise`, masks DEM voids and writes them."""

    def __init__(
        self, writer: GeoTiffWriter, dem_on_output: VirtualRaster, finalise: Callable[[np.ndarray], np.ndarray]
    ):
        self._writer = writer
        self._dem = dem_on_output
        self._finalise = finalise
        self._row = 0
        self._valid = self._wet = 0
        self._sum = self._sum_squares = 0.0
        self.minimum = math.inf
        self.maximum = 0.0

    def push(self, depth: np.ndarray) -> None:
        """Rows of float32 depth, finalised in place and in chunks: memory follows the width, not the raster."""
        for start in range(0, len(depth), CHUNK_ROWS):
            self._push_chunk(depth[start : start + CHUNK_ROWS])

    def _push_chunk(self, depth: np.ndarray) -> None:
        dem = self._dem.read_rows(self._row, len(depth))
        voids = np.isnan(dem)
        if not voids.all():
            check_elevations(float(np.nanmin(dem)), float(np.nanmax(dem)), Message("DEM"), self._dem.path)
        final = self._finalise(np.nan_to_num(depth, nan=0.0, copy=False))
        final[voids] = 0.0
        valid = int(final.size - np.count_nonzero(voids))
        self._valid += valid
        self._wet += int(np.count_nonzero(final))
        self._sum += float(final.sum(dtype=np.float64))
        flat = final.ravel()
        self._sum_squares += float(np.dot(flat, flat))
        if valid:
            self.minimum = min(self.minimum, float(np.min(final, where=~voids, initial=np.inf)))
            self.maximum = max(self.maximum, float(final.max()))
        final[voids] = OUTPUT_NODATA
        self._writer.append_rows(final)
        self._row += len(depth)
        self._dem.drop_cached_blocks()

    def push_array(self, depth: np.ndarray) -> None:
        """A whole raster, pushed one block row at a time."""
        for row0 in range(0, len(depth), BLOCK):
            self.push(depth[row0 : row0 + BLOCK])

    @property
    def wet_fraction(self) -> float:
        return self._wet / self._valid if self._valid else 0.0

    def finish(self) -> None:
        if self._valid == 0:
            raise InputError("No output cell has a valid DEM value; check the DEM's nodata value and coverage.")
        mean = self._sum / self._valid
        std = math.sqrt(max(self._sum_squares / self._valid - mean * mean, 0.0))
        self._writer.set_statistics(self.minimum, self.maximum, mean, std)
