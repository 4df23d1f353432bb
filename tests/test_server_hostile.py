"""The HTTP server against hostile and careless clients (bounded loops): tiny uploads declaring huge grids, jobs over
their time, odd methods and paths, hostile layer names and form fields, credentials an operator misspelt, and
shutdowns that must keep finished results, on the app in this process; clients that go away and slow uploads, which
only a real connection shows, over real HTTP (uvicorn on 127.0.0.1)."""

import asyncio
import socket
import time
import uuid
from pathlib import Path

import pytest
from osgeo import gdal

from helpers.batch_manifests import pixels
from helpers.paths import CHECKOUT as ROOT
from helpers.polygons import polygons_file, sample_house_ring
from helpers.scripted_registry import ScriptedRegistry
from helpers.server_app import app_client, cache_with, metric, slow_model_file, tiled_rasters, work_files
from helpers.server_process import SAMPLE_DEM, SAMPLE_DEPTH, running_server, upload, wait_until

BOUNDARY = "floodsrboundary"


@pytest.fixture(scope="module")
def slow_model(tmp_path_factory):
    return slow_model_file(tmp_path_factory.mktemp("slow"))


@pytest.fixture(scope="module")
def many_tiles(tmp_path_factory):
    """5 x 5 model tiles of the slow model: far longer than the job time limit on any machine."""
    return tiled_rasters(tmp_path_factory.mktemp("many_tiles"), 2560)


# One worker and no queue (one place in all), 2 s to upload, 5 s per job, 8 million output cells a job.
SETTINGS = dict(
    model="slow_cnn",
    max_jobs=1,
    queue_size=0,
    upload_timeout_s=2,
    job_timeout_s=5,
    max_output_cells=8_000_000,
    drain_s=0,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory, slow_model):
    """The app with SETTINGS; its MLflow tracking server answers every model version with an empty JSON object."""
    folder = tmp_path_factory.mktemp("hostile")
    cache_with(folder, slow_model, "slow_cnn")
    registry = ScriptedRegistry({"mlflow/model-versions/get": (200, b"{}")})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_TRACKING_URI", registry.url)
        with app_client(folder, **SETTINGS) as client:
            client.wait_ready()
            yield client
    registry.close()


@pytest.fixture(scope="module")
def uvicorn_server(tmp_path_factory, slow_model):
    """`python -m server` with SETTINGS, for the clients that only a real connection has."""
    folder = tmp_path_factory.mktemp("hostile_served")
    cache_with(folder, slow_model, "slow_cnn")
    with running_server(folder, **SETTINGS) as running:
        running.wait_ready()
        yield running


def when_idle(server):
    wait_until(lambda: work_files(server) == [] and metric(server, "floodsr_jobs_in_flight") == 0, 60, "idle")


@pytest.fixture
def idle(server):
    yield server
    when_idle(server)


@pytest.fixture
def served(uvicorn_server):
    yield uvicorn_server
    when_idle(uvicorn_server)


def multipart(files: dict, fields=()) -> bytes:
    """`fields`: (name, text) pairs in their order; a name may come twice, which `data=` of a client cannot send."""
    parts = []
    for name, value in fields:
        parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(head.encode() + b"Content-Type: image/tiff\r\n\r\n" + content + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def open_request(server, path: str, body: bytes, send_bytes: int) -> socket.socket:
    """A POST whose headers announce all of `body` but of which only `send_bytes` are sent."""
    host, port = server.url.rsplit("/", 1)[-1].split(":")
    connection = socket.create_connection((host, int(port)), timeout=30)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    connection.sendall(head.encode() + body[:send_bytes])
    return connection


def read_reply(connection: socket.socket):
    """The status line and the body of one HTTP answer (with a Content-Length)."""
    reply = b""
    while b"\r\n\r\n" not in reply:
        reply += connection.recv(4096)
    head, body = reply.split(b"\r\n\r\n", 1)
    length = next(
        int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
    )
    while len(body) < length:
        body += connection.recv(4096)
    return head.split(b"\r\n")[0].decode(), body


def sparse_raster(path: Path, cells: int, cell_size: float) -> Path:
    """A GeoTIFF of cells x cells that takes a few KB: every block is empty."""
    dataset = gdal.GetDriverByName("GTiff").Create(
        str(path), cells, cells, 1, gdal.GDT_Float32, ["SPARSE_OK=TRUE", "TILED=YES", "COMPRESS=DEFLATE"]
    )
    dataset.SetGeoTransform((500000, cell_size, 0, 100000, 0, -cell_size))
    reference = gdal.Open(str(SAMPLE_DEM))
    dataset.SetProjection(reference.GetProjection())
    dataset = None
    return path


def test_a_tiny_upload_declaring_a_huge_grid_is_refused_with_its_estimate(idle, tmp_path):
    huge_depth = sparse_raster(tmp_path / "depth.tif", 20000, 32.0)
    assert huge_depth.stat().st_size < 100_000
    answer = idle.post("/infer", files=upload(depth=huge_depth, dem=SAMPLE_DEM), data={"method": "basic"})
    assert answer.status_code == 413
    assert answer.json()["error"].startswith("The output would have about 102,400,000,000 cells (320,000 x 320,000")
    assert "more than this server's limit of 8,000,000 cells per job" in answer.json()["error"]

    huge_dem = sparse_raster(tmp_path / "dem.tif", 60000, 2.0)
    answer = idle.post("/jobs", files=upload(depth=SAMPLE_DEPTH, dem=huge_dem))
    assert answer.status_code == 413
    assert answer.json()["error"].startswith("The uploaded 'dem' has 3,600,000,000 cells (60,000 x 60,000)")
    assert metric(idle, "floodsr_rejected_requests_total", reason="output_too_large") == 2


def test_a_job_over_the_time_limit_is_stopped_and_says_so(idle, many_tiles):
    job = idle.post("/jobs", files=upload(*many_tiles)).json()
    failed = wait_until(lambda: (lambda s: s["state"] == "failed" and s)(idle.get(job["url"]).json()), 60, "stop")
    assert failed["error"] == (
        "The job ran for longer than this server's limit of 5 s per job and was stopped. Send a smaller area, or "
        "ask the server's operator to raise FLOODSR_JOB_TIMEOUT_S."
    )
    answer = idle.get(job["url"] + "/result")
    assert answer.status_code == 400 and answer.json() == {"error": failed["error"]}
    idle.delete(job["url"])


def test_odd_methods_and_paths_are_one_series_each(idle):
    def series():
        return {
            line.rsplit(" ", 1)[0] for line in idle.get("/metrics").text.splitlines() if line.startswith("floodsr_http")
        }

    before = series()
    for index in range(60):
        assert idle.request(f"X{uuid.uuid4().hex[:8].upper()}", f"/nowhere/{index}").status_code == 404
        idle.get(f"/jobs/{uuid.uuid4().hex}")
    assert series() - before <= {
        'floodsr_http_requests_total{endpoint="other",method="other",status="404"}',
        'floodsr_http_requests_total{endpoint="/jobs/{job_id}",method="GET",status="404"}',
        'floodsr_http_requests_created{endpoint="other",method="other",status="404"}',
        'floodsr_http_requests_created{endpoint="/jobs/{job_id}",method="GET",status="404"}',
    }
    assert metric(idle, "floodsr_http_requests_total", endpoint="other", method="other", status="404") >= 60


def test_server_messages_name_the_upload_field_not_the_servers_paths(idle, tmp_path):
    broken = tmp_path / "broken.tif"
    broken.write_bytes(b"not a GeoTIFF at all")
    answer = idle.post("/infer", files=upload(depth=broken), data={"method": "basic"})
    assert answer.status_code == 400
    message = answer.json()["error"]
    assert "'depth' (uploaded)" in message
    assert str(idle.work_dir) not in message and "depth.tif" not in message

    no_crs = tmp_path / "no_crs.tif"
    gdal.Translate(str(no_crs), str(SAMPLE_DEM))
    dataset = gdal.Open(str(no_crs), gdal.GA_Update)
    dataset.SetProjection("")
    dataset = None
    answer = idle.post("/infer", files=upload(dem=no_crs), data={"method": "basic"})
    assert answer.status_code == 400
    assert answer.json()["error"].endswith(
        "raster 'dem' (uploaded) has no coordinate reference system. Assign its CRS and run again."
    )


def test_a_virtual_raster_pointing_at_the_servers_files_is_refused(idle, tmp_path):
    """A VRT is XML that GDAL opens by its content, whatever its name: it could read any file the server reaches."""
    pointer = tmp_path / "dem.tif"
    gdal.Translate(str(pointer), str(SAMPLE_DEM), format="VRT")  # closed at once: the file is complete
    assert f'<SourceFilename relativeToVRT="0">{SAMPLE_DEM}</SourceFilename>' in pointer.read_text()
    answer = idle.post("/infer", files=upload(dem=pointer), data={"method": "basic"})
    assert answer.status_code == 400
    assert answer.json() == {"error": "The uploaded 'dem' is a VRT file, not a GeoTIFF; send each raster as a GeoTIFF."}


def test_a_registry_answering_garbage_is_a_json_400_naming_the_problem(idle):
    answer = idle.post("/infer", files=upload(), data={"model": "models:/m/1"})
    assert answer.status_code == 400
    assert answer.json()["error"].startswith("The MLflow tracking server at http://127.0.0.1:")
    assert "answered models:/m/1 without a valid model_version.version" in answer.json()["error"]


def test_a_password_in_a_tracking_uri_without_its_scheme_reaches_no_client(idle, monkeypatch, tmp_path):
    """An operator's MLFLOW_TRACKING_URI missing its http://: every client asking for a models:/ URI is told so,
    and neither that answer nor /ready (with such a default model) may show the password."""
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "ops:s3cret-pass@tracking.internal:5000")
    refusal = (
        "MLFLOW_TRACKING_URI must be the http:// or https:// address of an MLflow tracking server (got "
        "'***@tracking.internal:5000'); set it to reach models:/ URIs."
    )
    answer = idle.post("/infer", files=upload(), data={"model": "models:/m@champion"})
    assert (answer.status_code, answer.json()) == (400, {"error": refusal})
    with app_client(tmp_path, model="models:/m@champion", drain_s=0) as server:
        failed = {"ready": False, "reason": f"the default model failed its warm-up: {refusal}"}
        wait_until(lambda: server.get("/ready").json() == failed, 30, "/ready to tell the failed warm-up")


def test_the_openapi_schema_and_docs_show_no_setting_or_secret(tmp_path):
    """The schema is public: it documents the form, never the folders, the default model, the limits or the
    tracking server's address and credentials the server was started with."""
    settings = dict(model="models:/operators-model@prod", max_output_cells=7_654_321, job_timeout_s=4321, drain_s=0)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_TRACKING_URI", "http://ops:s3cret-pass@tracking.internal:5000")
        patch.setenv("MLFLOW_TRACKING_TOKEN", "token-s3cret")
        with app_client(tmp_path, **settings) as server:
            pages = [server.get(path).text for path in ("/openapi.json", "/docs", "/redoc")]
    for page in pages:
        for setting in (
            str(tmp_path),
            "operators-model",
            "7654321",
            "7,654,321",
            "4321",
            "tracking.internal",
            "s3cret",
        ):
            assert setting not in page


def obstructions_upload(folder: Path, *layers: str) -> dict:
    """The sample's upload with a GeoPackage of `layers`: the house in the last one, the others empty."""
    folder.mkdir(exist_ok=True)
    obstructions = folder / "layers.gpkg"
    for index, layer in enumerate(layers, 1):
        polygons_file(obstructions, [sample_house_ring()] if index == len(layers) else [], layer_name=layer)
    return {**upload(), "obstructions": ("layers.gpkg", obstructions.read_bytes())}


def depth_pixels(answer, folder: Path) -> bytes:
    assert answer.status_code == 200, answer.text
    (folder / "answer.tif").write_bytes(answer.content)
    return pixels(folder / "answer.tif")


@pytest.mark.parametrize("layer", ["x'; DROP TABLE gpkg_contents;--", "a|layername=b", "漢字 été", 'say "when"'])
def test_layer_names_with_quotes_sql_bars_or_unicode_pick_that_layer_and_nothing_else(idle, tmp_path, layer):
    alone = idle.post("/infer", files=obstructions_upload(tmp_path / "alone", "houses"), data={"method": "subgrid"})
    fields = {"method": "subgrid", "obstructions_layer": layer}
    named = idle.post("/infer", files=obstructions_upload(tmp_path, "empty", layer), data=fields)
    assert depth_pixels(named, tmp_path) == depth_pixels(alone, tmp_path / "alone")


@pytest.mark.parametrize(
    "layers, field, error",
    [
        (
            ("houses", "b\nLine 9: forged"),
            "",
            "hold 2 layers (houses, 'b\\nLine 9: forged'); name the one to use in the form field 'obstructions_layer'.",
        ),
        (("houses",), "houses\x00", "have no layer 'houses\\x00'; choose a polygon layer."),
        (("houses",), "houses\nLine 9: forged", "have no layer 'houses\\nLine 9: forged'; choose a polygon layer."),
        (("houses",), "../../etc/passwd", "have no layer '../../etc/passwd'; choose a polygon layer."),
    ],
)
def test_odd_layer_names_are_refused_as_names_and_control_characters_escaped_in_the_answer(
    idle, tmp_path, layers, field, error
):
    fields = {"method": "subgrid", **({"obstructions_layer": field} if field else {})}
    answer = idle.post("/infer", files=obstructions_upload(tmp_path, *layers), data=fields)
    assert (answer.status_code, answer.json()) == (
        400,
        {"error": "The obstructions 'obstructions' (uploaded) " + error},
    )


@pytest.mark.parametrize(
    "layer_fields, error",
    [
        ([("obstructions_layer", "nope"), ("obstructions_layer", "houses")], None),
        (
            [("obstructions_layer", "houses"), ("obstructions_layer", "nope")],
            "The obstructions 'obstructions' (uploaded) have no layer 'nope'; choose a polygon layer.",
        ),
        ([("obstructions_layer", "h" * ((1 << 20) + 1))], "Part exceeded maximum size of 1024KB."),
    ],
)
def test_the_layer_checked_is_the_layer_used_when_the_field_comes_twice_and_a_huge_one_is_refused(
    idle, tmp_path, layer_fields, error
):
    """Starlette keeps a field's last value: the check and the job read that one."""
    files = obstructions_upload(tmp_path, "empty", "houses")
    body = multipart(files, [("method", "subgrid"), *layer_fields])
    answer = idle.post("/infer", content=body, headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"})
    if error is None:
        alone = idle.post("/infer", files=obstructions_upload(tmp_path / "alone", "houses"), data={"method": "subgrid"})
        assert depth_pixels(answer, tmp_path) == depth_pixels(alone, tmp_path / "alone")
    else:
        assert (answer.status_code, answer.json()) == (400, {"error": error})


def test_an_obstructions_layer_sent_as_a_file_beside_the_obstructions_is_refused_unread(idle, tmp_path):
    files = {**obstructions_upload(tmp_path, "houses"), "obstructions_layer": ("layer.txt", b"houses")}
    answer = idle.post("/infer", files=files, data={"method": "subgrid"})
    assert (answer.status_code, answer.json()) == (400, {"error": "Too many files. Maximum number of files is 3."})
    assert work_files(idle) == []


def test_shutdown_keeps_a_finished_unfetched_result_for_the_next_server(tmp_path):
    with app_client(tmp_path, drain_s=0) as first:
        job = first.post("/jobs", files=upload(), data={"method": "costgrow"}).json()
        wait_until(lambda: first.get(job["url"]).json()["state"] == "done", 60, "the job to finish")
        expected = first.get(job["url"] + "/result").content
    assert work_files(first) == [job["id"], f"{job['id']}/job.json", f"{job['id']}/output.tif"]
    (first.work_dir / ("0" * 32)).mkdir()  # a job that never finished: removed by the next server
    with app_client(tmp_path) as second:
        assert second.get(job["url"]).json() == {"id": job["id"], "state": "done", "progress": 1.0}
        assert second.get(job["url"] + "/result").content == expected
        assert work_files(second) == [job["id"], f"{job['id']}/job.json", f"{job['id']}/output.tif"]
        assert second.delete(job["url"]).status_code == 200
    assert not second.work_dir.exists()


def test_stuck_jobs_are_cancelled_together_not_one_after_the_other(tmp_path, monkeypatch):
    """Three jobs whose workers ignore the cancel flag: all three are killed after one wait, not three."""
    monkeypatch.syspath_prepend(str(ROOT))
    from engine.scene import SceneSpec
    from server import jobs as server_jobs
    from server.metrics import Metrics

    monkeypatch.setattr(server_jobs, "KILL_AFTER_CANCEL_S", 2)
    context = __import__("multiprocessing").get_context("spawn")

    async def drain_three() -> float:
        manager = server_jobs.JobManager(tmp_path, 3, 0, Metrics(), 3600)
        stuck = []
        for _ in range(3):
            job_id = uuid.uuid4().hex
            (tmp_path / job_id).mkdir()
            job = server_jobs.Job(job_id, tmp_path / job_id, SceneSpec("", "", str(tmp_path / job_id / "out.tif")))
            job.state, job.process = server_jobs.JobState.RUNNING, context.Process(target=time.sleep, args=(120,))
            job.process.start()
            job.task = asyncio.create_task(asyncio.to_thread(job.process.join))
            manager.jobs[job_id] = job
            stuck.append(job)
        started = time.monotonic()
        await manager.drain(0)
        assert [job.state for job in stuck] == [server_jobs.JobState.CANCELLED] * 3 and not manager.jobs
        assert all(job.process.exitcode == -9 for job in stuck)
        return time.monotonic() - started

    waited = asyncio.run(drain_three())
    assert 2 <= waited < 4, f"{waited:.1f} s: the jobs were cancelled one at a time"
    assert list(tmp_path.iterdir()) == []


# Over real HTTP: a client that closes its connection, or sends half a body and waits, is a socket's doing.


def test_an_infer_job_whose_client_went_away_is_cancelled(served, many_tiles):
    gone, cancelled = (
        metric(served, "floodsr_client_disconnects_total", stage="infer"),
        metric(served, "floodsr_jobs_total", outcome="cancelled"),
    )
    body = multipart(upload(*many_tiles))
    connection = open_request(served, "/infer", body, len(body))
    wait_until(lambda: metric(served, "floodsr_jobs_in_flight") == 1, 60, "the job to run")
    connection.close()
    wait_until(lambda: metric(served, "floodsr_jobs_in_flight") == 0, 30, "the job to be cancelled")
    assert metric(served, "floodsr_client_disconnects_total", stage="infer") == gone + 1
    assert metric(served, "floodsr_jobs_total", outcome="cancelled") == cancelled + 1
    assert "its /infer client went away; cancelled" in served.log_text()


def test_slow_uploads_hold_no_place_and_run_out_of_time(served):
    timed_out = metric(served, "floodsr_rejected_requests_total", reason="upload_timeout")
    body = multipart(upload())
    slow = [open_request(served, "/jobs", body, len(body) // 2) for _ in range(3)]
    try:
        answer = served.post("/infer", files=upload(), data={"method": "basic"})
        assert answer.status_code == 200  # the only place was free: the half uploads took none
        for connection in slow:
            status, body = read_reply(connection)
            assert status.startswith("HTTP/1.1 408 ")
            assert body == b'{"error":"The upload did not complete within 2 s; send it again."}'
    finally:
        for connection in slow:
            connection.close()
    assert metric(served, "floodsr_rejected_requests_total", reason="upload_timeout") == timed_out + 3


def test_a_client_gone_during_its_upload_is_one_log_line_counted_apart(served):
    before = metric(served, "floodsr_client_disconnects_total", stage="upload")
    log_length = len(served.log_text())
    body = multipart(upload())
    open_request(served, "/jobs", body, len(body) // 3).close()
    wait_until(
        lambda: metric(served, "floodsr_client_disconnects_total", stage="upload") == before + 1, 10, "the count"
    )
    new_lines = served.log_text()[log_length:]
    assert "the client went away during its upload" in new_lines
    assert "Traceback" not in new_lines and "ERROR" not in new_lines
    assert metric(served, "floodsr_http_requests_total", endpoint="/jobs", method="POST", status="500") == 0
