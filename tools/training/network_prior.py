"""FloodSR-subgrid: a residual U-Net that corrects the volume-conserving subgrid estimate (contract version 2).

Inputs (NHWC float32, metres; docs/model-contract-v2.md): depth_lr [N,32,32,1] coarse cell-average depth,
dem_hr [N,512,512,1] ground elevation minus the tile's mean, prior_hr [N,512,512,1] the subgrid_smooth
depth of the tile. Output depth_hr [N,512,512,1] in metres.

Each coarse cell's water volume (coarse depth x cell area) is kept exactly: the network only decides where
inside the cell it goes, through a softmax over the cell's 16 x 16 fine cells whose logits start from
log(prior). The head starts at zero, so the untrained network returns the subgrid estimate, and training
learns the correction: water the flat level puts on the wrong side of a bank, channels narrower than a
coarse cell, connectivity that a per-cell level cannot see.
"""

import torch
from network import ResUNet, share_out
from torch import nn
from torch.nn import functional

SCALE = 16
WIDTHS = (8, 16, 24, 32, 48)  # channels at 1, 1/2, 1/4, 1/8 and 1/16 of the fine resolution
PRIOR_FLOOR_M = 1e-4  # dry fine cells can still receive water, at a cost the network must pay in logits
ELEVATION_SCALE_M = 2.0  # elevations are fed in units of ~ a flood's depth


def cell_mean(fine):
    """Mean over each coarse cell, repeated onto its fine cells."""
    return functional.interpolate(functional.avg_pool2d(fine, SCALE), scale_factor=SCALE, mode="nearest")


class FloodSRPrior(nn.Module):
    def __init__(self, widths=WIDTHS):
        super().__init__()
        self.body = ResUNet(5, widths)
        nn.init.zeros_(self.body.head.weight)
        nn.init.zeros_(self.body.head.bias)

    def forward(self, depth_lr, dem_hr, prior_hr):
        depth = depth_lr.permute(0, 3, 1, 2)
        dem = dem_hr.permute(0, 3, 1, 2)
        prior = prior_hr.permute(0, 3, 1, 2)
        wet = (prior > 0).float()
        ground_in_cell = dem - cell_mean(dem)
        features = torch.cat(
            [
                torch.log1p(prior * 10.0),
                ground_in_cell / ELEVATION_SCALE_M,  # ground within its coarse cell
                wet * (ground_in_cell + prior) / ELEVATION_SCALE_M,  # the prior's water level, where wet
                dem / (10 * ELEVATION_SCALE_M),  # ground across the tile: where water can spill to
                wet,
            ],
            dim=1,
        )
        correction = self.body(features, torch.log1p(depth * 10.0))
        return share_out(torch.log(prior + PRIOR_FLOOR_M) + correction, depth).permute(0, 2, 3, 1)
