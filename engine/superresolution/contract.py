"""What a model must look like to run in FloodSR, read from the ONNX graph itself.

Version 1 is the published ResUNet_16x_DEM contract (normalised depth and per-tile min-max DEM). Version 2
(docs/model-contract-v2.md) feeds metres: the coarse depth, the DEM relative to the tile's mean, and the
subgrid estimate as a prior; a model declares it with the ONNX metadata entry floodsr_contract = 2. Version 3
(docs/model-contract-v3.md) takes the inputs of version 2 and returns a water-surface correction per coarse
cell, which the engine turns into depth (surface_head.py).
"""

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn, Optional

from ..errors import ModelError
from ..messages import Message
from ..options import DEFAULT_MAX_DEPTH_M
from .surface_head import VOLUME_MODES, VOLUME_PER_CELL

DEPTH_INPUT = "depth_lr"
DEM_INPUT = "dem_hr"
PRIOR_INPUT = "prior_hr"
VERSION_KEY = "floodsr_contract"
VOLUME_KEY = "floodsr_volume"  # version 3: where the water volume is kept, per coarse cell or per tile
VERSIONS = (1, 2, 3)
VERSION_2_MAX_DEPTH = 50.0  # version 2 works in metres: no log-space ceiling, only a sanity cap
DEFAULT_DEM_PCT_CLIP = 95.0
DEFAULT_OVERLAP_LR = 8
STANDARD_LR_TILE = 32  # the coarse tile of the models FloodSR ships: what a dialog bounds the overlap by
# Bounds on what a model may declare: beyond them one tile or one tile row no longer fits a workstation.
MAX_HR_TILE = 4096
MAX_SCALE = 64


@dataclass(frozen=True)
class ModelContract:
    lr_tile: int
    hr_tile: int
    output_name: str
    batch: Optional[int] = None  # None: the graph takes any number of tiles per call
    max_depth: float = DEFAULT_MAX_DEPTH_M
    dem_pct_clip: float = DEFAULT_DEM_PCT_CLIP
    version: int = 1
    volume: str = VOLUME_PER_CELL  # version 3 only

    @property
    def scale(self) -> int:
        return self.hr_tile // self.lr_tile

    @property
    def input_names(self):
        return input_names(self.version)

    def summary(self) -> str:
        """One line naming the version, the tensors and the scale, for model lists and diagnostics."""
        lr, hr = f"[N,{self.lr_tile},{self.lr_tile},1]", f"[N,{self.hr_tile},{self.hr_tile},1]"
        if self.version == 3:
            return (
                f"version 3: {DEPTH_INPUT} {lr} m + {DEM_INPUT} {hr} m above the tile mean + {PRIOR_INPUT} {hr} "
                f"subgrid depth m -> {self.output_name} {lr} water-surface correction m, volume kept per "
                f"{self.volume}, x{self.scale}, max depth {self.max_depth:g} m"
            )
        if self.version == 2:
            return (
                f"version 2: {DEPTH_INPUT} {lr} m + {DEM_INPUT} {hr} m above the tile mean + {PRIOR_INPUT} {hr} "
                f"subgrid depth m -> {self.output_name} {hr} m, x{self.scale}, max depth {self.max_depth:g} m"
            )
        return (
            f"version 1: {DEPTH_INPUT} {lr} + {DEM_INPUT} {hr} -> {self.output_name} {hr}, x{self.scale}, "
            f"max depth {self.max_depth:g} m"
        )

    def with_overrides(self, max_depth=None, dem_pct_clip=None) -> "ModelContract":
        return replace(
            self,
            max_depth=self.max_depth if max_depth is None else float(max_depth),
            dem_pct_clip=self.dem_pct_clip if dem_pct_clip is None else float(dem_pct_clip),
        )


def max_overlap_lr(lr_tile: int) -> int:
    """The widest tile overlap in coarse pixels: under half a tile, so that every tile keeps cells of its own."""
    return (lr_tile - 1) // 2


def contract_from_io(
    inputs, outputs, train_config: Optional[dict] = None, metadata: Optional[dict] = None
) -> ModelContract:
    """Validate onnxruntime NodeArg lists (and the model's metadata map) against the contract; raise naming
    what differs."""
    version = contract_version(metadata or {})
    by_name = {node.name: node for node in inputs}
    missing = [name for name in input_names(version) if name not in by_name]
    if missing:
        _refuse(
            Message(
                "it has no input named {missing} (its inputs: {inputs})",
                missing=", ".join(missing),
                inputs=", ".join(by_name),
            )
        )
    if not outputs:
        _refuse(Message("it has no output"))
    depth_shape = _nhwc(by_name[DEPTH_INPUT], Message("input"))
    dem_shape = _nhwc(by_name[DEM_INPUT], Message("input"))
    output_shape = _nhwc(outputs[0], Message("output"))
    if version >= 2 and _nhwc(by_name[PRIOR_INPUT], Message("input"))[1:] != dem_shape[1:]:
        _refuse(
            Message(
                "input {prior_input} is {prior_shape} but {dem_input} is {dem_shape}; they must match",
                prior_input=PRIOR_INPUT,
                prior_shape=_hwc(by_name[PRIOR_INPUT].shape),
                dem_input=DEM_INPUT,
                dem_shape=_hwc(dem_shape),
            )
        )
    expected_output, expected_input = (depth_shape, DEPTH_INPUT) if version == 3 else (dem_shape, DEM_INPUT)
    if expected_output[1:] != output_shape[1:]:
        _refuse(
            Message(
                "input {dem_input} is {dem_shape} but output {output} is {output_shape}; they must match",
                dem_input=expected_input,
                dem_shape=_hwc(expected_output),
                output=outputs[0].name,
                output_shape=_hwc(output_shape),
            )
        )
    lr, hr = depth_shape[1], dem_shape[1]
    if depth_shape[1] != depth_shape[2] or dem_shape[1] != dem_shape[2]:
        _refuse(
            Message(
                "tiles must be square, got {depth_shape} and {dem_shape}",
                depth_shape=_hwc(depth_shape),
                dem_shape=_hwc(dem_shape),
            )
        )
    if hr % lr or hr // lr < 2:
        _refuse(
            Message(
                "{dem_input} ({hr} px) is not a whole multiple (>= 2) of {depth_input} ({lr} px)",
                dem_input=DEM_INPUT,
                hr=hr,
                depth_input=DEPTH_INPUT,
                lr=lr,
            )
        )
    extra = [name for name in by_name if name not in input_names(version)]
    if extra:
        _refuse(Message("it needs inputs FloodSR does not have: {extra}", extra=", ".join(extra)))
    if hr > MAX_HR_TILE or hr // lr > MAX_SCALE:
        _refuse(
            Message(
                "its {hr} px tiles at x{scale} exceed the {max_tile} px and x{max_scale} that FloodSR runs",
                hr=hr,
                scale=hr // lr,
                max_tile=MAX_HR_TILE,
                max_scale=MAX_SCALE,
            )
        )
    batch = depth_shape[0] if isinstance(depth_shape[0], int) else None
    if batch is not None and batch < 1:
        _refuse(Message("its batch dimension is {batch}; it must be at least 1, or dynamic", batch=batch))
    config = train_config or {}
    return ModelContract(
        lr_tile=lr,
        hr_tile=hr,
        output_name=outputs[0].name,
        batch=batch,
        max_depth=float(config.get("max_depth", VERSION_2_MAX_DEPTH if version >= 2 else DEFAULT_MAX_DEPTH_M)),
        dem_pct_clip=float(config.get("dem_pct_clip", DEFAULT_DEM_PCT_CLIP)),
        version=version,
        volume=volume_mode(metadata or {}) if version == 3 else VOLUME_PER_CELL,
    )


def input_names(version: int):
    """The inputs a contract version feeds, in the order ModelSession.run takes them."""
    return (DEPTH_INPUT, DEM_INPUT, PRIOR_INPUT) if version >= 2 else (DEPTH_INPUT, DEM_INPUT)


def contract_version(metadata: dict) -> int:
    """The contract version a model declares in its ONNX metadata; 1 when it declares none."""
    declared = metadata.get(VERSION_KEY, "1")
    if declared.strip() not in {str(version) for version in VERSIONS}:
        raise ModelError(
            "This model declares FloodSR contract version {declared!r} ({key} in its metadata), which this plugin "
            "does not know (it runs versions {known}). Update FloodSR, or use a model made for this version.",
            declared=declared,
            key=VERSION_KEY,
            known=", ".join(str(version) for version in VERSIONS),
        )
    return int(declared)


def volume_mode(metadata: dict) -> str:
    """Where a version-3 model keeps the water volume (its ONNX metadata); per coarse cell when it says nothing."""
    declared = metadata.get(VOLUME_KEY, VOLUME_PER_CELL).strip()
    if declared not in VOLUME_MODES:
        raise ModelError(
            "This model declares {key} = {declared!r} in its metadata, which FloodSR does not know (it keeps the "
            "water volume per {known}). Use a model made for this version of FloodSR.",
            key=VOLUME_KEY,
            declared=declared,
            known=" or ".join(VOLUME_MODES),
        )
    return declared


def read_train_config(model_path: Path) -> Optional[dict]:
    """The optional train_config.json beside the model, its values checked; None when absent."""
    config_path = Path(model_path).with_name("train_config.json")
    if not config_path.exists():
        return None
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(
            "{path} is not readable JSON ({error}). Fix or remove it; the model runs with defaults without it.",
            path=config_path,
            error=error,
        ) from error
    if not isinstance(config, dict):
        raise ModelError("{path} must hold a JSON object (names and values). Fix or remove it.", path=config_path)
    _check_config_value(config, "max_depth", lambda value: value > 0, Message("a depth above 0 m"), config_path)
    _check_config_value(
        config,
        "dem_pct_clip",
        lambda value: 0 < value <= 100,
        Message("a percentile above 0, at most 100"),
        config_path,
    )
    return config


def _check_config_value(config: dict, key: str, allowed, rule: Message, path: Path) -> None:
    if key not in config:
        return
    value = config[key]
    number = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not number or not allowed(value):
        raise ModelError(
            "{path} gives {key} = {value!r}, which is not usable ({rule}). Fix or remove it; "
            "without it the model runs with its default.",
            path=path,
            key=key,
            value=value,
            rule=rule,
        )


def _nhwc(node, role: Message):
    shape = list(node.shape)
    if node.type != "tensor(float)":
        _refuse(Message("{role} {name} is {type}, not float32", role=role, name=node.name, type=node.type))
    if len(shape) != 4:
        _refuse(
            Message("{role} {name} has shape {shape}, not [N, H, W, 1] (NHWC)", role=role, name=node.name, shape=shape)
        )
    if not all(isinstance(dim, int) for dim in shape[1:]):
        _refuse(
            Message(
                "{role} {name} has shape {shape}; H, W and C must be fixed integers",
                role=role,
                name=node.name,
                shape=shape,
            )
        )
    if shape[3] != 1:
        if shape[1] == 1:
            _refuse(
                Message(
                    "{role} {name} has shape {shape} (it looks channels-first, NCHW); "
                    "the contract needs one channel last, [N, H, W, 1]",
                    role=role,
                    name=node.name,
                    shape=shape,
                )
            )
        _refuse(
            Message(
                "{role} {name} has shape {shape}; the contract needs one channel last, [N, H, W, 1]",
                role=role,
                name=node.name,
                shape=shape,
            )
        )
    return shape


def _hwc(shape) -> str:
    return "x".join(str(dim) for dim in shape[1:])


def _refuse(reason: Message) -> NoReturn:
    raise ModelError(
        "This model does not follow the FloodSR contract: {reason}. FloodSR needs inputs {depth_input} [N,32,32,1] and "
        "{dem_input} [N,512,512,1] and an output [N,512,512,1] (float32, NHWC), like ResUNet_16x_DEM; pick a model "
        "made for FloodSR.",
        reason=reason,
        depth_input=DEPTH_INPUT,
        dem_input=DEM_INPUT,
    )
