"""Files the engine writes: one identity check of outputs against inputs, temporary names unique per run,
files built under such a name and renamed into place when complete, leftovers of killed runs, sidecars of
replaced files, atomic text files and folder swaps, and disks that are full."""

import errno
import os
import re
import secrets
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, Iterable, Optional, Type

from .errors import FloodSRError, InputError, OutputError
from .messages import Message

TEMPORARY_MARK = "floodsr-partial"
# A leftover is stale only when the process that made it is gone AND nothing wrote to it for this long,
# so a live run of another process (another host on a shared disk, a reused pid) is never touched.
STALE_AFTER_S = 3600
# Files GDAL keeps beside a raster: statistics and nodata (.aux.xml), overviews (.ovr), masks (.msk).
SIDECAR_SUFFIXES = (".aux.xml", ".ovr", ".msk")
# Under this much free space a failed write is reported as a full disk.
LOW_SPACE_BYTES = 64 << 20
# The machine in the name: a process id says nothing about a file another machine writes on a shared disk.
HOST_TAG = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:16] or "host"
_TEMPORARY_NAME = re.compile(r"^\..*\.(?P<host>[A-Za-z0-9]+)-(?P<pid>\d+)-[^.]+\." + TEMPORARY_MARK + r"(\..*)?$")


def identity(path) -> str:
    """The file a path names: symlinks followed, made absolute, case-folded where the OS ignores case."""
    return os.path.normcase(os.path.realpath(str(path)))


def output_identity(path) -> str:
    """flood.tif and flood.tiff are one output to whoever opens them next (and one layer name in QGIS):
    two outputs of one run may not be named so."""
    stem, suffix = os.path.splitext(identity(path))
    return stem + (".tif" if suffix.lower() in (".tif", ".tiff") else suffix)


def check_distinct_files(outputs: Iterable, inputs: Iterable) -> None:
    """Refuse an output that is one of the inputs or another output, however the paths are spelt."""
    read = {identity(path): path for path in inputs if path}
    written: Dict[str, object] = {}
    for output in filter(None, outputs):
        if identity(output) in read:
            raise OutputError(
                "The output {path} is the input {source}; FloodSR never writes over its inputs. "
                "Choose another file name.",
                path=output,
                source=read[identity(output)],
            )
        key = output_identity(output)
        if key in written:
            raise OutputError(
                "The outputs {path} and {other} are the same file; give each output its own name.",
                path=output,
                other=written[key],
            )
        written[key] = output


def check_not_the_same_raster(first, first_band: int, second, second_band: int) -> None:
    """Scoring a raster against itself says nothing: refuse it (the Toolbox pre-fills one layer in both fields)."""
    if identity(first) == identity(second) and first_band == second_band:
        raise InputError(
            "The estimate and the reference are the same raster ({path}, band {band}): the scores would be perfect "
            "by construction. Choose the reference (truth) raster in 'Reference fine depth'.",
            path=first,
            band=first_band,
        )


def temporary_path(target: Path, suffix: str = "") -> Path:
    """A new empty file beside `target`, named for this run only:
    `.{stem}.{host}-{pid}-{random}.floodsr-partial{suffix}`. Leftovers of killed runs are removed first, when
    provably stale."""
    target = Path(target)
    remove_stale_temporaries(target.parent)
    return _create_unused(target.parent, f".{target.stem}.{HOST_TAG}-{os.getpid()}-", f".{TEMPORARY_MARK}{suffix}")


def new_file(parent: Path, prefix: str, suffix: str = "") -> Path:
    """A new empty file in `parent` named `{prefix}{random}{suffix}`."""
    return _create_unused(Path(parent), prefix, suffix)


def new_folder(parent: Path, prefix: str) -> Path:
    """A new empty folder in `parent` named `{prefix}{random}`."""
    return _create_unused(Path(parent), prefix, "", folder=True)


class StagedFile:
    """A file that appears at `target` only once it is complete. It is built at `path`, a temporary name of this
    run beside the target (two runs writing one target never share it, and the final rename stays on one disk),
    with the permissions the umask leaves; `put_in_place` renames it over the target, `discard` removes it and
    whatever GDAL kept beside it. As a context manager: put in place when the block succeeds, removed whatever
    happens. Creating one, and putting it in place, raise OSError: the caller names the failure."""

    def __init__(self, target, suffix: str = ""):
        self.target = Path(target)
        self.path = temporary_path(self.target, suffix)

    def put_in_place(self) -> None:
        os.replace(self.path, self.target)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
        remove_sidecars(self.path)

    def __enter__(self):
        return self

    def __exit__(self, error_type, error, traceback):
        try:
            if error_type is None:
                self.put_in_place()
        finally:
            self.discard()
        return False


def _create_unused(parent: Path, prefix: str, suffix: str, folder: bool = False) -> Path:
    """A new file or folder `{prefix}{random}{suffix}` in `parent`, created only if the name is unused, with the
    permissions the umask leaves, as for any file or folder the user makes: it becomes an output when renamed into
    place (tempfile's would be private to the user: 0600 and 0700)."""
    for _ in range(tempfile.TMP_MAX):
        path = parent / f"{prefix}{secrets.token_hex(4)}{suffix}"
        try:
            if folder:
                os.mkdir(path)
            else:
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, "No unused name is left", str(parent / f"{prefix}*{suffix}"))


def remove_stale_temporaries(folder: Path) -> None:
    try:
        # Names only, and only those with the mark: a folder of thousands of outputs costs one listing.
        names = [name for name in os.listdir(folder) if TEMPORARY_MARK in name]
    except OSError:
        return
    now = time.time()
    for name in names:
        path = Path(folder) / name
        match = _TEMPORARY_NAME.match(name)
        try:
            if (
                match
                and match["host"] == HOST_TAG
                and not process_alive(int(match["pid"]))
                and now - path.lstat().st_mtime > STALE_AFTER_S
            ):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
        except OSError:
            continue  # another run is cleaning it up, or it is not ours to remove


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def remove_sidecars(path: Path) -> None:
    """Remove what GDAL keeps beside a file that is being replaced, or the new file would show the old nodata,
    statistics and overviews."""
    for suffix in SIDECAR_SUFFIXES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def free_bytes(folder: Path) -> Optional[int]:
    """Free space on the disk holding `folder`; None where that is unknown (no disk: /proc, some network shares)."""
    try:
        usage = shutil.disk_usage(folder)
    except OSError:
        return None
    return usage.free if usage.total > 0 else None


def disk_is_full(error: BaseException, folder: Path) -> bool:
    """An OS error says so itself; GDAL's errors do not ("TIFFAppendToStrip..."), so the free space decides."""
    if isinstance(error, OSError) and error.errno is not None:
        return error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    free = free_bytes(folder)
    return free is not None and free < LOW_SPACE_BYTES


def write_failure(
    path: object, error: BaseException, kind: Type[FloodSRError] = OutputError, folder: Optional[Path] = None
) -> FloodSRError:
    """The error of kind `kind` to raise when writing `path` (a file, or an object in a store: anything that prints
    as its path) failed: a full disk is named as such."""
    folder = Path(folder or Path(str(path)).parent)
    if disk_is_full(error, folder):
        reason = Message(
            "There is no space left on the disk holding {folder}, so {path} could not be written; nothing was "
            "kept. Free some space there or choose a folder on another disk.",
            folder=folder,
            path=path,
        )
    else:
        reason = Message(
            "Cannot create or write {path} ({error}); nothing was kept. Check the free space and permissions of "
            "{folder}.",
            path=path,
            error=error,
            folder=folder,
        )
    return kind("{reason}", reason=reason)


class StagedText:
    """A text file that appears at `path` only when the block it is written in succeeds (a StagedFile). Enter it
    before other outputs of the same run so that it is put in place last, after they all succeeded."""

    def __init__(self, path):
        self.path = Path(path)
        if self.path.is_dir():
            raise OutputError("The output {path} is a folder; give a file name.", path=self.path)
        if not self.path.parent.is_dir():
            raise OutputError(
                "The output folder {folder} does not exist. Create it or choose another folder.",
                folder=self.path.parent,
            )
        try:
            self._staged = StagedFile(self.path)
        except OSError as error:
            raise write_failure(self.path, error) from error

    def write(self, text: str) -> None:
        try:
            self._staged.path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise write_failure(self.path, error) from error

    def __enter__(self):
        return self

    def __exit__(self, error_type, error, traceback):
        try:
            if error_type is None:
                self._staged.put_in_place()
        except OSError as failure:
            raise write_failure(self.path, failure) from failure
        finally:
            self._staged.discard()
        return False


def write_text_atomically(path, text: str) -> None:
    """`text` at `path`, or nothing at all."""
    with StagedText(path) as staged:
        staged.write(text)


def replace_folder(folder: Path, build: Callable[[Path], None]) -> None:
    """`folder` holds exactly what `build(staging)` made, or stays as it was: built beside it, then swapped in."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = _temporary_folder(folder)
    previous = None
    try:
        build(staging)
        if folder.exists():
            previous = _temporary_folder(folder)
            previous.rmdir()
            folder.rename(previous)
        staging.rename(folder)
    except BaseException:
        if previous is not None and not folder.exists():
            previous.rename(folder)
        raise
    finally:
        for leftover in (staging, previous):
            if leftover is not None and leftover.exists():
                shutil.rmtree(leftover)


def _temporary_folder(beside: Path) -> Path:
    remove_stale_temporaries(beside.parent)
    return _create_unused(beside.parent, f".{beside.name}.{HOST_TAG}-{os.getpid()}-", f".{TEMPORARY_MARK}", folder=True)
