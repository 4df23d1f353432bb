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

DOWNSCALE_METHODS = ("basic", "simplefilter", "buffergrowloop", "schumann14", "costgrow")
DEPTH_INPUT, WSE_INPUT = "depth", "wse"
DOWNSCALE_INPUT_TYPES = (DEPTH_INPUT, WSE_INPUT)

LOCAL_EXECUTOR, SLURM_EXECUTOR = "local", "slurm"
BATCH_EXECUTORS = (LOCAL_EXECUTOR, SLURM_EXECUTOR)
