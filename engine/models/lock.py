"""One lock per model in the cache, held while a fetch or an import changes the model's files.

QGIS runs algorithms as threads of one process and users run qgis_process side by side, so the lock is an
operating-system file lock (fcntl on Linux and macOS, msvcrt on Windows) on a file of its own in the cache:
it is released by the system when its holder exits, however it exits.
"""

import contextlib
import sys
import time
from pathlib import Path
from typing import Iterator

from ..progress import Progress

LOCKS_FOLDER = ".locks"
POLL_S = 0.1


@contextlib.contextmanager
def model_lock(cache_dir: Path, name: str, progress: Progress) -> Iterator[None]:
    """Wait (cancellable) until no other fetch or import of `name` runs, and hold the lock in the block."""
    folder = Path(cache_dir) / LOCKS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "a+b") as handle:
        while not _try_lock(handle):
            progress.check_cancel()
            time.sleep(POLL_S)
        try:
            yield
        finally:
            _unlock(handle)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
