"""Cloud object storage through GDAL's virtual file systems: /vsis3/, /vsigs/, /vsiaz/ (and /vsiadls/).

Inputs are read in windows straight from the store. Outputs are never written there in place (a GeoTIFF needs
random writes): they are built in a local file, checked, then uploaded whole. Credentials are GDAL's own
configuration (environment variables such as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, which QGIS users set
under Settings > Options > System > Environment); the engine never reads them except to keep them out of text.
"""

import json
import os
import tempfile
import uuid
from pathlib import Path, PurePath, PurePosixPath
from typing import Union

from osgeo import gdal

from ..errors import OutputError
from ..models.checksums import sha256_of_unchanged_file
from ..secrets import redact

REMOTE_PREFIXES = ("/vsis3/", "/vsigs/", "/vsiaz/", "/vsiadls/")
UPLOAD_CHUNK = 16 * 1024 * 1024
# Every output's tag of the inputs it was made from (see inputs_fingerprint): a resumed batch redoes an item whose
# inputs changed since.
INPUTS_TAG = "FLOODSR_INPUTS"

AnyPath = Union[str, os.PathLike]


def is_remote(path: AnyPath) -> bool:
    return str(path).replace("\\", "/").startswith(REMOTE_PREFIXES)


def remote_path(path: AnyPath) -> PurePosixPath:
    """A remote name keeps its forward slashes on every OS."""
    return PurePosixPath(str(path).replace("\\", "/"))


def exists(path: AnyPath) -> bool:
    """A local file (or anything GDAL may read, such as a named pipe), or an object in a store (one HEAD request)."""
    if is_remote(path):
        return gdal.VSIStatL(str(remote_path(path))) is not None
    return Path(path).exists() and not Path(path).is_dir()


def forget_cached(path: AnyPath) -> None:
    """Drop what GDAL remembers of a remote object (its existence, size, bytes): another process may have
    written it since."""
    if is_remote(path):
        gdal.VSICurlPartialClearCache(str(remote_path(path)))


def content_state(path: AnyPath) -> str:
    """What tells whether an input changed: a local file's sha256 (the same bytes under another name are the same
    input); for an object in a store, or anything else GDAL reads, its path, size and modification time."""
    try:
        return sha256_of_unchanged_file(path)
    except OSError:
        pass
    try:
        stat = gdal.VSIStatL(str(remote_path(path)))
    except RuntimeError:  # GDAL's exceptions mode: a server that does not answer a HEAD request
        stat = None
    return f"{path} {stat.size} {stat.mtime}" if stat is not None else str(path)


def inputs_fingerprint(*paths: AnyPath) -> str:
    return json.dumps([content_state(path) for path in paths])


def check_remote_output(path: PurePath) -> None:
    """The bucket or container of a remote output must be reachable before any work is done."""
    container = PurePosixPath(*path.parts[:3])  # "/", "vsis3", "bucket"
    if gdal.VSIStatL(str(container)) is None:
        raise OutputError(
            "The storage location {folder} of the output cannot be reached. Check the bucket name, the endpoint "
            "and the credentials in GDAL's configuration (environment variables such as AWS_ACCESS_KEY_ID).",
            folder=container,
        )


def local_staging_path(remote: PurePath, purpose: str) -> Path:
    """A local file to build `remote` in before it is uploaded."""
    return Path(tempfile.gettempdir()) / f"floodsr-{purpose}-{os.getpid()}-{uuid.uuid4().hex[:8]}{remote.suffix}"


def upload(local: Path, remote: PurePath) -> None:
    """Copy a finished local file to the store, then check that the object has the local file's size."""
    size = local.stat().st_size
    try:
        if hasattr(gdal, "CopyFile"):  # GDAL 3.7+
            gdal.CopyFile(str(local), str(remote))
        else:
            _copy_in_chunks(local, remote)
    except RuntimeError as error:
        raise OutputError(
            "Uploading the output to {path} failed ({error}); nothing was written there.",
            path=remote,
            error=redact(str(error)),
        ) from error
    stat = gdal.VSIStatL(str(remote))
    if stat is None or stat.size != size:
        raise OutputError(
            "The upload of {path} did not complete ({found} of {size} bytes arrived). Run it again.",
            path=remote,
            found=stat.size if stat else 0,
            size=size,
        )


def _copy_in_chunks(local: Path, remote: PurePath) -> None:
    handle = gdal.VSIFOpenL(str(remote), "wb")
    if handle is None:
        raise RuntimeError(gdal.GetLastErrorMsg() or "cannot open for writing")
    try:
        with open(local, "rb") as source:
            for chunk in iter(lambda: source.read(UPLOAD_CHUNK), b""):
                if gdal.VSIFWriteL(chunk, 1, len(chunk), handle) != len(chunk):
                    raise RuntimeError(gdal.GetLastErrorMsg() or "short write")
    finally:
        if gdal.VSIFCloseL(handle) != 0:
            raise RuntimeError(gdal.GetLastErrorMsg() or "the upload was not completed")
