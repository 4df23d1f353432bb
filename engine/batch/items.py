"""One item of a batch: its scene run as every entry point runs one, its outcome, and whether its output is already
there."""

import json
from dataclasses import dataclass, replace
from typing import Dict, Optional

from osgeo import gdal

from ..messages import Message
from ..models.checksums import sha256_of_unchanged_file
from ..progress import Progress
from ..rasters.storage import INPUTS_TAG, content_state, forget_cached, inputs_fingerprint
from ..rasters.tags import ENGINE_VERSION_TAG, METHOD_TAG, MODEL_SHA256_TAG, PARAMETERS_TAG
from ..scene import MODEL_METHOD, Outcome, SceneSpec, run_scene
from ..secrets import redact
from .manifest import RowError

FINGERPRINT_KEYS = (ENGINE_VERSION_TAG, PARAMETERS_TAG, INPUTS_TAG)


@dataclass
class ItemResult:
    row: int
    item_id: str
    status: Outcome
    seconds: float
    output: str
    message: Optional[Message] = None

    def to_json(self) -> dict:
        """Numbers stay numbers (templates format them); anything else becomes text, with any credential blanked
        out: results are files on shared disks."""
        values = {name: _json_value(value) for name, value in self.message.values.items()} if self.message else {}
        return {
            "row": self.row,
            "item_id": self.item_id,
            "status": self.status.value,
            "seconds": self.seconds,
            "output": self.output,
            "template": self.message.template if self.message else "",
            "values": values,
        }

    @classmethod
    def from_json(cls, record: dict) -> "ItemResult":
        message = Message(record["template"], **record["values"]) if record["template"] else None
        status = Outcome(record["status"])
        return cls(record["row"], record["item_id"], status, record["seconds"], record["output"], message)


def _json_value(value):
    return value if isinstance(value, (int, float)) else redact(str(value))


def run_item(scene: SceneSpec, threads: int, progress: Optional[Progress] = None) -> ItemResult:
    """Run one item; an engine error becomes a failed result, anything else propagates (the worker logs it)."""
    result = run_scene(replace(scene, threads=threads), progress)
    return ItemResult(scene.row, scene.scene_id, result.outcome, result.seconds, scene.output_path, result.message)


def is_finished(item: SceneSpec) -> bool:
    """A finished output: it opens with GDAL and carries the tags the engine writes for this item's method (the
    downscaling method, or the SHA-256 of the model), its depth options (minimum depth, connectivity, the
    obstructions' content) and its inputs as they are now (their fingerprint); with a wse column, the water surface
    carries the same tags. Outputs appear only when complete (see GeoTiffWriter), so a file that passes was written
    whole by this engine, the way the item asks, from these very inputs."""
    tags = _tags_of(item.output_path)
    if tags is None or ENGINE_VERSION_TAG not in tags:
        return False
    if tags.get(INPUTS_TAG) != inputs_fingerprint(item.depth_path, item.dem_path) or not _same_depth_options(
        item, tags
    ):
        return False
    if item.wse_path and not _written_with(_tags_of(item.wse_path), tags):
        return False
    if item.method == MODEL_METHOD:
        return tags.get(MODEL_SHA256_TAG) == sha256_of_unchanged_file(item.model_path)
    return tags.get(METHOD_TAG) == item.method


def _tags_of(path: str) -> Optional[Dict[str, str]]:
    """The metadata of the raster at `path`, None when GDAL cannot open one there."""
    forget_cached(path)
    try:
        dataset = gdal.OpenEx(path, gdal.OF_RASTER)
    except RuntimeError:
        return None
    return None if dataset is None else dict(dataset.GetMetadata() or {})


def _written_with(wse_tags: Optional[Dict[str, str]], tags: Dict[str, str]) -> bool:
    """The water surface was written by the same run as the depth: same inputs, same parameters."""
    return wse_tags is not None and all(wse_tags.get(key) == tags.get(key) for key in FINGERPRINT_KEYS)


def _same_depth_options(item: SceneSpec, tags: Dict[str, str]) -> bool:
    """Outputs written before an option existed carry no value for it: they were made without it."""
    try:
        parameters = json.loads(tags.get(PARAMETERS_TAG, "{}"))
    except ValueError:
        return False
    obstructions = content_state(item.obstructions_path) if item.obstructions_path else ""
    return (
        parameters.get("min_depth", 0.0) == item.min_depth
        and parameters.get("connected_only", False) == item.connected_only
        and (parameters.get("obstructions") or "") == obstructions
        and parameters.get("obstructions_layer", "") == item.obstructions_layer
    )


def skipped(item: SceneSpec) -> ItemResult:
    return ItemResult(
        item.row, item.scene_id, Outcome.SKIPPED, 0.0, item.output_path, Message("The output is already there.")
    )


def invalid(error: RowError) -> ItemResult:
    return ItemResult(error.row, error.item_id, Outcome.FAILED, 0.0, error.output, error.message)
