"""Rows of the output grid arriving top to bottom, held until the coarse rows they belong to are complete."""

from typing import Any, Dict, Iterator, List, Tuple

import numpy as np

from .subgrid import CellLayout

Rows = Dict[Any, np.ndarray]  # the same rows of one or more layers


class CoarseRowBlocks:
    """Takes rows (copied: the caller may reuse its buffers) and gives back each run of complete coarse rows:
    the fine rows it spans, their layout on their own, and the held rows of every layer."""

    def __init__(self, layout: CellLayout):
        self._layout = layout
        self._pending: Dict[Any, List[np.ndarray]] = {}
        self._received = 0
        self._next_coarse_row = 0

    def add(self, rows: Rows) -> Iterator[Tuple[slice, CellLayout, Rows]]:
        for key, values in rows.items():
            self._pending.setdefault(key, []).append(values.copy())
        self._received += len(next(iter(rows.values())))
        cells = self._layout.row_cells
        complete = int(cells[self._received]) if self._received < len(cells) else self._layout.coarse_shape[0]
        if complete <= self._next_coarse_row:
            return
        fine, window = self._layout.window(self._next_coarse_row, complete)
        count = fine.stop - fine.start
        block = {}
        for key, parts in self._pending.items():
            pending = np.concatenate(parts)
            block[key], self._pending[key] = pending[:count], [pending[count:]]
        self._next_coarse_row = complete
        yield fine, window, block
