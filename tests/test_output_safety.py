"""Outputs never overwrite inputs or each other, temporary files are private to a run, replaced files lose
their old sidecars, and a report that cannot be written leaves no other output behind."""

import os
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from floodsr.engine import files
from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.errors import InputError, OutputError
from floodsr.engine.evaluation.run import EvaluateRequest, evaluate
from floodsr.engine.rasters.grid import Grid
from floodsr.engine.rasters.writer import GeoTiffWriter
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.paths import SAMPLE
from helpers.rasters import read_raster, srs_wkt, write_raster


@pytest.fixture
def evaluation_inputs(tmp_path):
    truth = np.linspace(0, 2, 64 * 64, dtype=np.float32).reshape(64, 64)
    estimate = truth + 0.1
    mask = np.ones((64, 64), np.int16)
    return {
        "tmp": tmp_path,
        "truth": write_raster(tmp_path / "truth.tif", truth, 0.0, 128.0, 2.0),
        "estimate": write_raster(tmp_path / "estimate.tif", estimate, 0.0, 128.0, 2.0),
        "mask": write_raster(tmp_path / "mask.tif", mask, 0.0, 128.0, 2.0),
    }


def contents(folder: Path):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def test_a_report_written_over_the_reference_is_refused_and_the_reference_kept(evaluation_inputs):
    before = contents(evaluation_inputs["tmp"])
    with pytest.raises(OutputError, match="is the input"):
        evaluate(
            EvaluateRequest(
                evaluation_inputs["estimate"], evaluation_inputs["truth"], html_path=evaluation_inputs["truth"]
            )
        )
    assert contents(evaluation_inputs["tmp"]) == before


def test_a_difference_raster_written_over_the_mask_is_refused_and_the_mask_kept(evaluation_inputs):
    before = contents(evaluation_inputs["tmp"])
    with pytest.raises(OutputError, match="is the input"):
        evaluate(
            EvaluateRequest(
                evaluation_inputs["estimate"],
                evaluation_inputs["truth"],
                mask_path=evaluation_inputs["mask"],
                difference_path=evaluation_inputs["mask"],
            )
        )
    assert contents(evaluation_inputs["tmp"]) == before


def test_an_output_reached_through_a_symlink_is_still_the_input(evaluation_inputs):
    link = evaluation_inputs["tmp"] / "link.tif"
    link.symlink_to(evaluation_inputs["estimate"])
    before = contents(evaluation_inputs["tmp"])
    with pytest.raises(OutputError, match="is the input"):
        evaluate(EvaluateRequest(evaluation_inputs["estimate"], evaluation_inputs["truth"], difference_path=str(link)))
    assert contents(evaluation_inputs["tmp"]) == before


@pytest.mark.parametrize("second", ["difference.tif", "difference.TIFF"])
def test_two_outputs_naming_one_file_are_refused(evaluation_inputs, second):
    with pytest.raises(OutputError, match="are the same file"):
        evaluate(
            EvaluateRequest(
                evaluation_inputs["estimate"],
                evaluation_inputs["truth"],
                difference_path=str(evaluation_inputs["tmp"] / "difference.tif"),
                confusion_path=str(evaluation_inputs["tmp"] / second),
            )
        )
    assert not list(evaluation_inputs["tmp"].glob("difference*"))


def test_a_layer_scored_against_itself_is_refused(evaluation_inputs):
    with pytest.raises(InputError, match="same raster"):
        evaluate(EvaluateRequest(evaluation_inputs["truth"], evaluation_inputs["truth"]))


def test_superresolve_never_writes_over_its_model(tmp_path, pointwise_onnx):
    model = tmp_path / "model.tif"
    model.write_bytes(Path(pointwise_onnx).read_bytes())
    sample = SAMPLE
    with pytest.raises(OutputError, match="is the input"):
        superresolve(
            SuperResolveRequest(str(sample / "depth_32m.tif"), str(sample / "dem_2m.tif"), str(model), str(model))
        )
    assert model.read_bytes() == Path(pointwise_onnx).read_bytes()


def full_disk_temporary(tmp_path, only=None):
    """A temporary file whose writes fail with 'No space left on device' (/dev/full through a link); with `only`,
    for that target alone (the others get their usual temporary file)."""
    usual = files.temporary_path

    def temporary_path(target, suffix=""):
        if only is not None and Path(target) != only:
            return usual(target, suffix)
        link = tmp_path / f".{Path(target).stem}.full{suffix}"
        link.symlink_to("/dev/full")
        return link

    return temporary_path


def test_a_report_that_cannot_be_written_leaves_no_raster_behind(evaluation_inputs, monkeypatch):
    tmp = evaluation_inputs["tmp"]
    monkeypatch.setattr(files, "temporary_path", full_disk_temporary(tmp, only=tmp / "report.html"))
    before = sorted(os.listdir(tmp))
    with pytest.raises(OutputError, match="no space left on the disk holding"):
        evaluate(
            EvaluateRequest(
                evaluation_inputs["estimate"],
                evaluation_inputs["truth"],
                html_path=str(evaluation_inputs["tmp"] / "report.html"),
                difference_path=str(evaluation_inputs["tmp"] / "difference.tif"),
            )
        )
    assert sorted(os.listdir(evaluation_inputs["tmp"])) == before


def small_grid(width=64, height=64):
    return Grid(srs_wkt(3794), 0.0, 128.0, 2.0, 2.0, width, height)


def test_two_runs_writing_flood_tif_and_flood_tiff_at_once_keep_their_own_rasters(tmp_path):
    first, second = tmp_path / "flood.tif", tmp_path / "flood.tiff"
    with GeoTiffWriter(first, small_grid()) as writer_a, GeoTiffWriter(second, small_grid()) as writer_b:
        writer_a.append_rows(np.full((64, 64), 1.0, np.float32))
        writer_b.append_rows(np.full((64, 64), 2.0, np.float32))
    assert np.all(read_raster(first)[0] == 1.0) and np.all(read_raster(second)[0] == 2.0)
    assert sorted(os.listdir(tmp_path)) == ["flood.tif", "flood.tiff"]


def dead_pid():
    finished = subprocess.Popen(["true"])
    finished.wait()
    return finished.pid


def leftover(folder: Path, pid: int, age_s: float, host: str = files.HOST_TAG) -> Path:
    path = folder / f".flood.{host}-{pid}-k3j4h5x2.{files.TEMPORARY_MARK}.tif"
    path.write_bytes(b"partial raster")
    stamp = time.time() - age_s
    os.utime(path, (stamp, stamp))
    return path


def test_leftovers_of_a_killed_run_are_removed_by_the_next_run_and_live_ones_are_kept(tmp_path):
    stale = leftover(tmp_path, dead_pid(), age_s=2 * files.STALE_AFTER_S)
    recent = leftover(tmp_path, dead_pid() + 1_000_000, age_s=10)  # owner gone, but written to a moment ago
    live = leftover(tmp_path, os.getppid(), age_s=2 * files.STALE_AFTER_S)  # owner still running
    remote = leftover(tmp_path, dead_pid(), age_s=2 * files.STALE_AFTER_S, host="othermachine")
    with GeoTiffWriter(tmp_path / "other.tif", small_grid()) as writer:
        writer.append_rows(np.zeros((64, 64), np.float32))
    assert not stale.exists() and recent.exists() and live.exists() and remote.exists()


def test_a_replaced_output_loses_the_old_nodata_statistics_and_overviews(tmp_path):
    output = tmp_path / "depth.tif"
    write_raster(output, np.full((64, 64), 7.0, np.float32), 0.0, 128.0, 2.0)
    old = gdal.Open(str(output))
    old.BuildOverviews("NEAREST", [2, 4])  # read-only: written to depth.tif.ovr
    old = None
    Path(f"{output}.aux.xml").write_text(
        '<PAMDataset><PAMRasterBand band="1"><NoDataValue>0</NoDataValue><Metadata>'
        '<MDI key="STATISTICS_MAXIMUM">7</MDI><MDI key="STATISTICS_MINIMUM">7</MDI></Metadata>'
        "</PAMRasterBand></PAMDataset>"
    )
    with GeoTiffWriter(output, small_grid()) as writer:
        writer.append_rows(np.full((64, 64), 0.5, np.float32))
        writer.set_statistics(0.5, 0.5, 0.5, 0.0)
    dataset = gdal.Open(str(output))
    band = dataset.GetRasterBand(1)
    assert band.GetNoDataValue() == -9999.0
    assert band.GetOverviewCount() == 0
    assert band.GetMetadataItem("STATISTICS_MAXIMUM") == "0.5"
    assert not Path(f"{output}.ovr").exists()


def test_a_full_disk_while_writing_a_raster_says_so_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "temporary_path", full_disk_temporary(tmp_path))
    monkeypatch.setattr(files, "free_bytes", lambda folder: 0)  # what a full disk reports
    dem = write_raster(
        tmp_path / "dem.tif", np.linspace(0, 5, 256 * 256, dtype=np.float32).reshape(256, 256), 0, 512, 2
    )
    depth = write_raster(tmp_path / "depth.tif", np.full((16, 16), 1.0, np.float32), 0, 512, 32)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(OutputError, match="no space left on the disk holding " + str(tmp_path)):
        downscale(DownscaleRequest(depth, dem, str(tmp_path / "out.tif"), method="basic"))
    assert [name for name in sorted(os.listdir(tmp_path)) if not name.endswith(".full.tif")] == before


def test_concurrent_threads_never_share_a_temporary_name(tmp_path):
    names, lock = [], threading.Lock()

    def take():
        path = files.temporary_path(tmp_path / "flood.tif", ".tif")
        with lock:
            names.append(path.name)

    threads = [threading.Thread(target=take) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(names)) == 16 and all(name.startswith(f".flood.{files.HOST_TAG}-{os.getpid()}-") for name in names)


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_outputs_follow_the_umask(tmp_path, pointwise_onnx, umask):
    """Rasters, products with an added band, HTML reports, text files, folders swapped in, batch outputs and
    reports get the permissions the umask leaves, as any file GDAL or the user makes."""
    from floodsr.engine.batch.run import BatchRequest, run_batch

    from helpers.batch_manifests import SAMPLE, sample_rows, write_manifest

    depth, dem = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
    previous = os.umask(umask)
    try:
        downscale(DownscaleRequest(depth, dem, str(tmp_path / "subgrid.tif"), "subgrid"))
        superresolve(SuperResolveRequest(depth, dem, pointwise_onnx, str(tmp_path / "product.tif")))
        superresolve(SuperResolveRequest(depth, dem, pointwise_onnx, str(tmp_path / "product.tif"), augmentations=4))
        evaluate(EvaluateRequest(str(tmp_path / "subgrid.tif"), dem, html_path=str(tmp_path / "report.html")))
        files.write_text_atomically(tmp_path / "notes.txt", "text")
        files.replace_folder(tmp_path / "swapped", lambda staging: (staging / "inside.txt").write_text("x"))
        (tmp_path / "batch" / "out").mkdir(parents=True)
        (tmp_path / "batch" / "broken.tif").write_bytes(b"not a GeoTIFF")  # a failed item keeps the batch folder
        broken = ("broken", "broken.tif", dem, "out/broken.tif", "basic", "")
        manifest = write_manifest(tmp_path / "batch", sample_rows("out", methods=("basic",)) + [broken])
        batch = run_batch(BatchRequest(str(manifest), str(tmp_path / "batch" / "report.csv")))
    finally:
        os.umask(previous)
    assert len(gdal.Open(str(tmp_path / "product.tif")).ReadAsArray()) == 2  # the spread band was added
    written = ["subgrid.tif", "product.tif", "report.html", "notes.txt", "swapped/inside.txt"]
    written += ["batch/out/basic.tif", "batch/report.csv"]
    assert {name: oct((tmp_path / name).stat().st_mode & 0o777) for name in written} == {
        name: oct(0o666 & ~umask) for name in written
    }
    folders = [tmp_path / "swapped", Path(batch.batch_folder)]
    assert [oct(folder.stat().st_mode & 0o777) for folder in folders] == [oct(0o777 & ~umask)] * 2
