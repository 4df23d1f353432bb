"""Tiles in metres -> the tensors a model's contract version asks for, and its output back to metres."""

from typing import List, Optional, Sequence, Tuple

import numpy as np

from ..downscaling.subgrid import subgrid_smooth_depth
from .contract import ModelContract
from .normalise import denormalise_depth, normalise_dem, normalise_depth
from .surface_head import corrected_depth


def model_inputs(
    contract: ModelContract, depth_tiles: Sequence[np.ndarray], dem_tiles: Sequence[np.ndarray]
) -> Tuple[np.ndarray, ...]:
    """Coarse depth tiles (m, dry = 0) and DEM tiles (m, no voids) -> the contract's inputs, [n, h, w, 1] each."""
    tensors: Tuple[List[np.ndarray], ...]
    if contract.version >= 2:
        depth = [np.maximum(tile, 0.0).astype(np.float32) for tile in depth_tiles]
        tensors = (
            depth,
            [(dem - np.float32(dem.mean(dtype=np.float64))).astype(np.float32) for dem in dem_tiles],
            [subgrid_prior(tile, dem) for tile, dem in zip(depth, dem_tiles)],
        )
    else:
        tensors = (
            [normalise_depth(tile, contract.max_depth) for tile in depth_tiles],
            [normalise_dem(dem, contract.dem_pct_clip) for dem in dem_tiles],
        )
    return tuple(np.stack(tiles)[..., None] for tiles in tensors)


def output_in_metres(
    contract: ModelContract, prediction: np.ndarray, depth_tiles: Sequence[np.ndarray], dem_tiles: Sequence[np.ndarray]
) -> np.ndarray:
    """The model's [n, h, w, 1] output for these tiles (m, dry = 0; DEM without voids) -> depth in metres,
    [n, H, W], clipped to [0, max depth]. A version-3 output is a water-surface correction per coarse cell."""
    if contract.version == 3:
        depth = [
            corrected_depth(correction[..., 0], np.maximum(tile, 0.0), dem, contract.volume)
            for correction, tile, dem in zip(prediction, depth_tiles, dem_tiles)
        ]
        return np.clip(np.stack(depth), 0.0, contract.max_depth).astype(np.float32)
    if contract.version == 2:
        return np.clip(prediction[..., 0], 0.0, contract.max_depth).astype(np.float32)
    return denormalise_depth(prediction[..., 0], contract.max_depth)


def output_range(contract: ModelContract) -> Optional[float]:
    """The top of the range `output_in_metres` clips a raw output to (its bottom is 0): 1 for a normalised
    (version 1) output, the maximum depth for version 2's metres; None for version 3, whose output is a
    water-surface correction the engine bounds itself."""
    return {1: 1.0, 2: contract.max_depth}.get(contract.version)


def subgrid_prior(depth: np.ndarray, dem: np.ndarray) -> np.ndarray:
    """Contract version 2's prior_hr for one tile: the smoothed volume-conserving (subgrid_smooth) depth; 0
    everywhere on a dry tile (what subgrid_smooth gives there, without solving for levels)."""
    if not np.any(depth > 0):
        return np.where(np.isnan(dem), np.nan, 0.0).astype(np.float32)
    return subgrid_smooth_depth(depth, dem)
