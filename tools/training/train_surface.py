"""Train FloodSR-surface (contract version 3) on the simulated floods and export it to ONNX.

Usage (training venv):
  .venv-train/bin/python tools/training/train_surface.py FLOODS_DIR OUT_DIR [--volume cell|tile] [--steps N]
Each training flood gives two samples of coarse input: the block mean of the 2 m truth and the 32 m itzi run
of the same event. The engine's own numpy steps (engine/superresolution/surface_head.py) make the subgrid_smooth
surface and the gate of every sample once; the training step mirrors the rest in torch: the gated correction,
interpolated bilinearly between coarse-cell centres, added to the surface, its mean over each coarse cell's (or
the tile's) wet fine cells taken off so the volume stays about where the engine keeps it exactly.
Every fourth flood of each synthetic terrain family is held back for validation: after training, the network's
correction is run through the engine's own steps on those floods at full, half and a quarter strength, and the
file is exported with the largest strength that helped there (OUT/validation.json says how much), or with none,
so that the model returns subgrid_smooth where its correction did not earn its place.
Deterministic for a given seed and data (single-threaded data, seeded torch and numpy).
"""

import json

import numpy as np
import torch
from data import SCALE, coarsen, interior, load_cases, turned
from export import export_surface
from network_surface import FloodSRSurface
from torch.nn import functional
from train import Recipe, command_line, train_and_export

from engine.downscaling.subgrid import CellLayout, subgrid_smooth_surface, water_levels
from engine.superresolution.feeds import subgrid_prior
from engine.superresolution.surface_head import (
    HEAD_PASSES,
    VOLUME_MODES,
    VOLUME_PER_TILE,
    corrected_depth,
    inconsistency,
    inconsistency_gate,
    lowest_ground,
)

COARSE_RUN, BLOCK_MEAN = "coarse_run", "block_mean"
SYNTHETIC_FAMILIES = ("valley", "leveed_floodplain", "hillslope", "town")
VALIDATION_EVERY = 4
CANDIDATE_SCALES = (1.0, 0.5, 0.25)
DRY = -1e4  # the surface's height above ground in dry coarse cells, where it has none
SQUARED_WEIGHT = 4.0  # RMSE is what users compare: squared error in metres weighs more than the L1 term


def coarse_inputs(case):
    """(kind, coarse depth, interior ground, interior truth) for each coarse input of one flood: the block mean of
    the truth and, where simulated, the 32 m run."""
    _, dem, depth, _, coarse_run = case
    fine, coarse = interior(dem.shape)
    ground, truth = dem[fine], depth[fine]
    yield BLOCK_MEAN, coarsen(truth), ground, truth
    if coarse_run is not None:
        yield COARSE_RUN, coarse_run[coarse], ground, truth


def surface_tiles(cases):
    """Per training case and coarse input, float32: coarse depth, gate, DEM minus its mean, prior depth, the
    engine's uncorrected surface minus the DEM (DRY in dry coarse cells), truth."""
    tiles = []
    for case in cases:
        for _, depth_lr, ground, truth in coarse_inputs(case):
            layout = CellLayout.regular(depth_lr.shape, ground.shape)
            surface = subgrid_smooth_surface(depth_lr, ground, layout, passes=HEAD_PASSES)
            levels = water_levels(depth_lr, ground, layout)
            gate = inconsistency_gate(inconsistency(levels, lowest_ground(ground, layout)))
            arrays = (
                depth_lr,
                gate,
                ground - ground.mean(),
                subgrid_prior(depth_lr, ground),
                np.nan_to_num(surface - ground, nan=DRY),
                truth,
            )
            tiles.append(tuple(np.asarray(array, np.float32) for array in arrays))
    return tiles


def split_off_validation(cases):
    """(fit, validation): of each synthetic terrain family, every VALIDATION_EVERY-th flood validates (each flood
    its own random terrain, so whole terrains are held back); the Slovenian tile's floods (crops of one terrain)
    all fit."""
    validation = []
    for family in SYNTHETIC_FAMILIES:
        validation += [case for case in cases if case[3]["family"] == family][VALIDATION_EVERY - 1 :: VALIDATION_EVERY]
    names = {case[0] for case in validation}
    return [case for case in cases if case[0] not in names], validation


def rmse(estimate, truth):
    return float(np.sqrt(np.mean((estimate - truth) ** 2)))


def validation_ratios(network, cases, volume):
    """{scale: [(kind, RMSE / subgrid_smooth's RMSE)]} over the validation floods, each through the engine's own
    contract-3 steps (surface_head.corrected_depth) with the network's correction times the scale."""
    ratios = {scale: [] for scale in CANDIDATE_SCALES}
    network.eval()
    for case in cases:
        for kind, depth_lr, ground, truth in coarse_inputs(case):
            smooth = np.nan_to_num(subgrid_prior(depth_lr, ground), nan=0.0)
            inputs = [
                torch.from_numpy(np.asarray(a, np.float32))[None, ..., None]
                for a in (depth_lr, ground - ground.mean(), smooth)
            ]
            with torch.no_grad():
                correction = network(*inputs)[0, ..., 0].double().numpy()
            for scale in CANDIDATE_SCALES:
                estimate = corrected_depth(scale * correction, depth_lr, ground, volume)
                ratios[scale].append((kind, rmse(estimate, truth) / max(rmse(smooth, truth), 1e-9)))
    return ratios


def earned_scale(ratios):
    """The largest scale whose correction made the validation floods' coarse-run RMSE at least 1 % better on
    average and no validation input more than 2 % worse than subgrid_smooth; 0 when none did."""
    for scale in sorted(ratios, reverse=True):
        run = [ratio for kind, ratio in ratios[scale] if kind == COARSE_RUN]
        if run and np.mean(run) <= 0.99 and max(ratio for _, ratio in ratios[scale]) <= 1.02:
            return scale
    return 0.0


def validate_and_scale(network, cases, volume, out):
    """Set the network's earned_scale from the validation floods and write OUT/validation.json."""
    ratios = validation_ratios(network, cases, volume)
    network.earned_scale.fill_(earned_scale(ratios))
    summary = {
        "cases": [case[0] for case in cases],
        "scale": float(network.earned_scale),
        "rmse_ratio_to_subgrid_smooth": {
            str(scale): {
                kind: {"mean": float(np.mean(values)), "worst": float(np.max(values))}
                for kind in (COARSE_RUN, BLOCK_MEAN)
                if (values := [ratio for k, ratio in pairs if k == kind])
            }
            for scale, pairs in ratios.items()
        },
    }
    (out / "validation.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary), flush=True)
    return network


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
    fit, validation = split_off_validation(load_cases(arguments.floods, "train"))
    train_and_export(
        arguments,
        Recipe(
            trainer,
            surface_tiles,
            sample_surface,
            loss_of,
            lambda model, target: export_surface(
                validate_and_scale(model.network, validation, arguments.volume, arguments.out),
                target,
                arguments.volume,
            ),
            "floodsr_surface",
        ),
        fit,
    )


if __name__ == "__main__":
    main()
