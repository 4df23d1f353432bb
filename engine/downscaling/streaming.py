"""Subgrid downscaling streamed over block rows of coarse cells, each read with a halo of neighbouring rows:
memory follows the raster's width, not its height, and the output equals the whole-array computation."""

from dataclasses import dataclass
from typing import Callable, Iterator, Tuple

import numpy as np

from ..progress import Progress
from ..rasters.bands import RasterBand, VirtualRaster, as_nan
from ..rasters.grid import Grid
from .subgrid import CellLayout

FINE_ROWS_PER_BLOCK = 512  # at x16, the smoothed method's halo (3 coarse rows each side) adds a fifth more work

# (coarse rows, fine DEM rows, their layout) -> fine depth rows
WindowMethod = Callable[[np.ndarray, np.ndarray, CellLayout], np.ndarray]
RowReader = Callable[[int, int], np.ndarray]  # (first row, row count) -> rows


def cell_layout(coarse: Grid, fine: Grid) -> CellLayout:
    """Where the fine grid's cells fall among the coarse grid's (both in the same CRS)."""
    cols = (fine.x0 + (np.arange(fine.width) + 0.5) * fine.dx - coarse.x0) / coarse.dx
    rows = (coarse.y0 - (fine.y0 - (np.arange(fine.height) + 0.5) * fine.dy)) / coarse.dy
    return CellLayout(rows, cols, (coarse.height, coarse.width))


def coarse_rows(coarse: RasterBand) -> RowReader:
    """Rows of a coarse raster, nodata as NaN, GDAL's cache freed after each read."""

    def read(row0: int, rows: int) -> np.ndarray:
        values = coarse.band.ReadAsArray(0, row0, coarse.grid.width, rows).astype(np.float32)
        coarse.dataset.FlushCache()
        return as_nan(values, coarse.nodata)

    return read


def dem_rows(dem: VirtualRaster) -> RowReader:
    """Rows of the DEM on the output grid, voids as NaN, GDAL's cache freed after each read."""

    def read(row0: int, rows: int) -> np.ndarray:
        values = dem.read_rows(row0, rows)
        dem.drop_cached_blocks()
        return values

    return read


class RowCache(VirtualRaster):
    """A virtual raster read top to bottom, each row from GDAL once: the rows a window shares with the one before
    (its halo), and the output's check of the rows just computed, come from memory. GDAL is read in whole multiples
    of the file's block height (`block_rows`), so that no block of the file is decompressed twice. Memory: the
    rows of the current window, rounded up to `block_rows`."""

    def __init__(self, raster: VirtualRaster, block_rows: int):
        super().__init__(raster.dataset, path=raster.path)
        self._raster = raster
        self._reads = block_rows * -(-FINE_ROWS_PER_BLOCK // block_rows)
        self._row0 = 0
        self._rows = np.empty((0, raster.dataset.RasterXSize), np.float32)

    def read_rows(self, row0: int, rows: int) -> np.ndarray:
        cached_end = self._row0 + len(self._rows)
        if not self._row0 <= row0 <= cached_end:  # a jump (a second pass starts at the top): start again
            self._row0, self._rows, cached_end = row0, self._rows[:0], row0
        end = row0 + rows
        if end > cached_end:
            stop = min(self.dataset.RasterYSize, -(-end // self._reads) * self._reads)
            new = self._raster.read_rows(cached_end, stop - cached_end)
            self._raster.drop_cached_blocks()
            self._rows = np.concatenate([self._rows[row0 - self._row0 :], new])
            self._row0 = row0
        return self._rows[row0 - self._row0 : end - self._row0].copy()

    def drop_cached_blocks(self) -> None:
        """Nothing to drop: GDAL's blocks are dropped after each read."""


class SharedRows(VirtualRaster):
    """A virtual raster that several readers take windows of while they move down it, each a little ahead of or
    behind the others (a run's tiles, the output's void mask, the guard's estimate): each row is read from GDAL
    once, in whole multiples of the file's block height (`block_rows`), and the last `keep_rows` rows read stay in
    memory. A window above them is read from GDAL again: the same values, only slower. Memory: `keep_rows` rows,
    plus one read."""

    def __init__(self, raster: VirtualRaster, block_rows: int, keep_rows: int):
        super().__init__(raster.dataset, path=raster.path)
        self._raster = raster
        self._reads = block_rows * -(-FINE_ROWS_PER_BLOCK // block_rows)
        self._keep = keep_rows
        self._row0 = 0
        self._rows = np.empty((0, raster.dataset.RasterXSize), np.float32)

    def read(self, col0: int, row0: int, cols: int, rows: int) -> np.ndarray:
        end, width, height = row0 + rows, self.dataset.RasterXSize, self.dataset.RasterYSize
        if row0 < self._row0 or end > height or col0 < 0 or col0 + cols > width:  # GDAL refuses what is outside
            values = self._raster.read(col0, row0, cols, rows)
            self._raster.drop_cached_blocks()
            return values
        if end > self._row0 + len(self._rows):
            self._read_to(end, row0)
        return self._rows[row0 - self._row0 : end - self._row0, col0 : col0 + cols].copy()

    def _read_to(self, end: int, needed_from: int) -> None:
        """Read on to a whole read past `end`, then drop the rows beyond the last `keep_rows`, keeping those from
        `needed_from` on."""
        cached_end = self._row0 + len(self._rows)
        stop = min(self.dataset.RasterYSize, -(-end // self._reads) * self._reads)
        new = self._raster.read_rows(cached_end, stop - cached_end)
        self._raster.drop_cached_blocks()
        first = max(self._row0, min(stop - self._keep, needed_from, cached_end))
        self._rows = np.concatenate([self._rows[first - self._row0 :], new])
        self._row0 = first

    def drop_cached_blocks(self) -> None:
        """Nothing to drop: GDAL's blocks are dropped after each read."""


@dataclass(frozen=True)
class Block:
    """One block row of coarse cells (`own`) read with its halo (`coarse`), and the fine rows of each."""

    own: slice
    coarse: slice
    fine: slice
    layout: CellLayout  # the fine rows of `coarse`, on their own
    keep: slice  # the fine rows of `own`, within `fine`


def blocks(layout: CellLayout, halo: int) -> Iterator[Block]:
    """Block rows of about FINE_ROWS_PER_BLOCK fine rows, top to bottom, each with `halo` coarse rows around."""
    coarse_rows, fine_rows = layout.coarse_shape[0], layout.fine_shape[0]
    per_block = max(1, round(FINE_ROWS_PER_BLOCK * coarse_rows / max(fine_rows, 1)))
    for row0 in range(0, coarse_rows, per_block):
        row1 = min(row0 + per_block, coarse_rows)
        top, bottom = max(0, row0 - halo), min(coarse_rows, row1 + halo)
        fine, window = layout.window(top, bottom)
        own, _ = layout.window(row0, row1)
        keep = slice(own.start - fine.start, own.stop - fine.start)
        yield Block(slice(row0, row1), slice(top, bottom), fine, window, keep)


@dataclass(frozen=True)
class BlockSource:
    """Where a streamed method's block rows come from: the cell layout, and readers of coarse and fine DEM rows."""

    layout: CellLayout
    read_coarse: RowReader
    read_dem: RowReader

    def read(self, block: Block) -> Tuple[np.ndarray, np.ndarray]:
        """The block's coarse rows and its fine DEM rows."""
        coarse = self.read_coarse(block.coarse.start, block.coarse.stop - block.coarse.start)
        return coarse, self.read_dem(block.fine.start, block.fine.stop - block.fine.start)


def stream_fine_depth(
    method: WindowMethod, halo: int, source: BlockSource, write: Callable[[np.ndarray], None], progress: Progress
) -> None:
    """Run `method` block row by block row (a cell's result may depend on cells up to `halo` rows away) and hand
    the fine rows to `write`, top to bottom."""
    total = source.layout.coarse_shape[0]
    for block in blocks(source.layout, halo):
        progress.check_cancel()
        coarse, dem = source.read(block)
        depth = method(coarse, dem, block.layout)
        progress.check_cancel()
        write(depth[block.keep])
        progress.report(block.own.stop / total)


def stream_coarse(method: WindowMethod, source: BlockSource, progress: Progress) -> np.ndarray:
    """A per-cell `method` giving one value per coarse cell (no halo), gathered into one coarse array."""
    rows = []
    for block in blocks(source.layout, 0):
        progress.check_cancel()
        coarse, dem = source.read(block)
        rows.append(method(coarse, dem, block.layout))
    return np.concatenate(rows)
