"""Train FloodSR-surface (contract version 3) on the simulated floods and export it to ONNX.

Usage (training venv):
  .venv-train/bin/python tools/training/train_surface.py FLOODS_DIR OUT_DIR [--volume cell|tile] [--steps N]
Each training flood gives two samples of coarse input: the block mean of the 2 m truth and the 32 m itzi run
of the same event. The engine's own numpy steps (engine/superresolution/surface_head.py) make the subgrid_smooth
surface and the gate of every sample once; the training step mirrors the rest in torch: the gated correction,
interpolated bilinearly between coarse-cell centres, added to the surface, its mean over each coarse cell's (or
the tile's) wet fine cells taken off so the volume stays about where the engine keeps it exactly.
Deterministic for a given seed and data (single-threaded data, seeded torch and numpy).
"""

import numpy as np
import torch
from data import SCALE, coarsen, interior, turned
from export import export_surface
from network_surface import FloodSRSurface
from torch.nn import functional
from train import Recipe, command_line, train_and_export

from engine.downscaling.subgrid import CellLayout, depth_under, subgrid_smooth_surface, water_levels
from engine.superresolution.surface_head import (
    HEAD_PASSES,
    VOLUME_MODES,
    VOLUME_PER_TILE,
    inconsistency,
    inconsistency_gate,
    lowest_ground,
)

DRY = -1e4  # the surface's height above ground in dry coarse cells, where it has none
SQUARED_WEIGHT = 4.0  # RMSE is what users compare: squared error in metres weighs more than the L1 term


def surface_tiles(cases):
    """Per training case and coarse input (block mean of the truth; the 32 m run where simulated), float32:
    coarse depth, gate, DEM minus its mean, prior depth, the engine's uncorrected surface minus the DEM (DRY in
    dry coarse cells), truth."""
    tiles = []
    for _, dem, depth, _, coarse_run in cases:
        fine, coarse = interior(dem.shape)
        ground, truth = dem[fine], depth[fine]
        for depth_lr in [coarsen(truth)] + ([] if coarse_run is None else [coarse_run[coarse]]):
            layout = CellLayout.regular(depth_lr.shape, ground.shape)
            surface = subgrid_smooth_surface(depth_lr, ground, layout, passes=HEAD_PASSES)
            levels = water_levels(depth_lr, ground, layout)
            gate = inconsistency_gate(inconsistency(levels, lowest_ground(ground, layout)))
            arrays = (
                depth_lr,
                gate,
                ground - ground.mean(),
                depth_under(subgrid_smooth_surface(depth_lr, ground, layout), ground),  # prior_hr, as fed
                np.nan_to_num(surface - ground, nan=DRY),
                truth,
            )
            tiles.append(tuple(np.asarray(array, np.float32) for array in arrays))
    return tiles


def sample_surface(tiles, rng, _crop):
    """One whole training tile in one of its 8 rotations and flips, each array [H, W, 1]."""
    return [np.ascontiguousarray(array)[..., None] for array in turned(tiles[rng.integers(len(tiles))], rng)]


class SurfaceTraining(torch.nn.Module):
    """The network and the engine's gate, interpolation and volume step, as one differentiable module."""

    def __init__(self, volume: str):
        super().__init__()
        self.network = FloodSRSurface()
        self.volume = volume

    def forward(self, depth_lr, gate, dem, prior, above_ground):
        correction = self.network(depth_lr, dem, prior).permute(0, 3, 1, 2) * gate.permute(0, 3, 1, 2)
        offset = functional.interpolate(correction, scale_factor=SCALE, mode="bilinear", align_corners=False)
        above = above_ground.permute(0, 3, 1, 2)
        wet = (above > 0).float()
        if self.volume == VOLUME_PER_TILE:
            offset = offset - (offset * wet).sum((2, 3), keepdim=True) / (wet.sum((2, 3), keepdim=True) + 1e-6)
        else:
            share = functional.avg_pool2d(offset * wet, SCALE) / (functional.avg_pool2d(wet, SCALE) + 1e-6)
            offset = offset - functional.interpolate(share, scale_factor=SCALE, mode="nearest")
        inside_wet_cells = (above > DRY / 2).float()  # the surface exists there: the coarse cell is wet
        return (functional.relu(above + offset) * inside_wet_cells).permute(0, 2, 3, 1)


def loss_of(prediction, target):
    difference = prediction - target
    return difference.abs().mean() + SQUARED_WEIGHT * (difference**2).mean()


def main():
    arguments = command_line(steps=1500, crop=0, learning_rate=2e-3, volume_modes=VOLUME_MODES)
    trainer = SurfaceTraining(arguments.volume)
    train_and_export(
        arguments,
        Recipe(
            trainer,
            surface_tiles,
            sample_surface,
            loss_of,
            lambda model, target: export_surface(model.network, target, arguments.volume),
            "floodsr_surface",
        ),
    )


if __name__ == "__main__":
    main()
