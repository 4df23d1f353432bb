"""Area of applicability: per-tile input features in physical units, the range a model was trained on (a JSON
file beside the model), and which features of a tile fall outside it (pure numpy).

The model sees its DEM min-max normalised per tile, which hides relief and slope from it; so the check uses
the physical values of both inputs, not what the network is fed.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Sequence, Tuple

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
# Features of the same tile differ in their last digits between float32 (a run) and float64 (the training tools).
RELATIVE_TOLERANCE = 1e-5


def tile_features(depth_lr: np.ndarray, dem_hr: np.ndarray, cell_size: float) -> Dict[str, float]:
    """Features of one tile: coarse depth in metres, the fine DEM (m, no voids) and its cell size (m)."""
    rows, cols = np.gradient(dem_hr.astype(np.float64), cell_size)
    slope = np.hypot(rows, cols)
    return {
        "dem_relief_m": float(dem_hr.max() - dem_hr.min()),
        "slope_p95": float(np.percentile(slope, 95)),
        "depth_mean_m": float(depth_lr.mean()),
        "depth_max_m": float(depth_lr.max()),
        "wet_fraction": float(np.count_nonzero(depth_lr >= LOW_DEPTH_MASK_M) / depth_lr.size),
        "cell_size_m": float(cell_size),
    }


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
        bits = 0
        for name, (low, high) in self.limits.items():
            margin = RELATIVE_TOLERANCE * max(abs(low), abs(high))
            if not low - margin <= features[name] <= high + margin:
                bits |= FEATURE_BITS[name]
        return bits


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
