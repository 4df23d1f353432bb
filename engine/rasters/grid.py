"""Raster grids: georeferencing, the model grid, and the output grid on the DEM's own cells."""

from dataclasses import dataclass, replace
from typing import Tuple

from osgeo import osr

# Offsets closer than this (in cells) to a whole number count as aligned.
ALIGN_TOLERANCE_CELLS = 1e-6


@dataclass(frozen=True)
class Grid:
    """A north-up raster grid: west/north edges, positive cell sizes and a size in cells."""

    crs_wkt: str
    x0: float
    y0: float
    dx: float
    dy: float
    width: int
    height: int

    @property
    def geotransform(self) -> Tuple[float, ...]:
        return (self.x0, self.dx, 0.0, self.y0, 0.0, -self.dy)

    @property
    def bounds(self) -> Tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax)"""
        return (self.x0, self.y0 - self.height * self.dy, self.x0 + self.width * self.dx, self.y0)

    def srs(self) -> osr.SpatialReference:
        return srs_from_wkt(self.crs_wkt)

    def refined(self, factor: int) -> "Grid":
        """The same extent with cells `factor` times smaller."""
        return replace(
            self, dx=self.dx / factor, dy=self.dy / factor, width=self.width * factor, height=self.height * factor
        )


def srs_from_wkt(wkt: str) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def same_crs(a: Grid, b: Grid) -> bool:
    return bool(a.srs().IsSame(b.srs()))


def same_grid(a: Grid, b: Grid) -> bool:
    """Same CRS, size and cells to within a millionth of a cell."""
    if (a.width, a.height) != (b.width, b.height) or not same_crs(a, b):
        return False
    tolerance_x, tolerance_y = a.dx * ALIGN_TOLERANCE_CELLS, a.dy * ALIGN_TOLERANCE_CELLS
    return (
        abs(a.dx - b.dx) * a.width <= tolerance_x
        and abs(a.dy - b.dy) * a.height <= tolerance_y
        and abs(a.x0 - b.x0) <= tolerance_x
        and abs(a.y0 - b.y0) <= tolerance_y
    )


def crop_on(fine: Grid, extent: Grid) -> Tuple[Grid, int, int]:
    """Cells of `fine` that cover `extent` (same CRS), snapped to the nearest cell edges.

    Returns the crop grid and its column/row offset in `fine`; the offset may be negative
    or the crop may reach past `fine` where `extent` does.
    """
    xmin, ymin, xmax, ymax = extent.bounds
    col0 = round((xmin - fine.x0) / fine.dx)
    row0 = round((fine.y0 - ymax) / fine.dy)
    cols = max(1, round((xmax - xmin) / fine.dx))
    rows = max(1, round((ymax - ymin) / fine.dy))
    crop = replace(fine, x0=fine.x0 + col0 * fine.dx, y0=fine.y0 - row0 * fine.dy, width=cols, height=rows)
    return crop, col0, row0


def overlaps(a_bounds, b_bounds) -> bool:
    return (
        a_bounds[0] < b_bounds[2]
        and b_bounds[0] < a_bounds[2]
        and a_bounds[1] < b_bounds[3]
        and b_bounds[1] < a_bounds[3]
    )


def transformed_bounds(grid: Grid, target: Grid) -> Tuple[float, float, float, float]:
    """`grid`'s bounds expressed in `target`'s CRS (densified edges, so curved edges count)."""
    transform = osr.CoordinateTransformation(grid.srs(), target.srs())
    return tuple(transform.TransformBounds(*grid.bounds, 21))
