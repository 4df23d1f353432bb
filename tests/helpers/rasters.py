"""Writing and reading small GeoTIFFs for the tests."""

import numpy as np
from osgeo import gdal, osr

from helpers.paths import REAL_DATA, SAMPLE

gdal.UseExceptions()

SLOVENIA_DEM = REAL_DATA / "slovenia_arso_1m_TM1_564_146" / "TM1_564_146.tif"


def srs_wkt(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    return srs.ExportToWkt()


def write_raster(path, array, x0, y0, cell, epsg=3794, nodata=None, cell_y=None):
    array = np.asarray(array)
    data_type = gdal.GDT_Float32 if array.dtype.kind == "f" else gdal.GDT_Int16
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), array.shape[1], array.shape[0], 1, data_type)
    dataset.SetGeoTransform((x0, cell, 0, y0, 0, -(cell_y or cell)))
    if epsg is not None:
        dataset.SetProjection(srs_wkt(epsg))
    band = dataset.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    band.WriteArray(array)
    dataset = None
    return str(path)


def read_raster(path):
    """(values, geotransform, crs wkt, nodata)"""
    dataset = gdal.Open(str(path))
    band = dataset.GetRasterBand(1)
    return band.ReadAsArray(), dataset.GetGeoTransform(), dataset.GetProjection(), band.GetNoDataValue()


def real_dem_1m():
    """The Slovenian ARSO 1 m LiDAR tile (tests/data/real): 1000 x 1000 cells of real terrain."""
    return gdal.Open(str(SLOVENIA_DEM)).ReadAsArray().astype(np.float32)


def real_dem_2m():
    """The Slovenian tile averaged to 2 m: 500 x 500 cells."""
    return real_dem_1m().astype(np.float64).reshape(500, 2, 500, 2).mean(axis=(1, 3)).astype(np.float32)


def bathtub_depth_lr(dem_hr, scale, water_level):
    """Coarse depth: a flat water level over the DEM, averaged onto coarse cells (zeros included)."""
    fine = np.clip(water_level - dem_hr, 0, None)
    rows, cols = fine.shape[0] // scale, fine.shape[1] // scale
    return fine[: rows * scale, : cols * scale].reshape(rows, scale, cols, scale).mean(axis=(1, 3)).astype(np.float32)


def two_scenario_depth(path):
    """The bundled sample's coarse depth as band 1 and twice it (at most 5 m) as band 2: two scenarios in one
    raster."""
    sample = gdal.Open(str(SAMPLE / "depth_32m.tif"))
    depth = sample.GetRasterBand(1).ReadAsArray()
    scenarios = gdal.GetDriverByName("GTiff").Create(
        str(path), sample.RasterXSize, sample.RasterYSize, 2, gdal.GDT_Float32
    )
    scenarios.SetGeoTransform(sample.GetGeoTransform())
    scenarios.SetProjection(sample.GetProjection())
    scenarios.GetRasterBand(1).WriteArray(depth)
    scenarios.GetRasterBand(2).WriteArray(np.clip(depth * 2, 0, 5))
    scenarios = None
    return str(path)
