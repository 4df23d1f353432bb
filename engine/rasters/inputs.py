"""Open and check the depth and DEM rasters, and derive the model and output grids from them."""

import math
from dataclasses import dataclass, field
from typing import Callable, List, NoReturn, Optional, Tuple

from ..errors import InputError
from ..messages import Message
from .bands import (
    Cancel,
    RasterBand,
    VirtualRaster,
    crop_vrt,
    has_valid_cell,
    never_cancelled,
    open_band,
    reprojected_onto,
    value_range,
    warped_vrt,
)
from .grid import Grid, crop_on, overlaps, same_crs, same_grid, transformed_bounds

# Depths a little below zero are numerical noise from hydraulic solvers; the contract clips them.
NEGATIVE_DEPTH_TOLERANCE_M = 0.001
# No flood on Earth is deeper; more means other units (centimetres, millimetres) or an undeclared nodata value.
MAX_PLAUSIBLE_DEPTH_M = 100.0
# Elevations on land, in metres (the Dead Sea shore to above Everest); others are units or nodata gone wrong.
PLAUSIBLE_ELEVATION_M = (-500.0, 9000.0)


@dataclass(frozen=True)
class FloodSources:
    """Where a run reads its flood rasters: the coarse raster (depth or water-surface elevation) and the fine DEM,
    each with its band number."""

    coarse_path: str
    coarse_band: int
    dem_path: str
    dem_band: int


@dataclass
class FloodInputs:
    """A coarse flood raster, the fine DEM, and the output grid: the DEM's cells over the coarse extent."""

    coarse: RasterBand
    dem: RasterBand
    output_grid: Grid
    dem_on_output: VirtualRaster
    notes: List[Message] = field(default_factory=list)

    @property
    def coarse_grid(self) -> Grid:
        return self.coarse.grid


@dataclass
class InferenceInputs:
    """Flood inputs plus the model grid (the coarse extent at 1/scale of its cell size) and the DEM on it."""

    flood: FloodInputs
    model_grid: Grid
    dem_on_model: VirtualRaster
    # A preview writes a window of a larger grid, `canvas`: the model grid itself, or the grid the prediction is
    # resampled onto; `output_offset` is the output's (row, col) in it.
    canvas: Optional[Grid] = None
    output_offset: Tuple[int, int] = (0, 0)

    @property
    def depth(self) -> RasterBand:
        return self.flood.coarse

    @property
    def resample_output(self) -> bool:
        if self.canvas is not None:
            return self.canvas is not self.model_grid
        return self.dem_on_model is not self.flood.dem_on_output


def prepare_inputs(
    sources: FloodSources,
    scale: int,
    max_depth: float = math.inf,
    cancel: Cancel = never_cancelled,
    check_size: Callable[[InferenceInputs], None] = lambda inputs: None,
) -> InferenceInputs:
    """Open and check the rasters (the coarse one is a depth); `check_size` may refuse the job once its grids are
    known, before the whole-raster scan of the depth."""
    flood = open_flood_inputs(sources, Message("depth"), cancel)
    model = flood.coarse_grid.refined(scale)
    dem_on_model = (
        flood.dem_on_output if same_grid(model, flood.output_grid) else warped_vrt(flood.dem, model, "bilinear")
    )
    inputs = InferenceInputs(flood, model, dem_on_model)
    check_size(inputs)
    deepest = check_depth_values(flood.coarse, cancel)[1]
    if deepest > max_depth:
        flood.notes.append(
            Message(
                "The depth raster reaches {deepest:.4g} m; depths above the model's maximum of {max_depth:g} m are "
                "capped at {max_depth:g} m in the output. Set 'Maximum depth' if the model supports deeper water.",
                deepest=deepest,
                max_depth=max_depth,
            )
        )
    return inputs


def open_flood_inputs(sources: FloodSources, role: Message, cancel: Cancel = never_cancelled) -> FloodInputs:
    """Open and check both rasters; `role` names the coarse one in messages (depth, water-surface elevation)."""
    coarse = open_band(sources.coarse_path, sources.coarse_band, role)
    dem = open_band(sources.dem_path, sources.dem_band, Message("DEM"))
    lr = coarse.grid
    if lr.srs().IsGeographic():
        raise InputError(
            "The {role} raster {path} is in a geographic CRS (degrees), so its cells are not a fixed size on the "
            "ground. Warp it to a projected CRS in metres (e.g. the local UTM zone) first; FloodSR never resamples the "
            "coarse grid itself.",
            role=role,
            path=coarse.path,
        )
    notes: List[Message] = []
    if not same_crs(lr, dem.grid):
        _require_overlap(transformed_bounds(dem.grid, lr), coarse, dem)
        coarse = reprojected_onto(coarse, dem.grid)
        notes.append(
            Message(
                "The {role} raster's CRS ({crs}) differs from the DEM's ({dem_crs}): the {role} raster is reprojected "
                "on the fly onto {dx:.4g} x {dy:.4g} cells aligned with the DEM's (each the area-weighted average of "
                "the cells it covers), and the output is written on the DEM's grid.",
                role=role,
                crs=_crs_name(lr),
                dem_crs=_crs_name(dem.grid),
                dx=coarse.grid.dx,
                dy=coarse.grid.dy,
            )
        )
    _require_overlap(dem.grid.bounds, coarse, dem)
    _require_finer(dem.grid.dx, dem.grid.dy, coarse, dem)
    output, col0, row0 = crop_on(dem.grid, coarse.grid)
    dem_on_output = crop_vrt(dem, col0, row0, output)
    if output.bounds != coarse.grid.bounds:
        notes.append(
            Message(
                "The {role} raster's edges fall inside DEM cells; the output is snapped to the nearest DEM cell edges.",
                role=role,
            )
        )
    if not has_valid_cell(dem_on_output, cancel):
        raise InputError(
            "The DEM {path} has no valid cells inside the {role} raster's extent. "
            "Use a DEM that covers the flood area, or check its nodata value.",
            path=dem.path,
            role=role,
        )
    return FloodInputs(coarse, dem, output, dem_on_output, notes)


def _require_overlap(dem_bounds, coarse: RasterBand, dem: RasterBand) -> None:
    if not overlaps(dem_bounds, coarse.grid.bounds):
        raise InputError(
            "The DEM {path} does not overlap the {role} raster (DEM extent {dem_extent}, {role} extent {extent}, "
            "in the {role} raster's CRS). Use a DEM of the same area, and check both CRSs are right.",
            path=dem.path,
            role=coarse.role,
            dem_extent=_fmt(dem_bounds),
            extent=_fmt(coarse.grid.bounds),
        )


def _require_finer(cell_x: float, cell_y: float, coarse: RasterBand, dem: RasterBand) -> None:
    lr = coarse.grid
    if cell_x >= lr.dx or cell_y >= lr.dy:
        raise InputError(
            "The DEM's cells ({dem_dx:.4g} x {dem_dy:.4g}) are not finer than the {role} raster's ({dx:.4g} x "
            "{dy:.4g}). FloodSR needs a coarse {role} raster and a fine DEM (e.g. 32 m with a 2 m DEM); check the "
            "inputs are not swapped.",
            dem_dx=cell_x,
            dem_dy=cell_y,
            role=coarse.role,
            dx=lr.dx,
            dy=lr.dy,
        )


def check_depth_values(depth: RasterBand, cancel: Cancel = never_cancelled) -> Tuple[float, float]:
    """The depth's (min, max) in metres, refused when it cannot be water depth in metres."""
    value_span = value_range(depth, cancel)
    if value_span is None:
        raise_no_valid_cells(depth)
    if value_span[1] > MAX_PLAUSIBLE_DEPTH_M:
        raise InputError(
            "The depth raster {path} has depths up to {maximum:.4g} m; more than {limit:g} m of water is not "
            "plausible. If it is in centimetres or millimetres, convert it to metres (Raster Calculator); if a value "
            "marks missing data, set it as the raster's nodata value.",
            path=depth.path,
            maximum=value_span[1],
            limit=MAX_PLAUSIBLE_DEPTH_M,
        )
    if value_span[0] < -NEGATIVE_DEPTH_TOLERANCE_M:
        raise InputError(
            "The depth raster {path} has negative values (minimum {minimum:.4g}). FloodSR needs water depth in metres "
            "(>= 0). If this is a water-surface elevation, use 'Downscale flood (subgrid and classic methods)' with "
            "input type WSE; otherwise set negatives to 0 or nodata.",
            path=depth.path,
            minimum=value_span[0],
        )
    return value_span


def check_elevations(low: float, high: float, role: Message, path: str) -> None:
    """Refuse elevations no terrain has: an undeclared nodata value (1e30, -3.4e38) or other units."""
    lowest, highest = PLAUSIBLE_ELEVATION_M
    if low < lowest or high > highest:
        raise InputError(
            "The {role} raster {path} has elevations from {low:.4g} to {high:.4g} m, outside the plausible "
            "{lowest:g} to {highest:g} m. If a value marks missing data, set it as the raster's nodata value; "
            "if the units are not metres, convert them first.",
            role=role,
            path=path,
            low=low,
            high=high,
            lowest=lowest,
            highest=highest,
        )


def raise_no_valid_cells(raster: RasterBand) -> NoReturn:
    raise InputError(
        "The {role} raster {path} has no valid cells (all nodata). Check its nodata value or choose another band.",
        role=raster.role,
        path=raster.path,
    )


def _crs_name(grid: Grid) -> str:
    srs = grid.srs()
    authority, code = srs.GetAuthorityName(None), srs.GetAuthorityCode(None)
    return f"{authority}:{code}" if authority and code else srs.GetName()


def _fmt(bounds) -> str:
    return "(" + ", ".join(f"{value:.1f}" for value in bounds) + ")"
