"""Checks on what the model returned for a tile, before it is blended into the output (pure numpy)."""

from typing import Optional

import numpy as np

from ..messages import Message


def tile_output_problem(prediction: np.ndarray) -> Optional[Message]:
    """What makes one tile's raw model output unusable, or None when it is usable: a value that is not finite.
    Finite values outside the model's range are not a problem: the contract clips them (`cells_outside_range`)."""
    finite = np.isfinite(prediction)
    if not finite.all():
        return Message("{count} non-finite values", count=int(prediction.size - np.count_nonzero(finite)))
    return None


def cells_outside_range(prediction: np.ndarray, top: Optional[float]) -> int:
    """How many of a tile's raw output values lie outside [0, top], the range the contract clips them to
    (feeds.output_range): a linear model head leaves it routinely, a little below 0 where dry, above top in deep
    water. None when the output is not a depth (contract version 3's correction): nothing is clipped."""
    if top is None:
        return 0
    return int(np.count_nonzero((prediction < 0) | (prediction > top)))
