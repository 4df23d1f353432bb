"""Limits in front of the work: upload size (413) as ASGI middleware, and a per-client rate limit (429)."""

import json
import math
import time
from typing import Dict, Tuple

# After refusing an upload, read (and drop) up to this much more of its body, so that the client, still
# sending, gets the 413 instead of a connection reset; anything bigger is cut off.
DRAIN_BYTES = 16 * 1024 * 1024
MAX_TRACKED_CLIENTS = 10000


class UploadTooLargeError(Exception):
    pass


class UploadLimit:
    """Refuses request bodies over `max_bytes` with 413: at once when Content-Length says so, else as they stream."""

    def __init__(self, app, max_bytes: int, rejected):
        self.app = app
        self.max_bytes = max_bytes
        self.rejected = rejected

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(receive, send)
            return
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise UploadTooLargeError()
            return message

        try:
            await self.app(scope, counted_receive, send)
        except UploadTooLargeError:
            await self._refuse(receive, send)

    async def _refuse(self, receive, send) -> None:
        self.rejected.labels("too_large").inc()
        drained, more = 0, True
        while more and drained < DRAIN_BYTES:
            message = await receive()
            drained += len(message.get("body", b""))
            more = message.get("more_body", False)
        megabytes = self.max_bytes / (1024 * 1024)
        body = json.dumps({"error": f"The upload is larger than this server accepts ({megabytes:g} MB)."}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers + [(b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """A token bucket per client: `per_minute` requests a minute, in bursts of up to `per_minute`; 0 is no limit."""

    def __init__(self, per_minute: float):
        self.per_minute = per_minute
        self._buckets: Dict[str, Tuple[float, float]] = {}  # client -> (tokens, when counted)

    def wait_s(self, client: str) -> int:
        """0 and a token taken if the client may go on, else the whole seconds until it may."""
        if self.per_minute <= 0:
            return 0
        now = time.monotonic()
        if len(self._buckets) > MAX_TRACKED_CLIENTS:  # forget clients quiet for a minute: their buckets are full
            self._buckets = {key: value for key, value in self._buckets.items() if now - value[1] < 60}
        tokens, then = self._buckets.get(client, (self.per_minute, now))
        tokens = min(self.per_minute, tokens + (now - then) * self.per_minute / 60)
        if tokens >= 1:
            self._buckets[client] = (tokens - 1, now)
            return 0
        self._buckets[client] = (tokens, now)
        return max(1, math.ceil((1 - tokens) * 60 / self.per_minute))
