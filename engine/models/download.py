"""Fetch a registered model: streamed, verified by sha256, renamed into the cache only when intact.

The bytes come from a `stream` function, passed in as Progress is: inside QGIS the plugin passes one built on
QGIS's network stack (so the user's proxy settings apply); elsewhere (servers, batch jobs) `requests_stream`
fetches them with requests.
"""

import contextlib
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ContextManager, Iterable, Iterator, Optional, Tuple

from ..errors import CancelledError, DownloadError, FloodSRError
from ..progress import Progress
from .registry import ModelEntry

CHUNK = 1 << 16
CONNECT_TIMEOUT_S = 15
READ_TIMEOUT_S = 60
Timeout = Tuple[float, float]


@dataclass
class StreamedResponse:
    """An HTTP answer whose body arrives in chunks; `length` is the Content-Length, when the server sent one."""

    status: int
    reason: str
    length: Optional[int]
    chunks: Iterable[bytes]


class TransferError(Exception):
    """The connection failed or went silent (`timed_out`); the text says how, in a few words."""

    def __init__(self, detail: str, timed_out: bool = False):
        super().__init__(detail)
        self.timed_out = timed_out


# (url, (connect, read) timeout in seconds) -> a context manager giving the response, closing it on exit.
Stream = Callable[[str, Timeout], ContextManager[StreamedResponse]]


@contextlib.contextmanager
def requests_stream(url: str, timeout: Timeout) -> Iterator[StreamedResponse]:
    """The engine's own transport: requests, honouring the HTTP(S)_PROXY environment variables."""
    import requests  # ships with QGIS; imported here so the provider loads without it

    try:
        with requests.get(url, stream=True, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            yield StreamedResponse(
                response.status_code, response.reason, int(length) if length else None, _chunks(requests, response)
            )
    except requests.exceptions.Timeout as error:
        raise TransferError(type(error).__name__, timed_out=True) from error
    except requests.exceptions.RequestException as error:
        raise TransferError(_short_reason(error)) from error


def _chunks(requests, response) -> Iterator[bytes]:
    try:
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


def fetch_model(
    entry: ModelEntry,
    cache_dir: Path,
    progress: Progress,
    timeout: Timeout = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
    stream: Stream = requests_stream,
) -> Path:
    """Download `entry` into the cache. Any failure or cancel leaves the cache exactly as it was."""
    if entry.bundled or not entry.url:
        raise FloodSRError(
            "The model {name} is bundled with the plugin or has no download address; nothing to fetch.", name=entry.name
        )
    target = entry.local_path(cache_dir)
    folder_existed = target.parent.exists()
    partial = target.with_name(f".{target.name}.part-{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = _download(stream, entry, partial, progress, timeout)
        if digest != entry.sha256:
            raise FloodSRError(
                "The download of {name} from {url} is corrupt or not the registered file: its sha256 is {digest}, "
                "the registry expects {expected}. Nothing was saved; try again later or check the address.",
                name=entry.name,
                url=entry.url,
                digest=digest,
                expected=entry.sha256,
            )
        os.replace(partial, target)
        return target
    except BaseException:
        partial.unlink(missing_ok=True)
        if not folder_existed:
            shutil.rmtree(target.parent, ignore_errors=True)
        raise


def _download(stream: Stream, entry: ModelEntry, partial: Path, progress: Progress, timeout: Timeout) -> str:
    digest = hashlib.sha256()
    try:
        with stream(entry.url, timeout) as response:
            if response.status != 200:
                raise FloodSRError(
                    "Downloading {name} failed: the server answered HTTP {status} ({reason}) for {url}. "
                    "Check the address or try again later.",
                    name=entry.name,
                    status=response.status,
                    reason=response.reason,
                    url=entry.url,
                )
            expected = response.length or entry.size or 0
            received = 0
            with partial.open("wb") as output:
                for chunk in response.chunks:
                    if progress.is_cancelled():
                        raise CancelledError()
                    output.write(chunk)
                    digest.update(chunk)
                    received += len(chunk)
                    if expected:
                        progress.report(min(received / expected, 1.0))
            if expected and received < expected:
                raise FloodSRError(
                    "Downloading {name} stopped after {received:,} of {expected:,} bytes. Try again.",
                    name=entry.name,
                    received=received,
                    expected=expected,
                )
    except TransferError as error:
        if error.timed_out:
            raise DownloadError(
                "Downloading {name} from {url} timed out. Check your connection or proxy and try again. "
                "Offline? Download that file by hand and add it with 'Import a model file' (floodsr:importmodel) "
                "under the name {name}.",
                name=entry.name,
                url=entry.url,
            ) from error
        raise DownloadError(
            "Downloading {name} from {url} failed: {reason}. Check your connection or proxy and try again. "
            "Offline? Download that file by hand and add it with 'Import a model file' (floodsr:importmodel) "
            "under the name {name}.",
            name=entry.name,
            url=entry.url,
            reason=error,
        ) from error
    return digest.hexdigest()
