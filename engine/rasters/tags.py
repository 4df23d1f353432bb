"""The names of the tags FloodSR writes into its rasters, and the keys of a product's bands ("depth:1")."""

from typing import Tuple

MODEL_TAG = "FLOODSR_MODEL"
MODEL_SHA256_TAG = "FLOODSR_MODEL_SHA256"
METHOD_TAG = "FLOODSR_METHOD"  # the downscaling method of a model-free output
ENGINE_VERSION_TAG = "FLOODSR_ENGINE_VERSION"
PARAMETERS_TAG = "FLOODSR_PARAMETERS"  # the settings, as sorted JSON
AUGMENTATIONS_TAG = "FLOODSR_AUGMENTATIONS"  # per band: the test-time augmentation variants
LAYER_TAG = "FLOODSR_LAYER"  # per band: its key
FINGERPRINT_TAG = "FLOODSR_PRODUCT"  # what a product's bands share, so a later run can complete it

_KEY_SEPARATOR = ":"


def layer_key(kind: str, input_band: int) -> str:
    """A product band's key: what it holds and for which depth input band, e.g. "depth:1"."""
    return f"{kind}{_KEY_SEPARATOR}{input_band}"


def split_layer_key(key: str) -> Tuple[str, int]:
    """(kind, input band) of a band key."""
    kind, input_band = key.split(_KEY_SEPARATOR)
    return kind, int(input_band)
