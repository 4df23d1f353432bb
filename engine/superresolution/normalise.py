"""Depth and DEM normalisation of the FloodSR model contract, and its inverse (pure numpy)."""

import numpy as np

LOW_DEPTH_MASK_M = 0.001


def normalise_depth(depth: np.ndarray, max_depth: float) -> np.ndarray:
    """Metres -> [0, 1] log space: clip(log1p(clip(d, 0, max)) / log1p(max), 0, 1)."""
    scaled = np.log1p(np.clip(depth, 0.0, max_depth)) / np.log1p(max_depth)
    return np.clip(scaled, 0.0, 1.0).astype(np.float32)


def normalise_dem(dem: np.ndarray, pct_clip: float) -> np.ndarray:
    """Tile-local DEM scaling: clip at the tile's percentile, then min-max to [0, 1].

    With a = max(dem, 0) and p its percentile, the contract's min and max of clip(a, 0, p) are
    min(max(min(dem), 0), p) and p itself, so they need no pass of their own.
    A flat tile (max == min after clipping) becomes all zeros instead of dividing by zero.
    """
    upper = np.float32(np.percentile(np.maximum(dem, 0.0), pct_clip))
    low = np.float32(min(max(float(dem.min()), 0.0), float(upper)))
    if upper - low <= 0:
        return np.zeros(dem.shape, np.float32)
    scaled = np.clip(dem, 0.0, upper).astype(np.float32, copy=False)
    scaled -= low
    scaled /= upper - low
    return np.clip(scaled, 0.0, 1.0, out=scaled)


def denormalise_depth(prediction: np.ndarray, max_depth: float) -> np.ndarray:
    """Model output -> metres: clip(expm1(clip(p, 0, 1) * log1p(max)), 0, max), in one float32 buffer."""
    metres = np.clip(prediction, 0.0, 1.0).astype(np.float32, copy=False)
    metres *= np.float32(np.log1p(max_depth))
    np.expm1(metres, out=metres)
    return np.clip(metres, 0.0, max_depth, out=metres)


def finalise_depth(depth: np.ndarray, max_depth: float) -> np.ndarray:
    """Last step on the output grid: clip to [0, max_depth], zero below the low-depth mask (in place)."""
    final = np.clip(depth, 0.0, max_depth, out=depth)
    final[final < LOW_DEPTH_MASK_M] = 0.0
    return final
