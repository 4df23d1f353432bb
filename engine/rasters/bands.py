"""GDAL raster access: open a band with checks, virtual rasters on a target grid, row reads."""

import contextlib
import math
from dataclasses import dataclass
from typing import Iterator, Optional, Tuple

import numpy as np
from osgeo import gdal

from ..errors import FloodSRError
from ..messages import Message
from .grid import Grid


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

    @property
    def band(self) -> gdal.Band:
        return self.dataset.GetRasterBand(self.index)

    @property
    def nodata(self) -> Optional[float]:
        return self.band.GetNoDataValue()


def open_band(path: str, index: int, role: Message) -> RasterBand:
    try:
        dataset = gdal.Open(str(path), gdal.GA_ReadOnly)
    except RuntimeError as error:
        raise FloodSRError(
            "The {role} raster {path} cannot be opened by GDAL ({error}). Check the path and format.",
            role=role,
            path=path,
            error=error,
        ) from error
    if not 1 <= index <= dataset.RasterCount:
        raise FloodSRError(
            "The {role} raster {path} has {count} band(s); band {index} does not exist. Pick a band from 1 to {count}.",
            role=role,
            path=path,
            count=dataset.RasterCount,
            index=index,
        )
    return RasterBand(role, str(path), dataset, index, _grid_of(dataset, role, path))


def _grid_of(dataset: gdal.Dataset, role: Message, path: str) -> Grid:
    srs = dataset.GetSpatialRef()
    if srs is None:
        raise FloodSRError(
            "The {role} raster {path} has no coordinate reference system. "
            "Assign its CRS (Raster > Projections > Assign Projection) and run again.",
            role=role,
            path=path,
        )
    x0, dx, rot_x, y0, rot_y, dy = dataset.GetGeoTransform()
    if rot_x or rot_y:
        raise FloodSRError(
            "The {role} raster {path} is rotated. Warp it to a north-up grid (Raster > Projections > Warp) first.",
            role=role,
            path=path,
        )
    if dy >= 0:
        raise FloodSRError(
            "The {role} raster {path} is not north-up (its rows run south to north). Warp it to a north-up grid first.",
            role=role,
            path=path,
        )
    return Grid(srs.ExportToWkt(), x0, y0, dx, -dy, dataset.RasterXSize, dataset.RasterYSize)


class VirtualRaster:
    """A float32 virtual raster on a target grid, read by rows; nodata cells read as NaN."""

    def __init__(self, dataset: gdal.Dataset, *sources: gdal.Dataset):
        self.dataset = dataset
        # GDAL's virtual rasters read through these handles: they must outlive it.
        self._sources = sources

    def read_rows(self, row0: int, rows: int) -> np.ndarray:
        return self.read_window(row0, 0, rows, self.dataset.RasterXSize)

    def read_window(self, row0: int, col0: int, rows: int, cols: int) -> np.ndarray:
        band = self.dataset.GetRasterBand(1)
        values = band.ReadAsArray(col0, row0, cols, rows).astype(np.float32, copy=False)
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
    return VirtualRaster(dataset, source.dataset)


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
    return VirtualRaster(dataset, single_band, source.dataset)


def _vrt_nodata(source: RasterBand) -> float:
    nodata = source.nodata
    return math.nan if nodata is None else nodata


def as_nan(values: np.ndarray, nodata: Optional[float]) -> np.ndarray:
    if nodata is not None and not math.isnan(nodata):
        values = np.where(values == np.float32(nodata), np.float32(np.nan), values)
    return values


SCAN_ROWS = 512


def scan_rows(dataset: gdal.Dataset, band_index: int = 1) -> Iterator[np.ndarray]:
    """The band in blocks of rows (float32, nodata as NaN), freeing GDAL's cached blocks as it goes:
    a whole-raster pass that keeps memory flat (GDAL's own statistics would cache every block)."""
    band = dataset.GetRasterBand(band_index)
    nodata = band.GetNoDataValue()
    for row0 in range(0, dataset.RasterYSize, SCAN_ROWS):
        rows = min(SCAN_ROWS, dataset.RasterYSize - row0)
        values = band.ReadAsArray(0, row0, dataset.RasterXSize, rows).astype(np.float32, copy=False)
        dataset.FlushCache()
        yield as_nan(values, nodata)


def value_range(dataset: gdal.Dataset, band_index: int = 1) -> Optional[Tuple[float, float]]:
    """Exact (min, max) over valid cells; None when no cell is valid."""
    low, high = np.inf, -np.inf
    for values in scan_rows(dataset, band_index):
        if not np.isnan(values).all():
            low, high = min(low, float(np.nanmin(values))), max(high, float(np.nanmax(values)))
    return None if low > high else (low, high)


def has_valid_cell(raster: "VirtualRaster") -> bool:
    """Stops at the first block with a valid cell, so a normal raster costs one block."""
    try:
        return any(not np.isnan(values).all() for values in scan_rows(raster.dataset))
    finally:
        raster.drop_cached_blocks()
