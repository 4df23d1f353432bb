"""Checks on what the model returned for a tile, before it is blended into the output (pure numpy)."""

from typing import Optional

import numpy as np

from ..messages import Message

# A model head may overshoot its [0, 1] range by float noise; past this (normalised) margin the tile is wrong.
RANGE_TOLERANCE = 1e-3


def tile_output_problem(prediction: np.ndarray) -> Optional[Message]:
    """What is wrong with one tile's normalised model output, or None when it is usable: every value must be
    finite and inside [0, 1], which the contract maps onto [0, max depth] metres."""
    finite = np.isfinite(prediction)
    if not finite.all():
        return Message("{count} non-finite values", count=int(prediction.size - np.count_nonzero(finite)))
    low, high = float(prediction.min()), float(prediction.max())
    if low < -RANGE_TOLERANCE or high > 1.0 + RANGE_TOLERANCE:
        return Message("values from {low:.4g} to {high:.4g} outside the model's range 0 to 1", low=low, high=high)
    return None
