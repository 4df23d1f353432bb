"""Area of applicability: per-tile input features in physical units, the range a model was trained on (a JSON
file beside the model), and which features of a tile fall outside it (pure numpy).

The model sees its DEM min-max normalised per tile, which hides relief and slope from it; so the check uses
the physical values of both inputs, not what the network is fed.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, Optional, Sequence, Tuple

import numpy as np

from ..errors import ModelError
from ..messages import Listing, Message, Plural
from .normalise import LOW_DEPTH_MASK_M

# The order fixes each feature's bit in the applicability band: 0 inside, else the sum of 2**index of the
# features outside the training range.
FEATURES = ("dem_relief_m", "slope_p95", "depth_mean_m", "depth_max_m", "wet_fraction", "cell_size_m")
FEATURE_BITS = {name: 1 << index for index, name in enumerate(FEATURES)}
# What each feature is, in a user's words.
FEATURE_WORDS = {
    "dem_relief_m": Message("the height differences of the terrain"),
    "slope_p95": Message("the steepness of the terrain"),
    "depth_mean_m": Message("the mean water depth"),
    "depth_max_m": Message("the deepest water"),
    "wet_fraction": Message("how much of the area is wet"),
    "cell_size_m": Message("the cell size"),
}
SIDECAR_SUFFIX = ".applicability.json"
STORED_PERCENTILES = (0, 1, 5, 25, 50, 75, 95, 99, 100)
DEFAULT_BOUNDS = (0, 100)
SLOPE, SLOPE_PERCENTILE = "slope_p95", 95
# How many slopes lie at most at the highest limit and under the lowest, each as (at least, at most).
CountBounds = Tuple[Tuple[int, int], Tuple[int, int]]
# A tile's squared slopes computed in float32 are within 1e-6 (relative) of the exact ones: a square closer than
# SQUARE_MARGIN to a limit's square is counted on neither side of it. SQUARED_LIMITS: the limits whose squares
# float32 holds with room to spare.
SQUARE_MARGIN, SQUARED_LIMITS = 1e-5, (1e-15, 1e15)
# Features of the same tile differ in their last digits between float32 (a run) and float64 (the training tools).
RELATIVE_TOLERANCE = 1e-5


def tile_features(depth_lr: np.ndarray, dem_hr: np.ndarray, cell_size: float) -> Dict[str, float]:
    """Features of one tile: coarse depth in metres, the fine DEM (m, no voids) and its cell size (m)."""
    features = _features_but_slope(depth_lr, dem_hr, cell_size)
    features[SLOPE] = float(np.percentile(_slopes(dem_hr, cell_size), SLOPE_PERCENTILE))
    return {name: features[name] for name in FEATURES}


def _features_but_slope(depth_lr: np.ndarray, dem_hr: np.ndarray, cell_size: float) -> Dict[str, float]:
    return {
        "dem_relief_m": float(dem_hr.max() - dem_hr.min()),
        "depth_mean_m": float(depth_lr.mean()),
        "depth_max_m": float(depth_lr.max()),
        "wet_fraction": float(np.count_nonzero(depth_lr >= LOW_DEPTH_MASK_M) / depth_lr.size),
        "cell_size_m": float(cell_size),
    }


def _slopes(dem_hr: np.ndarray, cell_size: float) -> np.ndarray:
    rows, cols = np.gradient(dem_hr.astype(np.float64), cell_size)
    return np.hypot(rows, cols)


def _percentile_outside(size: int, counts: CountBounds) -> Optional[bool]:
    """Whether the SLOPE_PERCENTILE-th percentile of `size` values lies outside [lowest, highest], from how many
    values lie at most at highest and under lowest; None when the counts leave it undecided.

    The percentile interpolates between the sorted values at ranks k and k + 1, k = floor(q (n - 1)); the ranks
    k - 1 and k + 2 bracket it whatever the rounding of q (n - 1)."""
    (at_most_highest, at_most_highest_bound), (under_lowest, under_lowest_bound) = counts
    last = size - 1
    rank = int(SLOPE_PERCENTILE / 100 * last)
    below, above = max(rank - 1, 0), min(rank + 2, last)
    if at_most_highest_bound <= below or under_lowest > above:  # the bracket lies above highest or under lowest
        return True
    if at_most_highest > above and under_lowest_bound <= below:
        return False
    return None


def _exact_counts(slopes: np.ndarray, lowest: float, highest: float) -> CountBounds:
    at_most_highest, under_lowest = int(np.count_nonzero(slopes <= highest)), int(np.count_nonzero(slopes < lowest))
    return (at_most_highest, at_most_highest), (under_lowest, under_lowest)


def _squared_counts(dem_hr: np.ndarray, cell_size: float, lowest: float, highest: float) -> Optional[CountBounds]:
    """The counts bounded from the squared slopes in the DEM's own precision (float32: a twentieth of the time of
    the float64 slopes and their percentile); None for limits too close to 0 or too large for that."""
    if not all(limit <= 0 or SQUARED_LIMITS[0] <= limit <= SQUARED_LIMITS[1] for limit in (lowest, highest)):
        return None
    squares, cols = np.gradient(dem_hr, cell_size)
    squares *= squares  # in place: fresh temporaries of a tile's size cost several times the arithmetic
    squares += np.square(cols, out=cols)

    def bounds(limit: float) -> Tuple[int, int]:
        """At least and at most how many slopes lie at most at `limit`, or under it."""
        if limit <= 0:  # slopes are >= 0: none is under 0 or at most a negative limit, any may be 0
            return 0, (squares.size if limit == 0 else 0)
        square = limit * limit
        return (
            int(np.count_nonzero(squares <= square * (1 - SQUARE_MARGIN))),
            int(np.count_nonzero(squares <= square * (1 + SQUARE_MARGIN))),
        )

    return bounds(highest), bounds(lowest)


def sidecar_path(model_path) -> Path:
    model = Path(model_path)
    return model.with_name(model.stem + SIDECAR_SUFFIX)


def training_range_document(features: Sequence[Dict[str, float]], source: str) -> dict:
    """What the sidecar holds: each feature's percentiles over the training tiles, and the percentile bounds
    between which a tile counts as inside."""
    values = {name: np.array([tile[name] for tile in features], np.float64) for name in FEATURES}
    return {
        "features": {
            name: {str(p): float(np.percentile(column, p)) for p in STORED_PERCENTILES}
            for name, column in values.items()
        },
        "bounds": list(DEFAULT_BOUNDS),
        "tiles": len(features),
        "source": source,
    }


@dataclass(frozen=True)
class TrainingRange:
    """Per feature, the (low, high) values a tile must lie between to be inside the model's training range."""

    limits: Dict[str, Tuple[float, float]]

    def flags(self, features: Dict[str, float]) -> int:
        """0 when every feature is inside; else the bits of the features outside (FEATURE_BITS)."""
        return self._bits(features, self.limits)

    def tile_flags(self, depth_lr: np.ndarray, dem_hr: np.ndarray, cell_size: float) -> int:
        """flags(tile_features(...)), with the slope's percentile decided by counting the slopes on either side of
        its limits, in float32 and else in float64, and computed only where the counts leave it undecided."""
        features = _features_but_slope(depth_lr, dem_hr, cell_size)
        if SLOPE not in self.limits:
            return self.flags(features)
        outside = None
        lowest, highest = self._accepted(SLOPE)
        finite = math.isfinite(features["dem_relief_m"])  # a finite DEM has finite slopes
        counts = _squared_counts(dem_hr, cell_size, lowest, highest) if finite else None
        if counts is not None:
            outside = _percentile_outside(dem_hr.size, counts)
        if outside is None:
            slopes = _slopes(dem_hr, cell_size)
            outside = _percentile_outside(slopes.size, _exact_counts(slopes, lowest, highest)) if finite else None
            if outside is None:
                return self.flags({**features, SLOPE: float(np.percentile(slopes, SLOPE_PERCENTILE))})
        others = self._bits(features, [name for name in self.limits if name != SLOPE])
        return others | (FEATURE_BITS[SLOPE] if outside else 0)

    def _bits(self, features: Dict[str, float], names: Iterable[str]) -> int:
        bits = 0
        for name in names:
            lowest, highest = self._accepted(name)
            if not lowest <= features[name] <= highest:
                bits |= FEATURE_BITS[name]
        return bits

    def _accepted(self, name: str) -> Tuple[float, float]:
        """The lowest and highest values of feature `name` inside the range, its tolerance included."""
        low, high = self.limits[name]
        margin = RELATIVE_TOLERANCE * max(abs(low), abs(high))
        return low - margin, high + margin


def load_training_range(model_path) -> Optional[TrainingRange]:
    """The training range in the sidecar beside the model; None when the model has none."""
    path = sidecar_path(model_path)
    if not path.is_file():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        low, high = (str(int(bound)) for bound in document.get("bounds", DEFAULT_BOUNDS))
        limits = {
            name: (float(document["features"][name][low]), float(document["features"][name][high])) for name in FEATURES
        }
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelError(
            "The training range {path} is not readable ({error}). Write it again with the training tools, or remove "
            "it to run without the applicability band.",
            path=path,
            error=error,
        ) from error
    return TrainingRange(limits)


def outside_features(flags: int) -> Tuple[str, ...]:
    return tuple(name for name in FEATURES if flags & FEATURE_BITS[name])


def applicability_summary(tiles_outside: int, tiles: int, tiles_per_feature: Dict[str, int]) -> Message:
    """One sentence on where and why the inputs are unlike the model's training data."""
    if not tiles_outside:
        return Message("The terrain and the flood lie within what the model was trained on everywhere.")
    return Message(
        "On {share:.0%} of the area ({outside} of {tiles}) the terrain or the flood is unlike anything the "
        "model was trained on ({features}): its depths there are less certain.",
        share=tiles_outside / tiles,
        outside=tiles_outside,
        tiles=Plural("%Ln tile(s)", tiles),
        features=Listing(FEATURE_WORDS[name] for name in FEATURES if tiles_per_feature.get(name)),
    )
