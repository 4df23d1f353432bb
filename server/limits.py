"""Limits in front of the work: upload size (413) as ASGI middleware, a per-client rate limit (429), and the
size of the output an upload declares."""

import json
import math
import time
from typing import Dict, Optional, Tuple

# After refusing an upload, read (and drop) up to this much more of its body, so that the client, still
# sending, gets the 413 instead of a connection reset; anything bigger is cut off.
DRAIN_BYTES = 16 * 1024 * 1024
MAX_TRACKED_CLIENTS = 10000
GEOPACKAGE = "GPKG"  # GDAL's driver of the one vector format the server takes


class UploadTooLargeError(Exception):
    def __init__(self, body_left: bool):
        super().__init__()
        self.body_left = body_left  # more of the body is still to come


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
                raise UploadTooLargeError(message.get("more_body", False))
            return message

        try:
            await self.app(scope, counted_receive, send)
        except UploadTooLargeError as too_large:
            await self._refuse(receive, send, body_left=too_large.body_left)

    async def _refuse(self, receive, send, body_left: bool = True) -> None:
        """Answer 413, after reading what is left of the body (if any: once it has all arrived, another read would
        wait for the client to go away)."""
        self.rejected.labels("too_large").inc()
        drained, more = 0, body_left
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


def other_format(path: str) -> Optional[str]:
    """The GDAL driver that takes the file by its content, whatever its name, when that is not GeoTIFF; None for a
    GeoTIFF, or a file no driver takes (the engine then says what is wrong with it)."""
    from osgeo import gdal

    driver = gdal.IdentifyDriverEx(path, gdal.OF_RASTER)
    return driver.ShortName if driver is not None and driver.ShortName not in ("GTiff", "COG") else None


def vector_format(path: str) -> Optional[str]:
    """The GDAL vector driver that takes the file by its content; None when none does."""
    from osgeo import gdal

    driver = gdal.IdentifyDriverEx(path, gdal.OF_VECTOR)
    return driver.ShortName if driver is not None else None


def raster_size(path: str) -> Optional[Tuple[int, int]]:
    """(columns, rows) a raster's header declares; None when GDAL cannot open it."""
    from osgeo import gdal

    try:
        dataset = gdal.Open(path)
    except RuntimeError:
        return None
    return (dataset.RasterXSize, dataset.RasterYSize) if dataset is not None else None


def output_size(depth_path: str, dem_path: str) -> Optional[Tuple[int, int]]:
    """(columns, rows) the output will have about: the depth raster's extent on the DEM's cells, from the two
    files' headers alone (a sparse GeoTIFF of a few KB may declare billions of cells). None when either is not a
    georeferenced raster: the engine then says what is wrong with it."""
    from osgeo import gdal, osr

    try:
        depth, dem = gdal.Open(depth_path), gdal.Open(dem_path)
    except RuntimeError:
        return None
    if depth is None or dem is None:
        return None
    x0, dx, _, y0, _, dy = depth.GetGeoTransform()
    corners = [(x0 + i * depth.RasterXSize * dx, y0 + j * depth.RasterYSize * dy) for i in (0, 1) for j in (0, 1)]
    source, target = depth.GetSpatialRef(), dem.GetSpatialRef()
    if source is not None and target is not None and not source.IsSame(target):
        for reference in (source, target):
            reference.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        try:
            transform = osr.CoordinateTransformation(source, target)
            corners = [transform.TransformPoint(x, y)[:2] for x, y in corners]
        except RuntimeError:
            return None
    _, cell_x, _, _, _, cell_y = dem.GetGeoTransform()
    if not cell_x or not cell_y:
        return None
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return math.ceil((max(xs) - min(xs)) / abs(cell_x)), math.ceil((max(ys) - min(ys)) / abs(cell_y))
