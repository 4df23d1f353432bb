"""Test-time augmentation: the model run on flipped and rotated copies of a batch of tiles, each prediction
turned back, so that the spread of the variants measures how much the prediction depends on orientation.

Both inputs are square tiles of the same ground (coarse depth and fine DEM), so a flip or quarter turn of the
tile arrays about their centre keeps every fine cell inside the same coarse cell. Pure numpy.
"""

from typing import Callable, List, Tuple

import numpy as np

# (quarter turns, mirrored left-right): 4 variants are the identity, both mirrors and the half turn (a group, so
# their mean is itself symmetric); 8 are every flip and rotation of the square.
AUGMENTATIONS = {
    1: ((0, False),),
    4: ((0, False), (0, True), (2, True), (2, False)),
    8: tuple((turns, mirrored) for turns in range(4) for mirrored in (False, True)),
}
TILE_AXES = (1, 2)  # NHWC


def transform(tiles: np.ndarray, turns: int, mirrored: bool) -> np.ndarray:
    turned = np.rot90(tiles, turns, axes=TILE_AXES)
    return np.ascontiguousarray(turned[:, :, ::-1] if mirrored else turned)


def inverse_transform(tiles: np.ndarray, turns: int, mirrored: bool) -> np.ndarray:
    unmirrored = tiles[:, :, ::-1] if mirrored else tiles
    return np.ascontiguousarray(np.rot90(unmirrored, -turns, axes=TILE_AXES))


def augmented_runs(
    run: Callable[[np.ndarray, np.ndarray, Callable[[], bool]], np.ndarray],
    depth_tiles: np.ndarray,
    dem_tiles: np.ndarray,
    variants: int,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> List[np.ndarray]:
    """The model's output for each variant of the inputs, turned back to the tiles' own orientation; `run` gets
    `is_cancelled` too, so that a cancel stops the model mid-run."""
    return [
        inverse_transform(run(transform(depth_tiles, *variant), transform(dem_tiles, *variant), is_cancelled), *variant)
        for variant in AUGMENTATIONS[variants]
    ]


def mean_and_spread(predictions: List[np.ndarray]) -> Tuple[np.ndarray, np.ndarray]:
    """Per cell, the mean of the variants and their standard deviation (population), summed in float64 so that
    equal variants give their own value and exactly 0; float32 out."""
    stacked = np.stack(predictions).astype(np.float64)
    return stacked.mean(axis=0).astype(np.float32), stacked.std(axis=0).astype(np.float32)
