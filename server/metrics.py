"""The server's Prometheus metrics, in a registry of their own (served at /metrics)."""

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, ProcessCollector

from engine.options import DOWNSCALE_METHODS
from engine.scene import MODEL_METHOD

# Methods counted under their own name; any other (a client may send anything) is counted as "other", so that a
# client cannot make a series per request.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER = "other"
# The status of a request whose client went away before its answer (nginx's "client closed request").
CLIENT_GONE = 499
# Seconds per inference job: a sample tile takes well under a second, a basin minutes.
INFERENCE_BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, float("inf"))
# Exported at 0 from the start: Prometheus sees no increase in a series whose first sample is already 1, so a
# server's first crash or refusal would never show in rate() or increase(), nor raise an alert.
JOB_OUTCOMES = ("done", "failed", "cancelled", "crashed")
REFUSAL_REASONS = ("busy", "rate_limited", "too_large")
INFERENCE_METHODS = (MODEL_METHOD, *DOWNSCALE_METHODS)


class Metrics:
    def __init__(self):
        self.registry = CollectorRegistry()
        # process_resident_memory_bytes, process_cpu_seconds_total, process_open_fds... of the server process.
        ProcessCollector(registry=self.registry)
        self.requests = Counter(
            "floodsr_http_requests",
            "HTTP requests answered, by endpoint (route template), method and status code.",
            ["endpoint", "method", "status"],
            registry=self.registry,
        )
        self.inference_seconds = Histogram(
            "floodsr_inference_seconds",
            "Wall time of finished inference jobs, by method ('model' or a classic downscaler).",
            ["method"],
            buckets=INFERENCE_BUCKETS,
            registry=self.registry,
        )
        for method in INFERENCE_METHODS:  # from 0, as the outcomes below: the first jobs' times show in rate()
            self.inference_seconds.labels(method)
        self.jobs = Counter(
            "floodsr_jobs",
            "Jobs ended, by outcome (done, failed, cancelled, crashed).",
            ["outcome"],
            registry=self.registry,
        )
        for outcome in JOB_OUTCOMES:
            self.jobs.labels(outcome)
        self.queue_depth = Gauge(
            "floodsr_queue_depth", "Jobs accepted and waiting for a worker.", registry=self.registry
        )
        self.in_flight = Gauge("floodsr_jobs_in_flight", "Jobs running in worker processes.", registry=self.registry)
        self.tiles = Counter("floodsr_tiles_processed", "Model tiles run by finished jobs.", registry=self.registry)
        self.model_load_seconds = Gauge(
            "floodsr_model_load_seconds",
            "Seconds the warm-up took to load the default model's onnxruntime session.",
            ["model"],
            registry=self.registry,
        )
        self.rejected = Counter(
            "floodsr_rejected_requests",
            "Requests refused before any work: busy (503), rate-limited (429), too large (413).",
            ["reason"],
            registry=self.registry,
        )
        self.disconnects = Counter(
            "floodsr_client_disconnects",
            "Clients that went away before their answer: during the upload, or while their /infer job ran "
            "(the job is then cancelled).",
            ["stage"],
            registry=self.registry,
        )
        for reason in REFUSAL_REASONS:
            self.rejected.labels(reason)


class RequestCounter:
    """ASGI middleware: every answered request counted by its route template (not its raw path) and status."""

    def __init__(self, app, counter):
        self.app = app
        self.counter = counter

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = {}

        async def noted_send(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noted_send)
        finally:
            route = getattr(scope.get("route"), "path", OTHER)
            method = scope["method"] if scope["method"] in KNOWN_METHODS else OTHER
            self.counter.labels(route, method, str(status.get("code", 500))).inc()
