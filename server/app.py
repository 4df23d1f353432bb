"""FloodSR over HTTP: the ASGI app (FastAPI) over the same engine, model registry and cache as the plugin."""

import asyncio
import contextlib
import logging
import platform
import shutil
from pathlib import Path
from typing import Optional

import onnxruntime
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from engine.errors import FloodSRError
from engine.models.registry import load_registry
from engine.options import DOWNSCALE_METHODS
from engine.scene import MODEL_METHOD
from engine.scene import SceneSpec as JobSpec
from engine.secrets import redact
from engine.version import plugin_version

from .jobs import CANCELLED, DONE, FAILED, OUTPUT_NAME, BusyError, Job, JobManager, run_in_worker
from .limits import GEOPACKAGE, RateLimiter, UploadLimit, other_format, output_size, raster_size, vector_format
from .metrics import CLIENT_GONE, Metrics, RequestCounter
from .models import ModelResolver, ResolvedModel
from .settings import Settings
from .worker import warm_up

TIFF = "image/tiff"
EXPIRY_INTERVAL_S = 60
DISCONNECT_POLL_S = 0.5  # how often an /infer request looks whether its client is still there
LOG = logging.getLogger("floodsr.server")


class Readiness:
    """Ready once the default model is verified, loaded and has run one tile; never while draining."""

    def __init__(self):
        self.model: Optional[ResolvedModel] = None
        self.warmed_up = False
        self.reason = "warming up: verifying and loading the default model"

    def state(self, draining: bool) -> dict:
        if draining:
            return {"ready": False, "reason": "draining: the server is shutting down"}
        if not self.warmed_up:
            return {"ready": False, "reason": self.reason}
        return {"ready": True, "model": self.model.name, "sha256": self.model.sha256}


def error(status: int, message: str, headers: Optional[dict] = None) -> JSONResponse:
    return JSONResponse({"error": redact(message)}, status_code=status, headers=headers)


class OutputTooLargeError(Exception):
    pass


def create_app(settings: Settings) -> FastAPI:
    metrics = Metrics()
    resolver = ModelResolver(settings.cache_dir, settings.default_model)
    readiness = Readiness()
    jobs = JobManager(settings.work_dir, settings.max_running, settings.max_queued, metrics, settings.job_timeout_s)
    limiter = RateLimiter(settings.rate_limit_per_minute)

    async def warm(model_name: str) -> None:
        try:
            readiness.model = await asyncio.to_thread(resolver.resolve, model_name)
            kind, value = await run_in_worker(warm_up, (str(readiness.model.path), settings.threads_per_job))
        except (FloodSRError, OSError) as failure:
            kind, value = "failed", str(failure)
        if kind == "done":
            metrics.model_load_seconds.labels(readiness.model.name).set(value["load_seconds"])
            readiness.warmed_up = True
        else:
            readiness.reason = f"the default model failed its warm-up: {value}"

    async def expire_results() -> None:
        while True:
            await asyncio.sleep(EXPIRY_INTERVAL_S)
            await jobs.expire(settings.result_ttl_s)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        settings.work_dir.mkdir(parents=True, exist_ok=True)
        jobs.recover()
        background = [
            asyncio.create_task(warm(resolver.default_model)),
            asyncio.create_task(expire_results()),
        ]
        yield
        await jobs.drain(settings.drain_s)  # keeps finished results only
        for task in background:
            task.cancel()
        with contextlib.suppress(OSError):  # only when empty: the folder may be shared or hold other files
            settings.work_dir.rmdir()

    app = FastAPI(title="FloodSR", version=plugin_version(), lifespan=lifespan)
    app.state.jobs = jobs
    app.add_middleware(UploadLimit, max_bytes=settings.max_upload_bytes, rejected=metrics.rejected)
    app.add_middleware(RequestCounter, counter=metrics.requests)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, failure: HTTPException):
        return error(failure.status_code, str(failure.detail), getattr(failure, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, failure: RequestValidationError):
        return error(400, "; ".join(item.get("msg", "") for item in failure.errors()))

    @app.exception_handler(ClientDisconnect)
    async def client_gone(request: Request, failure: ClientDisconnect):
        """Not a server error: one line in the log and a count of its own, no traceback."""
        metrics.disconnects.labels("upload").inc()
        LOG.info("%s %s: the client went away during its upload", request.method, request.url.path)
        return Response(status_code=CLIENT_GONE)

    @app.exception_handler(Exception)
    async def server_error(request: Request, failure: Exception):
        return error(500, "The server failed on this request; its log says why.")

    @app.get("/health")
    async def health():
        return {"status": "ok"}

    @app.get("/ready")
    async def ready():
        state = readiness.state(jobs.draining)
        return JSONResponse(state, status_code=200 if state["ready"] else 503)

    @app.get("/version")
    async def version():
        return {
            "floodsr": plugin_version(),
            "python": platform.python_version(),
            "onnxruntime": {"version": onnxruntime.__version__, "providers": onnxruntime.get_available_providers()},
            "models": [
                {"name": entry.name, "sha256": entry.sha256, "lineage": entry.lineage}
                for entry in load_registry(settings.cache_dir)
            ],
            "default_model": readiness.model.name if readiness.model else None,
        }

    @app.get("/metrics")
    async def prometheus():
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    async def accept(request: Request) -> Job:
        """Rate limit, admission, then the upload: each refusal comes before any work is done."""
        client = request.client.host if request.client else "unknown"
        wait_s = limiter.wait_s(client)
        if wait_s:
            metrics.rejected.labels("rate_limited").inc()
            raise HTTPException(
                429, "Too many requests from this client; slow down.", headers={"Retry-After": str(wait_s)}
            )
        admit(jobs.check_room)
        job_id, folder = jobs.new_folder()
        try:
            spec = await asyncio.wait_for(
                _read_upload(request, folder, resolver, settings), timeout=settings.upload_timeout_s
            )
            admit(jobs.reserve)  # only now: an upload still arriving holds no place
        except asyncio.TimeoutError:
            shutil.rmtree(folder, ignore_errors=True)
            metrics.rejected.labels("upload_timeout").inc()
            raise HTTPException(
                408, f"The upload did not complete within {settings.upload_timeout_s:g} s; send it again."
            ) from None
        except OutputTooLargeError as too_large:
            shutil.rmtree(folder, ignore_errors=True)
            metrics.rejected.labels("output_too_large").inc()
            raise HTTPException(413, str(too_large)) from None
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return jobs.start(Job(job_id, folder, spec))

    def admit(check) -> None:
        try:
            check()
        except BusyError as busy:
            metrics.rejected.labels("busy").inc()
            raise HTTPException(503, str(busy), headers={"Retry-After": str(busy.retry_after_s)}) from None

    @app.post("/infer")
    async def infer(request: Request):
        job = await accept(request)
        while not job.task.done():  # a client that went away no longer wants its job: cancel it
            await asyncio.wait([job.task], timeout=DISCONNECT_POLL_S)
            if not job.task.done() and await request.is_disconnected():
                metrics.disconnects.labels("infer").inc()
                LOG.info("job %s: its /infer client went away; cancelled", job.id)
                await jobs.remove(job)
                return Response(status_code=CLIENT_GONE)
        if job.state != DONE:
            await jobs.remove(job)
            return _failure(job)
        return FileResponse(
            job.output, media_type=TIFF, filename="depth.tif", background=BackgroundTask(jobs.remove, job)
        )

    @app.post("/jobs", status_code=202)
    async def submit(request: Request):
        job = await accept(request)
        url = f"/jobs/{job.id}"
        return JSONResponse({**job.describe(), "url": url}, status_code=202, headers={"Location": url})

    def find(job_id: str) -> Job:
        job = jobs.jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"No job {job_id}: it never existed, was deleted, or its result expired.")
        return job

    @app.get("/jobs/{job_id}")
    async def status(job_id: str):
        return find(job_id).describe()

    @app.get("/jobs/{job_id}/result")
    async def result(job_id: str):
        job = find(job_id)
        if job.state in (FAILED, CANCELLED):
            return _failure(job)
        if job.state != DONE:
            return error(409, f"Job {job_id} is {job.state}; its result is not ready yet.")
        return FileResponse(job.output, media_type=TIFF, filename="depth.tif")

    @app.delete("/jobs/{job_id}")
    async def delete(job_id: str):
        job = find(job_id)
        await jobs.remove(job)
        return job.describe()

    return app


def _failure(job: Job) -> JSONResponse:
    """A job that did not succeed: the engine's message for bad input (400), a crash (500), or cancelled by a
    shutdown (503; a job cancelled by DELETE is gone)."""
    if job.state == CANCELLED:
        return error(503, "The job was cancelled: the server is shutting down. Send it again.", {"Retry-After": "1"})
    return error(500 if job.crashed else 400, job.error)


async def _read_upload(request: Request, folder: Path, resolver: ModelResolver, settings: Settings) -> JobSpec:
    """The multipart form: `depth` and `dem` GeoTIFFs, optional `method`, `model`, `min_depth` (m),
    `connected_only` (true or false) and an `obstructions` GeoPackage, saved into `folder`; refused when the output
    they declare is larger than the server takes."""
    form = await request.form(max_files=3, max_fields=7)
    try:
        paths = {}
        for field in ("depth", "dem"):
            upload = form.get(field)
            if upload is None or isinstance(upload, str):
                raise HTTPException(400, f"The form needs a '{field}' file (a GeoTIFF), sent as multipart/form-data.")
            paths[field] = folder / f"{field}.tif"
            with paths[field].open("wb") as stream:
                await asyncio.to_thread(shutil.copyfileobj, upload.file, stream, 1 << 20)
        await asyncio.to_thread(_check_uploads, paths["depth"], paths["dem"], settings.max_output_cells)
        method = str(form.get("method") or MODEL_METHOD)
        if method not in (MODEL_METHOD, *DOWNSCALE_METHODS):
            choices = ", ".join((MODEL_METHOD, *DOWNSCALE_METHODS))
            raise HTTPException(400, f"Unknown method {method!r}; use one of {choices}.")
        obstructions = await _save_obstructions(form.get("obstructions"), folder)
        model = None
        if method == MODEL_METHOD:
            try:
                model = await asyncio.to_thread(resolver.resolve, str(form.get("model") or resolver.default_model))
            except FloodSRError as failure:
                raise HTTPException(400, str(failure)) from None
        return JobSpec(
            depth_path=str(paths["depth"]),
            dem_path=str(paths["dem"]),
            output_path=str(folder / OUTPUT_NAME),
            method=method,
            model_path=str(model.path) if model else "",
            model_name=model.name if model else "",
            threads=settings.threads_per_job,
            min_depth=_number(form.get("min_depth"), "min_depth"),
            connected_only=_flag(form.get("connected_only"), "connected_only"),
            obstructions_path=obstructions,
        )
    finally:
        await form.close()


async def _save_obstructions(upload, folder: Path) -> str:
    """The optional `obstructions` file, saved into `folder`; "" when none was sent. GeoPackages only, told by
    GDAL's driver from the content: other vector formats may name further files, or URLs, that GDAL would open."""
    if upload is None or upload == "":
        return ""
    if isinstance(upload, str):
        raise HTTPException(400, "The form field 'obstructions' must be a file: a GeoPackage of polygons.")
    path = folder / "obstructions.gpkg"
    with path.open("wb") as stream:
        await asyncio.to_thread(shutil.copyfileobj, upload.file, stream, 1 << 20)
    if await asyncio.to_thread(vector_format, str(path)) != GEOPACKAGE:
        raise HTTPException(
            400, "The uploaded 'obstructions' is not a GeoPackage; send the polygons as a GeoPackage (.gpkg) file."
        )
    return str(path)


def _number(value, name: str) -> float:
    """A form field holding a number; 0 when absent. Out of range is the engine's to refuse, in its own words."""
    if value in (None, ""):
        return 0.0
    try:
        return float(str(value))
    except ValueError:
        raise HTTPException(400, f"The form field '{name}' must be a number.") from None


def _flag(value, name: str) -> bool:
    if value in (None, "", "false"):
        return False
    if value == "true":
        return True
    raise HTTPException(400, f"The form field '{name}' must be true or false.")


def _check_uploads(depth: Path, dem: Path, max_cells: int) -> None:
    """GeoTIFFs only: GDAL would open a virtual raster by its content, and one can point at any file or URL the
    server reaches. Then the size of the job they declare."""
    for field, path in (("depth", depth), ("dem", dem)):
        found = other_format(str(path))
        if found:
            raise HTTPException(
                400, f"The uploaded '{field}' is a {found} file, not a GeoTIFF; send each raster as a GeoTIFF."
            )
    dem_size = raster_size(str(dem))
    if dem_size is not None and dem_size[0] * dem_size[1] > max_cells:
        raise OutputTooLargeError(
            f"The uploaded 'dem' has {dem_size[0] * dem_size[1]:,} cells ({dem_size[0]:,} x {dem_size[1]:,}), more "
            f"than this server's limit of {max_cells:,} cells per job. Send the DEM cropped to the flood's area, or "
            "ask the server's operator to raise FLOODSR_MAX_OUTPUT_CELLS."
        )
    size = output_size(str(depth), str(dem))
    if size is not None and size[0] * size[1] > max_cells:
        raise OutputTooLargeError(
            f"The output would have about {size[0] * size[1]:,} cells ({size[0]:,} x {size[1]:,}: the depth "
            f"raster's extent on the DEM's cells), more than this server's limit of {max_cells:,} cells per job. "
            "Send a smaller area or a coarser DEM, or ask the server's operator to raise FLOODSR_MAX_OUTPUT_CELLS."
        )
