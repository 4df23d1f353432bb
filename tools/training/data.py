"""Training samples from the simulated floods, normalised exactly as the FloodSR contract says."""

import json
import sys
from pathlib import Path

import numpy as np

# The plugin's own normalisation (pure numpy), so that training sees exactly what inference feeds the model.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from engine.superresolution.normalise import normalise_dem as _normalise_dem
from engine.superresolution.normalise import normalise_depth as _normalise_depth

MAX_DEPTH, DEM_PCT, SCALE, TILE, BUFFER = 5.0, 95.0, 16, 512, 32


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
            cases.append((path.stem, record["dem"].astype(np.float64), record["depth"].astype(np.float64), meta))
    return cases


def training_tiles(cases):
    """(dem_norm 512x512, truth 512x512 in metres) for every training case's interior tile."""
    tiles = []
    for _, dem, depth, _ in cases:
        if dem.shape[0] < TILE + 2 * BUFFER or dem.shape[1] < TILE + 2 * BUFFER:
            continue
        window = np.s_[BUFFER : BUFFER + TILE, BUFFER : BUFFER + TILE]
        tiles.append((normalise_dem(dem[window]), depth[window].astype(np.float32)))
    return tiles


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
