"""The tiles of every depth band and of the DEM, read batch by batch and tile row by tile row (every GDAL read
of the tile loop)."""

from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import numpy as np
from scipy import ndimage

from ..rasters.bands import RasterBand, VirtualRaster, as_nan
from ..rasters.grid import Grid
from .tile_work import TileJob


@dataclass(frozen=True)
class TileBatch:
    """The tiles one model call takes, from one tile row."""

    row: int
    y0: int
    tiles: List[Tuple[int, int]]  # (column index, x0) of each tile
    depth_tiles: Dict[int, List[np.ndarray]]  # per depth band, the coarse tiles in metres
    dry: Dict[int, List[bool]]  # per depth band, whether each tile is dry (no model run)
    dem_tiles: List[Optional[np.ndarray]]  # the DEM tiles on the model grid, voids filled; None where not needed
    ends_row: bool
    void_tiles: List[Optional[np.ndarray]]  # where each DEM tile had voids (True); None where not read


def tile_batches(job: TileJob, check_cancel: Callable[[], None]) -> Iterator[TileBatch]:
    for row in range(len(job.plan.y.starts)):
        yield from _row_batches(job, row, check_cancel)


def _row_batches(job: TileJob, row: int, check_cancel: Callable[[], None]) -> Iterator[TileBatch]:
    """The batches of one tile row: the coarse rows of every depth band are read once for the row; the DEM only
    under the tiles that need it (a wet tile, or any tile whose training range is checked)."""
    contract, settings, plan = job.contract, job.settings, job.plan
    scale, lr_tile, y0 = contract.scale, contract.lr_tile, plan.y.starts[row]
    depth_strips = {
        number: _read_depth(band, y0 // scale, lr_tile, plan.x.size // scale)
        for number, band in settings.input_bands.items()
    }
    groups = list(_batches(list(enumerate(plan.x.starts)), job.session.batch_size))
    for index, tiles in enumerate(groups):
        check_cancel()
        depth_tiles = {
            band: [strip[:, x0 // scale : x0 // scale + lr_tile] for _, x0 in tiles]
            for band, strip in depth_strips.items()
        }
        dry = {band: [settings.is_dry(values) for values in band_tiles] for band, band_tiles in depth_tiles.items()}
        needs_dem = [settings.checks_range or not all(dry[band][i] for band in dry) for i in range(len(tiles))]
        dem_reads = [
            _read_dem(job.inputs.dem_on_model, y0, x0, contract.hr_tile, job.inputs.model_grid) if needed else None
            for (_, x0), needed in zip(tiles, needs_dem)
        ]
        yield TileBatch(
            row,
            y0,
            tiles,
            depth_tiles,
            dry,
            [read[0] if read else None for read in dem_reads],
            index == len(groups) - 1,
            [read[1] if read else None for read in dem_reads],
        )


def _batches(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _read_depth(depth: RasterBand, row0: int, rows: int, padded_width: int) -> np.ndarray:
    """Coarse depth rows in metres; nodata and NaN are dry; padded (mirrored) past small edges."""
    available = min(rows, depth.grid.height - row0)
    values = depth.read(0, row0, depth.grid.width, available).astype(np.float32)
    depth.dataset.FlushCache()  # a basin-sized coarse raster must not pile up in GDAL's cache either
    values = np.nan_to_num(as_nan(values, depth.nodata), nan=0.0)
    return _pad_to(values, rows, padded_width)


def _read_dem(dem: VirtualRaster, row0: int, col0: int, tile: int, grid: Grid) -> Tuple[np.ndarray, np.ndarray]:
    """One tile of DEM on the model grid `grid`, voids filled from the nearest valid cell (for inference only), and
    where the voids were; both mirrored past the raster's edge when the raster is smaller than a tile."""
    values = dem.read(col0, row0, min(tile, grid.width - col0), min(tile, grid.height - row0))
    voids = np.isnan(values)
    if voids.all():
        values = np.zeros_like(values)
    elif voids.any():
        nearest = ndimage.distance_transform_edt(voids, return_distances=False, return_indices=True)
        values = values[tuple(nearest)]
    return _pad_to(values, tile, tile), _pad_to(voids, tile, tile)


def _pad_to(values: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Mirror (edge included) past the bottom/right edges: the same rule at both resolutions."""
    pad_rows, pad_cols = rows - values.shape[0], cols - values.shape[1]
    if pad_rows == 0 and pad_cols == 0:
        return values
    return np.pad(values, ((0, pad_rows), (0, pad_cols)), mode="symmetric")
