"""The server's app in this process (FastAPI's TestClient, lifespan included) with the settings a test gives it,
and what the server tests look at and send: its metrics, its work folder, tiled rasters, a model cache, a slow model."""

import contextlib
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from floodsr.engine.models.importer import import_model

from helpers.onnx_models import random_cnn_model
from helpers.paths import CHECKOUT
from helpers.rasters import write_raster
from helpers.server_process import START_TIMEOUT_S, wait_until


class AppClient(TestClient):
    """The server's app in this process, with the work folder it was given and /ready's first answer."""

    def __init__(self, app, work_dir: Path):
        super().__init__(app)
        self.work_dir = work_dir
        self.first_ready = None

    @property
    def jobs(self):
        return self.app.state.server.jobs

    def wait_ready(self, timeout_s: float = START_TIMEOUT_S) -> dict:
        def ready():
            answer = self.get("/ready")
            return answer.status_code == 200 and answer.json()

        return wait_until(ready, timeout_s, "/ready to answer 200")


@contextlib.contextmanager
def app_client(folder: Path, **settings):
    """The app with FLOODSR_<NAME>=value for each setting (cache_dir, model, max_jobs...), as `running_server`
    serves it; its lifespan runs from entering to leaving (the shutdown drains its jobs)."""
    if str(CHECKOUT) not in sys.path:  # `python -m server` runs from the checkout: `server` and its `engine` are there
        sys.path.append(str(CHECKOUT))
    from server.app import create_app
    from server.settings import Settings

    folder.mkdir(parents=True, exist_ok=True)
    environment = {"FLOODSR_WORK_DIR": str(folder / "work"), "FLOODSR_CACHE_DIR": str(folder / "cache")}
    environment.update({f"FLOODSR_{name.upper()}": str(value) for name, value in settings.items()})
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        app = create_app(Settings.from_environment())
    with AppClient(app, folder / "work") as client:
        client.first_ready = client.get("/ready")
        yield client


def metric(server, name: str, **labels) -> float:
    """One sample of /metrics, 0 when absent."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in server.get("/metrics").text.splitlines():
        match = re.match(r"^(\w+)(?:\{(.*)\})? (\S+)$", line)
        if match and match[1] == name and ",".join(sorted((match[2] or "").split(","))).strip(",") == wanted:
            return float(match[3])
    return 0.0


def work_files(server):
    return sorted(str(path.relative_to(server.work_dir)) for path in server.work_dir.rglob("*"))


def tiled_rasters(folder, cells: int):
    """cells x cells of 2 m DEM under (cells / 16)^2 cells of 32 m depth."""
    rows, cols = np.mgrid[0:cells, 0:cells]
    dem = (100 + 0.02 * rows + 3 * np.sin(cols / 40.0)).astype(np.float32)
    coarse = cells // 16
    depth = np.clip(np.linspace(-0.5, 2.0, coarse * coarse).reshape(coarse, coarse), 0, None).astype(np.float32)
    return (
        write_raster(folder / "depth.tif", depth, 500000, 100000, 32.0),
        write_raster(folder / "dem.tif", dem, 500000, 100000, 2.0),
    )


def cache_with(folder: Path, model: Path, name: str) -> Path:
    cache = folder / "cache"
    import_model(model, name, cache)
    return cache


def slow_model_file(folder: Path) -> Path:
    """A model slow enough (about a second a tile) to be caught running, warming up or draining."""
    return random_cnn_model(folder / "slow.onnx", seed=2, hidden=32, extra_layers=6)
