"""Export trained networks to ONNX: FloodSR-small with the ResUNet_16x_DEM contract (version 1), FloodSR-subgrid
with contract version 2 (docs/model-contract-v2.md) and FloodSR-surface with version 3 (docs/model-contract-v3.md),
which the files declare in their metadata."""

from pathlib import Path

import onnx
import torch
from network import FloodSRSmall
from network_prior import FloodSRPrior
from network_surface import FloodSRSurface

OPSET = 17
CONTRACT_VERSION_KEY, CONTRACT_VERSION = "floodsr_contract", "2"  # as engine/superresolution/contract.py reads it
VOLUME_KEY = "floodsr_volume"


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


def export_prior(model: FloodSRPrior, target: Path) -> Path:
    return _export_metres(model, target, "depth_hr", {CONTRACT_VERSION_KEY: CONTRACT_VERSION})


def export_surface(model: FloodSRSurface, target: Path, volume: str) -> Path:
    """Contract version 3: the correction per coarse cell, and where the engine keeps the volume."""
    return _export_metres(model, target, "correction_lr", {CONTRACT_VERSION_KEY: "3", VOLUME_KEY: volume})


def _export_metres(model, target: Path, output_name: str, metadata: dict) -> Path:
    """A network of the metre contracts (inputs depth_lr, dem_hr, prior_hr), its metadata set in the file."""
    model.eval()
    example = (torch.zeros(1, 32, 32, 1), torch.zeros(1, 512, 512, 1), torch.zeros(1, 512, 512, 1))
    names = ["depth_lr", "dem_hr", "prior_hr", output_name]
    torch.onnx.export(
        model,
        example,
        str(target),
        input_names=names[:3],
        output_names=names[3:],
        dynamic_axes={name: {0: "N"} for name in names},
        opset_version=OPSET,
        dynamo=False,
    )
    graph = onnx.load(str(target))
    onnx.helper.set_model_props(graph, metadata)
    onnx.save(graph, str(target))
    return target
