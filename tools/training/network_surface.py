"""FloodSR-surface: a small network that corrects the water surface per coarse cell (contract version 3).

Inputs (NHWC float32, metres; docs/model-contract-v3.md): depth_lr [N,32,32,1] coarse cell-average depth,
dem_hr [N,512,512,1] ground minus the tile's mean, prior_hr [N,512,512,1] the subgrid_smooth depth of the tile.
Output correction_lr [N,32,32,1]: a water-surface correction in metres per coarse cell, bounded to
+-MAX_CORRECTION_M. The engine gates it by the coarse surface's inconsistency, interpolates it and keeps the
volume (engine/superresolution/surface_head.py), so a flat level comes back exactly whatever this returns.

Everything runs at the coarse resolution: per coarse cell, the DEM's mean, lowest, highest and spread, the
subgrid estimate's wet share and water level, and the coarse depth, then a few 3 x 3 convolutions that see the
levels of the neighbouring cells. Its head starts at zero: untrained, it returns subgrid_smooth. Its output is
scaled by `earned_scale`, what validation floods never trained on showed the correction to be worth.
"""

import sys
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from engine.superresolution.surface_head import MAX_CORRECTION_M

SCALE = 16
WIDTH, LAYERS = 32, 6
ELEVATION_SCALE_M = 2.0  # elevations and levels are fed in units of ~ a flood's depth


def _coarse_features(depth_lr, dem_hr, prior_hr):
    """NHWC inputs -> [N, 8, L, L] features per coarse cell."""
    depth, dem, prior = (tensor.permute(0, 3, 1, 2) for tensor in (depth_lr, dem_hr, prior_hr))
    wet = (prior > 0).float()
    mean = functional.avg_pool2d(dem, SCALE)
    lowest = -functional.max_pool2d(-dem, SCALE)
    highest = functional.max_pool2d(dem, SCALE)
    spread = torch.sqrt(functional.relu(functional.avg_pool2d(dem * dem, SCALE) - mean * mean) + 1e-6)
    wet_share = functional.avg_pool2d(wet, SCALE)
    level = functional.avg_pool2d(wet * (prior + dem), SCALE) / (wet_share + 1e-6)
    level = torch.where(wet_share > 0, level, mean)
    return torch.cat(
        [
            torch.log1p(depth * 10.0),
            (level - mean) / ELEVATION_SCALE_M,  # the water level over the cell's mean ground
            level / (10 * ELEVATION_SCALE_M),  # levels across the tile: neighbours' jumps
            (lowest - mean) / ELEVATION_SCALE_M,
            (highest - mean) / ELEVATION_SCALE_M,
            spread / ELEVATION_SCALE_M,
            mean / (10 * ELEVATION_SCALE_M),
            wet_share,
        ],
        dim=1,
    )


class FloodSRSurface(nn.Module):
    def __init__(self, width=WIDTH, layers=LAYERS):
        super().__init__()
        convolutions, channels = [], 8
        for _ in range(layers):
            convolutions += [nn.Conv2d(channels, width, 3, padding=1, padding_mode="replicate"), nn.ReLU()]
            channels = width
        self.body = nn.Sequential(*convolutions)
        self.head = nn.Conv2d(width, 1, 1)
        nn.init.zeros_(self.head.weight)
        nn.init.zeros_(self.head.bias)
        # The share of the correction that validation floods showed to help (train_surface.py sets it): 0 makes
        # the exported model return subgrid_smooth exactly.
        self.register_buffer("earned_scale", torch.ones(()))

    def forward(self, depth_lr, dem_hr, prior_hr):
        features = _coarse_features(depth_lr, dem_hr, prior_hr)
        correction = self.earned_scale * MAX_CORRECTION_M * torch.tanh(self.head(self.body(features)))
        return correction.permute(0, 2, 3, 1)
