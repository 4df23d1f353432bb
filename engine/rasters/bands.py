"""GDAL raster access: open a band with checks, virtual rasters on a target grid, row reads.

Every window is given as GDAL gives it, column first: (col0, row0, cols, rows)."""

import contextlib
import math
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Optional, Tuple

import numpy as np
from osgeo import gdal

from ..errors import InputError
from ..messages import Message
from .grid import ALIGN_TOLERANCE_CELLS, Grid, transformed_bounds

Cancel = Callable[[], None]


def never_cancelled() -> None:
    pass


@dataclass(frozen=True)
class CellWindow:
    """A block of a raster's cells: its first column and row, and how many columns and rows it spans."""

    col0: int
    row0: int
    cols: int
    rows: int


def read_array(band: gdal.Band, window: CellWindow, path: str) -> np.ndarray:
    """A window of `band` from the raster `path`; a file GDAL cannot read there is a clear input error."""
    try:
        return band.ReadAsArray(window.col0, window.row0, window.cols, window.rows)
    except RuntimeError as error:
        raise InputError(
            "The raster {path} cannot be read ({error}). The file may be truncated or damaged, or a file it "
            "refers to (a virtual raster's source) may be missing: check it, or export it again.",
            path=path,
            error=str(error).splitlines()[0],  # newer GDAL appends "May be caused by: ..." lines that repeat it
        ) from error


@contextlib.contextmanager
def gdal_errors_as_exceptions():
    """GDAL raises Python errors inside the block; the caller's global setting is restored after."""
    was_on = gdal.GetUseExceptions()
    gdal.UseExceptions()
    try:
        yield
    finally:
        if not was_on:
            gdal.DontUseExceptions()


@dataclass
class RasterBand:
    """One band of an opened GDAL raster and its grid; `role` names it in messages ("depth", "DEM")."""

    role: Message
    path: str
    dataset: gdal.Dataset
    index: int
    grid: Grid
    sources: Tuple[gdal.Dataset, ...] = ()  # what a virtual `dataset` reads through: it must outlive it

    @property
    def band(self) -> gdal.Band:
        return self.dataset.GetRasterBand(self.index)

    @property
    def nodata(self) -> Optional[float]:
        return self.band.GetNoDataValue()

    def read(self, col0: int, row0: int, cols: int, rows: int) -> np.ndarray:
        return read_array(self.band, CellWindow(col0, row0, cols, rows), self.path)


def open_band(path: str, index: int, role: Message) -> RasterBand:
    try:
        dataset = gdal.Open(str(path), gdal.GA_ReadOnly)
    except RuntimeError as error:
        raise InputError(
            "The {role} raster {path} cannot be opened by GDAL ({error}). Check the path and format.",
            role=role,
            path=path,
            error=error,
        ) from error
    _check_band_index(dataset, index, role, path)
    return RasterBand(role, str(path), dataset, index, _grid_of(dataset, role, path))


def _check_band_index(dataset: gdal.Dataset, index: int, role: Message, path: str) -> None:
    if not 1 <= index <= dataset.RasterCount:
        raise InputError(
            "The {role} raster {path} has {count} band(s); band {index} does not exist. Pick a band from 1 to {count}.",
            role=role,
            path=path,
            count=dataset.RasterCount,
            index=index,
        )


def _grid_of(dataset: gdal.Dataset, role: Message, path: str) -> Grid:
    srs = dataset.GetSpatialRef()
    if srs is None:
        raise InputError(
            "The {role} raster {path} has no coordinate reference system. "
            "Assign its CRS (Raster > Projections > Assign Projection) and run again.",
            role=role,
            path=path,
        )
    x0, dx, rot_x, y0, rot_y, dy = dataset.GetGeoTransform()
    if rot_x or rot_y:
        raise InputError(
            "The {role} raster {path} is rotated. Warp it to a north-up grid (Raster > Projections > Warp) first.",
            role=role,
            path=path,
        )
    if dx <= 0:
        raise InputError(
            "The {role} raster {path} is mirrored (its columns run east to west). "
            "Warp it to a north-up grid (Raster > Projections > Warp) first.",
            role=role,
            path=path,
        )
    if dy >= 0:
        raise InputError(
            "The {role} raster {path} is not north-up (its rows run south to north). Warp it to a north-up grid first.",
            role=role,
            path=path,
        )
    return Grid(srs.ExportToWkt(), x0, y0, dx, -dy, dataset.RasterXSize, dataset.RasterYSize)


class VirtualRaster:
    """A float32 virtual raster on a target grid, read by rows; nodata cells read as NaN."""

    def __init__(self, dataset: gdal.Dataset, *sources: gdal.Dataset, path: str = ""):
        self.dataset = dataset
        # GDAL's virtual rasters read through these handles: they must outlive it.
        self._sources = sources
        self.path = path  # the raster it shows, for messages

    def read_rows(self, row0: int, rows: int) -> np.ndarray:
        return self.read(0, row0, self.dataset.RasterXSize, rows)

    def read(self, col0: int, row0: int, cols: int, rows: int) -> np.ndarray:
        band = self.dataset.GetRasterBand(1)
        values = read_array(band, CellWindow(col0, row0, cols, rows), self.path).astype(np.float32, copy=False)
        return as_nan(values, band.GetNoDataValue())

    def drop_cached_blocks(self) -> None:
        """Free GDAL's cached blocks so that memory stays flat while streaming."""
        for dataset in (self.dataset,) + self._sources:
            dataset.FlushCache()


def crop_vrt(source: RasterBand, col0: int, row0: int, grid: Grid) -> VirtualRaster:
    """`source`'s own cells on `grid` (a crop of its grid, possibly reaching past it); no resampling."""
    dataset = gdal.Translate(
        "",
        source.dataset,
        format="VRT",
        bandList=[source.index],
        outputType=gdal.GDT_Float32,
        srcWin=[col0, row0, grid.width, grid.height],
        noData=_vrt_nodata(source),
    )
    return VirtualRaster(dataset, source.dataset, path=source.path)


def crop_virtual(raster: VirtualRaster, col0: int, row0: int, grid: Grid) -> VirtualRaster:
    """A window of a virtual raster, read through it: the same values, cell for cell."""
    dataset = gdal.Translate("", raster.dataset, format="VRT", srcWin=[col0, row0, grid.width, grid.height])
    return VirtualRaster(dataset, raster.dataset, *raster._sources)


def _single_band(source: RasterBand) -> gdal.Dataset:
    return gdal.Translate("", source.dataset, format="VRT", bandList=[source.index])


def suggested_cell_size(source: RasterBand, crs_wkt: str):
    """The cell size (x, y) GDAL would pick for `source` reprojected into `crs_wkt`."""
    _, dx, _, _, _, dy = gdal.Warp("", _single_band(source), format="VRT", dstSRS=crs_wkt).GetGeoTransform()
    return dx, -dy


def reprojected_onto(source: RasterBand, fine: Grid) -> RasterBand:
    """`source` (all its bands) reprojected into the CRS of the `fine` grid through a GDAL warped virtual raster:
    cells of a whole number of fine cells, about the size GDAL suggests for `source` there, on the fine grid's
    cell edges, so the fine grid's cells nest in them. Each cell is the area-weighted average of the `source` cells
    it covers (a cell-average depth stays one); cells beyond `source` are nodata."""
    cell_x, cell_y = suggested_cell_size(source, fine.crs_wkt)
    factor = max(1, round(math.sqrt(cell_x * cell_y / (fine.dx * fine.dy))))
    dx, dy = factor * fine.dx, factor * fine.dy
    xmin, ymin, xmax, ymax = transformed_bounds(source.grid, fine)
    x0 = fine.x0 + math.floor((xmin - fine.x0) / dx + ALIGN_TOLERANCE_CELLS) * dx
    y0 = fine.y0 - math.floor((fine.y0 - ymax) / dy + ALIGN_TOLERANCE_CELLS) * dy
    width = max(1, math.ceil((xmax - x0) / dx - ALIGN_TOLERANCE_CELLS))
    height = max(1, math.ceil((y0 - ymin) / dy - ALIGN_TOLERANCE_CELLS))
    grid = Grid(fine.crs_wkt, x0, y0, dx, dy, width, height)
    nodata = _vrt_nodata(source)
    dataset = gdal.Warp(
        "",
        source.dataset,
        format="VRT",
        dstSRS=grid.crs_wkt,
        outputBounds=grid.bounds,
        width=width,
        height=height,
        resampleAlg="average",
        outputType=gdal.GDT_Float32,
        srcNodata=nodata,
        dstNodata=nodata,
    )
    return RasterBand(source.role, source.path, dataset, source.index, grid, sources=(source.dataset,))


def other_band(raster: RasterBand, index: int) -> RasterBand:
    """Band `index` of the raster `raster` reads (reprojected with it), checked as open_band checks it."""
    _check_band_index(raster.dataset, index, raster.role, raster.path)
    return replace(raster, index=index)


def warped_vrt(source: RasterBand, grid: Grid, resampling: str = "bilinear") -> VirtualRaster:
    """`source` resampled, and reprojected if its CRS differs, onto `grid`."""
    single_band = _single_band(source)
    xmin, ymin, xmax, ymax = grid.bounds
    nodata = _vrt_nodata(source)
    dataset = gdal.Warp(
        "",
        single_band,
        format="VRT",
        dstSRS=grid.crs_wkt,
        outputBounds=(xmin, ymin, xmax, ymax),
        width=grid.width,
        height=grid.height,
        resampleAlg=resampling,
        outputType=gdal.GDT_Float32,
        srcNodata=nodata,
        dstNodata=nodata,
    )
    return VirtualRaster(dataset, single_band, source.dataset, path=source.path)


def _vrt_nodata(source: RasterBand) -> float:
    nodata = source.nodata
    return math.nan if nodata is None else nodata


def as_nan(values: np.ndarray, nodata: Optional[float]) -> np.ndarray:
    if nodata is not None and not math.isnan(nodata):
        values = np.where(values == np.float32(nodata), np.float32(np.nan), values)
    return values


# Cells read at a time by whole-raster scans: memory stays flat however wide the raster is.
SCAN_CELLS = 1 << 22


def scan_blocks(
    dataset: gdal.Dataset, band_index: int, path: str, cancel: Cancel = never_cancelled
) -> Iterator[np.ndarray]:
    """The band in windows of at most SCAN_CELLS cells (float32, nodata as NaN), freeing GDAL's cached blocks as
    it goes: a whole-raster pass that keeps memory flat (GDAL's own statistics would cache every block), and
    that `cancel` can stop between any two windows."""
    band = dataset.GetRasterBand(band_index)
    nodata = band.GetNoDataValue()
    width, height = dataset.RasterXSize, dataset.RasterYSize
    cols = min(width, SCAN_CELLS)
    rows = max(1, SCAN_CELLS // cols)
    for row0 in range(0, height, rows):
        for col0 in range(0, width, cols):
            cancel()
            cells = CellWindow(col0, row0, min(cols, width - col0), min(rows, height - row0))
            window = read_array(band, cells, path)
            dataset.FlushCache()
            yield as_nan(window.astype(np.float32, copy=False), nodata)


def value_range(raster: RasterBand, cancel: Cancel = never_cancelled) -> Optional[Tuple[float, float]]:
    """Exact (min, max) over valid cells; None when no cell is valid."""
    low, high = np.inf, -np.inf
    for values in scan_blocks(raster.dataset, raster.index, raster.path, cancel):
        if not np.isnan(values).all():
            low, high = min(low, float(np.nanmin(values))), max(high, float(np.nanmax(values)))
    return None if low > high else (low, high)


def has_valid_cell(raster: "VirtualRaster", cancel: Cancel = never_cancelled) -> bool:
    """Stops at the first window with a valid cell, so a normal raster costs one window."""
    try:
        return any(not np.isnan(values).all() for values in scan_blocks(raster.dataset, 1, raster.path, cancel))
    finally:
        raster.drop_cached_blocks()
