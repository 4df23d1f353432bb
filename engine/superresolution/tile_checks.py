"""Checks on what the model returned for a tile, before it is blended into the output (pure numpy)."""

from typing import Optional

import numpy as np

from ..messages import Message

# A model head may overshoot its range by float noise; past this share of the range the tile is wrong.
RANGE_TOLERANCE = 1e-3


def tile_output_problem(prediction: np.ndarray, top: Optional[float] = 1.0) -> Optional[Message]:
    """What is wrong with one tile's raw model output, or None when it is usable: every value must be finite
    and, unless `top` is None, inside [0, top], the range the contract maps onto [0, max depth] metres
    (feeds.output_range)."""
    finite = np.isfinite(prediction)
    if not finite.all():
        return Message("{count} non-finite values", count=int(prediction.size - np.count_nonzero(finite)))
    if top is None:
        return None
    low, high = float(prediction.min()), float(prediction.max())
    if low < -RANGE_TOLERANCE * top or high > top * (1.0 + RANGE_TOLERANCE):
        return Message(
            "values from {low:.4g} to {high:.4g} outside the model's range 0 to {top:.4g}", low=low, high=high, top=top
        )
    return None
