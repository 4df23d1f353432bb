"""The suite reads nothing beside the checkout: a clone with nothing next to it must pass its own tests.

An audit hook sees every file Python opens or lists; GDAL's opens from Python go through the same check (its C
library opens files without Python's audit events). A path under the checkout's parent that is neither inside
the checkout nor inside the temporary folder is recorded, and the test that read it fails.
"""

import functools
import os
import sys
import tempfile

import pytest

AUDITED_EVENTS = {"open", "os.listdir", "os.scandir", "osgeo.gdal.Open"}
# GDAL paths that name a file inside another file: the file is what is read.
GDAL_FILE_PREFIXES = ("/vsizip/", "/vsigzip/", "/vsitar/", "/vsi7z/", "/vsirar/")


def _within(path, folder):
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class OutsideReads:
    """Records the paths read under `checkout`'s parent that lie outside `checkout` and the temporary folder."""

    def __init__(self, checkout):
        self.checkout = os.path.realpath(checkout)
        self.neighbourhood = os.path.dirname(self.checkout)
        temporary = os.path.realpath(tempfile.gettempdir())
        # The temporary folder, unless the checkout itself is in it: then its neighbours are in it too.
        self.allowed = (self.checkout,) + (() if _within(self.neighbourhood, temporary) else (temporary,))
        self.paths = []

    def is_outside(self, path):
        path = os.fsdecode(path)
        for prefix in GDAL_FILE_PREFIXES:
            if path.startswith(prefix):
                path = path[len(prefix) :]
        if path.startswith("/vsi"):
            return False  # memory, network and cloud paths are not files beside the checkout
        # As written and as resolved: a symlink beside the checkout (or out of it) leads somewhere else.
        return any(self._beside(resolve(path)) for resolve in (os.path.abspath, os.path.realpath))

    def _beside(self, path):
        return _within(path, self.neighbourhood) and not any(_within(path, folder) for folder in self.allowed)

    def audit(self, event, args):
        path = args[0] if event in AUDITED_EVENTS and args else None
        if isinstance(path, (str, bytes, os.PathLike)) and self.is_outside(path):
            self.paths.append(os.fsdecode(path))

    def take(self):
        """The paths recorded since the last call."""
        paths, self.paths = self.paths, []
        return paths


def fail_on_outside_reads(guard):
    if paths := guard.take():
        pytest.fail(f"read outside the checkout and the temporary folder: {sorted(set(paths))}")


def audit_gdal_opens(gdal):
    """gdal.Open, OpenEx and OpenShared raise an audit event with the path first (Translate and Warp call Open)."""
    for name in ("Open", "OpenEx", "OpenShared"):
        function = getattr(gdal, name)
        if not getattr(function, "floodsr_audited", False):
            setattr(gdal, name, _audited(function))


def _audited(function):
    @functools.wraps(function)
    def audited(path, *args, **kwargs):
        sys.audit("osgeo.gdal.Open", path)
        return function(path, *args, **kwargs)

    audited.floodsr_audited = True
    return audited
