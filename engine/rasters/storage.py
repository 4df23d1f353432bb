"""Cloud object storage through GDAL's virtual file systems: /vsis3/, /vsigs/, /vsiaz/ (and /vsiadls/).

Inputs are read in windows straight from the store. Outputs are never written there in place (a GeoTIFF needs
random writes): they are built in a local file, checked, then uploaded whole. Credentials are GDAL's own
configuration (environment variables such as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, which QGIS users set
under Settings > Options > System > Environment); the engine never reads them except to keep them out of text.
"""

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from typing import Union

from osgeo import gdal

from ..errors import OutputError
from ..files import new_file, remove_sidecars
from ..models.checksums import sha256_of_unchanged_file
from ..secrets import redact

# The stores reached through GDAL's network file systems, by the name in /vsi{store}/.
REMOTE_STORES = ("s3", "gs", "az", "adls")
UPLOAD_CHUNK = 16 * 1024 * 1024
# Every output's tag of the inputs it was made from (see inputs_fingerprint): a resumed batch redoes an item whose
# inputs changed since.
INPUTS_TAG = "FLOODSR_INPUTS"

AnyPath = Union[str, os.PathLike]


@dataclass(frozen=True)
class StoragePath:
    """Where a file is, parsed once from the path given: on a local disk (`store` empty, `path` as the OS spells
    it), or an object in a cloud store that GDAL reaches through /vsi{store}/ (`path` is then "bucket/key", with
    forward slashes on every OS). Code asks `is_remote` instead of guessing from a path's spelling or class."""

    path: str
    store: str = ""

    @classmethod
    def parse(cls, path: Union[AnyPath, "StoragePath"]) -> "StoragePath":
        if isinstance(path, StoragePath):
            return path
        text = os.fspath(path)
        slashed = text.replace("\\", "/")
        for store in REMOTE_STORES:
            prefix = f"/vsi{store}/"
            if slashed.startswith(prefix):
                return cls(str(PurePosixPath("/", slashed[len(prefix) :]))[1:], store)
        return cls(str(Path(text)))

    @property
    def is_remote(self) -> bool:
        return bool(self.store)

    @property
    def is_local(self) -> bool:
        return not self.store

    @property
    def gdal_name(self) -> str:
        """The name GDAL opens it by."""
        return f"/vsi{self.store}/{self.path}" if self.store else self.path

    @property
    def local(self) -> Path:
        """The local file; a remote object has none."""
        if self.store:
            raise ValueError(f"{self.gdal_name} is an object in a store, not a local file")
        return Path(self.path)

    @property
    def name(self) -> str:
        return self._parts.name

    @property
    def stem(self) -> str:
        return self._parts.stem

    @property
    def suffix(self) -> str:
        return self._parts.suffix

    @property
    def container(self) -> "StoragePath":
        """The bucket or container of a remote object."""
        return StoragePath(self.path.split("/")[0], self.store)

    @property
    def _parts(self) -> PurePath:
        return PurePosixPath(self.path) if self.store else Path(self.path)

    def __str__(self) -> str:
        return self.gdal_name


def is_remote(path: AnyPath) -> bool:
    return StoragePath.parse(path).is_remote


def exists(path: AnyPath) -> bool:
    """A local file (or anything GDAL may read, such as a named pipe), or an object in a store (one HEAD request)."""
    where = StoragePath.parse(path)
    if where.is_remote:
        return gdal.VSIStatL(where.gdal_name) is not None
    return where.local.exists() and not where.local.is_dir()


def forget_cached(path: AnyPath) -> None:
    """Drop what GDAL remembers of a remote object (its existence, size, bytes): another process may have
    written it since."""
    where = StoragePath.parse(path)
    if where.is_remote:
        gdal.VSICurlPartialClearCache(where.gdal_name)


def content_state(path: AnyPath) -> str:
    """What tells whether an input changed: a local file's sha256 (the same bytes under another name are the same
    input); for an object in a store, or anything else GDAL reads, its path, size and modification time."""
    try:
        return sha256_of_unchanged_file(path)
    except OSError:
        pass
    try:
        stat = gdal.VSIStatL(StoragePath.parse(path).gdal_name)
    except RuntimeError:  # GDAL's exceptions mode: a server that does not answer a HEAD request
        stat = None
    return f"{path} {stat.size} {stat.mtime}" if stat is not None else str(path)


def inputs_fingerprint(*paths: AnyPath) -> str:
    return json.dumps([content_state(path) for path in paths])


def check_remote_output(path: StoragePath) -> None:
    """The bucket or container of a remote output must be reachable before any work is done."""
    if gdal.VSIStatL(path.container.gdal_name) is None:
        raise OutputError(
            "The storage location {folder} of the output cannot be reached. Check the bucket name, the endpoint "
            "and the credentials in GDAL's configuration (environment variables such as AWS_ACCESS_KEY_ID).",
            folder=path.container,
        )


def local_staging_path(remote: StoragePath, purpose: str) -> Path:
    """A new local file of this run to build `remote` in before it is uploaded."""
    return new_file(Path(tempfile.gettempdir()), f"floodsr-{purpose}-{os.getpid()}-", remote.suffix)


class StagedUpload:
    """An object that appears in the store only once it is complete: built in a local file at `path` (a GeoTIFF
    needs random writes, which a store does not take), then uploaded whole by `put_in_place`; `discard` removes
    the local file. The counterpart of files.StagedFile for a local target."""

    def __init__(self, target: StoragePath):
        self.target = target
        self.path = local_staging_path(target, "partial")

    def put_in_place(self) -> None:
        upload(self.path, self.target)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
        remove_sidecars(self.path)


def upload(local: Path, remote: StoragePath) -> None:
    """Copy a finished local file to the store, then check that the object has the local file's size."""
    size = local.stat().st_size
    try:
        if hasattr(gdal, "CopyFile"):  # GDAL 3.7+
            gdal.CopyFile(str(local), remote.gdal_name)
        else:
            _copy_in_chunks(local, remote)
    except RuntimeError as error:
        raise OutputError(
            "Uploading the output to {path} failed ({error}); nothing was written there.",
            path=remote,
            error=redact(str(error)),
        ) from error
    stat = gdal.VSIStatL(remote.gdal_name)
    if stat is None or stat.size != size:
        raise OutputError(
            "The upload of {path} did not complete ({found} of {size} bytes arrived). Run it again.",
            path=remote,
            found=stat.size if stat else 0,
            size=size,
        )


def _copy_in_chunks(local: Path, remote: StoragePath) -> None:
    handle = gdal.VSIFOpenL(remote.gdal_name, "wb")
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
