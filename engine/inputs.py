"""Open and check the depth and DEM rasters, and derive the model and output grids from them."""

from dataclasses import dataclass, field
from typing import List

from osgeo import gdal

from .errors import FloodSRError
from .grid import Grid, crop_on, overlaps, resampled_extent, same_crs, same_grid, transformed_bounds
from .rasters import RasterBand, VirtualRaster, crop_vrt, open_band, value_range, warped_vrt

# Depths a little below zero are numerical noise from hydraulic solvers; the contract clips them.
NEGATIVE_DEPTH_TOLERANCE_M = 0.001


@dataclass
class InferenceInputs:
    depth: RasterBand
    dem: RasterBand
    model_grid: Grid
    output_grid: Grid
    dem_on_model: VirtualRaster
    dem_on_output: VirtualRaster
    notes: List[str] = field(default_factory=list)

    @property
    def lr_grid(self) -> Grid:
        return self.depth.grid

    @property
    def resample_output(self) -> bool:
        return self.dem_on_model is not self.dem_on_output


def prepare_inputs(depth_path: str, depth_band: int, dem_path: str, dem_band: int, scale: int) -> InferenceInputs:
    depth = open_band(depth_path, depth_band, "depth")
    dem = open_band(dem_path, dem_band, "DEM")
    lr = depth.grid
    if lr.srs().IsGeographic():
        raise FloodSRError(
            f"The depth raster {depth.path} is in a geographic CRS (degrees), so its cells are not a fixed size on the ground. "
            "Warp it to a projected CRS in metres (e.g. the local UTM zone) first; FloodSR never resamples the depth grid itself."
        )
    notes: List[str] = []
    if same_crs(lr, dem.grid):
        _require_overlap(dem.grid.bounds, lr, dem)
        _require_finer(dem.grid.dx, dem.grid.dy, lr, dem)
        output, col0, row0 = crop_on(dem.grid, lr)
        dem_on_output = crop_vrt(dem, col0, row0, output)
        if output.bounds != lr.bounds:
            notes.append("The depth raster's edges fall inside DEM cells; the output is snapped to the nearest DEM cell edges.")
    else:
        _require_overlap(transformed_bounds(dem.grid, lr), lr, dem)
        cell_x, cell_y = _cell_size_in(dem, lr.crs_wkt)
        _require_finer(cell_x, cell_y, lr, dem)
        output = resampled_extent(lr, cell_x, cell_y, lr.crs_wkt)
        dem_on_output = warped_vrt(dem, output)
        notes.append(
            f"The DEM's CRS ({_crs_name(dem.grid)}) differs from the depth raster's ({_crs_name(lr)}): the DEM is reprojected "
            f"on the fly, and the output is written in the depth raster's CRS with {output.dx:.4g} x {output.dy:.4g} cells."
        )
    model = lr.refined(scale)
    dem_on_model = dem_on_output if same_grid(model, output) else warped_vrt(dem, model, "bilinear")
    _check_depth_values(depth)
    if value_range(dem_on_output.dataset) is None:
        raise FloodSRError(
            f"The DEM {dem.path} has no valid cells inside the depth raster's extent. "
            "Use a DEM that covers the flood area, or check its nodata value."
        )
    return InferenceInputs(depth, dem, model, output, dem_on_model, dem_on_output, notes)


def _require_overlap(dem_bounds, lr: Grid, dem: RasterBand) -> None:
    if not overlaps(dem_bounds, lr.bounds):
        raise FloodSRError(
            f"The DEM {dem.path} does not overlap the depth raster (DEM extent {_fmt(dem_bounds)}, depth extent {_fmt(lr.bounds)}, "
            "in the depth raster's CRS). Use a DEM of the same area, and check both CRSs are right."
        )


def _require_finer(cell_x: float, cell_y: float, lr: Grid, dem: RasterBand) -> None:
    if cell_x >= lr.dx or cell_y >= lr.dy:
        raise FloodSRError(
            f"The DEM's cells ({cell_x:.4g} x {cell_y:.4g}) are not finer than the depth raster's ({lr.dx:.4g} x {lr.dy:.4g}). "
            "FloodSR needs a coarse depth raster and a fine DEM (e.g. 32 m depth with a 2 m DEM); check the inputs are not swapped."
        )


def _check_depth_values(depth: RasterBand) -> None:
    value_span = value_range(depth.dataset, depth.index)
    if value_span is None:
        raise FloodSRError(
            f"The depth raster {depth.path} has no valid cells (all nodata). Check its nodata value or choose another band."
        )
    if value_span[0] < -NEGATIVE_DEPTH_TOLERANCE_M:
        raise FloodSRError(
            f"The depth raster {depth.path} has negative values (minimum {value_span[0]:.4g}). FloodSR needs water depth in metres (>= 0). "
            "If this is a water-surface elevation, use 'Downscale flood (classic methods)' with input type WSE; otherwise set negatives to 0 or nodata."
        )


def _cell_size_in(source: RasterBand, crs_wkt: str):
    """The cell size GDAL would pick for `source` reprojected into `crs_wkt`."""
    single_band = gdal.Translate("", source.dataset, format="VRT", bandList=[source.index])
    probe = gdal.Warp("", single_band, format="VRT", dstSRS=crs_wkt)
    _, dx, _, _, _, dy = probe.GetGeoTransform()
    return dx, -dy


def _crs_name(grid: Grid) -> str:
    srs = grid.srs()
    authority, code = srs.GetAuthorityName(None), srs.GetAuthorityCode(None)
    return f"{authority}:{code}" if authority and code else srs.GetName()


def _fmt(bounds) -> str:
    return "(" + ", ".join(f"{value:.1f}" for value in bounds) + ")"
