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

# The depth cap of the FloodSR models' normalisation, which also sets the range of PSNR and SSIM.
DEFAULT_MAX_DEPTH_M = 5.0

DOWNSCALE_METHODS = ("basic", "simplefilter", "buffergrowloop", "schumann14", "costgrow")
DEPTH_INPUT, WSE_INPUT = "depth", "wse"
DOWNSCALE_INPUT_TYPES = (DEPTH_INPUT, WSE_INPUT)

# How the product's bands are stored: float32, half-precision float, or whole centimetres in 16-bit integers.
FLOAT32, FLOAT16, INT16_CM = "Float32", "Float16", "Int16 (cm)"
OUTPUT_DATA_TYPES = (FLOAT32, FLOAT16, INT16_CM)
AUGMENTATION_VARIANTS = (1, 4, 8)
DEFAULT_MAX_FALLBACK_SHARE = 0.05

# What each band of the super-resolution product holds.
DEPTH_LAYER, SPREAD_LAYER, APPLICABILITY_LAYER = "depth", "spread", "applicability"
