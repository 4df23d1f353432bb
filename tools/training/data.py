"""Training samples from the simulated floods, prepared exactly as the engine feeds each model contract."""

import json
import sys
from pathlib import Path

import numpy as np

# The plugin's own normalisation (pure numpy), so that training sees exactly what inference feeds the model.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from engine.superresolution.normalise import normalise_dem as _normalise_dem
from engine.superresolution.normalise import normalise_depth as _normalise_depth

MAX_DEPTH, DEM_PCT, SCALE, TILE, BUFFER = 5.0, 95.0, 16, 512, 32
INTERIOR = np.s_[BUFFER : BUFFER + TILE, BUFFER : BUFFER + TILE]  # the ring disturbed by walls and outfalls cut off


def normalise_depth(depth):
    return _normalise_depth(depth, MAX_DEPTH)


def normalise_dem(dem):
    return _normalise_dem(dem, DEM_PCT)


def coarsen(fine):
    rows, cols = fine.shape[0] // SCALE, fine.shape[1] // SCALE
    return fine[: rows * SCALE, : cols * SCALE].reshape(rows, SCALE, cols, SCALE).mean(axis=(1, 3))


def load_cases(folder: Path, split: str):
    cases = []
    for path in sorted(Path(folder).glob("case_*.npz")):
        record = np.load(path)
        meta = json.loads(str(record["meta"]))
        if meta["split"] == split:
            coarse = record["coarse_depth"].astype(np.float64) if "coarse_depth" in record else None
            cases.append(
                (path.stem, record["dem"].astype(np.float64), record["depth"].astype(np.float64), meta, coarse)
            )
    return cases


def training_tiles(cases):
    """(dem_norm 512x512, truth 512x512 in metres) for every training case's interior tile."""
    tiles = []
    for _, dem, depth, *_ in cases:
        if dem.shape[0] < TILE + 2 * BUFFER or dem.shape[1] < TILE + 2 * BUFFER:
            continue
        tiles.append((normalise_dem(dem[INTERIOR]), depth[INTERIOR].astype(np.float32)))
    return tiles


def interior(shape):
    """The fine and coarse windows inside the BUFFER ring that walls and outfalls disturb: whole coarse cells."""
    cells = [(size - 2 * BUFFER) // SCALE for size in shape]
    fine = tuple(slice(BUFFER, BUFFER + count * SCALE) for count in cells)
    coarse = tuple(slice(BUFFER // SCALE, BUFFER // SCALE + count) for count in cells)
    return fine, coarse


def prior_tiles(cases, prior):
    """Contract-2 tiles (coarse depth, DEM minus the tile mean, prior, truth; metres, float32), one for each
    coarse input of every training case: the block mean of the truth and, where simulated, the 32 m run."""
    tiles = []
    for _, dem, depth, _, coarse_run in cases:
        fine, coarse = interior(dem.shape)
        ground, truth = dem[fine], depth[fine]
        inputs = [coarsen(truth)] + ([] if coarse_run is None else [coarse_run[coarse]])
        for depth_lr in inputs:
            arrays = (depth_lr, ground - ground.mean(), prior(depth_lr, ground), truth)
            tiles.append(tuple(np.asarray(array, np.float32) for array in arrays))
    return tiles


def turned(arrays, rng):
    """The arrays of one sample under one of the 8 rotations and flips of the square, drawn from `rng`."""
    turns, flip = rng.integers(4), rng.integers(2)
    arrays = [np.rot90(array, turns) for array in arrays]
    return [array[:, ::-1] for array in arrays] if flip else arrays


def sample_prior(tiles, rng, crop):
    """One augmented contract-2 crop: one of 8 rotations/flips, aligned to coarse cells."""
    arrays = turned(tiles[rng.integers(len(tiles))], rng)
    row, col = (rng.integers(0, (size - crop) // SCALE + 1) for size in arrays[1].shape)
    coarse = np.s_[row : row + crop // SCALE, col : col + crop // SCALE]
    fine = np.s_[row * SCALE : row * SCALE + crop, col * SCALE : col * SCALE + crop]
    depth_lr, *fine_arrays = arrays
    return [np.ascontiguousarray(depth_lr[coarse])[..., None]] + [
        np.ascontiguousarray(array[fine])[..., None] for array in fine_arrays
    ]


def sample(tiles, rng, crop):
    """One augmented crop: a random tile, one of 8 rotations/flips, a crop aligned to coarse cells."""
    dem, truth = tiles[rng.integers(len(tiles))]
    turns, flip = rng.integers(4), rng.integers(2)
    dem, truth = np.rot90(dem, turns), np.rot90(truth, turns)
    if flip:
        dem, truth = dem[:, ::-1], truth[:, ::-1]
    row, col = rng.integers(0, (TILE - crop) // SCALE + 1, 2) * SCALE
    dem, truth = dem[row : row + crop, col : col + crop], truth[row : row + crop, col : col + crop]
    lr = normalise_depth(coarsen(truth))
    return lr[..., None], np.ascontiguousarray(dem)[..., None], normalise_depth(truth)[..., None]
