"""The container images (deploy/*.Containerfile) as an operator runs them: `make test-images` builds them and runs
these tests with the images' names; plain `make test` skips them (building takes minutes and needs podman as root).

The server image answers the sample with the bytes the engine writes here; the qgis_process image runs the demo
(super-resolve the sample, then score it against the simulated truth) with the plugin installed from its zip; the
pod file starts the server with Prometheus scraping it and its alerting rules loaded."""

import json
import os
import shlex
import subprocess
import uuid

import pytest
import requests
import yaml
from osgeo import gdal

from floodsr.engine.evaluation.run import EvaluateRequest, evaluate
from floodsr.engine.models.registry import load_registry

from helpers.alerts import ALERTS, alert_names
from helpers.paths import CHECKOUT as ROOT
from helpers.qgis_process import run_algorithm
from helpers.server_process import SAMPLE, engine_output, free_port, upload, wait_until

SERVER_IMAGE = os.environ.get("FLOODSR_SERVER_IMAGE", "")
QGIS_PROCESS_IMAGE = os.environ.get("FLOODSR_QGIS_PROCESS_IMAGE", "")
PROMETHEUS_IMAGE = os.environ.get("FLOODSR_PROMETHEUS_IMAGE", "")
POD_FILE = ROOT / "deploy" / "floodsr-pod.yaml"
PODMAN = shlex.split(os.environ.get("FLOODSR_TEST_PODMAN", "podman"))
pytestmark = pytest.mark.skipif(
    not (SERVER_IMAGE and QGIS_PROCESS_IMAGE), reason="the images are built and tested by `make test-images`"
)
BUNDLED = load_registry(None)[0]
IMAGE_USER_ID = "10001"
PLUGIN_IN_IMAGE = "/usr/share/qgis/python/plugins/floodsr"
UPLOAD_LIMIT_MB = 1
START_TIMEOUT_S = 180


def podman(*arguments, timeout_s: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([*PODMAN, *arguments], capture_output=True, text=True, timeout=timeout_s)


def succeeded(completed: subprocess.CompletedProcess) -> str:
    assert completed.returncode == 0, f"{completed.args}:\n{completed.stderr[-3000:]}{completed.stdout[-3000:]}"
    return completed.stdout


class ServerContainer:
    def __init__(self, name: str, url: str):
        self.name, self.url = name, url
        self.ready_state: dict = {}

    def get(self, path: str) -> requests.Response:
        return requests.get(self.url + path, timeout=60)

    def logs(self) -> str:
        completed = podman("logs", self.name)
        return completed.stdout + completed.stderr

    def answers(self) -> bool:
        state = succeeded(podman("inspect", "--format", "{{.State.Status}}", self.name)).strip()
        if state != "running":
            raise AssertionError(f"the container is {state}:\n{self.logs()[-3000:]}")
        try:
            return self.get("/health").status_code == 200
        except requests.ConnectionError:
            return False


@pytest.fixture(scope="module")
def server_container():
    """The server image as `make run-server` runs it, published on a free 127.0.0.1 port, one setting changed."""
    name, port = f"floodsr-test-{uuid.uuid4().hex[:12]}", free_port()
    succeeded(
        podman(
            "run", "--detach", "--init", "--name", name, "--publish", f"127.0.0.1:{port}:8000",
            "--env", f"FLOODSR_MAX_UPLOAD_MB={UPLOAD_LIMIT_MB}", SERVER_IMAGE,
        )
    )  # fmt: skip
    container = ServerContainer(name, f"http://127.0.0.1:{port}")
    try:
        wait_until(container.answers, START_TIMEOUT_S, "the container's server to listen", interval_s=0.5)
        yield container
    finally:
        podman("rm", "--force", "--volumes", "--time", "0", name)


@pytest.fixture(scope="module")
def ready_server_container(server_container):
    def answer():
        state = server_container.get("/ready")
        return state.status_code == 200 and state.json()

    server_container.ready_state = wait_until(answer, START_TIMEOUT_S, "/ready to answer 200", interval_s=0.5)
    return server_container


def test_the_server_image_becomes_ready_with_the_bundled_model(ready_server_container):
    assert ready_server_container.ready_state == {"ready": True, "model": BUNDLED.name, "sha256": BUNDLED.sha256}


def test_the_server_image_answers_the_sample_with_the_engines_bytes(ready_server_container, tmp_path):
    answer = requests.post(ready_server_container.url + "/infer", files=upload(), timeout=300)
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/tiff"
    assert answer.content == engine_output(BUNDLED.local_path(None), BUNDLED.name, tmp_path / "engine.tif")


def test_the_server_image_reads_its_settings_from_the_environment(server_container):
    too_large = {"depth": ("depth.tif", b"\0" * (UPLOAD_LIMIT_MB * 1024 * 1024 + 1)), "dem": ("dem.tif", b"")}
    answer = requests.post(server_container.url + "/infer", files=too_large, timeout=60)
    assert answer.status_code == 413
    assert answer.json() == {"error": f"The upload is larger than this server accepts ({UPLOAD_LIMIT_MB} MB)."}


def test_the_server_image_runs_unprivileged_logs_to_its_output_and_passes_its_healthcheck(server_container):
    assert succeeded(podman("exec", server_container.name, "id", "-u")).strip() == IMAGE_USER_ID
    healthcheck = json.loads(
        succeeded(podman("image", "inspect", "--format", "{{json .Config.Healthcheck}}", SERVER_IMAGE))
    )
    assert "http://127.0.0.1:8000/health" in " ".join(healthcheck["Test"])
    succeeded(podman("healthcheck", "run", server_container.name))
    server_container.get("/version")
    wait_until(lambda: '"GET /version HTTP/1.1" 200' in server_container.logs(), 10, "the access log line")


def test_the_server_image_drains_and_exits_cleanly_on_stop(server_container):
    succeeded(podman("stop", "--time", "60", server_container.name))
    # uvicorn re-raises the signal once it has shut down, so the server ends as a process stopped by SIGTERM.
    assert succeeded(podman("inspect", "--format", "{{.State.ExitCode}}", server_container.name)).strip() == "143"
    assert "Application shutdown complete." in server_container.logs()


def bands(path) -> list:
    dataset = gdal.Open(str(path))
    return [dataset.GetRasterBand(index).ReadAsArray().tobytes() for index in range(1, dataset.RasterCount + 1)]


def test_the_qgis_process_image_runs_the_demo(tmp_path):
    """floodsr:superresolve on the sample, then floodsr:evaluate against the truth, as `make demo` does, offline:
    the file the plugin writes here under qgis_process, and the engine's cells and scores."""
    tmp_path.chmod(0o777)  # written by the image's unprivileged user
    sample = f"{PLUGIN_IN_IMAGE}/resources/sample"

    def qgis_process(*arguments) -> dict:
        command = ("run", "--rm", "--network=none", "--volume", f"{tmp_path}:/out", QGIS_PROCESS_IMAGE, "--json")
        return json.loads(succeeded(podman(*command, "run", *arguments)))["results"]

    qgis_process(
        "floodsr:superresolve", "--", f"INPUT_DEPTH={sample}/depth_32m.tif", f"INPUT_DEM={sample}/dem_2m.tif",
        "OUTPUT=/out/depth_2m.tif",
    )  # fmt: skip
    here = {
        "INPUT_DEPTH": SAMPLE / "depth_32m.tif",
        "INPUT_DEM": SAMPLE / "dem_2m.tif",
        "OUTPUT": tmp_path / "here.tif",
    }
    run_algorithm("floodsr:superresolve", here)
    assert (tmp_path / "depth_2m.tif").read_bytes() == (tmp_path / "here.tif").read_bytes()
    engine_output(BUNDLED.local_path(None), BUNDLED.name, tmp_path / "engine.tif")
    assert bands(tmp_path / "depth_2m.tif") == bands(tmp_path / "engine.tif")

    scores = qgis_process(
        "floodsr:evaluate", "--", "ESTIMATE=/out/depth_2m.tif", f"TRUTH={sample}/depth_2m_truth.tif",
        "OUTPUT_HTML=/out/evaluation.html",
    )  # fmt: skip
    engine = evaluate(EvaluateRequest(str(tmp_path / "engine.tif"), str(SAMPLE / "depth_2m_truth.tif"))).scores
    assert (scores["MAE"], scores["RMSE"], scores["CSI"]) == pytest.approx(
        (engine.mae, engine.rmse, engine.csi), rel=1e-9
    )
    assert (tmp_path / "evaluation.html").stat().st_size > 0


def test_the_pod_file_serves_with_prometheus_scraping_and_alerting(tmp_path):
    """deploy/floodsr-pod.yaml as `make pod` plays it, on free ports and under a name of its own."""
    if not PROMETHEUS_IMAGE:
        pytest.skip("the Prometheus image is built by `make test-images`")
    pod = yaml.safe_load(POD_FILE.read_text(encoding="utf-8"))
    pod["metadata"]["name"] = name = f"floodsr-test-{uuid.uuid4().hex[:12]}"
    ports, images = {}, {"server": SERVER_IMAGE, "prometheus": PROMETHEUS_IMAGE}
    for container in pod["spec"]["containers"]:
        container["image"] = images[container["name"]]
        (published,) = container["ports"]
        published["hostPort"] = ports[container["name"]] = free_port()
    played = tmp_path / "pod.yaml"
    played.write_text(yaml.safe_dump(pod), encoding="utf-8")
    server, prometheus = (f"http://127.0.0.1:{ports[part]}" for part in ("server", "prometheus"))
    try:
        succeeded(podman("kube", "play", str(played)))
        wait_until(lambda: _answers(server + "/ready"), START_TIMEOUT_S, "the pod's server to be ready", 0.5)
        assert requests.post(server + "/infer", files=upload(), timeout=300).status_code == 200

        def query(expression: str) -> list:
            answer = requests.get(f"{prometheus}/api/v1/query", params={"query": expression}, timeout=30).json()
            return answer["data"]["result"]

        ready = 'up{job="floodsr"} == 1 and on (instance) floodsr_jobs_total{outcome="done"} == 1'
        wait_until(lambda: _answers(prometheus + "/-/ready") and query(ready), 120, "Prometheus to scrape the job", 1)
        rules = requests.get(f"{prometheus}/api/v1/rules", timeout=30).json()["data"]["groups"]
        assert {rule["name"] for group in rules for rule in group["rules"]} == alert_names(ALERTS)
    finally:
        podman("pod", "rm", "--force", "--time", "0", name)


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=10).status_code == 200
    except requests.ConnectionError:
        return False
