"""Export a trained FloodSR-small to ONNX with the exact ResUNet_16x_DEM contract."""

from pathlib import Path

import torch
from network import FloodSRSmall

OPSET = 17


def export(model: FloodSRSmall, target: Path) -> Path:
    model.eval()
    example = (torch.zeros(1, 32, 32, 1), torch.zeros(1, 512, 512, 1))
    torch.onnx.export(
        model,
        example,
        str(target),
        input_names=["depth_lr", "dem_hr"],
        output_names=["depth_hr_pred"],
        dynamic_axes={"depth_lr": {0: "N"}, "dem_hr": {0: "N"}, "depth_hr_pred": {0: "N"}},
        opset_version=OPSET,
        dynamo=False,
    )
    return target
