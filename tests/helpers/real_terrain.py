"""The real DEMs kept in the repository (tests/data/real), as fine grids of whole 16 x 16 coarse cells, and
floods on them whose fine truth is known exactly: flat water levels and tilted water surfaces."""

import shutil

import numpy as np
from osgeo import gdal

from helpers.paths import CHECKOUT, REAL_DATA
from helpers.rasters import write_raster

SCALE = 16
# name -> (file, EPSG code written with it); every DEM is laid on 2 m cells (32 m coarse cells, the model grid)
REAL_DEMS = {
    "slovenia": ("slovenia_arso_1m_TM1_564_146/TM1_564_146.tif", 3794),
    "alexandria": ("alexandria_va_usgs_2m/dtm.tif", 26918),
    "merewether": ("merewether_anuga_1m/topography1.asc", 32756),
}
X0, Y0 = 500000.0, 6000000.0
MEREWETHER = REAL_DATA / "merewether_anuga_1m"
SIMULATED_MEREWETHER = CHECKOUT / "tests" / "data" / "simulated" / "merewether"  # tools/floodgen/merewether.py


def real_dem(name, size=None):
    """(DEM as float32 with NaN voids, cropped from the top-left to whole coarse cells, at most `size` cells a
    side), its EPSG code and the fine cell size (2 m: 1 m data laid on 2 m cells, like the training floods)."""
    path, epsg = REAL_DEMS[name]
    dataset = gdal.Open(str(REAL_DATA / path))
    band = dataset.GetRasterBand(1)
    dem = band.ReadAsArray().astype(np.float32)
    if band.GetNoDataValue() is not None:
        dem[dem == band.GetNoDataValue()] = np.nan
    rows, cols = (min(extent, size or extent) // SCALE * SCALE for extent in dem.shape)
    return dem[:rows, :cols], epsg, 2.0


def block_mean(fine):
    """Cell-average depth of whole coarse cells; DEM voids hold no water (they count as absent)."""
    rows, cols = fine.shape[0] // SCALE, fine.shape[1] // SCALE
    blocks = fine.reshape(rows, SCALE, cols, SCALE).swapaxes(1, 2).reshape(rows, cols, -1)
    with np.errstate(invalid="ignore"):
        return np.nan_to_num(np.nanmean(blocks, axis=-1), nan=0.0).astype(np.float32)


def level_depth(dem, level):
    """The fine depth under a water surface (a number or an array): max(level - DEM, 0), NaN at voids."""
    with np.errstate(invalid="ignore"):
        return np.where(np.isnan(dem), np.nan, np.maximum(level - dem, 0.0)).astype(np.float32)


def tilted_level(dem, percentile, slope):
    """A water surface through the DEM's `percentile` elevation at its centre, rising `slope` m per fine cell
    eastwards: a flood whose level changes across coarse cells."""
    columns = np.arange(dem.shape[1]) - dem.shape[1] / 2
    return np.nanpercentile(dem, percentile) + slope * columns[None, :]


def write_case(folder, name, dem, epsg, cell, truth):
    """The DEM and the block-mean depth of `truth` as GeoTIFFs: (dem path, depth path)."""
    dem_path = write_raster(folder / f"{name}_dem.tif", np.nan_to_num(dem, nan=-9999.0), X0, Y0, cell, epsg, -9999.0)
    depth_path = write_raster(folder / f"{name}_depth.tif", block_mean(truth), X0, Y0, cell * SCALE, epsg)
    return dem_path, depth_path


def read_depth(path):
    """A raster's first band as float64, nodata as NaN."""
    dataset = gdal.Open(str(path))  # the band is only valid while its dataset is referenced
    band = dataset.GetRasterBand(1)
    values = band.ReadAsArray().astype(np.float64)
    values[values == band.GetNoDataValue()] = np.nan
    return values


def merewether_inputs(folder):
    """(coarse depth, DEM): copies in `folder` of the simulated 16 m run and the 1 m DEM, so that nothing QGIS or
    GDAL writes beside a raster it opened (statistics) lands in the repository's data."""
    sources = (SIMULATED_MEREWETHER / "depth_16m.tif", MEREWETHER / "topography1.asc", MEREWETHER / "topography1.prj")
    for source in sources:
        shutil.copyfile(source, folder / source.name)
    return str(folder / "depth_16m.tif"), str(folder / "topography1.asc")
