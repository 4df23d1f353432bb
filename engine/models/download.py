"""Fetch a registered model: streamed to a temporary file, capped at its registered size, verified by sha256,
and renamed into the cache only when intact, all under the model's lock."""

import hashlib
import os
import queue
import threading
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DownloadError
from ..files import temporary_path, write_failure
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


def size_limit(entry: ModelEntry) -> int:
    return entry.size + max(SIZE_MARGIN_BYTES, entry.size // 100)


def fetch_model(
    entry: ModelEntry, cache_dir: Path, progress: Progress, timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S)
) -> Path:
    """Download `entry` into the cache. Any failure or cancel leaves the cache exactly as it was."""
    import requests  # ships with QGIS; imported here so the provider loads without it

    if entry.bundled or not entry.url:
        raise DownloadError(
            "The model {name} is bundled with the plugin or has no download address; nothing to fetch.", name=entry.name
        )
    target = entry.local_path(cache_dir)  # refuses names that would leave the cache
    with model_lock(cache_dir, entry.name, progress):
        return _fetch_locked(entry, target, _requests_chunks(requests, entry, timeout), progress)


def _fetch_locked(entry: ModelEntry, target: Path, chunks: Iterable[bytes], progress: Progress) -> Path:
    created_folder = not target.parent.exists()
    partial = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = temporary_path(target)
        with partial.open("wb") as stream:
            digest = _stream_to(stream, target, _in_background(chunks, progress), entry, progress)
        if digest != entry.sha256:
            raise DownloadError(
                "The download of {name} from {url} is corrupt or not the registered file: its sha256 is {digest}, "
                "the registry expects {expected}. Nothing was saved; try again later or check the address.",
                name=entry.name,
                url=entry.url,
                digest=digest,
                expected=entry.sha256,
            )
        os.replace(partial, target)
        return target
    except OSError as error:
        raise write_failure(target, error, DownloadError) from error
    finally:
        if partial is not None:
            partial.unlink(missing_ok=True)
        if created_folder and target.parent.is_dir() and not any(target.parent.iterdir()):
            target.parent.rmdir()  # only the empty folder this fetch made; never anything else


def _stream_to(stream, target: Path, chunks: Iterator[bytes], entry: ModelEntry, progress: Progress) -> str:
    digest = hashlib.sha256()
    received, limit = 0, size_limit(entry)
    for chunk in chunks:
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
            stream.write(chunk)
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


def _in_background(chunks: Iterable[bytes], progress: Progress) -> Iterator[bytes]:
    """The chunks, read by a thread of their own: a blocked read (a server dripping bytes) never delays the
    cancel check by more than CANCEL_POLL_S. Only this generator's caller writes files; an abandoned reader
    just ends with its connection."""
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
            progress.check_cancel()
            try:
                item = handoff.get(timeout=CANCEL_POLL_S)
            except queue.Empty:
                continue
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        abandoned.set()


def _requests_chunks(requests, entry: ModelEntry, timeout) -> Iterator[bytes]:
    try:
        with requests.get(entry.url, stream=True, timeout=timeout) as response:
            if response.status_code != 200:
                raise DownloadError(
                    "Downloading {name} failed: the server answered HTTP {status} ({reason}) for {url}. "
                    "Check the address or try again later.",
                    name=entry.name,
                    status=response.status_code,
                    reason=response.reason,
                    url=entry.url,
                )
            announced = int(response.headers.get("Content-Length") or 0)
            if announced > size_limit(entry):
                raise DownloadError(
                    "The server announces {announced:,} bytes for {name}, far more than the registered {size:,}; "
                    "nothing was downloaded. The address may be wrong.",
                    announced=announced,
                    name=entry.name,
                    size=entry.size,
                )
            yield from response.iter_content(CHUNK)
    except requests.exceptions.Timeout as error:
        raise DownloadError(
            "Downloading {name} timed out ({error}). Check your connection or proxy and try again.",
            name=entry.name,
            error=error,
        ) from error
    except requests.exceptions.RequestException as error:
        raise DownloadError(
            "Downloading {name} failed: the connection broke ({error}). Try again.", name=entry.name, error=error
        ) from error
