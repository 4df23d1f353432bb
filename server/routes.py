"""The server's endpoints: probes, version and metrics, and the jobs (/infer waits for its result, /jobs queues)."""

import asyncio
import logging
import platform
import shutil
from typing import Annotated

import onnxruntime
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.background import BackgroundTask

from engine.models.registry import load_registry
from engine.version import plugin_version

from .errors import (
    BadUploadError,
    JobCancelledError,
    JobCrashedError,
    JobFailedError,
    JobNotFoundError,
    OutputTooLargeError,
    RateLimitedError,
    ResultNotReadyError,
    ServerBusyError,
    ServiceError,
    UploadTimeoutError,
    documented,
)
from .jobs import Job
from .metrics import CLIENT_GONE
from .schemas import (
    ErrorBody,
    Health,
    JobDescription,
    JobState,
    ModelInfo,
    ReadyState,
    Runtime,
    SubmittedJob,
    UploadForm,
    VersionInfo,
)
from .state import ServerState, server_state
from .uploads import read_upload

TIFF = "image/tiff"
DISCONNECT_POLL_S = 0.5  # how often an /infer request looks whether its client is still there
# The form is read by read_upload, after the checks that may refuse it unread: documented, not parsed, by FastAPI.
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": UploadForm.model_json_schema()}},
    }
}
GEOTIFF_ANSWER = {
    "description": "The fine depth (m), a GeoTIFF.",
    "content": {TIFF: {"schema": {"type": "string", "format": "binary"}}},
}
UPLOAD_ERRORS = (BadUploadError, UploadTimeoutError, OutputTooLargeError, RateLimitedError, ServerBusyError)
# Besides an output too large, 413 is the answer to an upload over the size limit (limits.UploadLimit).
UPLOAD_TOO_LARGE = {
    "model": ErrorBody,
    "description": "The upload is larger than the server accepts, or its rasters declare too large an output.",
}
LOG = logging.getLogger("floodsr.server")

# Every error is an ErrorBody: those an endpoint lists, and any other (500, or 404 and 405 for a path or method that
# does not exist). A request FastAPI could not parse is one of them, as 400 (FastAPI's own default is 422).
router = APIRouter(responses={"default": {"model": ErrorBody, "description": "Any other error."}})
State = Annotated[ServerState, Depends(server_state)]


@router.get("/health")
async def health() -> Health:
    return Health(status="ok")


@router.get("/ready", response_model_exclude_none=True, responses={503: {"model": ReadyState}})
async def ready(state: State, response: Response) -> ReadyState:
    answer = state.readiness.state(state.jobs.draining)
    response.status_code = 200 if answer.ready else 503
    return answer


@router.get("/version")
async def version(state: State) -> VersionInfo:
    default_model = state.readiness.model
    return VersionInfo(
        floodsr=plugin_version(),
        python=platform.python_version(),
        onnxruntime=Runtime(version=onnxruntime.__version__, providers=onnxruntime.get_available_providers()),
        models=[
            ModelInfo(name=entry.name, sha256=entry.sha256, lineage=entry.lineage)
            for entry in load_registry(state.settings.cache_dir)
        ],
        default_model=default_model.name if default_model else None,
    )


@router.get("/metrics", response_class=Response, responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}})
async def prometheus(state: State) -> Response:
    return Response(generate_latest(state.metrics.registry), media_type=CONTENT_TYPE_LATEST)


async def accepted_job(request: Request, state: State) -> Job:
    """Rate limit, admission, then the upload: each refusal comes before any work is done."""
    client = request.client.host if request.client else "unknown"
    wait_s = state.limiter.wait_s(client)
    if wait_s:
        raise RateLimitedError("Too many requests from this client; slow down.", retry_after_s=wait_s)
    state.jobs.check_room()
    job_id, folder = state.jobs.new_folder()
    try:
        spec = await asyncio.wait_for(
            read_upload(request, folder, state.resolver, state.settings), timeout=state.settings.upload_timeout_s
        )
        state.jobs.reserve()  # only now: an upload still arriving holds no place
    except asyncio.TimeoutError:
        shutil.rmtree(folder, ignore_errors=True)
        timeout_s = state.settings.upload_timeout_s
        raise UploadTimeoutError(f"The upload did not complete within {timeout_s:g} s; send it again.") from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return state.jobs.start(Job(job_id, folder, spec))


AcceptedJob = Annotated[Job, Depends(accepted_job)]


@router.post(
    "/infer",
    response_class=FileResponse,
    responses={
        200: GEOTIFF_ANSWER,
        **documented(*UPLOAD_ERRORS, JobFailedError, JobCrashedError, JobCancelledError),
        413: UPLOAD_TOO_LARGE,
    },
    openapi_extra=UPLOAD_BODY,
)
async def infer(request: Request, job: AcceptedJob, state: State) -> Response:
    """Run a job and answer its result; a client that goes away cancels it."""
    while not await state.jobs.ended(job, DISCONNECT_POLL_S):
        if await request.is_disconnected():
            state.metrics.disconnects.labels("infer").inc()
            LOG.info("job %s: its /infer client went away; cancelled", job.id)
            await state.jobs.remove(job)
            return Response(status_code=CLIENT_GONE)
    if job.state != JobState.DONE:
        await state.jobs.remove(job)
        raise failure(job)
    return FileResponse(
        job.output, media_type=TIFF, filename="depth.tif", background=BackgroundTask(state.jobs.remove, job)
    )


@router.post(
    "/jobs",
    status_code=202,
    response_model_exclude_none=True,
    responses={**documented(*UPLOAD_ERRORS), 413: UPLOAD_TOO_LARGE},
    openapi_extra=UPLOAD_BODY,
)
async def submit(job: AcceptedJob, response: Response) -> SubmittedJob:
    """Queue a job; its state and then its result are at the URL answered (also in Location)."""
    url = f"/jobs/{job.id}"
    response.headers["Location"] = url
    return SubmittedJob(**job.describe().model_dump(), url=url)


async def found_job(job_id: str, state: State) -> Job:
    job = state.jobs.jobs.get(job_id)
    if job is None:
        raise JobNotFoundError(f"No job {job_id}: it never existed, was deleted, or its result expired.")
    return job


FoundJob = Annotated[Job, Depends(found_job)]


@router.get("/jobs/{job_id}", response_model_exclude_none=True, responses=documented(JobNotFoundError))
async def status(job: FoundJob) -> JobDescription:
    return job.describe()


@router.get(
    "/jobs/{job_id}/result",
    response_class=FileResponse,
    responses={
        200: GEOTIFF_ANSWER,
        **documented(JobNotFoundError, ResultNotReadyError, JobFailedError, JobCrashedError, JobCancelledError),
    },
)
async def result(job: FoundJob) -> Response:
    if job.state in (JobState.FAILED, JobState.CANCELLED):
        raise failure(job)
    if job.state != JobState.DONE:
        raise ResultNotReadyError(f"Job {job.id} is {job.state}; its result is not ready yet.")
    return FileResponse(job.output, media_type=TIFF, filename="depth.tif")


@router.delete("/jobs/{job_id}", response_model_exclude_none=True, responses=documented(JobNotFoundError))
async def delete(job: FoundJob, state: State) -> JobDescription:
    """Cancel the job if it is unfinished, and delete it and its files."""
    await state.jobs.remove(job)
    return job.describe()


def failure(job: Job) -> ServiceError:
    """What a job that did not succeed answers: the engine's message for bad input, a crash, or cancelled by a
    shutdown (a job cancelled by DELETE is gone)."""
    if job.state == JobState.CANCELLED:
        return JobCancelledError("The job was cancelled: the server is shutting down. Send it again.", retry_after_s=1)
    return JobCrashedError(job.error) if job.crashed else JobFailedError(job.error)
