"""A file built under a temporary name of its run and renamed into place: complete or absent, never shared by
two writers, with the permissions the umask leaves."""

import os
import threading
from pathlib import Path

import pytest

from floodsr.engine import files
from floodsr.engine.files import StagedFile


def test_a_staged_file_appears_at_its_target_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "model.onnx"
    with StagedFile(target) as staged:
        staged.path.write_bytes(b"weights")
        assert staged.path.parent == tmp_path
        assert staged.path.name.startswith(f".model.{files.HOST_TAG}-{os.getpid()}-")
        assert staged.path.name.endswith(f".{files.TEMPORARY_MARK}")
        assert not target.exists()
    assert target.read_bytes() == b"weights"
    assert os.listdir(tmp_path) == ["model.onnx"]


def test_a_failed_write_leaves_no_file_and_no_temporary(tmp_path):
    target = tmp_path / "flood.tif"
    with pytest.raises(RuntimeError, match="write failed"), StagedFile(target, ".tif") as staged:
        staged.path.write_bytes(b"half a raster")
        Path(f"{staged.path}.aux.xml").write_text("<PAMDataset/>")  # what GDAL keeps beside a raster
        raise RuntimeError("write failed")
    assert os.listdir(tmp_path) == []


def test_a_failed_write_keeps_the_file_it_would_have_replaced(tmp_path):
    target = tmp_path / "flood.tif"
    target.write_bytes(b"the previous run")
    with pytest.raises(RuntimeError), StagedFile(target, ".tif") as staged:
        staged.path.write_bytes(b"half a raster")
        raise RuntimeError("cancelled")
    assert target.read_bytes() == b"the previous run"
    assert os.listdir(tmp_path) == ["flood.tif"]


def test_a_refused_rename_leaves_no_temporary(tmp_path):
    target = tmp_path / "flood.tif"
    (target / "inside").mkdir(parents=True)  # a folder in the way: the rename is refused
    with pytest.raises(OSError), StagedFile(target) as staged:
        staged.path.write_bytes(b"a raster")
    assert os.listdir(tmp_path) == ["flood.tif"] and os.listdir(target) == ["inside"]


def test_two_concurrent_writers_of_one_target_never_share_a_temporary_file(tmp_path):
    """Both write at once, each its own bytes: the target is one writer's whole file, never a mix, and nothing else
    is left (a fixed temporary name would mix them, or lose one writer's rename)."""
    target = tmp_path / "results.json"
    both_open = threading.Barrier(2)
    staged_paths, errors = [], []

    def write(byte: bytes) -> None:
        try:
            with StagedFile(target) as staged:
                staged_paths.append(staged.path)
                with staged.path.open("wb") as output:
                    output.write(byte * 100_000)
                    both_open.wait(timeout=30)
                    output.write(byte * 100_000)
        except BaseException as error:  # reported below: a thread's error would otherwise be lost
            errors.append(error)

    writers = [threading.Thread(target=write, args=(byte,)) for byte in (b"a", b"b")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert errors == []
    assert len(set(staged_paths)) == 2
    assert target.read_bytes() in (b"a" * 200_000, b"b" * 200_000)
    assert os.listdir(tmp_path) == ["results.json"]


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_a_staged_file_follows_the_umask(tmp_path, umask):
    previous = os.umask(umask)
    try:
        with StagedFile(tmp_path / "model.onnx") as staged:
            staged.path.write_bytes(b"weights")
    finally:
        os.umask(previous)
    assert oct((tmp_path / "model.onnx").stat().st_mode & 0o777) == oct(0o666 & ~umask)
