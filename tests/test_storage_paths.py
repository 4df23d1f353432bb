"""Storage paths: a path given as text is parsed once into a local file or an object in a cloud store, with the
name GDAL opens it by."""

import os
from pathlib import Path

import pytest

from floodsr.engine import files
from floodsr.engine.rasters.storage import StoragePath, is_remote, local_staging_path
from floodsr.engine.rasters.writer import check_output_path, scratch_path_for


@pytest.mark.parametrize(
    ("given", "store", "key", "container"),
    [
        ("/vsis3/floods/out/depth.tif", "s3", "floods/out/depth.tif", "/vsis3/floods"),
        ("/vsigs/floods/out/depth.tif", "gs", "floods/out/depth.tif", "/vsigs/floods"),
        ("/vsiaz/container/depth.tif", "az", "container/depth.tif", "/vsiaz/container"),
        ("/vsiadls/filesystem/a/b/depth.tif", "adls", "filesystem/a/b/depth.tif", "/vsiadls/filesystem"),
        ("\\vsis3\\floods\\out\\depth.tif", "s3", "floods/out/depth.tif", "/vsis3/floods"),  # as Windows spells it
        ("/vsis3/floods//out/depth.tif", "s3", "floods/out/depth.tif", "/vsis3/floods"),
    ],
)
def test_an_object_in_a_store_is_remote_with_its_gdal_name(given, store, key, container):
    path = StoragePath.parse(given)
    assert (path.store, path.path) == (store, key)
    assert (path.is_remote, path.is_local, is_remote(given)) == (True, False, True)
    assert path.gdal_name == str(path) == f"/vsi{store}/{key}"
    assert (path.name, path.stem, path.suffix) == ("depth.tif", "depth", ".tif")
    assert path.container.gdal_name == container


def test_an_object_has_no_local_file():
    with pytest.raises(ValueError, match="/vsis3/floods/depth.tif is an object in a store"):
        assert StoragePath.parse("/vsis3/floods/depth.tif").local is None


@pytest.mark.parametrize(
    "given",
    [
        "/data/floods/depth.TIF",
        "relative/depth.TIF",
        "/vsimem/depth.TIF",  # GDAL's other file systems are read as given, never uploaded to
        "/vsizip/archive.zip/depth.TIF",
        "/vsis3-archive/depth.TIF",  # a folder, not a store: its name does not end where /vsis3/ does
    ],
)
def test_anything_else_is_a_local_file_named_as_the_os_names_it(given):
    path = StoragePath.parse(given)
    assert (path.store, path.is_remote, path.is_local, is_remote(given)) == ("", False, True, False)
    assert path.local == Path(given)
    assert path.gdal_name == str(path) == str(Path(given))
    assert (path.stem, path.suffix) == (Path(given).stem, ".TIF")


def test_one_place_however_it_is_spelt_or_given_is_one_storage_path(tmp_path):
    remote = StoragePath.parse("/vsis3/floods/out/depth.tif")
    assert StoragePath.parse(remote) is remote
    assert StoragePath.parse("/vsis3/floods//out/depth.tif/") == remote
    assert StoragePath.parse(tmp_path / "depth.tif") == StoragePath.parse(f"{tmp_path}{os.sep}depth.tif")
    assert StoragePath.parse("/vsis3/floods/depth.tif") != StoragePath.parse("/vsigs/floods/depth.tif")
    assert {remote, StoragePath.parse("/vsis3/floods/out/depth.tif")} == {remote}


def test_a_local_output_is_checked_and_its_scratch_files_lie_beside_it(tmp_path):
    output = check_output_path(str(tmp_path / "flood.tif"))
    assert output == StoragePath(str(tmp_path / "flood.tif"))
    scratch = scratch_path_for(output, "connectivity")
    assert scratch.parent == tmp_path and scratch.name.startswith(f".flood.{files.HOST_TAG}-{os.getpid()}-")
    assert scratch.name.endswith(".floodsr-partial.tif") and scratch.stat().st_size == 0


def test_a_remote_output_is_staged_in_a_new_local_file_of_this_run():
    remote = StoragePath.parse("/vsis3/floods/out/flood.tif")
    first, second = local_staging_path(remote, "partial"), local_staging_path(remote, "partial")
    try:
        assert first != second
        for staged in (first, second):
            assert staged.name.startswith(f"floodsr-partial-{os.getpid()}-") and staged.suffix == ".tif"
            assert staged.stat().st_size == 0
    finally:
        first.unlink()
        second.unlink()
