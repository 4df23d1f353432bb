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

# The largest minimum depth (m) a fine output accepts: deeper than any plausible "too shallow to count" threshold,
# so that a typo (5 for 0.05) is refused, not obeyed.
LARGEST_MIN_DEPTH_M = 1.0

# What a high-water mark records: a water level (m, in the DEM's datum) or a water depth (m).
MARK_LEVEL, MARK_DEPTH = "level", "depth"
MARK_KINDS = (MARK_LEVEL, MARK_DEPTH)

# The depth cap of the FloodSR models' normalisation, which also sets the range of PSNR and SSIM.
DEFAULT_MAX_DEPTH_M = 5.0

CLASSIC_METHODS = ("basic", "simplefilter", "buffergrowloop", "schumann14", "costgrow")
SUBGRID, SUBGRID_SMOOTH = "subgrid", "subgrid_smooth"
SUBGRID_METHODS = (SUBGRID, SUBGRID_SMOOTH)
DOWNSCALE_METHODS = CLASSIC_METHODS + SUBGRID_METHODS  # new methods go last: scripts pick methods by index
DEPTH_INPUT, WSE_INPUT = "depth", "wse"
DOWNSCALE_INPUT_TYPES = (DEPTH_INPUT, WSE_INPUT)
# What a coarse depth means: the cell-average depth (volume / area), or a depth over the cell's mean ground.
VOLUME_CONVENTION, MEAN_GROUND_CONVENTION = "volume", "mean_ground"
DEPTH_CONVENTIONS = (VOLUME_CONVENTION, MEAN_GROUND_CONVENTION)

# How the product's bands are stored: float32, half-precision float, or whole centimetres in 16-bit integers.
FLOAT32, FLOAT16, INT16_CM = "Float32", "Float16", "Int16 (cm)"
OUTPUT_DATA_TYPES = (FLOAT32, FLOAT16, INT16_CM)
AUGMENTATION_VARIANTS = (1, 4, 8)
DEFAULT_MAX_FALLBACK_SHARE = 0.05

# What each band of the super-resolution product holds.
DEPTH_LAYER, SPREAD_LAYER, APPLICABILITY_LAYER = "depth", "spread", "applicability"

LOCAL_EXECUTOR, SLURM_EXECUTOR = "local", "slurm"
BATCH_EXECUTORS = (LOCAL_EXECUTOR, SLURM_EXECUTOR)
