"""The model's predictions for the wet tiles of a batch (run in the model's own thread: no GDAL here), and the
subgrid estimate a tile falls back to when the model's output is unusable."""

from typing import Callable, Dict, List, Optional, cast

import numpy as np

from ..downscaling.subgrid import subgrid_smooth_depth
from .augmentation import augmented_runs, mean_and_spread
from .feeds import model_inputs, output_in_metres, output_range
from .tile_checks import cells_outside_range, tile_output_problem
from .tile_reads import TileBatch
from .tile_work import TileJob, TilePrediction

IsCancelled = Callable[[], bool]


def predict_tiles(
    job: TileJob, batch: TileBatch, is_cancelled: IsCancelled
) -> Dict[int, List[Optional[TilePrediction]]]:
    """Per depth band, each tile's prediction; None for a dry tile (no model run)."""
    return {band: _predict_wet_tiles(job, batch, band, is_cancelled) for band in batch.depth_tiles}


def _predict_wet_tiles(
    job: TileJob, batch: TileBatch, band: int, is_cancelled: IsCancelled
) -> List[Optional[TilePrediction]]:
    depth_tiles = batch.depth_tiles[band]
    wet = [index for index, is_dry in enumerate(batch.dry[band]) if not is_dry]
    results: List[Optional[TilePrediction]] = [None] * len(depth_tiles)
    if wet:
        # a wet tile's DEM is always read
        dem_tiles = [cast(np.ndarray, batch.dem_tiles[i]) for i in wet]
        void_tiles = [cast(np.ndarray, batch.void_tiles[i]) for i in wet]
        predicted = _predict_batch(job, [depth_tiles[i] for i in wet], dem_tiles, void_tiles, is_cancelled)
        for index, prediction in zip(wet, predicted):
            results[index] = prediction
    return results


def _predict_batch(
    job: TileJob,
    depth_tiles: List[np.ndarray],
    dem_tiles: List[np.ndarray],
    void_tiles: List[np.ndarray],
    is_cancelled: IsCancelled,
) -> List[TilePrediction]:
    """Per tile, its depth (and with augmentation its spread) in metres, or what is wrong when a variant's output
    is unusable. Each variant turns the tiles in metres before the contract's inputs are built from them (a
    version-2 prior included) and its output back after; a version-3 output becomes depth on the tile's DEM with
    its voids."""
    session, contract = job.session, job.contract
    ground = dem_tiles
    if contract.version == 3:  # its depth is made on the ground itself, whose voids hold no water
        ground = [np.where(voids, np.nan, dem) for dem, voids in zip(dem_tiles, void_tiles)]

    def run(depth: np.ndarray, dem: np.ndarray, cancelled) -> np.ndarray:
        return session.run(*model_inputs(contract, list(depth), list(dem)), is_cancelled=cancelled)

    augmentations = job.settings.augmentations
    variants = augmented_runs(run, np.stack(depth_tiles), np.stack(dem_tiles), augmentations, is_cancelled)
    results = []
    for index in range(len(depth_tiles)):
        outputs = [variant[index : index + 1] for variant in variants]
        problem = next(filter(None, map(tile_output_problem, outputs)), None)
        if problem is not None:
            results.append(TilePrediction(problem=problem))
            continue
        tiles = depth_tiles[index : index + 1], ground[index : index + 1]
        metres = [output_in_metres(contract, raw, *tiles)[0] for raw in outputs]
        depth, spread = (metres[0], None) if len(metres) == 1 else mean_and_spread(metres)
        results.append(
            TilePrediction(
                depth,
                spread,
                output_cells=sum(raw.size for raw in outputs),
                clipped_cells=sum(cells_outside_range(raw, output_range(contract)) for raw in outputs),
            )
        )
    return results


def subgrid_tile(depth_lr: np.ndarray, dem_hr: np.ndarray) -> np.ndarray:
    """The volume-conserving subgrid estimate of one tile (m): the fallback for an unusable model output."""
    return np.nan_to_num(subgrid_smooth_depth(depth_lr, dem_hr), nan=0.0)
