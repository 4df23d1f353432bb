"""File checksums, streamed so that large files never sit in memory."""

import hashlib
from pathlib import Path

CHUNK = 1 << 20


def sha256_of(path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
