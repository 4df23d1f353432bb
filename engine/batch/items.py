"""One item of a batch: the same engine call as the single-scene algorithms, its outcome, and whether its output
is already there."""

import json
import time
from dataclasses import dataclass
from typing import Any, Dict, Optional

from osgeo import gdal

from ..errors import FloodSRError
from ..messages import Message
from ..models.checksums import sha256_of_unchanged_file
from ..progress import Progress
from ..rasters.storage import INPUTS_TAG, content_state, forget_cached, inputs_fingerprint
from ..rasters.tags import ENGINE_VERSION_TAG, METHOD_TAG, MODEL_SHA256_TAG, PARAMETERS_TAG
from ..secrets import redact
from .manifest import MODEL_METHOD, BatchItem, RowError

DONE, SKIPPED, FAILED = "done", "skipped", "failed"
FINGERPRINT_KEYS = (ENGINE_VERSION_TAG, PARAMETERS_TAG, INPUTS_TAG)


@dataclass
class ItemResult:
    row: int
    item_id: str
    status: str
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
            "status": self.status,
            "seconds": self.seconds,
            "output": self.output,
            "template": self.message.template if self.message else "",
            "values": values,
        }

    @classmethod
    def from_json(cls, record: dict) -> "ItemResult":
        message = Message(record["template"], **record["values"]) if record["template"] else None
        return cls(record["row"], record["item_id"], record["status"], record["seconds"], record["output"], message)


def _json_value(value):
    return value if isinstance(value, (int, float)) else redact(str(value))


def run_item(item: BatchItem, threads: int, progress: Optional[Progress] = None) -> ItemResult:
    """Run one item; an engine error becomes a failed result, anything else propagates (the worker logs it)."""
    from ..downscaling.run import DownscaleRequest, downscale

    started = time.perf_counter()
    try:
        if item.method == MODEL_METHOD:
            from ..superresolution.run import SuperResolveRequest, superresolve

            request = SuperResolveRequest(
                item.depth,
                item.dem,
                item.model_path,
                item.output,
                threads=threads,
                model_name=item.model_name,
                **_depth_options(item),
            )
            superresolve(request, progress)
        else:
            options = _depth_options(item)
            downscale(DownscaleRequest(item.depth, item.dem, item.output, method=item.method, **options), progress)
    except FloodSRError as error:
        return ItemResult(item.row, item.item_id, FAILED, time.perf_counter() - started, item.output, error.message)
    return ItemResult(item.row, item.item_id, DONE, time.perf_counter() - started, item.output)


def _depth_options(item: BatchItem) -> Dict[str, Any]:
    """The request fields both engines share for the depth output."""
    return {
        "min_depth": item.min_depth,
        "connected_only": item.connected_only,
        "obstructions_path": item.obstructions,
        "wse_path": item.wse,
    }


def is_finished(item: BatchItem) -> bool:
    """A finished output: it opens with GDAL and carries the tags the engine writes for this item's method (the
    downscaling method, or the SHA-256 of the model), its depth options (minimum depth, connectivity, the
    obstructions' content) and its inputs as they are now (their fingerprint); with a wse column, the water surface
    carries the same tags. Outputs appear only when complete (see GeoTiffWriter), so a file that passes was written
    whole by this engine, the way the item asks, from these very inputs."""
    tags = _tags_of(item.output)
    if tags is None or ENGINE_VERSION_TAG not in tags:
        return False
    if tags.get(INPUTS_TAG) != inputs_fingerprint(item.depth, item.dem) or not _same_depth_options(item, tags):
        return False
    if item.wse and not _written_with(_tags_of(item.wse), tags):
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


def _same_depth_options(item: BatchItem, tags: Dict[str, str]) -> bool:
    """Outputs written before an option existed carry no value for it: they were made without it."""
    try:
        parameters = json.loads(tags.get(PARAMETERS_TAG, "{}"))
    except ValueError:
        return False
    obstructions = content_state(item.obstructions) if item.obstructions else ""
    return (
        parameters.get("min_depth", 0.0) == item.min_depth
        and parameters.get("connected_only", False) == item.connected_only
        and (parameters.get("obstructions") or "") == obstructions
    )


def skipped(item: BatchItem) -> ItemResult:
    return ItemResult(item.row, item.item_id, SKIPPED, 0.0, item.output, Message("The output is already there."))


def invalid(error: RowError) -> ItemResult:
    return ItemResult(error.row, error.item_id, FAILED, 0.0, error.output, error.message)
