"""File checksums, streamed so that large files never sit in memory."""

import hashlib
import os
import threading
from pathlib import Path
from typing import Dict, Tuple

CHUNK = 1 << 20
_digests: Dict[Tuple[str, int, int, int, int], str] = {}
_digests_lock = threading.Lock()


def sha256_of(path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_of_unchanged_file(path) -> str:
    """sha256_of, remembered for as long as the file stays the same file with the same size and times, so that
    checking a model before every run costs one stat(). The one cache of every entry point (algorithms, batch,
    server, registry): a file replaced at the same path is another file (inode) with a new status change time, even
    when its size and modification time were kept."""
    status = os.stat(path)
    key = (os.path.realpath(path), status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    with _digests_lock:
        known = _digests.get(key)
    if known is None:
        known = sha256_of(path)
        with _digests_lock:
            _digests[key] = known
    return known
