"""Training-range sidecars written beside a test's model: what the applicability flags compare tiles with."""

import json

from floodsr.engine.superresolution.applicability import FEATURES, sidecar_path, training_range_document

# A range no tile leaves, for every feature
WIDE_TRAINING_RANGE = dict.fromkeys(FEATURES, (-1000000000.0, 1000000000.0))


def write_training_range(model, limits):
    """A sidecar whose 0th and 100th percentiles are the given (low, high) per feature."""
    document = training_range_document([{name: low for name, (low, _) in limits.items()}], "test")
    document["features"] = {name: {"0": low, "100": high} for name, (low, high) in limits.items()}
    sidecar_path(model).write_text(json.dumps(document))
