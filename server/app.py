"""FloodSR over HTTP: the ASGI app (FastAPI) over the same engine, model registry and cache as the plugin."""

import asyncio
import contextlib
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

from engine.errors import FloodSRError
from engine.models.registry import load_registry
from engine.options import DOWNSCALE_METHODS
from engine.version import plugin_version

from .jobs import CANCELLED, DONE, FAILED, BusyError, Job, JobManager, run_in_worker
from .limits import RateLimiter, UploadLimit
from .metrics import Metrics, RequestCounter
from .models import ModelResolver, ResolvedModel
from .settings import Settings
from .worker import MODEL_METHOD, JobSpec, warm_up

TIFF = "image/tiff"
EXPIRY_INTERVAL_S = 60


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
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def create_app(settings: Settings) -> FastAPI:
    metrics = Metrics()
    resolver = ModelResolver(settings.cache_dir, settings.default_model)
    readiness = Readiness()
    jobs = JobManager(settings.work_dir, settings.max_running, settings.max_queued, metrics)
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
        background = [
            asyncio.create_task(warm(resolver.default_model)),
            asyncio.create_task(expire_results()),
        ]
        yield
        await jobs.drain(settings.drain_s)  # deletes every job's folder
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
        try:
            jobs.reserve()
        except BusyError as busy:
            metrics.rejected.labels("busy").inc()
            raise HTTPException(503, str(busy), headers={"Retry-After": str(busy.retry_after_s)}) from None
        job_id, folder = jobs.new_folder()
        try:
            spec = await _read_upload(request, folder, resolver, settings.threads_per_job)
        except BaseException:
            jobs.release()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return jobs.start(Job(job_id, folder, spec))

    @app.post("/infer")
    async def infer(request: Request):
        job = await accept(request)
        await asyncio.wait([job.task])  # not cancelled with the request: a client gone still frees its job
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


async def _read_upload(request: Request, folder: Path, resolver: ModelResolver, threads: int) -> JobSpec:
    """The multipart form: `depth` and `dem` GeoTIFFs, optional `method`, `model`, `min_depth` (m) and
    `connected_only` (true or false), saved into `folder`."""
    form = await request.form(max_files=2, max_fields=6)
    try:
        paths = {}
        for field in ("depth", "dem"):
            upload = form.get(field)
            if upload is None or isinstance(upload, str):
                raise HTTPException(400, f"The form needs a '{field}' file (a GeoTIFF), sent as multipart/form-data.")
            paths[field] = folder / f"{field}.tif"
            with paths[field].open("wb") as stream:
                await asyncio.to_thread(shutil.copyfileobj, upload.file, stream, 1 << 20)
        method = str(form.get("method") or MODEL_METHOD)
        if method not in (MODEL_METHOD, *DOWNSCALE_METHODS):
            choices = ", ".join((MODEL_METHOD, *DOWNSCALE_METHODS))
            raise HTTPException(400, f"Unknown method {method!r}; use one of {choices}.")
        model = None
        if method == MODEL_METHOD:
            try:
                model = await asyncio.to_thread(resolver.resolve, str(form.get("model") or resolver.default_model))
            except FloodSRError as failure:
                raise HTTPException(400, str(failure)) from None
        return JobSpec(
            depth_path=str(paths["depth"]),
            dem_path=str(paths["dem"]),
            output_path=str(folder / "output.tif"),
            method=method,
            model_path=str(model.path) if model else "",
            model_name=model.name if model else "",
            threads=threads,
            min_depth=_number(form.get("min_depth"), "min_depth"),
            connected_only=_flag(form.get("connected_only"), "connected_only"),
        )
    finally:
        await form.close()


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
