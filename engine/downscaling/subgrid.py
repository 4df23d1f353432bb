"""Volume-conserving ("subgrid") downscaling of coarse flood depth onto a fine DEM (numpy only).

Units and conventions
- Depths, elevations and water levels are in metres; levels share the DEM's vertical datum.
- A coarse depth D is the cell-average depth: the water volume in the coarse cell divided by its area
  (what block-averaging a fine depth map gives). D <= 0 or NaN (nodata) is dry.
- A fine cell belongs to the coarse cell that holds its centre (`CellLayout`). DEM voids (NaN) hold no
  water and stay NaN in the fine depth; the water goes onto the cell's valid fine cells.
- The level w of a wet coarse cell is the flat water surface whose depth, averaged over the cell's valid
  fine cells, is D: mean_i max(w - z_i, 0) = D. Fine depth = max(w - z_i, 0). So each coarse cell's fine
  volume is D x (its valid fine cells) x (fine cell area): D x the coarse cell's area when the DEM is
  complete and the coarse cell is a whole number of fine cells. Exact, in a few Newton steps: see `_solve`.
- The smoothed variant replaces each flat level with a water surface interpolated (bilinear) between the
  levels of wet coarse cells, shifted per coarse cell by the constant that restores its volume; the
  interpolate-and-shift round is repeated `passes` times, each round moving the cell levels by their shifts.
  A cell's result depends on coarse cells up to `passes` cells away.
- Coarse cells with no valid fine cell have no level (NaN).
"""

from dataclasses import dataclass
from typing import Optional, Tuple, Union

import numpy as np

SMOOTHING_PASSES = 3


@dataclass(frozen=True)
class CellLayout:
    """Where fine rows and columns fall among the coarse cells: the centre of each fine row (column) in
    coarse-cell units, 0.5 being the centre of coarse row (column) 0, for a coarse raster of `coarse_shape`."""

    row_positions: np.ndarray
    col_positions: np.ndarray
    coarse_shape: Tuple[int, ...]

    @classmethod
    def regular(cls, coarse_shape: Tuple[int, ...], fine_shape: Tuple[int, ...]) -> "CellLayout":
        """Coarse cells of whole fine cells, aligned at the top-left corner (e.g. 32 x 32 -> 512 x 512)."""
        factors = [fine // coarse for fine, coarse in zip(fine_shape, coarse_shape)]
        if any(coarse * factor != fine for fine, coarse, factor in zip(fine_shape, coarse_shape, factors)):
            raise ValueError(f"fine shape {fine_shape} is not a whole multiple of coarse shape {coarse_shape}")
        rows, cols = ((np.arange(fine) + 0.5) / factor for fine, factor in zip(fine_shape, factors))
        return cls(rows, cols, tuple(coarse_shape))

    @property
    def fine_shape(self) -> Tuple[int, int]:
        return len(self.row_positions), len(self.col_positions)

    @property
    def row_cells(self) -> np.ndarray:
        """The coarse row of every fine row."""
        return _cell_of(self.row_positions, self.coarse_shape[0])

    @property
    def col_cells(self) -> np.ndarray:
        return _cell_of(self.col_positions, self.coarse_shape[1])

    def window(self, coarse_row0: int, coarse_row1: int) -> Tuple[slice, "CellLayout"]:
        """Coarse rows [row0, row1): the fine rows they hold, and the layout of that window on its own."""
        cells = self.row_cells
        start, stop = np.searchsorted(cells, coarse_row0), np.searchsorted(cells, coarse_row1)
        rows = slice(int(start), int(stop))
        return rows, CellLayout(
            self.row_positions[rows] - coarse_row0,
            self.col_positions,
            (coarse_row1 - coarse_row0, self.coarse_shape[1]),
        )

    def to_fine(self, per_cell: np.ndarray) -> np.ndarray:
        """A coarse array repeated onto the fine cells."""
        return per_cell[self.row_cells[:, None], self.col_cells[None, :]]


def _cell_of(positions: np.ndarray, cells: int) -> np.ndarray:
    return np.clip(np.floor(positions), 0, cells - 1).astype(np.intp)


class _WetCells:
    """The wet coarse cells and their fine cells, gathered as (wet cells, fine cells per cell): dry cells hold no
    water, so the levels are solved and the surface interpolated for the wet ones only."""

    def __init__(self, wet_depth: np.ndarray, layout: CellLayout):
        self.layout = layout
        self.mask = wet_depth > 0
        self.rows, self.cols = np.nonzero(self.mask)
        self.depth = wet_depth[self.mask]
        row_index, row_valid = _members(layout.row_cells, layout.coarse_shape[0])
        col_index, col_valid = _members(layout.col_cells, layout.coarse_shape[1])
        self.fine_rows = row_index[self.rows][:, :, None]  # (cells, rows of a cell, 1)
        self.fine_cols = col_index[self.cols][:, None, :]  # (cells, 1, columns of a cell)
        self.members = row_valid[self.rows][:, :, None] & col_valid[self.cols][:, None, :]
        self.whole = bool(row_valid.all() and col_valid.all())

    @property
    def shape(self) -> Tuple[int, int]:
        """(wet cells, fine cells per cell)"""
        count, rows, cols = self.members.shape
        return count, rows * cols

    def gather(self, fine: np.ndarray) -> np.ndarray:
        """The fine values of each wet cell, float64, NaN past the edge of a cell smaller than the largest."""
        values = np.asarray(fine[self.fine_rows, self.fine_cols], np.float64)
        if not self.whole:
            values[~self.members] = np.nan
        return values.reshape(self.shape)

    def scatter(self, values: np.ndarray, fine: np.ndarray) -> np.ndarray:
        """`values` of each wet cell's fine cells written into `fine` (in place)."""
        shaped = values.reshape(self.members.shape)
        if self.whole:
            fine[self.fine_rows, self.fine_cols] = shaped
        else:
            rows, cols = np.broadcast_arrays(self.fine_rows, self.fine_cols)
            fine[rows[self.members], cols[self.members]] = shaped[self.members]
        return fine

    def levels(self, cell_levels: np.ndarray) -> np.ndarray:
        """Per coarse cell, the wet cells' levels; NaN elsewhere."""
        levels = np.full(self.mask.shape, np.nan)
        levels[self.mask] = cell_levels
        return levels

    def depth_under(self, surface: np.ndarray, dem_cells: np.ndarray, dem: np.ndarray) -> np.ndarray:
        """Fine depth (float32): max(surface - DEM, 0) in the wet cells, 0 elsewhere, NaN at DEM voids."""
        fine = np.where(np.isnan(dem), np.float32(np.nan), np.float32(0.0))
        return self.scatter(depth_under(surface, dem_cells), fine)


def water_levels(depth: np.ndarray, dem: np.ndarray, layout: Optional[CellLayout] = None) -> np.ndarray:
    """Per coarse cell, the flat water level (m) holding its volume over its fine DEM cells; NaN where dry
    or where the cell has no valid DEM cell. `depth` is coarse (m, cell average), `dem` fine (m, NaN = void)."""
    cells = _WetCells(_wet_depth(depth), layout or CellLayout.regular(depth.shape, dem.shape))
    return cells.levels(_solve(cells.gather(dem), cells.depth))


def subgrid_depth(depth: np.ndarray, dem: np.ndarray, layout: Optional[CellLayout] = None) -> np.ndarray:
    """Fine depth (float32, NaN at DEM voids) under each coarse cell's flat volume-conserving level."""
    cells = _WetCells(_wet_depth(depth), layout or CellLayout.regular(depth.shape, dem.shape))
    dem_cells = cells.gather(dem)
    levels = _solve(dem_cells, cells.depth)
    return cells.depth_under(levels[:, None], dem_cells, dem)


def subgrid_smooth_depth(
    depth: np.ndarray, dem: np.ndarray, layout: Optional[CellLayout] = None, passes: int = SMOOTHING_PASSES
) -> np.ndarray:
    """Fine depth (float32, NaN at DEM voids) under a water surface smoothed between wet coarse cells,
    with each coarse cell's volume restored exactly (see the module's conventions)."""
    cells = _WetCells(_wet_depth(depth), layout or CellLayout.regular(depth.shape, dem.shape))
    dem_cells = cells.gather(dem)
    return cells.depth_under(_smoothed_surface(cells, dem_cells, passes, 0.0), dem_cells, dem)


def subgrid_smooth_surface(
    depth: np.ndarray,
    dem: np.ndarray,
    layout: Optional[CellLayout] = None,
    passes: int = SMOOTHING_PASSES,
    offset: Union[float, np.ndarray] = 0.0,
) -> np.ndarray:
    """The water surface (m, float64) of `subgrid_smooth_depth` on the fine cells, NaN in dry coarse cells; with
    an `offset` (m, a fine array), the interpolated surface is offset by it in every round before the volumes are
    restored, so the result keeps every cell's volume and is as continuous as the offset."""
    layout = layout or CellLayout.regular(depth.shape, dem.shape)
    cells = _WetCells(_wet_depth(depth), layout)
    offset_cells = cells.gather(offset) if isinstance(offset, np.ndarray) else offset
    surface = _smoothed_surface(cells, cells.gather(dem), passes, offset_cells)
    return cells.scatter(surface, np.full(layout.fine_shape, np.nan))


def _smoothed_surface(
    cells: "_WetCells", dem_cells: np.ndarray, passes: int, offset_cells: Union[float, np.ndarray]
) -> np.ndarray:
    """Per wet cell, its fine cells' smoothed water surface (offset in every round), holding the cell's volume."""
    levels = _solve(dem_cells, cells.depth)
    interpolate = _WetBilinear(cells)
    for done in range(1, passes + 1):
        surface = interpolate(cells.levels(levels))
        surface += offset_cells
        shifts = _solve(dem_cells - surface, cells.depth)
        if done < passes:
            levels = levels + shifts
    return surface + shifts[:, None]


def total_volume_shift(surface: np.ndarray, depth: np.ndarray, dem: np.ndarray, layout: CellLayout) -> float:
    """The one constant that, added to the fine `surface` (NaN in dry coarse cells), makes all the wet coarse
    cells together hold their coarse depths' total volume: water may move between them, not in or out."""
    relative = _cells(dem - surface, layout).reshape(1, 1, -1)
    valid = np.count_nonzero(~np.isnan(relative))
    total = float(np.sum(_wet_depth(depth) * valid_cell_count(dem, layout)))
    if valid == 0 or total <= 0:
        return 0.0
    return float(_solve(relative, np.array([[total / valid]]))[0, 0])


def depth_of_levels(levels: np.ndarray, dem: np.ndarray, layout: Optional[CellLayout] = None) -> np.ndarray:
    """The cell-average depth (m) that flat water levels hold over the fine DEM: the inverse of `water_levels`
    (for coarse water-surface elevations, or depth reported over the cell's mean ground). 0 where NaN."""
    layout = layout or CellLayout.regular(levels.shape, dem.shape)
    return cell_mean(np.nan_to_num(depth_under(layout.to_fine(levels), dem), nan=0.0), dem, layout)


def cell_mean(fine: np.ndarray, dem: np.ndarray, layout: CellLayout) -> np.ndarray:
    """Per coarse cell, the mean of `fine` over the cell's valid DEM cells (NaN where it has none): for a fine
    depth, its cell-average depth, to compare with the coarse depth (volume = mean x valid cells x cell area)."""
    values = _cells(np.where(np.isnan(dem), np.nan, fine), layout)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nansum(values, axis=-1) / valid_cell_count(dem, layout)


def valid_cell_count(dem: np.ndarray, layout: CellLayout) -> np.ndarray:
    """Per coarse cell, how many of its fine cells have a DEM value."""
    return np.count_nonzero(~np.isnan(_cells(dem, layout)), axis=-1)


def conserve_volume(
    fine_depth: np.ndarray, depth: np.ndarray, dem: np.ndarray, layout: Optional[CellLayout] = None
) -> np.ndarray:
    """Any fine depth corrected so that each coarse cell holds its coarse volume: its wet fine cells scaled by
    one factor per cell; cells where it is dry but the coarse cell is wet get the flat subgrid level instead;
    cells that are dry in the coarse depth become dry. float32, NaN at DEM voids."""
    layout = layout or CellLayout.regular(depth.shape, dem.shape)
    wet_depth = _wet_depth(depth)
    estimate = np.clip(np.nan_to_num(fine_depth, nan=0.0), 0.0, None)
    held = cell_mean(estimate, dem, layout)
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = np.where(held > 0, wet_depth / held, 0.0)
    scaled = estimate * layout.to_fine(factor)
    fallback = (held <= 0) & (wet_depth > 0)
    if fallback.any():
        flat = depth_under(layout.to_fine(np.where(fallback, water_levels(depth, dem, layout), np.nan)), dem)
        scaled = np.where(layout.to_fine(fallback), flat, scaled)
    return np.where(np.isnan(dem), np.nan, scaled).astype(np.float32)


def wet_bilinear(levels: np.ndarray, layout: CellLayout) -> np.ndarray:
    """Bilinear interpolation between coarse-cell centres of the finite `levels` only (NaN cells and cells past
    the edge weigh nothing, the rest re-weighted); NaN where no neighbouring centre has a level."""
    wet = np.isfinite(levels)
    row_before, row_fraction = _neighbours(layout.row_positions, levels.shape[0])
    col_before, col_fraction = _neighbours(layout.col_positions, levels.shape[1])
    row_fraction = row_fraction[:, None]

    def interpolate(values: np.ndarray) -> np.ndarray:
        padded = np.pad(values, 1)  # a ring of zeros: cells past the edge weigh nothing
        by_rows = padded[row_before] * (1.0 - row_fraction) + padded[row_before + 1] * row_fraction
        result = np.take(by_rows, col_before, axis=1)  # in place from here: these arrays are fine-sized
        result *= 1.0 - col_fraction
        after = np.take(by_rows, col_before + 1, axis=1)
        after *= col_fraction
        result += after
        return result

    weighted, weight = interpolate(np.where(wet, levels, 0.0)), interpolate(wet.astype(np.float64))
    weight[weight == 0] = np.nan
    weighted /= weight
    return weighted


class _WetBilinear:
    """At the fine cells of each wet cell, (wet cells, fine cells per cell): bilinear interpolation between
    coarse-cell centres of the finite levels only (NaN cells and cells past the edge weigh nothing, the rest
    re-weighted); NaN where no neighbouring centre has a level. Rows are interpolated for the whole width (a fine
    row by the coarse columns: small), columns at the wet cells' fine cells only. The weights depend on which
    cells have a level, not on the levels: they are computed once for the rounds of smoothing that keep them."""

    def __init__(self, cells: _WetCells):
        layout = cells.layout
        self._shape = cells.shape
        self._row_before, row_fraction = _neighbours(layout.row_positions, layout.coarse_shape[0])
        self._row_fraction = row_fraction[:, None]
        col_before, col_fraction = _neighbours(layout.col_positions, layout.coarse_shape[1])
        # where each fine cell's column neighbours sit in the rows interpolated for the whole width (one flat
        # index: np.take is several times faster than indexing by rows and columns)
        padded_width = layout.coarse_shape[1] + 2
        self._before = cells.fine_rows * padded_width + col_before[cells.fine_cols]  # (cells, rows, cols)
        self._col_fraction = col_fraction[cells.fine_cols]  # (cells, 1, cols)
        self._col_remainder = 1.0 - self._col_fraction
        self._wet = np.zeros(layout.coarse_shape, bool)
        self._weight = np.full(self._shape, np.nan)

    def __call__(self, levels: np.ndarray) -> np.ndarray:
        wet = np.isfinite(levels)
        if not np.array_equal(wet, self._wet):
            self._wet, self._weight = wet, self._interpolate(wet.astype(np.float64))
            self._weight[self._weight == 0] = np.nan
        weighted = self._interpolate(np.where(wet, levels, 0.0))
        weighted /= self._weight
        return weighted

    def _interpolate(self, values: np.ndarray) -> np.ndarray:
        padded = np.pad(values, 1)  # a ring of zeros: cells past the edge weigh nothing
        before, fraction = self._row_before, self._row_fraction
        by_rows = (padded[before] * (1.0 - fraction) + padded[before + 1] * fraction).ravel()
        result = np.take(by_rows, self._before)
        result *= self._col_remainder
        after = np.take(by_rows[1:], self._before)  # each fine cell's next column
        after *= self._col_fraction
        result += after
        return result.reshape(self._shape)


def _neighbours(positions: np.ndarray, count: int):
    """For fine positions (coarse units), the coarse centre before each (as an index into the zero-padded coarse
    axis) and the fraction of the way to the next centre."""
    centred = np.clip(positions, 0.0, count) - 0.5
    before = np.floor(centred)
    return before.astype(np.intp) + 1, centred - before


def _wet_depth(depth: np.ndarray) -> np.ndarray:
    depth = np.asarray(depth, np.float64)
    return np.where(np.isfinite(depth) & (depth > 0), depth, 0.0)


def depth_under(surface: np.ndarray, dem: np.ndarray) -> np.ndarray:
    """max(surface - DEM, 0): 0 where the surface is NaN (dry), NaN at DEM voids."""
    with np.errstate(invalid="ignore"):
        depth = np.fmax(surface - dem, 0.0).astype(np.float32)  # fmax: NaN (a dry surface or a void) gives 0
    return np.where(np.isnan(dem), np.float32(np.nan), depth)


def _cells(fine: np.ndarray, layout: CellLayout) -> np.ndarray:
    """The fine values of each coarse cell, (rows, cols, m) float64, padded with NaN where a cell has fewer."""
    rows, cols = layout.coarse_shape
    row_index, row_valid = _members(layout.row_cells, rows)
    col_index, col_valid = _members(layout.col_cells, cols)
    if row_valid.all() and col_valid.all() and _is_regular(row_index) and _is_regular(col_index):
        # whole cells of equal size, in order: a reshape gathers them (much faster than indexing)
        values = np.empty((rows, cols, row_index.shape[1], col_index.shape[1]), np.float64)
        values[...] = fine.reshape(rows, row_index.shape[1], cols, col_index.shape[1]).swapaxes(1, 2)
    else:
        values = np.asarray(fine, np.float64)[row_index[:, None, :, None], col_index[None, :, None, :]]
        values[~(row_valid[:, None, :, None] & col_valid[None, :, None, :])] = np.nan
    return values.reshape(rows, cols, -1)


def _is_regular(index: np.ndarray) -> bool:
    return bool(np.array_equal(index.ravel(), np.arange(index.size)))


def _members(cells: np.ndarray, count: int):
    """For each coarse row (column), the fine rows it holds, padded: (indices, valid), both (count, widest)."""
    starts = np.searchsorted(cells, np.arange(count))
    sizes = np.searchsorted(cells, np.arange(count), side="right") - starts
    offsets = np.arange(max(int(sizes.max(initial=0)), 1))
    valid = offsets[None, :] < sizes[:, None]
    return np.where(valid, starts[:, None] + offsets[None, :], 0), valid


def _solve(elevations: np.ndarray, depth: np.ndarray) -> np.ndarray:
    """Per cell, the level w with sum_i max(w - z_i, 0) = n * depth over its n valid elevations (NaN = none);
    NaN where depth is 0 or n is 0. `elevations` is left as it is.

    f(w) = sum_i max(w - z_i, 0) is convex and piecewise linear, so Newton's method from above reaches its exact
    root in a few steps without sorting: with W the cells below w, the next w is (n * depth + sum_W z_i) / |W|, the
    level that holds the water if exactly W were wet. Started at w = +inf (every cell wet: the mean elevation plus
    the depth, the answer for a cell wet throughout), each step lowers w and drops cells from W until W no longer
    changes (at most n steps; 3 to 8 on real terrain). Elevations are taken relative to each cell's lowest one, so
    sums keep their precision."""
    cell_shape = elevations.shape[:-1]
    relative = elevations.reshape(-1, elevations.shape[-1])
    lowest = np.fmin.reduce(relative, axis=-1)
    relative = relative - lowest[:, None]
    target = np.count_nonzero(~np.isnan(relative), axis=-1) * np.broadcast_to(depth, cell_shape).ravel()
    highest = np.fmax.reduce(relative, axis=-1)
    levels = np.full(len(relative), np.nan)
    unsettled = np.flatnonzero(target > 0)
    level = np.full(len(unsettled), np.inf)
    while unsettled.size:
        cells = relative if unsettled.size == len(relative) else relative[unsettled]
        with np.errstate(invalid="ignore"):
            wet = cells < level[:, None]  # NaN compares False: voids hold no water
        lowered = (target[unsettled] + np.where(wet, cells, 0.0).sum(axis=-1)) / np.count_nonzero(wet, axis=-1)
        # the root, where the next step would find the same wet cells: no cell left dry (above the highest
        # elevation), or none dried by this step
        settled = (lowered >= level) | (lowered > highest[unsettled])
        levels[unsettled[settled]] = lowered[settled]
        unsettled, level = unsettled[~settled], lowered[~settled]
    return (levels + lowest).reshape(cell_shape)
