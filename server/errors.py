"""The errors the server answers with: one exception per kind, one table from kind to HTTP status, and the
handlers that turn them (and Starlette's own) into `{"error": message}` with credentials blanked out."""

import logging
from typing import Any, Dict, Mapping, Optional, Type, Union

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from engine.secrets import redact

from .metrics import CLIENT_GONE, Metrics
from .schemas import ErrorBody

LOG = logging.getLogger("floodsr.server")


class ServiceError(Exception):
    """A request the server answers with an error of its own; the status is its kind's, in HTTP_STATUS."""

    def __init__(self, message: str, retry_after_s: Optional[int] = None):
        super().__init__(message)
        self.retry_after_s = retry_after_s

    @property
    def headers(self) -> Optional[Dict[str, str]]:
        return None if self.retry_after_s is None else {"Retry-After": str(self.retry_after_s)}


class BadUploadError(ServiceError):
    """The form or its files are not what the server takes."""


class JobFailedError(ServiceError):
    """The engine refused the job's input, or the job ran past the server's time limit."""


class JobNotFoundError(ServiceError):
    """No such job: it never existed, was deleted, or its result expired."""


class UploadTimeoutError(ServiceError):
    """The upload did not complete in time."""


class ResultNotReadyError(ServiceError):
    """The job is still queued or running."""


class OutputTooLargeError(ServiceError):
    """The rasters declare an output larger than the server takes."""


class RateLimitedError(ServiceError):
    """The client sent more requests than its rate limit allows."""


class JobCrashedError(ServiceError):
    """The job failed for a reason other than its input: a worker crash or a bug."""


class ServerBusyError(ServiceError):
    """No room for a job: every worker is busy and the queue is full, or the server is shutting down."""


class JobCancelledError(ServiceError):
    """A shutdown cancelled the job: send it again."""


HTTP_STATUS: Dict[Type[ServiceError], int] = {
    BadUploadError: 400,
    JobFailedError: 400,
    JobNotFoundError: 404,
    UploadTimeoutError: 408,
    ResultNotReadyError: 409,
    OutputTooLargeError: 413,
    RateLimitedError: 429,
    JobCrashedError: 500,
    ServerBusyError: 503,
    JobCancelledError: 503,
}
# Refusals before any work is done, counted in floodsr_rejected_requests under these reasons.
REFUSAL_REASON: Dict[Type[ServiceError], str] = {
    UploadTimeoutError: "upload_timeout",
    OutputTooLargeError: "output_too_large",
    RateLimitedError: "rate_limited",
    ServerBusyError: "busy",
}


def error_response(status: int, message: str, headers: Optional[Mapping[str, str]] = None) -> JSONResponse:
    return JSONResponse({"error": redact(message)}, status_code=status, headers=headers)


def documented(*kinds: Type[ServiceError]) -> Dict[Union[int, str], Dict[str, Any]]:
    """The `responses` of an endpoint that answers with these kinds of error, for its OpenAPI description."""
    responses: Dict[Union[int, str], Dict[str, Any]] = {}
    for kind in kinds:
        summary = (kind.__doc__ or kind.__name__).strip()
        entry = responses.setdefault(HTTP_STATUS[kind], {"model": ErrorBody, "description": ""})
        entry["description"] = f"{entry['description']} {summary}".strip()
    return responses


def install_error_handlers(app: FastAPI, metrics: Metrics) -> None:
    """Every error the app answers is `{"error": message}`: its own kinds, Starlette's (404 for an unknown path,
    405), a malformed request (400), a client gone during its upload (499, not an error) and anything else (500)."""

    @app.exception_handler(ServiceError)
    async def service_error(request: Request, failure: ServiceError) -> Response:
        kind = type(failure)
        if kind in REFUSAL_REASON:
            metrics.rejected.labels(REFUSAL_REASON[kind]).inc()
        return error_response(HTTP_STATUS[kind], str(failure), failure.headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, failure: HTTPException) -> Response:
        return error_response(failure.status_code, str(failure.detail), failure.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, failure: RequestValidationError) -> Response:
        return error_response(400, "; ".join(item.get("msg", "") for item in failure.errors()))

    @app.exception_handler(ClientDisconnect)
    async def client_gone(request: Request, failure: ClientDisconnect) -> Response:
        """Not a server error: one line in the log and a count of its own, no traceback."""
        metrics.disconnects.labels("upload").inc()
        LOG.info("%s %s: the client went away during its upload", request.method, request.url.path)
        return Response(status_code=CLIENT_GONE)

    @app.exception_handler(Exception)
    async def server_error(request: Request, failure: Exception) -> Response:
        return error_response(500, "The server failed on this request; its log says why.")
