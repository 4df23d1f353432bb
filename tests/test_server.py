"""The HTTP server's app in this process (FastAPI's TestClient, lifespan included); the shutdown on SIGTERM, which
is `python -m server`'s own, over real HTTP (uvicorn on a free 127.0.0.1 port)."""

import hashlib
import json
import os
import shutil
import signal
from pathlib import Path

import onnxruntime
import pytest

from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.errors import FloodSRError
from floodsr.engine.models.registry import load_registry
from floodsr.engine.options import DOWNSCALE_METHODS
from floodsr.engine.version import plugin_version

from helpers.server_app import app_client, cache_with, metric, slow_model_file, tiled_rasters, work_files
from helpers.server_process import SAMPLE, engine_output, running_server, upload, wait_until

BUNDLED = load_registry(None)[0]
UPLOAD_LIMIT_MB = 4


@pytest.fixture(scope="module")
def slow_model(tmp_path_factory):
    return slow_model_file(tmp_path_factory.mktemp("slow"))


@pytest.fixture(scope="module")
def four_tiles(tmp_path_factory):
    """768 x 768 cells of 2 m DEM under 48 x 48 cells of 32 m depth: 2 x 2 model tiles."""
    return tiled_rasters(tmp_path_factory.mktemp("four_tiles"), 768)


@pytest.fixture(scope="module")
def nine_tiles(tmp_path_factory):
    """1280 x 1280 cells: 3 x 3 model tiles, long enough to still be running when a short drain ends."""
    return tiled_rasters(tmp_path_factory.mktemp("nine_tiles"), 1280)


@pytest.fixture(scope="module")
def server(tmp_path_factory, slow_model):
    """One worker, a queue of one, uploads up to 4 MB; the slow model is the default."""
    folder = tmp_path_factory.mktemp("server")
    cache_with(folder, slow_model, "slow_cnn")
    with app_client(
        folder, model="slow_cnn", max_jobs=1, queue_size=1, max_upload_mb=UPLOAD_LIMIT_MB, drain_s=0
    ) as client:
        yield client


@pytest.fixture
def ready(server):
    server.wait_ready()
    yield server
    wait_until(lambda: work_files(server) == [], 30, "the job folders to be deleted")


def test_ready_is_503_until_the_default_model_is_verified_loaded_and_warmed_up(server, slow_model):
    assert server.first_ready.status_code == 503
    assert server.first_ready.json() == {
        "ready": False,
        "reason": "warming up: verifying and loading the default model",
    }
    assert server.wait_ready() == {
        "ready": True,
        "model": "slow_cnn",
        "sha256": hashlib.sha256(Path(slow_model).read_bytes()).hexdigest(),
    }
    assert metric(server, "floodsr_model_load_seconds", model="slow_cnn") > 0


def test_the_server_is_ready_with_default_settings(tmp_path):
    """The default model is the first bundled one, whatever contract version it follows."""
    with app_client(tmp_path / "defaults") as server:
        assert server.wait_ready() == {"ready": True, "model": BUNDLED.name, "sha256": BUNDLED.sha256}


def test_health_and_version(ready, slow_model):
    assert ready.get("/health").json() == {"status": "ok"}
    version = ready.get("/version").json()
    assert version["floodsr"] == plugin_version()
    assert version["onnxruntime"] == {
        "version": onnxruntime.__version__,
        "providers": onnxruntime.get_available_providers(),
    }
    assert {"name": BUNDLED.name, "sha256": BUNDLED.sha256, "lineage": ""} in version["models"]
    slow = {"name": "slow_cnn", "sha256": hashlib.sha256(Path(slow_model).read_bytes()).hexdigest(), "lineage": ""}
    assert slow in version["models"]
    assert version["default_model"] == "slow_cnn"


def test_infer_answers_the_bytes_the_engine_writes_and_counts_them(ready, tmp_path):
    tiles, runs = (
        metric(ready, "floodsr_tiles_processed_total"),
        metric(ready, "floodsr_inference_seconds_count", method="model"),
    )
    answer = ready.post("/infer", files=upload(), data={"model": BUNDLED.name})
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/tiff"
    assert answer.content == engine_output(BUNDLED.local_path(None), BUNDLED.name, tmp_path / "engine.tif")
    assert metric(ready, "floodsr_tiles_processed_total") == tiles + 1
    assert metric(ready, "floodsr_inference_seconds_count", method="model") == runs + 1

    answer = ready.post("/infer", files=upload(), data={"method": "costgrow"})
    assert answer.status_code == 200
    downscale(
        DownscaleRequest(
            str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif"), str(tmp_path / "cg.tif"), "costgrow"
        )
    )
    assert answer.content == (tmp_path / "cg.tif").read_bytes()


def test_bad_input_is_400_with_the_engines_own_message(ready, tmp_path):
    swapped = upload(depth=SAMPLE / "dem_2m.tif", dem=SAMPLE / "depth_32m.tif")
    with pytest.raises(FloodSRError) as engine_error:
        downscale(DownscaleRequest(str(SAMPLE / "dem_2m.tif"), str(SAMPLE / "depth_32m.tif"), str(tmp_path / "x.tif")))
    answer = ready.post("/infer", files=swapped, data={"method": "costgrow"})
    assert answer.status_code == 400 and answer.json() == {"error": str(engine_error.value)}
    assert "not finer" in answer.json()["error"]

    answer = ready.post("/infer", files={"depth": upload()["depth"]})
    assert answer.status_code == 400
    assert answer.json() == {"error": "The form needs a 'dem' file (a GeoTIFF), sent as multipart/form-data."}
    answer = ready.post("/infer", files=upload(), data={"method": "nearest"})
    assert answer.status_code == 400 and answer.json()["error"].startswith("Unknown method 'nearest'; use one of")
    answer = ready.post("/jobs", files=upload(), data={"model": "no_such_model"})
    assert answer.status_code == 400 and answer.json()["error"].startswith("No model named 'no_such_model'")


def test_uploads_over_the_limit_are_413_whether_announced_or_streamed(ready):
    too_big = b"\0" * (UPLOAD_LIMIT_MB * 1024 * 1024 + 1)
    rejected = metric(ready, "floodsr_rejected_requests_total", reason="too_large")
    answer = ready.post("/infer", files={"depth": ("depth.tif", too_big), "dem": ("dem.tif", b"")})
    assert answer.status_code == 413
    assert answer.json() == {"error": f"The upload is larger than this server accepts ({UPLOAD_LIMIT_MB} MB)."}

    def chunks():  # no Content-Length: the limit is enforced as the body streams in
        yield b'--x\r\nContent-Disposition: form-data; name="depth"; filename="d.tif"\r\n\r\n'
        for _ in range(UPLOAD_LIMIT_MB + 1):
            yield b"\0" * (1024 * 1024)

    answer = ready.post("/jobs", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert answer.status_code == 413
    assert metric(ready, "floodsr_rejected_requests_total", reason="too_large") == rejected + 2
    assert metric(ready, "floodsr_queue_depth") == 0


def test_a_full_server_answers_503_and_cancelled_jobs_leave_nothing_behind(ready, four_tiles):
    cancelled = metric(ready, "floodsr_jobs_total", outcome="cancelled")
    busy = metric(ready, "floodsr_rejected_requests_total", reason="busy")
    files = upload(*four_tiles)
    running = ready.post("/jobs", files=files)
    queued = ready.post("/jobs", files=files)
    assert (running.status_code, queued.status_code) == (202, 202)
    assert running.headers["Location"] == running.json()["url"] == f"/jobs/{running.json()['id']}"
    for refused in (ready.post("/infer", files=files), ready.post("/jobs", files=files)):
        assert refused.status_code == 503 and int(refused.headers["Retry-After"]) >= 1
        assert refused.json() == {"error": "All workers are busy and the queue is full; try again later."}
    assert metric(ready, "floodsr_rejected_requests_total", reason="busy") == busy + 2

    job_url = running.json()["url"]
    state = wait_until(lambda: (lambda s: s["progress"] > 0 and s)(ready.get(job_url).json()), 60, "a tile done")
    assert state["state"] == "running" and 0 < state["progress"] < 1
    assert ready.get(queued.json()["url"]).json() == {"id": queued.json()["id"], "state": "queued", "progress": 0.0}
    assert metric(ready, "floodsr_jobs_in_flight") == 1 and metric(ready, "floodsr_queue_depth") == 1
    not_yet = ready.get(job_url + "/result")
    assert not_yet.status_code == 409 and "not ready" in not_yet.json()["error"]
    assert work_files(ready)  # the running job's uploads are there

    for job in (queued, running):
        answer = ready.delete(job.json()["url"])
        assert answer.status_code == 200 and answer.json()["state"] == "cancelled"
        assert ready.get(job.json()["url"]).status_code == 404
    assert work_files(ready) == []
    assert metric(ready, "floodsr_jobs_total", outcome="cancelled") == cancelled + 2
    assert metric(ready, "floodsr_jobs_in_flight") == 0 and metric(ready, "floodsr_queue_depth") == 0


def test_a_worker_that_dies_fails_its_job_alone(ready, four_tiles):
    crashed = metric(ready, "floodsr_jobs_total", outcome="crashed")
    job = ready.post("/jobs", files=upload(*four_tiles)).json()
    wait_until(lambda: ready.get(job["url"]).json()["progress"] > 0, 60, "a tile done")
    os.kill(ready.jobs.jobs[job["id"]].process.pid, signal.SIGKILL)
    failed = wait_until(lambda: (lambda s: s["state"] == "failed" and s)(ready.get(job["url"]).json()), 30, "failure")
    assert failed["error"] == "The worker process ended without a result (exit code -9)."
    result = ready.get(job["url"] + "/result")
    assert result.status_code == 500 and result.json() == {"error": failed["error"]}
    assert metric(ready, "floodsr_jobs_total", outcome="crashed") == crashed + 1
    assert ready.delete(job["url"]).status_code == 200 and work_files(ready) == []
    assert ready.post("/infer", files=upload(), data={"method": "basic"}).status_code == 200


def test_a_job_runs_to_its_result_which_is_kept_until_deleted(ready, tmp_path):
    submitted = ready.post("/jobs", files=upload(), data={"method": "costgrow"})
    assert submitted.status_code == 202 and submitted.json()["state"] == "queued"
    url = submitted.json()["url"]
    wait_until(lambda: ready.get(url).json()["state"] == "done", 60, "the job to finish")
    assert ready.get(url).json() == {"id": submitted.json()["id"], "state": "done", "progress": 1.0}
    downscale(
        DownscaleRequest(
            str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif"), str(tmp_path / "cg.tif"), "costgrow"
        )
    )
    for _ in range(2):
        result = ready.get(url + "/result")
        assert result.status_code == 200 and result.content == (tmp_path / "cg.tif").read_bytes()
    job_id = submitted.json()["id"]
    assert work_files(ready) == [job_id, f"{job_id}/job.json", f"{job_id}/output.tif"]
    assert ready.delete(url).json()["state"] == "done"
    assert ready.get(url + "/result").status_code == 404 and work_files(ready) == []


def test_metrics_count_requests_by_endpoint_and_status(ready):
    def count(endpoint, status):
        return metric(ready, "floodsr_http_requests_total", endpoint=endpoint, method="GET", status=status)

    before = (count("/version", "200"), count("/jobs/{job_id}", "404"))
    ready.get("/version")
    ready.get("/version")
    assert ready.get("/jobs/nothing").json() == {
        "error": "No job nothing: it never existed, was deleted, or its result expired."
    }
    assert (count("/version", "200"), count("/jobs/{job_id}", "404")) == (before[0] + 2, before[1] + 1)


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory):
    """Two inference requests a minute per client; its default model's file does not match its sha256."""
    folder = tmp_path_factory.mktemp("strict")
    cache = folder / "cache"
    cache.mkdir()
    (cache / "damaged").mkdir()
    shutil.copyfile(BUNDLED.local_path(None), cache / "damaged" / "model.onnx")
    record = {"name": "damaged", "description": "", "file_name": "model.onnx", "sha256": "0" * 64}
    record.update(size=1, contract="", licence="", url="")
    (cache / "models.json").write_text(json.dumps({"models": [record]}))
    with app_client(folder, model="damaged", rate_limit=2) as client:
        yield client


def test_ready_stays_503_when_the_default_model_does_not_match_its_sha256(strict_server):
    def failed():
        answer = strict_server.get("/ready")
        return answer.status_code == 503 and "sha256" in answer.json()["reason"] and answer.json()

    reason = wait_until(failed, 60, "the warm-up to fail")["reason"]
    assert reason.startswith("the default model failed its warm-up: The file of the model damaged")
    assert "does not match its registered sha256" in reason


def test_a_client_over_its_rate_limit_gets_429_with_retry_after(strict_server):
    answers = [strict_server.post("/infer", files={"depth": upload()["depth"]}) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [400, 400, 429]
    assert answers[2].json() == {"error": "Too many requests from this client; slow down."}
    assert 1 <= int(answers[2].headers["Retry-After"]) <= 30
    assert strict_server.get("/health").status_code == 200  # probes are never limited


@pytest.mark.parametrize("drain_s, outcome", [(60, "done"), (0.5, "cancelled")])
def test_shutdown_drains_then_finishes_or_cancels_and_keeps_only_finished_results(
    tmp_path, slow_model, nine_tiles, drain_s, outcome
):
    cache_with(tmp_path, slow_model, "slow_cnn")
    with running_server(tmp_path, model="slow_cnn", drain_s=drain_s) as server:
        server.wait_ready()
        job = server.post("/jobs", files=upload(*nine_tiles)).json()
        wait_until(lambda: server.get(job["url"]).json()["progress"] > 0, 60, "a tile done")
        server.process.send_signal(signal.SIGTERM)
        assert server.get("/ready").json() == {"ready": False, "reason": "draining: the server is shutting down"}
        refused = server.post("/jobs", files=upload())
        assert refused.status_code == 503 and "shutting down" in refused.json()["error"]
        server.process.wait(90)
    assert f"job {job['id']} {outcome}" in server.log_text()
    kept = [job["id"], f"{job['id']}/job.json", f"{job['id']}/output.tif"] if outcome == "done" else []
    assert (work_files(server) if server.work_dir.exists() else []) == kept  # a finished result waits for its client


def test_infer_and_jobs_are_in_the_openapi_schema_with_their_models(server):
    schema = server.get("/openapi.json").json()
    infer, submit = schema["paths"]["/infer"]["post"], schema["paths"]["/jobs"]["post"]
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    for operation in (infer, submit):
        form = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
        assert (form["title"], form["required"]) == ("UploadForm", ["depth", "dem"])
        fields = [
            "depth",
            "dem",
            "method",
            "model",
            "min_depth",
            "connected_only",
            "obstructions",
            "obstructions_layer",
        ]
        assert list(form["properties"]) == fields
        assert form["properties"]["depth"]["format"] == form["properties"]["dem"]["format"] == "binary"
        assert form["properties"]["method"]["enum"] == ["model", *DOWNSCALE_METHODS]
        codes = ("400", "408", "413", "429", "503")
        assert {code: operation["responses"][code]["content"] for code in codes} == dict.fromkeys(codes, error)
    assert infer["responses"]["200"]["content"] == {"image/tiff": {"schema": {"type": "string", "format": "binary"}}}
    assert infer["responses"]["500"]["content"] == error
    assert submit["responses"]["202"]["content"] == {
        "application/json": {"schema": {"$ref": "#/components/schemas/SubmittedJob"}}
    }

    job = schema["paths"]["/jobs/{job_id}"]
    assert (
        job["get"]["responses"]["200"]["content"]
        == job["delete"]["responses"]["200"]["content"]
        == {"application/json": {"schema": {"$ref": "#/components/schemas/JobDescription"}}}
    )
    assert job["get"]["responses"]["404"]["content"] == error
    assert "422" not in job["get"]["responses"]  # a request FastAPI cannot read is a 400 with an ErrorBody
    models = schema["components"]["schemas"]
    assert models["JobState"]["enum"] == ["queued", "running", "done", "failed", "cancelled"]
    assert list(models["SubmittedJob"]["properties"]) == ["id", "state", "progress", "error", "url"]
    assert models["SubmittedJob"]["required"] == ["id", "state", "progress", "url"]
    assert models["ErrorBody"]["required"] == ["error"]
