"""What runs inside a worker process: one job, or the warm-up, reporting back through shared memory and a pipe.

Each job gets a process of its own, forked from a server process that has imported all of this already, so a
crash (a segfault in a native library, the kernel's OOM killer) ends one job and nothing else. The outcome is
one message on the pipe: ("done", details), ("cancelled", ""), ("failed", the engine's message) or
("error", what went wrong); a process that ends without sending one died.
"""

import time
import traceback
from dataclasses import dataclass
from typing import Callable

import numpy as np

from engine.downscaling.run import DownscaleRequest, downscale
from engine.errors import CancelledError, FloodSRError
from engine.progress import Progress
from engine.superresolution.feeds import model_inputs
from engine.superresolution.run import SuperResolveRequest, superresolve
from engine.superresolution.session import ModelSession

MODEL_METHOD = "model"


@dataclass(frozen=True)
class JobSpec:
    depth_path: str
    dem_path: str
    output_path: str
    method: str = MODEL_METHOD  # "model", or one of the classic downscale methods
    model_path: str = ""
    model_name: str = ""
    threads: int = 1
    min_depth: float = 0.0  # m: shallower fine cells become dry
    connected_only: bool = False  # dry the fine wet cells no coarse cell's main water body reaches
    obstructions_path: str = ""  # a GeoPackage of polygons where water cannot stand; its first layer


def run_job(spec: JobSpec, fraction, cancel, results) -> None:
    """`fraction` (a shared double) follows the progress; `cancel` (a shared byte) set stops the job at the next
    tile."""
    _send_outcome(results, lambda: _run(spec, _shared_progress(fraction, cancel)))


def _send_outcome(results, work: Callable[[], dict]) -> None:
    try:
        outcome = ("done", work())
    except CancelledError:
        outcome = ("cancelled", "")
    except FloodSRError as error:
        outcome = ("failed", str(error))
    except Exception as error:  # anything else is a bug or a broken system: say so, keep the trace in the log
        traceback.print_exc()
        outcome = ("error", f"{type(error).__name__}: {error}")
    results.send(outcome)
    results.close()


def _run(spec: JobSpec, progress: Progress) -> dict:
    if spec.method == MODEL_METHOD:
        request = SuperResolveRequest(
            spec.depth_path,
            spec.dem_path,
            spec.model_path,
            spec.output_path,
            threads=spec.threads,
            model_name=spec.model_name,
            min_depth=spec.min_depth,
            connected_only=spec.connected_only,
            obstructions_path=spec.obstructions_path,
        )
        result = superresolve(request, progress)
        return {"tiles": result.tiles, "seconds": result.seconds}
    request = DownscaleRequest(
        spec.depth_path,
        spec.dem_path,
        spec.output_path,
        method=spec.method,
        min_depth=spec.min_depth,
        connected_only=spec.connected_only,
        obstructions_path=spec.obstructions_path,
    )
    result = downscale(request, progress)
    return {"tiles": 0, "seconds": result.seconds}


def _shared_progress(fraction, cancel) -> Progress:
    """Progress over all stages as one fraction: stage i of n covers [i/n, (i+1)/n]."""
    stage = {"index": 0, "count": 1}

    def report(value: float) -> None:
        fraction.value = (stage["index"] + value) / stage["count"]

    def begin(index: int, count: int, name: str) -> None:
        stage.update(index=index, count=count)
        report(0.0)

    return Progress(report=report, is_cancelled=lambda: bool(cancel.value), stage=begin)


def warm_up(model_path: str, threads: int, results) -> None:
    """Load the model's session and run one dry tile over flat ground through it, as its contract version asks:
    the server is ready only after this."""
    _send_outcome(results, lambda: _warm_up(model_path, threads))


def _warm_up(model_path: str, threads: int) -> dict:
    started = time.perf_counter()
    session = ModelSession(model_path, "auto", threads)
    loaded = time.perf_counter()
    contract = session.contract
    batch = contract.batch or 1
    dry_depth = [np.zeros((contract.lr_tile, contract.lr_tile), np.float32)] * batch
    flat_dem = [np.zeros((contract.hr_tile, contract.hr_tile), np.float32)] * batch
    session.run(*model_inputs(contract, dry_depth, flat_dem))  # the inputs its contract version asks for
    return {"load_seconds": loaded - started, "tile_seconds": time.perf_counter() - loaded}
