"""Weighted blending of overlapping tile predictions over one band of tile rows (pure numpy)."""

import numpy as np


class StripAccumulator:
    """sum(w * prediction) and sum(w) for the rows one tile row covers, across the full width.

    Rows that no later tile row touches are taken off the top; the rest shift up. Memory is
    one tile high and one raster wide, whatever the raster's height.
    """

    def __init__(self, rows: int, cols: int):
        self._weighted = np.zeros((rows, cols), np.float32)
        self._weights = np.zeros((rows, cols), np.float32)

    def add(self, prediction: np.ndarray, col0: int, weight: np.ndarray) -> None:
        cols = slice(col0, col0 + prediction.shape[1])
        self._weighted[:, cols] += prediction * weight
        self._weights[:, cols] += weight

    def take(self, rows: int) -> np.ndarray:
        """Blended values of the top `rows` rows, which must be final."""
        weights = self._weights[:rows]
        blended = np.divide(self._weighted[:rows], weights, out=np.zeros_like(weights), where=weights > 0)
        for array in (self._weighted, self._weights):
            remaining = len(array) - rows
            array[:remaining] = array[rows:]  # numpy copies overlapping slices safely
            array[remaining:] = 0.0
        return blended
