"""Connectivity: fine wet cells that water cannot reach from the coarse wet area are made dry.

A coarse model puts water in a coarse cell; a fine method (a flat level, an interpolated surface, a network)
fills every low fine cell under it, closed depressions included. Here each wet coarse cell's *main water body* is
its connected group of wet fine cells (4-connected, within the cell) holding the most water; a fine wet cell is
kept when it is 4-connected, through wet fine cells anywhere on the raster, to the main body of some coarse cell.
Puddles that no main body reaches are dried, and their volume is logged (not moved: it is water the coarse model
never routed there).

Streamed: rows arrive top to bottom and are held only until their coarse rows are complete. Pass one labels each
block of coarse rows, joins the labels across block edges with a union-find and notes which groups hold a main
body, while the rows wait in a scratch GeoTIFF; pass two reads them back, labels each block again (the same
labels) and hands on only the kept cells. Memory follows the raster's width and the number of wet groups.
"""

from pathlib import Path
from typing import Any, Dict, List

import numpy as np
from osgeo import gdal
from scipy import ndimage

from ..messages import Message
from ..rasters.grid import Grid
from ..rasters.writer import BandInfo, GeoTiffWriter, RasterFormat
from .row_blocks import CoarseRowBlocks, Rows
from .stages import RowStage
from .subgrid import CellLayout

FOUR_CONNECTED = ndimage.generate_binary_structure(2, 1)


def main_bodies(depth: np.ndarray, layout: CellLayout) -> np.ndarray:
    """Where each coarse cell's main water body lies: its 4-connected group of wet fine cells, within the cell,
    holding the most water (the first such group in reading order on a tie)."""
    wet = depth > 0
    row_cells, col_cells = layout.row_cells, layout.col_cells
    # cut every connection across a coarse-cell edge: an extra dry row (column) between cells, labelled, removed
    row_edges = np.flatnonzero(np.diff(row_cells)) + 1
    col_edges = np.flatnonzero(np.diff(col_cells)) + 1
    cut = np.insert(np.insert(wet, row_edges, False, axis=0), col_edges, False, axis=1)
    labels, count = ndimage.label(cut, structure=FOUR_CONNECTED)
    keep_rows = np.ones(cut.shape[0], bool)
    keep_rows[row_edges + np.arange(len(row_edges))] = False
    keep_cols = np.ones(cut.shape[1], bool)
    keep_cols[col_edges + np.arange(len(col_edges))] = False
    labels = labels[keep_rows][:, keep_cols]
    if count == 0:
        return np.zeros(depth.shape, bool)
    volume = np.bincount(labels.ravel(), weights=np.where(wet, depth, 0.0).ravel(), minlength=count + 1)
    cell = np.zeros(count + 1, np.int64)
    cell[labels.ravel()] = (row_cells[:, None] * layout.coarse_shape[1] + col_cells[None, :]).ravel()
    order = np.lexsort((np.arange(1, count + 1), -volume[1:], cell[1:]))  # by cell, most water first
    ordered_cells = cell[1:][order]
    first = np.ones(count, bool)
    first[1:] = ordered_cells[1:] != ordered_cells[:-1]
    main = np.zeros(count + 1, bool)
    main[order[first] + 1] = True
    return main[labels] & wet


class _Groups:
    """Union-find over the labels of every block; which groups hold a main body."""

    def __init__(self):
        self.parent = np.zeros(1, np.int64)  # label 0: dry
        self.seeded = np.zeros(1, bool)

    def add(self, count: int) -> int:
        """Room for `count` new labels; the offset of the first."""
        offset = len(self.parent)
        self.parent = np.concatenate([self.parent, np.arange(offset, offset + count)])
        self.seeded = np.concatenate([self.seeded, np.zeros(count, bool)])
        return offset - 1  # a block's label k becomes offset - 1 + k

    def root(self, label: int) -> int:
        while self.parent[label] != label:
            self.parent[label] = self.parent[self.parent[label]]
            label = int(self.parent[label])
        return label

    def join(self, above: np.ndarray, below: np.ndarray) -> None:
        for a, b in {(int(a), int(b)) for a, b in zip(above, below)}:
            root_a, root_b = self.root(a), self.root(b)
            if root_a != root_b:
                self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def kept(self) -> np.ndarray:
        """Per label, whether its group holds a main body."""
        roots: np.ndarray = self.parent.copy()
        while True:
            deeper = roots[roots]
            if np.array_equal(deeper, roots):
                break
            roots = deeper
        seeded_roots = np.zeros(len(roots), bool)
        seeded_roots[roots[self.seeded]] = True
        kept = seeded_roots[roots]
        kept[0] = False
        return kept


class _Labeller:
    """One depth layer's labels, block by block, in both passes."""

    def __init__(self):
        self.groups = _Groups()
        self.offsets: List[int] = []
        self._last_row = None  # the global labels of the previous block's last row
        self.kept: np.ndarray = np.zeros(1, bool)

    def first_pass(self, depth: np.ndarray, layout: CellLayout) -> None:
        labels, count = ndimage.label(depth > 0, structure=FOUR_CONNECTED)
        offset = self.groups.add(count)
        self.offsets.append(offset)
        labels = np.where(labels > 0, labels + offset, 0)
        self.groups.seeded[np.unique(labels[main_bodies(depth, layout)])] = True
        if self._last_row is not None and len(labels):
            touching = (self._last_row > 0) & (labels[0] > 0)
            self.groups.join(self._last_row[touching], labels[0][touching])
        if len(labels):
            self._last_row = labels[-1]

    def second_pass(self, block: int, depth: np.ndarray) -> np.ndarray:
        """Which cells of the block are kept."""
        labels, _ = ndimage.label(depth > 0, structure=FOUR_CONNECTED)
        return self.kept[np.where(labels > 0, labels + self.offsets[block], 0)]


class ConnectedRows:
    """Takes rows of the output grid `grid` top to bottom (a dict of layers; the stage's depth layers are judged,
    each on its own), keeps them in `scratch` until every row is in, then `finish` hands them on with the
    unreachable wet cells dry, and logs what was dropped."""

    def __init__(self, stage: RowStage, grid: Grid, scratch: Path):
        self._push = stage.push
        self._grid = grid
        self._scratch = scratch
        self._progress = stage.progress
        self._is_depth = stage.is_depth
        self._keys: List[Any] = []
        self._labellers: Dict[Any, _Labeller] = {}
        self._writer: Any = None
        self._row_blocks = CoarseRowBlocks(stage.layout)
        self._blocks: List[slice] = []  # fine rows of each block of coarse rows

    def __enter__(self) -> "ConnectedRows":
        return self

    def __exit__(self, error_type, error, traceback) -> None:
        self.close()

    def push(self, rows: Rows) -> None:
        if self._writer is None:
            self._open(list(rows))
        for fine, window, block in self._row_blocks.add(rows):
            for key, labeller in self._labellers.items():
                labeller.first_pass(np.nan_to_num(block[key], nan=0.0), window)
            self._writer.append_rows(np.stack([block[key].astype(np.float32) for key in self._keys]))
            self._blocks.append(fine)

    def _open(self, keys: List[Any]) -> None:
        self._keys = keys
        self._labellers = {key: _Labeller() for key in keys if self._is_depth(key)}
        bands = [BandInfo(str(index)) for index in range(len(keys))]
        self._writer = GeoTiffWriter(self._scratch, self._grid, RasterFormat(overviews=None), bands).__enter__()

    def close(self) -> None:
        """The scratch file goes, whatever happened (nothing is left to do after `finish`)."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.__exit__(RuntimeError, None, None)  # discards its partial file
        self._scratch.unlink(missing_ok=True)

    def finish(self) -> None:
        """The second pass: every row handed on, the unreachable cells dry."""
        if self._writer is None:
            return
        writer, self._writer = self._writer, None
        try:
            writer.__exit__(None, None, None)
            for labeller in self._labellers.values():
                labeller.kept = labeller.groups.kept()
            dropped_cells, dropped_volume = self._hand_on(gdal.Open(str(self._scratch)))
        finally:
            self._scratch.unlink(missing_ok=True)
        self._progress.log(
            Message(
                "Connectivity: {cells} wet fine cells that no coarse cell's main water body reaches were made dry, "
                "{volume:.4g} m3 of water.",
                cells=dropped_cells,
                volume=dropped_volume * self._grid.dx * self._grid.dy,
            )
        )

    def _hand_on(self, scratch: gdal.Dataset):
        dropped_cells, dropped_volume = 0, 0.0
        for index, fine in enumerate(self._blocks):
            self._progress.check_cancel()
            rows = {
                key: scratch.GetRasterBand(band).ReadAsArray(0, fine.start, self._grid.width, fine.stop - fine.start)
                for band, key in enumerate(self._keys, start=1)
            }
            for key, labeller in self._labellers.items():
                depth = np.nan_to_num(rows[key], nan=0.0)
                dropped = (depth > 0) & ~labeller.second_pass(index, depth)
                dropped_cells += int(np.count_nonzero(dropped))
                dropped_volume += float(depth[dropped].sum(dtype=np.float64))
                rows[key] = np.where(dropped, np.float32(0.0), rows[key])
            self._push(rows)
        return dropped_cells, dropped_volume
