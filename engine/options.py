"""The choices a user makes, as plain constants: importing this costs nothing (no numpy, GDAL or onnxruntime)."""

from .messages import Message

FEATHER = "feather"
HARD = "hard"
BLEND_MODES = (FEATHER, HARD)
# How the log names them; the values themselves stay as they are in scripts and saved models.
BLEND_LABELS = {FEATHER: Message("feather"), HARD: Message("hard")}

DEVICE_PROVIDERS = {
    "cpu": "CPUExecutionProvider",
    "cuda": "CUDAExecutionProvider",
    "directml": "DmlExecutionProvider",
    "coreml": "CoreMLExecutionProvider",
}
DEVICES = ("auto",) + tuple(DEVICE_PROVIDERS)

COMPRESSIONS = ("DEFLATE", "LZW", "ZSTD")

DOWNSCALE_METHODS = ("basic", "simplefilter", "buffergrowloop", "schumann14", "costgrow")
DEPTH_INPUT, WSE_INPUT = "depth", "wse"
DOWNSCALE_INPUT_TYPES = (DEPTH_INPUT, WSE_INPUT)
