"""What runs inside a worker process: one job, or the warm-up, reporting back through shared memory and a pipe.

Each job gets a process of its own, forked from a server process that has imported all of this already, so a
crash (a segfault in a native library, the kernel's OOM killer) ends one job and nothing else. The outcome is
one message on the pipe, an Outcome's word and what goes with it: ("done", details), ("cancelled", ""),
("failed", the engine's message) or ("error", what went wrong); a process that ends without sending one died.
"""

import time
import traceback
from typing import Any, Callable, Tuple

import numpy as np

# The flows a job runs, imported once into the fork server that every job is forked from (see jobs.py), so that a
# job starts without importing them again.
import engine.downscaling.run
import engine.superresolution.run  # noqa: F401
from engine.errors import FloodSRError
from engine.progress import Progress
from engine.scene import Outcome, SceneResult, SceneSpec, run_scene
from engine.superresolution.feeds import model_inputs
from engine.superresolution.session import ModelSession


def run_job(spec: SceneSpec, fraction, cancel, results) -> None:
    """`fraction` (a shared double) follows the progress; `cancel` (a shared byte) set stops the job at the next
    tile."""
    _send_outcome(results, lambda: _job_outcome(run_scene(spec, _shared_progress(fraction, cancel))))


def _job_outcome(result: SceneResult) -> Tuple[Outcome, Any]:
    if result.outcome == Outcome.DONE:
        return result.outcome, {"tiles": result.tiles, "seconds": result.seconds}
    return result.outcome, str(result.message) if result.outcome == Outcome.FAILED else ""


def _send_outcome(results, work: Callable[[], Tuple[Outcome, Any]]) -> None:
    try:
        outcome, value = work()
    except FloodSRError as error:
        outcome, value = Outcome.FAILED, str(error)
    except Exception as error:  # anything else is a bug or a broken system: say so, keep the trace in the log
        traceback.print_exc()
        outcome, value = Outcome.ERROR, f"{type(error).__name__}: {error}"
    results.send((outcome.value, value))
    results.close()


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
    _send_outcome(results, lambda: (Outcome.DONE, _warm_up(model_path, threads)))


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
