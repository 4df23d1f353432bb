"""FloodSR-small: a compact DEM-conditioned residual U-Net with the ResUNet_16x_DEM contract.

Inputs depth_lr [N,32,32,1] and dem_hr [N,512,512,1], output depth_hr_pred [N,512,512,1], all NHWC
float32 in the contract's normalised spaces.

The coarse depth times the cell area is the water volume in the cell, so the network only decides where
inside each coarse cell that water goes: a softmax over the 16 x 16 fine cells of every coarse cell
(mass-conserving by construction). Its logits start from log(bilinear depth), so with a zero correction
the output is bilinear resampling rescaled to keep each cell's volume; the U-Net learns from the DEM
where water really sits. Fully convolutional: training uses smaller crops, export fixes the 32/512 tile.
"""

import torch
from torch import nn
from torch.nn import functional

SCALE = 16
LOG_MAX_DEPTH = 1.791759469228055  # log1p(5 m), the contract's depth normalisation
WIDTHS = (8, 16, 32, 48, 64)  # channels at 1, 1/2, 1/4, 1/8 and 1/16 of the fine resolution


LOGIT_FLOOR_M = 1e-3


def to_metres(normalised):
    return torch.exp(normalised * LOG_MAX_DEPTH) - 1.0


def to_normalised(metres):
    return torch.log(1.0 + metres) / LOG_MAX_DEPTH


def block_softmax(logits):
    """Softmax over each SCALE x SCALE block: the shares of a coarse cell's water, summing to 1 per cell."""
    n, _, height, width = logits.shape
    blocks = logits.reshape(n, height // SCALE, SCALE, width // SCALE, SCALE).permute(0, 1, 3, 2, 4)
    shares = torch.softmax(blocks.reshape(n, height // SCALE, width // SCALE, SCALE * SCALE), dim=-1)
    return (
        shares.reshape(n, height // SCALE, width // SCALE, SCALE, SCALE)
        .permute(0, 1, 3, 2, 4)
        .reshape(n, 1, height, width)
    )


class ResidualBlock(nn.Module):
    def __init__(self, channels_in: int, channels_out: int):
        super().__init__()
        self.conv1 = nn.Conv2d(channels_in, channels_out, 3, padding=1)
        self.conv2 = nn.Conv2d(channels_out, channels_out, 3, padding=1)
        self.skip = nn.Conv2d(channels_in, channels_out, 1) if channels_in != channels_out else nn.Identity()

    def forward(self, x):
        return functional.relu(self.skip(x) + self.conv2(functional.relu(self.conv1(x))))


class ResUNet(nn.Module):
    """The shared body: a residual U-Net from fine features to one fine correction channel (logits), with the
    coarse input joining at 1/16, where one cell is one coarse cell."""

    def __init__(self, channels_in: int, widths=WIDTHS):
        super().__init__()
        self.stem = ResidualBlock(channels_in, widths[0])
        self.down = nn.ModuleList(nn.Conv2d(a, b, 3, stride=2, padding=1) for a, b in zip(widths[:-1], widths[1:]))
        self.encode = nn.ModuleList(ResidualBlock(b, b) for b in widths[1:-1])
        self.bottom = ResidualBlock(widths[-1] + 1, widths[-1])
        self.up = nn.ModuleList(nn.ConvTranspose2d(b, a, 2, stride=2) for a, b in zip(widths[:-1], widths[1:]))
        self.decode = nn.ModuleList(ResidualBlock(2 * a, a) for a in widths[:-1])
        self.head = nn.Conv2d(widths[0], 1, 3, padding=1)

    def forward(self, features, coarse):
        x = self.stem(features)
        skips = [x]
        for index, down in enumerate(self.down):
            x = down(x)
            if index < len(self.encode):
                x = self.encode[index](x)
                skips.append(x)
        x = self.bottom(torch.cat([x, coarse], dim=1))
        for up, decode, skip in zip(reversed(self.up), reversed(self.decode), reversed(skips)):
            x = decode(torch.cat([up(x), skip], dim=1))
        return self.head(x)


def share_out(logits, coarse_metres):
    """Each coarse cell's water (depth x SCALE^2 fine cells) shared out by a softmax of `logits` over its block."""
    return (
        block_softmax(logits)
        * functional.interpolate(coarse_metres, scale_factor=SCALE, mode="nearest")
        * (SCALE * SCALE)
    )


class FloodSRSmall(nn.Module):
    def __init__(self, widths=WIDTHS):
        super().__init__()
        self.body = ResUNet(2, widths)

    def forward(self, depth_lr, dem_hr):
        depth = depth_lr.permute(0, 3, 1, 2)
        dem = dem_hr.permute(0, 3, 1, 2)
        coarse = to_metres(depth)
        bilinear = functional.interpolate(coarse, scale_factor=SCALE, mode="bilinear", align_corners=False)
        correction = self.body(torch.cat([to_normalised(bilinear), dem], dim=1), depth)
        logits = torch.log(bilinear + LOGIT_FLOOR_M) + correction
        return to_normalised(share_out(logits, coarse)).permute(0, 2, 3, 1)
