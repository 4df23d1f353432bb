"""Depth and DEM normalisation of the FloodSR model contract, and its inverse (pure numpy)."""

import numpy as np

LOW_DEPTH_MASK_M = 0.001


def normalise_depth(depth: np.ndarray, max_depth: float) -> np.ndarray:
    """Metres -> [0, 1] log space: clip(log1p(clip(d, 0, max)) / log1p(max), 0, 1)."""
    scaled = np.log1p(np.clip(depth, 0.0, max_depth)) / np.log1p(max_depth)
    return np.clip(scaled, 0.0, 1.0).astype(np.float32)


def normalise_dem(dem: np.ndarray, pct_clip: float) -> np.ndarray:
    """Tile-local DEM scaling: clip at the tile's percentile, then min-max to [0, 1].

    A flat tile (max == min after clipping) becomes all zeros instead of dividing by zero.
    """
    above_zero = np.maximum(dem, 0.0)
    upper = np.percentile(above_zero, pct_clip)
    clipped = np.clip(above_zero, 0.0, upper)
    low, high = clipped.min(), clipped.max()
    if high - low <= 0:
        return np.zeros(dem.shape, np.float32)
    scaled = (np.clip(dem, 0.0, upper) - low) / (high - low)
    return np.clip(scaled, 0.0, 1.0).astype(np.float32)


def denormalise_depth(prediction: np.ndarray, max_depth: float) -> np.ndarray:
    """Model output -> metres: clip(expm1(clip(p, 0, 1) * log1p(max)), 0, max)."""
    metres = np.expm1(np.clip(prediction, 0.0, 1.0) * np.log1p(max_depth))
    return np.clip(metres, 0.0, max_depth).astype(np.float32)


def finalise_depth(depth: np.ndarray, max_depth: float) -> np.ndarray:
    """Last step on the output grid: clip to [0, max_depth], zero below the low-depth mask (in place)."""
    final = np.clip(depth, 0.0, max_depth, out=depth)
    final[final < LOW_DEPTH_MASK_M] = 0.0
    return final
