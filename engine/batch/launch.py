"""How a worker process is started: the same Python as QGIS's, the plugin importable, its share of the cores."""

import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import Dict, List

from ..models.runtime import python_interpreter

WORKER_MODULE = __name__.rsplit(".", 1)[0] + ".worker"
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "GDAL_NUM_THREADS")


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def threads_per_worker(workers: int) -> int:
    return max(1, available_cores() // max(1, workers))


def python_paths() -> List[str]:
    """The folder holding the plugin (imported by its folder's name, as QGIS does), and onnxruntime's folder when
    it is a private install (floodsr:installruntime) rather than part of the interpreter's own packages."""
    paths = [str(Path(__file__).parents[3])]  # <plugins>/<plugin>/engine/batch/launch.py
    spec = importlib.util.find_spec("onnxruntime")
    if spec is not None and spec.origin:
        folder = str(Path(spec.origin).parent.parent)
        if "site-packages" not in folder and "dist-packages" not in folder:
            paths.append(folder)
    return paths


def worker_command(*arguments: str) -> List[str]:
    return [str(_interpreter()), "-m", WORKER_MODULE, *arguments]


@lru_cache(maxsize=1)
def _interpreter() -> Path:
    """This Python's own executable, checked as floodsr:installruntime checks it: inside QGIS sys.executable is the
    QGIS program or a `python` on PATH that may be another Python (a pyenv or conda shim without GDAL)."""
    return python_interpreter()


def worker_environment(paths: List[str], threads: int) -> Dict[str, str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(paths + [p for p in [environment.get("PYTHONPATH")] if p])
    environment.update({name: str(threads) for name in THREAD_VARIABLES})
    return environment
