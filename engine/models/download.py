"""Fetch a registered model: streamed to a temporary file, capped at its registered size, verified by sha256,
and renamed into the cache only when intact, all under the model's lock.

The bytes come from a `stream` function, passed in as Progress is: inside QGIS the plugin passes one built on
QGIS's network stack (so the user's proxy settings apply); elsewhere (servers, batch jobs) `requests_stream`
fetches them with requests.
"""

import contextlib
import hashlib
import queue
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, ContextManager, Generator, Iterable, Iterator, Mapping, Optional, Tuple, cast

from ..errors import DownloadError
from ..files import StagedFile, write_failure
from ..progress import Progress
from .lock import model_lock
from .registry import ModelEntry

CHUNK = 1 << 16
CONNECT_TIMEOUT_S = 15
READ_TIMEOUT_S = 60
# How often a download waiting for bytes looks at the cancel button: a server that drips bytes must not
# hold a cancelled download.
CANCEL_POLL_S = 0.2
# A body may exceed the registered size by this much before it is cut off (the sha256 decides anyway).
SIZE_MARGIN_BYTES = 1 << 16
_END = object()
Timeout = Tuple[float, float]


@dataclass
class StreamedResponse:
    """An HTTP answer whose body arrives in chunks; `length` is the Content-Length, when the server sent one.
    An empty chunk means "nothing yet": the download checks cancel and waits on."""

    status: int
    reason: str
    length: Optional[int]
    chunks: Iterable[bytes]


class TransferError(Exception):
    """The connection failed or went silent (`timed_out`); the text says how, in a few words."""

    def __init__(self, detail: str, timed_out: bool = False):
        super().__init__(detail)
        self.timed_out = timed_out


Headers = Optional[Mapping[str, str]]
# (url, (connect, read) timeout in seconds, request headers) -> a context manager giving the response, closing it
# on exit.
Stream = Callable[[str, Timeout, Headers], ContextManager[StreamedResponse]]


def size_limit(entry: ModelEntry) -> int:
    return entry.size + max(SIZE_MARGIN_BYTES, entry.size // 100)


@contextlib.contextmanager
def requests_stream(url: str, timeout: Timeout, headers: Headers = None) -> Iterator[StreamedResponse]:
    """The engine's own transport: requests, honouring the HTTP(S)_PROXY environment variables. The request runs
    in a thread of its own (see with_heartbeats), so that closing a half-read answer never waits for the server."""
    items = with_heartbeats(_requests_items(url, timeout, headers))
    try:
        head = next(item for item in items if item != b"")
        status, reason, length = cast(Tuple[int, str, Optional[int]], head)
        yield StreamedResponse(status, reason, length, cast(Iterator[bytes], items))
    finally:
        items.close()


@dataclass(frozen=True)
class Transport:
    """How a download reaches the server: the stream that opens an address, the (connect, read) timeout in seconds
    and the request's headers (a model registry's credentials)."""

    stream: Stream = requests_stream
    timeout: Timeout = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S)
    headers: Headers = None

    def open(self, url: str) -> ContextManager[StreamedResponse]:
        return self.stream(url, self.timeout, self.headers)


ENGINE_TRANSPORT = Transport()


def _requests_items(url: str, timeout: Timeout, headers: Headers) -> Iterator[object]:
    """The answer's (status, reason, Content-Length), then its body in chunks."""
    import requests  # ships with QGIS; imported here so the provider loads without it

    try:
        with requests.get(url, headers=headers, stream=True, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            yield response.status_code, response.reason, int(length) if length else None
            yield from response.iter_content(CHUNK)
    except requests.exceptions.Timeout as error:
        raise TransferError(type(error).__name__, timed_out=True) from error
    except requests.exceptions.RequestException as error:
        raise TransferError(_short_reason(error)) from error


def _short_reason(error: BaseException) -> str:
    """The innermost cause, not the connection pool's internals."""
    cause = error.__cause__ or error.__context__
    while cause is not None:
        error, cause = cause, cause.__cause__ or cause.__context__
    return str(error).split(": ", 1)[-1] or type(error).__name__


def with_heartbeats(chunks: Iterable[object]) -> Generator[object, None, None]:
    """The chunks, read by a thread of their own, with an empty chunk every CANCEL_POLL_S while none arrives: a
    blocked read (a server dripping bytes) never keeps the download from checking cancel. Only the caller writes
    files; an abandoned reader just ends with its connection."""
    handoff: queue.Queue[object] = queue.Queue(maxsize=16)
    abandoned = threading.Event()

    def read() -> None:
        try:
            for chunk in chunks:
                while not abandoned.is_set():
                    try:
                        handoff.put(chunk, timeout=CANCEL_POLL_S)
                        break
                    except queue.Full:
                        continue
                if abandoned.is_set():
                    return
            handoff.put(_END)
        except BaseException as error:  # handed over to be raised where the download runs
            handoff.put(error)

    threading.Thread(target=read, name="floodsr-download", daemon=True).start()
    try:
        while True:
            try:
                item = handoff.get(timeout=CANCEL_POLL_S)
            except queue.Empty:
                yield b""
                continue
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        abandoned.set()


def fetch_model(
    entry: ModelEntry,
    cache_dir: Path,
    progress: Progress,
    transport: Transport = ENGINE_TRANSPORT,
    verify_sha256: bool = True,
) -> Path:
    """Download `entry` into the cache through `transport`. Any failure or cancel leaves the cache exactly as it
    was.

    verify_sha256=False is for files whose checksum nobody published (a model registry's artifacts): the caller
    records the sha256 of what arrived; the registered size still caps the download."""
    if entry.bundled or not entry.url:
        raise DownloadError(
            "The model {name} is bundled with the plugin or has no download address; nothing to fetch.", name=entry.name
        )
    target = entry.local_path(cache_dir)  # refuses names that would leave the cache
    with model_lock(cache_dir, entry.name, progress):
        return _fetch_locked(entry, target, transport.open, verify_sha256, progress)


def _fetch_locked(
    entry: ModelEntry,
    target: Path,
    open_url: Callable[[str], ContextManager[StreamedResponse]],
    verify_sha256: bool,
    progress: Progress,
) -> Path:
    created_folder = not target.parent.exists()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with StagedFile(target) as staged:
            with open_url(entry.url) as response, staged.path.open("wb") as output:
                _check_response(entry, response)
                digest = _stream_to(output, target, response.chunks, entry, progress)
            if verify_sha256 and digest != entry.sha256:
                raise DownloadError(
                    "The download of {name} from {url} is corrupt or not the registered file: its sha256 is "
                    "{digest}, the registry expects {expected}. Nothing was saved; try again later or check the "
                    "address.",
                    name=entry.name,
                    url=entry.url,
                    digest=digest,
                    expected=entry.sha256,
                )
        return target
    except TransferError as error:
        raise _transfer_failure(entry, error) from error
    except OSError as error:
        raise write_failure(target, error, DownloadError) from error
    finally:
        if created_folder and target.parent.is_dir() and not any(target.parent.iterdir()):
            target.parent.rmdir()  # only the empty folder this fetch made; never anything else


def _check_response(entry: ModelEntry, response: StreamedResponse) -> None:
    if response.status != 200:
        raise DownloadError(
            "Downloading {name} failed: the server answered HTTP {status} ({reason}) for {url}. "
            "Check the address or try again later.",
            name=entry.name,
            status=response.status,
            reason=response.reason,
            url=entry.url,
        )
    if (response.length or 0) > size_limit(entry):
        raise DownloadError(
            "The server announces {announced:,} bytes for {name}, far more than the registered {size:,}; "
            "nothing was downloaded. The address may be wrong.",
            announced=response.length,
            name=entry.name,
            size=entry.size,
        )


def _stream_to(output: BinaryIO, target: Path, chunks: Iterable[bytes], entry: ModelEntry, progress: Progress) -> str:
    digest = hashlib.sha256()
    received, limit = 0, size_limit(entry)
    for chunk in chunks:
        progress.check_cancel()
        if not chunk:
            continue
        received += len(chunk)
        if received > limit:
            raise DownloadError(
                "The download of {name} from {url} is larger than the registered {size:,} bytes; it was stopped and "
                "nothing was saved. The address may be wrong or the server misbehaving.",
                name=entry.name,
                url=entry.url,
                size=entry.size,
            )
        try:
            output.write(chunk)
        except OSError as error:
            raise write_failure(target, error, DownloadError) from error
        digest.update(chunk)
        if entry.size:
            progress.report(min(received / entry.size, 1.0))
    if received < entry.size:
        raise DownloadError(
            "Downloading {name} stopped after {received:,} of {expected:,} bytes. Try again.",
            name=entry.name,
            received=received,
            expected=entry.size,
        )
    return digest.hexdigest()


def _transfer_failure(entry: ModelEntry, error: TransferError) -> DownloadError:
    if error.timed_out:
        return DownloadError(
            "Downloading {name} from {url} timed out. Check your connection or proxy and try again. "
            "Offline? Download that file by hand and add it with 'Import a model file' (floodsr:importmodel) "
            "under the name {name}.",
            name=entry.name,
            url=entry.url,
        )
    return DownloadError(
        "Downloading {name} from {url} failed: {reason}. Check your connection or proxy and try again. "
        "Offline? Download that file by hand and add it with 'Import a model file' (floodsr:importmodel) "
        "under the name {name}.",
        name=entry.name,
        url=entry.url,
        reason=error,
    )
