"""The last step of every fine-depth output: nodata where the DEM has none, statistics, rows to the file."""

import math
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Protocol, Sequence, Tuple

import numpy as np

from ..errors import InputError
from ..messages import LanguageLike, Message
from ..options import DEPTH_LAYER, SPREAD_LAYER
from .bands import VirtualRaster
from .depth_finish import DepthFinish
from .inputs import check_elevations
from .product import Encoding, Layer
from .writer import BLOCK, OUTPUT_NODATA, GeoTiffWriter

CHUNK_ROWS = 128


def depth_band_name(language: LanguageLike) -> str:
    """The output band's name, as QGIS shows it in the layer's properties, in the user's language."""
    return Message("Flood depth (m)").render(language)


class DepthStatistics:
    """Minimum, maximum, mean, standard deviation and wet fraction of final depths over valid cells."""

    def __init__(self):
        self._valid = self._wet = 0
        self._sum = self._sum_squares = 0.0
        self.minimum = math.inf
        self.maximum = 0.0

    def add(self, final: np.ndarray, voids: np.ndarray) -> None:
        """Final depths (0 at voids) and where the DEM has voids."""
        valid = int(final.size - np.count_nonzero(voids))
        self._valid += valid
        self._wet += int(np.count_nonzero(final))
        self._sum += float(final.sum(dtype=np.float64))
        flat = final.ravel()
        self._sum_squares += float(np.dot(flat, flat))
        if valid:
            self.minimum = min(self.minimum, float(np.min(final, where=~voids, initial=np.inf)))
            self.maximum = max(self.maximum, float(final.max()))

    @property
    def wet_fraction(self) -> float:
        return self._wet / self._valid if self._valid else 0.0

    def summary(self) -> Tuple[float, float, float, float]:
        """(minimum, maximum, mean, std); InputError when no cell was valid."""
        if self._valid == 0:
            raise InputError("No output cell has a valid DEM value; check the DEM's nodata value and coverage.")
        mean = self._sum / self._valid
        std = math.sqrt(max(self._sum_squares / self._valid - mean * mean, 0.0))
        return self.minimum, self.maximum, mean, std


def read_dem_rows(dem: VirtualRaster, row0: int, rows: int) -> Tuple[np.ndarray, np.ndarray]:
    """These rows of the DEM on the output grid and where it has no data; implausible elevations are refused."""
    values = dem.read_rows(row0, rows)
    voids = np.isnan(values)
    if not voids.all():
        check_elevations(float(np.nanmin(values)), float(np.nanmax(values)), Message("DEM"), dem.path)
    return values, voids


class DepthRowSink:
    """Takes fine depth rows top to bottom, applies `finalise`, masks DEM voids, applies `finish` (minimum depth,
    water-surface elevation) and writes them."""

    def __init__(
        self,
        writer: GeoTiffWriter,
        dem_on_output: VirtualRaster,
        finalise: Callable[[np.ndarray], np.ndarray],
        finish: Optional[DepthFinish] = None,
    ):
        self._writer = writer
        self._dem = dem_on_output
        self._finalise = finalise
        self._finish = finish or DepthFinish()
        self._row = 0
        self.statistics = DepthStatistics()

    def push(self, depth: np.ndarray) -> None:
        """Rows of float32 depth, finalised in place and in chunks: memory follows the width, not the raster."""
        for start in range(0, len(depth), CHUNK_ROWS):
            self._push_chunk(depth[start : start + CHUNK_ROWS])

    def _push_chunk(self, depth: np.ndarray) -> None:
        dem, voids = read_dem_rows(self._dem, self._row, len(depth))
        final = self._finalise(np.nan_to_num(depth, nan=0.0, copy=False))
        final[voids] = 0.0
        self._finish.apply(final, dem, voids)
        self.statistics.add(final, voids)
        final[voids] = OUTPUT_NODATA
        self._writer.append_rows(final)
        self._row += len(depth)
        self._dem.drop_cached_blocks()

    def push_array(self, depth: np.ndarray) -> None:
        """A whole raster, pushed one block row at a time."""
        for row0 in range(0, len(depth), BLOCK):
            self.push(depth[row0 : row0 + BLOCK])

    @property
    def maximum(self) -> float:
        return self.statistics.maximum

    @property
    def wet_fraction(self) -> float:
        return self.statistics.wet_fraction

    def finish(self) -> None:
        self._writer.set_statistics(*self.statistics.summary())


class ProductRows(Protocol):
    """Where rows of every computed product layer go, top to bottom; `statistics` of each depth band."""

    @property
    def statistics(self) -> Dict[int, DepthStatistics]: ...

    def push(self, rows: Dict[Layer, np.ndarray]) -> None: ...

    def finish(self) -> None: ...


@dataclass(frozen=True)
class ProductFile:
    """The product file being written, the layers it gets (in band order) and how their values are stored."""

    writer: GeoTiffWriter
    written: Sequence[Layer]
    encoding: Encoding


class ProductRowSink:
    """Takes rows of every computed product layer top to bottom (a dict Layer -> float32 rows, NaN where a
    layer has no value), finalises them and writes the product file's layers to it.

    Depth is finalised like DepthRowSink's (`finish` on the depth bands together, so that the water-surface
    elevation has a band for each); the spread is masked where its band's final depth is dry or the DEM has a void;
    flags are masked at voids. Statistics are set on every written depth band."""

    def __init__(
        self,
        product: ProductFile,
        dem_on_output: VirtualRaster,
        finalise: Callable[[np.ndarray], np.ndarray],
        finish: Optional[DepthFinish] = None,
    ):
        self._writer = product.writer
        self._dem = dem_on_output
        self._finalise = finalise
        self._finish = finish or DepthFinish()
        self._written = list(product.written)
        self._encoding = product.encoding
        self._row = 0
        self.statistics: Dict[int, DepthStatistics] = {}

    def push(self, rows: Dict[Layer, np.ndarray]) -> None:
        height = len(next(iter(rows.values())))
        for start in range(0, height, CHUNK_ROWS):
            self._push_chunk({layer: values[start : start + CHUNK_ROWS] for layer, values in rows.items()})

    def _push_chunk(self, rows: Dict[Layer, np.ndarray]) -> None:
        height = len(next(iter(rows.values())))
        dem, voids = read_dem_rows(self._dem, self._row, height)
        final = self._final_depths(rows, dem, voids)
        for layer, values in rows.items():
            if layer.kind == SPREAD_LAYER:
                dry = final[Layer(DEPTH_LAYER, layer.input_band)] == 0
                final[layer] = np.where(voids | dry, np.float32(np.nan), values)
            elif layer.kind != DEPTH_LAYER:
                final[layer] = np.where(voids, np.float32(np.nan), values)
        self._writer.append_rows(np.stack([self._encoding.encode(final[layer], layer) for layer in self._written]))
        self._row += height
        self._dem.drop_cached_blocks()

    def _final_depths(
        self, rows: Dict[Layer, np.ndarray], dem: np.ndarray, voids: np.ndarray
    ) -> Dict[Layer, np.ndarray]:
        """The depth layers finalised, finished together (in band order) and added to the statistics; NaN at
        voids."""
        layers = sorted((layer for layer in rows if layer.kind == DEPTH_LAYER), key=lambda layer: layer.order)
        depths = {}
        for layer in layers:
            depth = self._finalise(np.nan_to_num(rows[layer], nan=0.0, copy=False))
            depth[voids] = 0.0
            depths[layer] = depth
        self._finish.apply_bands([depths[layer] for layer in layers], dem, voids)
        for layer in layers:
            self.statistics.setdefault(layer.input_band, DepthStatistics()).add(depths[layer], voids)
            depths[layer] = np.where(voids, np.float32(np.nan), depths[layer])
        return depths

    def finish(self) -> None:
        for index, layer in enumerate(self._written, start=1):
            summary = self.statistics[layer.input_band].summary() if layer.kind == DEPTH_LAYER else None
            if summary and self._encoding.scale == 1.0:  # GDAL's statistics are of stored values
                self._writer.set_statistics(*summary, band=index)
