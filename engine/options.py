"""The choices a user makes, as plain constants: importing this costs nothing (no numpy, GDAL or onnxruntime)."""

FEATHER = "feather"
HARD = "hard"
BLEND_MODES = (FEATHER, HARD)

DEVICE_PROVIDERS = {
    "cpu": "CPUExecutionProvider",
    "cuda": "CUDAExecutionProvider",
    "directml": "DmlExecutionProvider",
    "coreml": "CoreMLExecutionProvider",
}
DEVICES = ("auto",) + tuple(DEVICE_PROVIDERS)

COMPRESSIONS = ("DEFLATE", "LZW", "ZSTD")
