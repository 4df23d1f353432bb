"""Obstructions: areas where water cannot stand (buildings, walls), given as polygons. Their fine cells become
dry and the water a fine depth put on them goes to the rest of their coarse cell, so every coarse cell keeps its
volume. Shared by every downscaling method and by super-resolution: it works on any fine depth, last.

The polygons are burnt onto the output grid (a cell is obstructed when its centre lies inside one; the polygons
are reprojected when their CRS differs) into a scratch raster read row by row. Rows are held until their coarse
rows are complete, then each coarse cell's water off the obstructed cells is spread over its other wet cells by
one factor, or under a flat level where only obstructed cells were wet (`conserve_volume`). A coarse cell that is
obstructed everywhere cannot keep its water: that volume is lost, and the log says how much.
"""

import contextlib
from pathlib import Path
from typing import List, Optional, Tuple

import numpy as np
from osgeo import gdal, ogr

from ..errors import InputError
from ..messages import Message
from ..rasters.grid import Grid
from ..rasters.writer import geotiff_options
from .row_blocks import CoarseRowBlocks, Rows
from .stages import RowStage
from .streaming import RowReader
from .subgrid import CellLayout, cell_mean, conserve_volume, valid_cell_count


def move_water_off(
    depth: np.ndarray, dem: np.ndarray, obstructed: np.ndarray, layout: CellLayout
) -> Tuple[np.ndarray, float]:
    """Fine depth (m, NaN or any value at DEM voids) with its obstructed cells dry and each coarse cell's volume
    kept over its other cells; and the volume (m3 per fine cell area) of cells obstructed everywhere, which is
    lost. NaN at DEM voids."""
    depth = np.clip(np.nan_to_num(depth, nan=0.0), 0.0, None)
    held = np.nan_to_num(cell_mean(depth, dem, layout), nan=0.0)
    cells = valid_cell_count(dem, layout)
    free_dem = np.where(obstructed, np.nan, dem)
    free = valid_cell_count(free_dem, layout)
    with np.errstate(invalid="ignore", divide="ignore"):
        target = np.where(free > 0, held * cells / free, 0.0)
    lost = float(np.sum(np.where(free > 0, 0.0, held * cells)))
    moved = conserve_volume(np.where(obstructed, 0.0, depth), target, free_dem, layout)
    return np.where(obstructed & ~np.isnan(dem), np.float32(0.0), moved).astype(np.float32), lost


class ObstructedRows:
    """Takes rows of the output grid top to bottom (a dict of layers: the stage's depth layers get
    `move_water_off`, the others pass as they are), holds them until their coarse rows are complete and hands
    them on. `read_dem` and `read_obstructed` give the same rows of the DEM and of the obstruction mask; volumes
    are in m3 by `cell_area`. `finish` logs what was moved and lost."""

    def __init__(self, stage: RowStage, read_dem: RowReader, read_obstructed: RowReader, cell_area: float):
        self._push = stage.push
        self._blocks = CoarseRowBlocks(stage.layout)
        self._read_dem = read_dem
        self._read_obstructed = read_obstructed
        self._cell_area = cell_area
        self._progress = stage.progress
        self._is_depth = stage.is_depth
        self.moved = self.lost = 0.0  # m3, over every depth layer
        self.obstructed_cells = 0

    def push(self, rows: Rows) -> None:
        for fine, window, block in self._blocks.add(rows):
            self._push(self._released(fine, window, block))

    def _released(self, fine: slice, window: CellLayout, block: Rows) -> Rows:
        dem = self._read_dem(fine.start, fine.stop - fine.start)
        obstructed = self._read_obstructed(fine.start, fine.stop - fine.start) > 0
        self.obstructed_cells += int(np.count_nonzero(obstructed & ~np.isnan(dem)))
        released = {}
        for key, values in block.items():
            if self._is_depth(key):
                on_obstructed = np.where(obstructed & ~np.isnan(dem), np.nan_to_num(values, nan=0.0), 0.0)
                before = np.sum(np.clip(on_obstructed, 0.0, None))
                values, lost = move_water_off(values, dem, obstructed, window)
                self.moved += (float(before) - lost) * self._cell_area
                self.lost += lost * self._cell_area
            released[key] = values
        return released

    def finish(self) -> None:
        self._progress.log(
            Message(
                "Obstructions: {cells} fine cells are obstructed; {moved:.4g} m3 of water was moved off them onto the "
                "rest of their coarse cells; {lost:.4g} m3 was lost in coarse cells obstructed everywhere.",
                cells=self.obstructed_cells,
                moved=self.moved,
                lost=self.lost,
            )
        )


@contextlib.contextmanager
def obstruction_rows(vector_path: str, layer_name: str, grid: Grid, scratch: Path):
    """A reader of the obstruction mask's rows on `grid` (1 obstructed, 0 free), burnt into `scratch` for the
    time of the block and removed after it."""
    opened: List[gdal.Dataset] = []

    def read(row0: int, rows: int) -> np.ndarray:
        return opened[0].GetRasterBand(1).ReadAsArray(0, row0, grid.width, rows)

    try:
        _burn(vector_path, layer_name, grid, scratch)
        opened.append(gdal.Open(str(scratch)))
        yield read
    finally:
        opened.clear()  # closed before it is removed: Windows cannot delete an open file
        with contextlib.suppress(FileNotFoundError):
            scratch.unlink()


def _burn(vector_path: str, layer_name: str, grid: Grid, target: Path) -> None:
    source = _open_vector(vector_path)
    layer = source.GetLayerByName(layer_name) if layer_name else source.GetLayer(0)
    if layer is None:
        raise _no_such_layer(vector_path, layer_name)
    if ogr.GT_Flatten(layer.GetGeomType()) not in (ogr.wkbPolygon, ogr.wkbMultiPolygon, ogr.wkbUnknown):
        raise InputError(
            "The obstructions {path} are not polygons; give the outlines of buildings or other areas as polygons.",
            path=vector_path,
        )
    raster = gdal.GetDriverByName("GTiff").Create(
        str(target), grid.width, grid.height, 1, gdal.GDT_Byte, options=geotiff_options("DEFLATE", gdal.GDT_Byte)
    )
    raster.SetGeoTransform(grid.geotransform)
    raster.SetProjection(grid.crs_wkt)
    # GDAL reprojects the polygons onto the grid's CRS when the layer's differs.
    gdal.RasterizeLayer(raster, [1], layer, burn_values=[1])
    raster.FlushCache()
    raster = None


def check_obstructions_layer(path: str, layer_name: str, how_to_name: Message) -> None:
    """Refuse a layer the vector file at `path` lacks, and, when none is named, a file of several layers: its
    first would be a guess. `how_to_name` ends that refusal, saying how the caller's users name a layer."""
    source = _open_vector(path)
    names = [source.GetLayer(index).GetName() for index in range(source.GetLayerCount())]
    if layer_name and layer_name not in names:
        raise _no_such_layer(path, layer_name)
    if not layer_name and len(names) > 1:
        raise InputError(
            "The obstructions {path} hold {count} layers ({names}); name the one to use {how_to_name}.",
            path=path,
            count=len(names),
            names=", ".join(_shown(name) for name in names),
            how_to_name=how_to_name,
        )


def _shown(layer_name: str) -> str:
    """A layer name as a message shows it: quoted and escaped when it holds a line break or another character that
    would forge or hide text of a log or a report (the names come from the file, which nothing checked)."""
    return layer_name if layer_name.isprintable() else repr(layer_name)


def _no_such_layer(path: str, layer_name: str) -> InputError:
    return InputError(
        "The obstructions {path} have no layer {layer!r}; choose a polygon layer.", path=path, layer=layer_name
    )


def _open_vector(path: str) -> gdal.Dataset:
    try:
        dataset: Optional[gdal.Dataset] = gdal.OpenEx(path, gdal.OF_VECTOR)
    except RuntimeError:
        dataset = None
    if dataset is None:
        raise InputError("The obstructions {path} cannot be read as a vector layer.", path=path)
    return dataset
