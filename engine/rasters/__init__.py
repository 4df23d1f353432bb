"""Raster I/O shared by every flow: grids, GDAL sources and virtual rasters, input checks, GeoTIFF writing."""
