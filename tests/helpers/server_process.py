"""The FloodSR server (python -m server) on a free 127.0.0.1 port, started and stopped around a block of code,
and what to send it: the sample as a multipart upload, and the engine's own output for comparison.

Shared by the server and model-registry tests and tools/loadtest.py.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from helpers.paths import CHECKOUT, SAMPLE

SAMPLE_DEPTH, SAMPLE_DEM = SAMPLE / "depth_32m.tif", SAMPLE / "dem_2m.tif"
START_TIMEOUT_S = 90
STOP_TIMEOUT_S = 90


def upload(depth=SAMPLE_DEPTH, dem=SAMPLE_DEM) -> dict:
    """The `files` of a POST /infer or /jobs request."""
    return {"depth": ("depth.tif", Path(depth).read_bytes()), "dem": ("dem.tif", Path(dem).read_bytes())}


def engine_output(model_file, model_name: str, output: Path) -> bytes:
    """What the plugin writes for the sample with this model: the engine run directly, as the plugin runs it."""
    from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

    request = SuperResolveRequest(
        str(SAMPLE_DEPTH), str(SAMPLE_DEM), str(model_file), str(output), threads=1, model_name=model_name
    )
    superresolve(request)
    return Path(output).read_bytes()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout_s: float, what: str, interval_s: float = 0.05):
    """Poll `condition` until it returns something true; fail after `timeout_s` saying what was awaited."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval_s)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


class RunningServer:
    def __init__(self, process: subprocess.Popen, url: str, work_dir: Path, log: Path):
        self.process = process
        self.url = url
        self.work_dir = work_dir
        self.log = log
        self.first_ready = None  # /ready's answer as soon as the server listened

    def get(self, path: str, **options) -> requests.Response:
        return requests.get(self.url + path, timeout=60, **options)

    def post(self, path: str, **options) -> requests.Response:
        return requests.post(self.url + path, timeout=120, **options)

    def delete(self, path: str) -> requests.Response:
        return requests.delete(self.url + path, timeout=60)

    def wait_ready(self, timeout_s: float = START_TIMEOUT_S) -> dict:
        def ready():
            answer = self.get("/ready")
            return answer.status_code == 200 and answer.json()

        return wait_until(ready, timeout_s, "/ready to answer 200")

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, sig=signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired as timeout:
                self.process.kill()
                self.process.wait()
                log = self.log_text()[-3000:]
                raise AssertionError(f"the server did not stop within {STOP_TIMEOUT_S} s:\n{log}") from timeout
        return self.process.returncode


@contextlib.contextmanager
def running_server(folder: Path, **settings):
    """Serve with FLOODSR_<NAME>=value for each setting (cache_dir, model, max_jobs...); stop on leaving."""
    folder.mkdir(parents=True, exist_ok=True)
    work_dir, log = folder / "work", folder / "server.log"
    environment = {**os.environ, "FLOODSR_WORK_DIR": str(work_dir), "FLOODSR_CACHE_DIR": str(folder / "cache")}
    environment.update({f"FLOODSR_{name.upper()}": str(value) for name, value in settings.items()})
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "server", "--host", "127.0.0.1", "--port", str(port)],
            cwd=CHECKOUT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = RunningServer(process, f"http://127.0.0.1:{port}", work_dir, log)
    try:
        wait_until(lambda: _answers(server), START_TIMEOUT_S, "the server to listen")
        server.first_ready = server.get("/ready")
        yield server
    finally:
        server.stop()


def _answers(server: RunningServer) -> bool:
    if server.process.poll() is not None:
        raise AssertionError(f"the server exited with {server.process.returncode}:\n{server.log_text()[-3000:]}")
    try:
        return server.get("/health").status_code == 200
    except requests.ConnectionError:
        return False
