"""One scene, whichever entry point asks for it: the Processing algorithms, floodsr:batch and the server each build a
`SceneSpec`, pick its model with `resolve_model` and run it with `run_scene` (the algorithms run the engine request
built from it themselves, to keep its whole result). The words for how a run ended are those of `Outcome`."""

import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from .errors import CancelledError, FloodSRError, ModelError
from .messages import Message
from .models.mlflow import fetch_registry_model, is_registry_uri
from .models.registry import ModelEntry, find_model, load_registry, verified_model_file
from .progress import Progress

if TYPE_CHECKING:
    from .downscaling.run import DownscaleRequest
    from .superresolution.run import SuperResolveRequest

MODEL_METHOD = "model"  # super-resolution with a model; every other method is a model-free downscaler
MODEL_FILE_SUFFIX = ".onnx"


class Outcome(str, Enum):
    """How a scene ended; the values are the words reports, logs and the server's answers use."""

    DONE = "done"  # its output is written
    SKIPPED = "skipped"  # not run: its output was already there, written from the same inputs and options
    CANCELLED = "cancelled"  # stopped on request; no output was written
    FAILED = "failed"  # refused by the engine (an input, the model or the output): its message says how to fix it
    ERROR = "error"  # a bug or a broken system: the trace is in the log
    CRASHED = "crashed"  # the process that ran it ended without saying how it ended


@dataclass(frozen=True)
class SceneSpec:
    """A coarse depth and a fine DEM into a fine depth at `output_path`, with a model (`method` MODEL_METHOD and
    the file `resolve_model` found) or a model-free downscaling method, and the options every entry point offers."""

    depth_path: str  # the coarse flood: a depth, or for a downscaling method what its input type says
    dem_path: str
    output_path: str
    method: str = MODEL_METHOD
    model_path: str = ""
    model_name: str = ""
    threads: int = 0  # for the model; 0: every CPU this process may use
    min_depth: float = 0.0  # m: shallower fine cells become dry
    connected_only: bool = False  # dry the fine wet cells no coarse cell's main water body reaches
    obstructions_path: str = ""  # polygons where water cannot stand, in a vector source GDAL reads
    obstructions_layer: str = ""  # its layer; empty: the first
    wse_path: str = ""  # optional: the water-surface elevation beside the depth
    scene_id: str = ""  # the name its caller knows it by (a manifest's id)
    row: int = 0  # the manifest line it comes from; 0 elsewhere


@dataclass(frozen=True)
class ResolvedModel:
    name: str
    path: Path
    sha256: str  # the registered checksum, verified; empty for a file given by its path
    lineage: str  # where a model from a model registry came from; empty otherwise


@dataclass(frozen=True)
class SceneResult:
    outcome: Outcome
    seconds: float
    tiles: int = 0  # tiles the model ran; 0 for a downscaling method
    message: Optional[Message] = None  # why it did not finish


def default_model_name(cache: Optional[Path]) -> str:
    """The model a scene runs when none is named: the first registered one (bundled models lead the registry)."""
    return load_registry(cache)[0].name


def is_model_file_reference(reference: str) -> bool:
    """A model named by its file rather than by its registered name."""
    return reference.strip().lower().endswith(MODEL_FILE_SUFFIX)


def resolve_model(
    reference: str, cache: Path, files_from: Optional[Path] = None, progress: Optional[Progress] = None
) -> ResolvedModel:
    """The model `reference` names: empty for the default model, a registered name, or a models:/ URI (fetched into
    the cache first); where `files_from` is given, also an .onnx file, relative to that folder. A registered model
    must be in the cache and match its registered sha256 (checked once per unchanged file); ModelError otherwise."""
    reference = reference.strip() or default_model_name(cache)
    if files_from is not None and is_model_file_reference(reference):
        return _model_file(Path(files_from) / reference)
    if is_registry_uri(reference):
        entry = fetch_registry_model(reference, cache, progress or Progress())
    else:
        entry = find_model(reference, cache)
    return _registered(entry, cache)


def _model_file(path: Path) -> ResolvedModel:
    if not path.is_file():
        raise ModelError("Model file {path} does not exist. Check the path or fetch the model again.", path=path)
    return ResolvedModel(path.stem, path, "", "")


def _registered(entry: ModelEntry, cache: Path) -> ResolvedModel:
    return ResolvedModel(entry.name, verified_model_file(entry, cache), entry.sha256, entry.lineage)


def superresolve_request(spec: SceneSpec, **options: Any) -> "SuperResolveRequest":
    """The engine's request for a model scene; `options` are the algorithm's own (bands, tiling, output format)."""
    from .superresolution.run import SuperResolveRequest

    return SuperResolveRequest(
        spec.depth_path,
        spec.dem_path,
        spec.model_path,
        spec.output_path,
        threads=spec.threads,
        model_name=spec.model_name,
        **_depth_options(spec),
        **options,
    )


def downscale_request(spec: SceneSpec, **options: Any) -> "DownscaleRequest":
    """The engine's request for a downscaling scene; `options` are the algorithm's own (bands, input type...)."""
    from .downscaling.run import DownscaleRequest

    return DownscaleRequest(
        spec.depth_path, spec.dem_path, spec.output_path, method=spec.method, **_depth_options(spec), **options
    )


def _depth_options(spec: SceneSpec) -> dict:
    """The request fields both engines share for the depth output."""
    return {
        "min_depth": spec.min_depth,
        "connected_only": spec.connected_only,
        "obstructions_path": spec.obstructions_path,
        "obstructions_layer": spec.obstructions_layer,
        "wse_path": spec.wse_path,
    }


def run_scene(spec: SceneSpec, progress: Optional[Progress] = None) -> SceneResult:
    """Run the scene through the same engine functions as the algorithms. The engine's refusals and a cancel become
    outcomes; anything else is a bug and propagates, for the caller to log with its trace."""
    started = time.perf_counter()
    try:
        tiles = _run(spec, progress)
    except CancelledError as cancelled:
        return SceneResult(Outcome.CANCELLED, time.perf_counter() - started, message=cancelled.message)
    except FloodSRError as error:
        return SceneResult(Outcome.FAILED, time.perf_counter() - started, message=error.message)
    return SceneResult(Outcome.DONE, time.perf_counter() - started, tiles)


def _run(spec: SceneSpec, progress: Optional[Progress]) -> int:
    """The tiles the model ran (0 for a downscaling method)."""
    if spec.method == MODEL_METHOD:
        from .superresolution.run import superresolve

        return superresolve(superresolve_request(spec), progress).tiles
    from .downscaling.run import downscale

    downscale(downscale_request(spec), progress)
    return 0
