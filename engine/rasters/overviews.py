"""Overviews inside every raster output, so that a basin-sized result displays at once at any zoom."""

from typing import List, Optional

from osgeo import gdal

# Halve until the whole raster fits in one screen-sized tile: GDAL's own default (gdaladdo) since 3.2.
SMALLEST_OVERVIEW_CELLS = 256
AVERAGE, NEAREST = "AVERAGE", "NEAREST"  # continuous values (depth, elevation), and codes or flags


def overview_levels(width: int, height: int) -> List[int]:
    """Decimation factors 2, 4, 8 ... down to the first level whose larger side is at most 256 cells."""
    levels: List[int] = []
    factor = 2
    while max(width, height) / (factor // 2) > SMALLEST_OVERVIEW_CELLS:
        levels.append(factor)
        factor *= 2
    return levels


def build_overviews(dataset: gdal.Dataset, resampling: Optional[str]) -> None:
    """Internal overviews of every band of a GeoTIFF open for writing (none when `resampling` is None or the
    raster is small); nodata cells are left out of averages. Compressed like the file itself."""
    levels = overview_levels(dataset.RasterXSize, dataset.RasterYSize)
    if resampling is None or not levels:
        return
    dataset.BuildOverviews(resampling, levels)
