"""Weighted blending of overlapping tile predictions over one band of tile rows (pure numpy)."""

import numpy as np


class StripAccumulator:
    """sum(w * prediction) for the rows one tile row covers, across the full width; divided by the sum of
    weights (separable: outer(totals_y, totals_x)) when rows are taken.

    Rows that no later tile row touches are taken off the top; the rest shift up. Memory is one tile
    high and one raster wide, whatever the raster's height.
    """

    def __init__(self, rows: int, totals_y: np.ndarray, totals_x: np.ndarray):
        self._weighted = np.zeros((rows, len(totals_x)), np.float32)
        self._totals_y = totals_y
        self._totals_x = totals_x
        self._row0 = 0

    def add(self, prediction: np.ndarray, col0: int, weight: np.ndarray) -> None:
        """Add a tile's prediction times its 2-D weight (prediction is scaled in place)."""
        cols = slice(col0, col0 + prediction.shape[1])
        prediction *= weight
        self._weighted[:, cols] += prediction

    def take(self, rows: int) -> np.ndarray:
        """Blended values of the top `rows` rows, which must be final."""
        weights = np.outer(self._totals_y[self._row0 : self._row0 + rows], self._totals_x)
        blended = np.divide(self._weighted[:rows], weights, out=weights, where=weights > 0)
        remaining = len(self._weighted) - rows
        self._weighted[:remaining] = self._weighted[rows:]  # numpy copies overlapping slices safely
        self._weighted[remaining:] = 0.0
        self._row0 += rows
        return blended


class FlagStrip:
    """Per-tile flags over one band of tile rows: a cell gets the bitwise OR of the flags of every tile that
    covers it. Taken off the top like StripAccumulator."""

    def __init__(self, rows: int, width: int):
        self._flags = np.zeros((rows, width), np.uint32)

    def add(self, flags: int, col0: int, tile: int) -> None:
        self._flags[:, col0 : col0 + tile] |= np.uint32(flags)

    def take(self, rows: int) -> np.ndarray:
        taken = self._flags[:rows].astype(np.float32)
        remaining = len(self._flags) - rows
        self._flags[:remaining] = self._flags[rows:]
        self._flags[remaining:] = 0
        return taken
