"""What one server holds while it runs (its settings, metrics, model resolver, jobs, rate limiter and readiness),
kept on the app and handed to the endpoints as a FastAPI dependency."""

from dataclasses import dataclass, field
from typing import Optional

from fastapi import Request

from .jobs import JobManager
from .limits import RateLimiter
from .metrics import Metrics
from .models import ModelResolver, ResolvedModel
from .schemas import ReadyState
from .settings import Settings


class Readiness:
    """Ready once the default model is verified, loaded and has run one tile; never while draining."""

    def __init__(self) -> None:
        self.model: Optional[ResolvedModel] = None  # the default model, once verified
        self.warmed_up = False
        self.reason = "warming up: verifying and loading the default model"

    def state(self, draining: bool) -> ReadyState:
        if draining:
            return ReadyState(ready=False, reason="draining: the server is shutting down")
        if not self.warmed_up or self.model is None:
            return ReadyState(ready=False, reason=self.reason)
        return ReadyState(ready=True, model=self.model.name, sha256=self.model.sha256)


@dataclass
class ServerState:
    settings: Settings
    metrics: Metrics
    resolver: ModelResolver
    jobs: JobManager
    limiter: RateLimiter
    readiness: Readiness = field(default_factory=Readiness)

    @classmethod
    def from_settings(cls, settings: Settings) -> "ServerState":
        metrics = Metrics()
        jobs = JobManager(settings.work_dir, settings.max_running, settings.max_queued, metrics, settings.job_timeout_s)
        return cls(
            settings=settings,
            metrics=metrics,
            resolver=ModelResolver(settings.cache_dir, settings.default_model),
            jobs=jobs,
            limiter=RateLimiter(settings.rate_limit_per_minute),
        )


async def server_state(request: Request) -> ServerState:
    """The state of the server that answers `request` (async: FastAPI would run a plain function in a thread)."""
    return request.app.state.server
