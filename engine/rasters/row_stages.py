"""A stage in front of a product's rows: it takes the rows first and hands them on when it is ready."""

from typing import Any, Callable, Dict, Protocol

import numpy as np

from ..options import DEPTH_LAYER
from .depth_output import ProductRows


class Stage(Protocol):
    def push(self, rows: Dict[Any, np.ndarray]) -> None: ...

    def finish(self) -> None: ...


class StagedProduct:
    """`rows` behind `stage` (which hands its rows on to `rows.push`): pushed rows go through the stage, and
    finishing finishes the stage (which may hand on rows it held) before `rows`."""

    def __init__(self, rows: ProductRows, stage: Stage):
        self._rows = rows
        self._stage = stage

    @property
    def statistics(self):
        return self._rows.statistics

    def push(self, rows) -> None:
        self._stage.push(rows)

    def finish(self) -> None:
        self._stage.finish()
        self._rows.finish()


class FinalisedDepths:
    """Depth layers finalised (clipped, NaN as dry) before any stage judges them; other layers as they come."""

    def __init__(self, rows: ProductRows, finalise: Callable[[np.ndarray], np.ndarray]):
        self._rows = rows
        self._finalise = finalise

    @property
    def statistics(self):
        return self._rows.statistics

    def push(self, rows) -> None:
        self._rows.push(
            {
                layer: self._finalise(np.nan_to_num(values, nan=0.0)) if layer.kind == DEPTH_LAYER else values
                for layer, values in rows.items()
            }
        )

    def finish(self) -> None:
        self._rows.finish()
