"""The suite needs nothing beside the checkout: the real terrain it reads is in tests/data/real, and a read beside
the checkout fails the test that made it."""

import contextlib
import hashlib
import os
from pathlib import Path

import pytest
from osgeo import gdal

from helpers.checkout_guard import fail_on_outside_reads
from helpers.paths import CHECKOUT
from helpers.rasters import REAL_DATA, SLOVENIA_DEM

# Where the real terrain used to be read from: beside the checkout, absent from a clone.
BESIDE = CHECKOUT.parent / "shared" / "data" / "real" / "slovenia_arso_1m_TM1_564_146" / "TM1_564_146.tif"


def test_reads_beside_the_checkout_are_caught_by_python_and_gdal_opens(reads_only_the_checkout):
    with contextlib.suppress(OSError):
        open(BESIDE, "rb").close()
    with contextlib.suppress(RuntimeError):
        gdal.Open(str(BESIDE))
    with contextlib.suppress(RuntimeError):
        gdal.Translate("/vsimem/copy.tif", f"/vsizip/{BESIDE.parent}.zip/TM1_564_146.tif")
    with contextlib.suppress(OSError):
        os.listdir(CHECKOUT.parent)
    with contextlib.suppress(OSError):  # a relative path that leaves the checkout
        open(os.path.relpath(BESIDE), "rb").close()
    assert set(reads_only_the_checkout.take()) == {
        str(BESIDE),
        f"/vsizip/{BESIDE.parent}.zip/TM1_564_146.tif",
        str(CHECKOUT.parent),
        os.path.relpath(BESIDE),
    }


def test_a_read_beside_the_checkout_fails_the_test(reads_only_the_checkout):
    with contextlib.suppress(OSError):
        open(BESIDE, "rb").close()
    with pytest.raises(pytest.fail.Exception, match="read outside the checkout"):
        fail_on_outside_reads(reads_only_the_checkout)
    fail_on_outside_reads(reads_only_the_checkout)  # reported once


def test_reads_inside_the_checkout_temporary_folders_and_the_system_are_allowed(reads_only_the_checkout, tmp_path):
    (tmp_path / "scratch.txt").write_text("x")
    for path in (CHECKOUT / "metadata.txt", tmp_path / "scratch.txt", Path("/etc/hostname"), CHECKOUT / "README.md"):
        with contextlib.suppress(OSError):
            open(path, "rb").close()
    gdal.Open(str(SLOVENIA_DEM))
    os.listdir(CHECKOUT)
    assert reads_only_the_checkout.take() == []


def test_real_terrain_in_the_repository_matches_its_checksums_and_keeps_its_source_and_licence():
    listed = {}
    for line in (REAL_DATA / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        listed[os.path.normpath(name)] = digest
    files = {str(path.relative_to(REAL_DATA)) for path in REAL_DATA.rglob("*") if path.is_file()} - {"SHA256SUMS"}
    assert set(listed) == files
    for name, digest in listed.items():
        assert hashlib.sha256((REAL_DATA / name).read_bytes()).hexdigest() == digest, name
    datasets = sorted(path.name for path in REAL_DATA.iterdir() if path.is_dir())
    assert datasets == ["alexandria_va_usgs_2m", "merewether_anuga_1m", "slovenia_arso_1m_TM1_564_146"]
    for dataset in datasets:
        assert (REAL_DATA / dataset / "README.md").is_file()
        assert any(path.name.startswith("LICENSE") for path in (REAL_DATA / dataset).iterdir()), dataset
