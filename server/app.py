"""FloodSR over HTTP: the ASGI app (FastAPI) over the same engine, model registry and cache as the plugin."""

import asyncio
import contextlib
import logging
from typing import AsyncIterator

from fastapi import FastAPI

from engine.errors import FloodSRError
from engine.version import plugin_version

from .errors import install_error_handlers
from .jobs import run_in_worker
from .limits import UploadLimit
from .metrics import RequestCounter
from .routes import router
from .settings import Settings
from .state import ServerState
from .worker import warm_up

EXPIRY_INTERVAL_S = 60
LOG = logging.getLogger("floodsr.server")


def create_app(settings: Settings) -> FastAPI:
    state = ServerState.from_settings(settings)
    app = FastAPI(title="FloodSR", version=plugin_version(), lifespan=lifespan)
    app.state.server = state
    app.add_middleware(UploadLimit, max_bytes=settings.max_upload_bytes, rejected=state.metrics.rejected)
    app.add_middleware(RequestCounter, counter=state.metrics.requests)
    install_error_handlers(app, state.metrics)
    app.include_router(router)
    return app


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Take back the results a previous server left, warm the default model up and expire old results; on the way
    out, drain the jobs (finished results stay for the next server)."""
    state: ServerState = app.state.server
    state.settings.work_dir.mkdir(parents=True, exist_ok=True)
    state.jobs.recover()
    background = [asyncio.create_task(warm(state)), asyncio.create_task(expire_results(state))]
    yield
    await state.jobs.drain(state.settings.drain_s)
    for task in background:
        task.cancel()
    with contextlib.suppress(OSError):  # only when empty: the folder may be shared or hold other files
        state.settings.work_dir.rmdir()


async def warm(state: ServerState) -> None:
    """Verify the default model, load it and run one tile in a worker: the server is ready only after this."""
    readiness = state.readiness
    try:
        model = readiness.model = await asyncio.to_thread(state.resolver.resolve, state.resolver.default_model)
        kind, value = await run_in_worker(warm_up, (str(model.path), state.settings.threads_per_job))
    except (FloodSRError, OSError) as failure:
        kind, value = "failed", str(failure)
    if kind == "done":
        state.metrics.model_load_seconds.labels(model.name).set(value["load_seconds"])
        readiness.warmed_up = True
    else:
        readiness.reason = f"the default model failed its warm-up: {value}"


async def expire_results(state: ServerState) -> None:
    while True:
        await asyncio.sleep(EXPIRY_INTERVAL_S)
        await state.jobs.expire(state.settings.result_ttl_s)
