"""Fetch a registered model: streamed with requests, verified by sha256, renamed into the cache only when intact."""

import hashlib
import os
import shutil
from pathlib import Path
from typing import Mapping, Optional

from ..errors import CancelledError, FloodSRError
from ..progress import Progress
from .registry import ModelEntry

CHUNK = 1 << 16
CONNECT_TIMEOUT_S = 15
READ_TIMEOUT_S = 60


def fetch_model(
    entry: ModelEntry,
    cache_dir: Path,
    progress: Progress,
    timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
    headers: Optional[Mapping[str, str]] = None,
    verify_sha256: bool = True,
) -> Path:
    """Download `entry` into the cache. Any failure or cancel leaves the cache exactly as it was.

    `headers` go with the request (a model registry's credentials). verify_sha256=False is for files whose
    checksum nobody published (a model registry's artifacts): the caller records the sha256 of what arrived."""
    import requests  # ships with QGIS; imported here so the provider loads without it

    if entry.bundled or not entry.url:
        raise FloodSRError(
            "The model {name} is bundled with the plugin or has no download address; nothing to fetch.", name=entry.name
        )
    target = entry.local_path(cache_dir)
    folder_existed = target.parent.exists()
    partial = target.with_name(f".{target.name}.part-{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = _download(requests, entry, partial, progress, timeout, headers)
        if verify_sha256 and digest != entry.sha256:
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


def _download(requests, entry: ModelEntry, partial: Path, progress: Progress, timeout, headers) -> str:
    digest = hashlib.sha256()
    try:
        with requests.get(entry.url, headers=headers, stream=True, timeout=timeout) as response:
            if response.status_code != 200:
                raise FloodSRError(
                    "Downloading {name} failed: the server answered HTTP {status} ({reason}) for {url}. "
                    "Check the address or try again later.",
                    name=entry.name,
                    status=response.status_code,
                    reason=response.reason,
                    url=entry.url,
                )
            expected = int(response.headers.get("Content-Length") or entry.size or 0)
            received = 0
            with partial.open("wb") as stream:
                for chunk in response.iter_content(CHUNK):
                    if progress.is_cancelled():
                        raise CancelledError()
                    stream.write(chunk)
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
    except requests.exceptions.Timeout as error:
        raise FloodSRError(
            "Downloading {name} timed out ({error}). Check your connection or proxy and try again.",
            name=entry.name,
            error=error,
        ) from error
    except requests.exceptions.RequestException as error:
        raise FloodSRError(
            "Downloading {name} failed: the connection broke ({error}). Try again.", name=entry.name, error=error
        ) from error
    return digest.hexdigest()
