"""floodsr:batch with the local executor: bad rows, resume, overwrite, a killed worker, the report."""

import os
import signal
import sys
import threading
import time

import psutil
import pytest

from floodsr.engine.batch.run import BatchRequest, run_batch
from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.errors import FloodSRError
from floodsr.engine.progress import Progress

from helpers.batch_manifests import SAMPLE, pixels, report_rows, run_manifest, sample_rows, write_manifest
from helpers.rasters import read_raster


@pytest.fixture
def manifest_and_folder(tmp_path):
    """Three good scenes (two classic methods and the bundled model) and one whose depth is not a raster."""
    (tmp_path / "out").mkdir()
    (tmp_path / "broken_depth.tif").write_bytes(b"not a GeoTIFF")
    rows = sample_rows("out") + [
        ("broken", "broken_depth.tif", str(SAMPLE / "dem_2m.tif"), "out/broken.tif", "basic", "")
    ]
    return write_manifest(tmp_path, rows), tmp_path


def test_one_bad_item_fails_alone_and_the_others_match_the_single_scene_engine(manifest_and_folder):
    manifest, folder = manifest_and_folder
    result, lines = run_manifest(manifest, folder / "report.csv", workers=2)
    rows = report_rows(folder / "report.csv")
    assert [(item_id, status) for item_id, status, _, _ in rows] == [
        ("scene_costgrow", "done"),
        ("scene_basic", "done"),
        ("scene_model", "done"),
        ("broken", "failed"),
    ]
    assert rows[3][2] == str(folder / "out" / "broken.tif")
    assert "depth raster" in rows[3][3] and "cannot be opened by GDAL" in rows[3][3]
    assert not (folder / "out" / "broken.tif").exists()
    single = folder / "single_costgrow.tif"
    downscale(DownscaleRequest(str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif"), str(single), "costgrow"))
    assert pixels(folder / "out" / "costgrow.tif") == pixels(single)
    model_values = read_raster(folder / "out" / "model.tif")[0]
    assert model_values.shape == (496, 496) and model_values.max() > 0.1
    assert lines[-1].endswith("3 done, 0 skipped, 1 failed of 4 items.")


def test_rerun_skips_finished_items_and_redoes_the_failed_one_and_overwrite_redoes_all(manifest_and_folder):
    manifest, folder = manifest_and_folder
    run_manifest(manifest, folder / "report.csv")
    outputs = {name: folder / "out" / f"{name}.tif" for name in ("costgrow", "basic", "model")}
    first = {name: os.stat(path).st_ino for name, path in outputs.items()}
    (folder / "broken_depth.tif").write_bytes((SAMPLE / "depth_32m.tif").read_bytes())  # the user fixes the input

    run_manifest(manifest, folder / "report2.csv")
    assert [row[1] for row in report_rows(folder / "report2.csv")] == ["skipped", "skipped", "skipped", "done"]
    assert {name: os.stat(path).st_ino for name, path in outputs.items()} == first  # never rewritten
    assert pixels(folder / "out" / "broken.tif") == pixels(outputs["basic"])  # same inputs, same method

    run_manifest(manifest, folder / "report3.csv", overwrite=True)
    assert [row[1] for row in report_rows(folder / "report3.csv")] == ["done"] * 4
    assert all(os.stat(path).st_ino != first[name] for name, path in outputs.items())


def test_an_output_from_another_method_or_not_from_floodsr_is_not_taken_as_finished(manifest_and_folder):
    manifest, folder = manifest_and_folder
    run_manifest(manifest, folder / "report.csv")
    (folder / "out" / "basic.tif").write_bytes((folder / "out" / "costgrow.tif").read_bytes())  # costgrow's tags
    (folder / "out" / "costgrow.tif").write_bytes((SAMPLE / "dem_2m.tif").read_bytes())  # a GeoTIFF, no tags
    run_manifest(manifest, folder / "report2.csv")
    assert [row[1] for row in report_rows(folder / "report2.csv")] == ["done", "done", "skipped", "failed"]


def test_rows_that_cannot_run_are_reported_with_their_line_before_anything_runs(tmp_path):
    depth, dem = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
    rows = [
        ("a", depth, dem, "a.tif", "basic", ""),
        ("b", "nowhere.tif", dem, "b.tif", "basic", ""),
        ("c", depth, dem, "c.tif", "magic", ""),
        ("a", depth, dem, "d.tif", "basic", ""),
        ("e", depth, dem, "a.tif", "basic", ""),
        ("f", depth, dem, "f.tif", "model", "no_such_model"),
        ("g", depth, dem, "g.png", "basic", ""),
    ]
    manifest = write_manifest(tmp_path, rows)
    result, lines = run_manifest(manifest, tmp_path / "report.csv")
    messages = {row[0] + row[2][-5:]: row[3] for row in report_rows(tmp_path / "report.csv") if row[1] == "failed"}
    assert messages == {
        "bb.tif": f"Line 3: the depth raster {tmp_path / 'nowhere.tif'} does not exist.",
        "cc.tif": "Line 4: unknown method 'magic'; use one of basic, simplefilter, buffergrowloop, schumann14, "
        "costgrow, subgrid, subgrid_smooth, model.",
        "ad.tif": "Line 5: the id a is already used on line 2; each item needs its own.",
        "ea.tif": f"Line 6: the output {tmp_path / 'a.tif'} is already used on line 2; each item needs its own.",
        "ff.tif": "Line 7: No model named 'no_such_model' is registered "
        "(known: FloodSR_surface_16x, FloodSR_subgrid_16x, FloodSR_small_16x, ResUNet_16x_DEM).",
        "gg.png": f"Line 8: the output {tmp_path / 'g.png'} must end in .tif.",
    }
    assert lines[0].startswith("Cannot run 'b': Line 3")  # reported first, before the run
    assert [row[1] for row in report_rows(tmp_path / "report.csv")].count("done") == 1


@pytest.mark.parametrize(
    "content, problem",
    [
        ("id,depth,output\nx,a.tif,b.tif\n", "lacks the column(s) dem"),
        ("id\tdepth\tdem\toutput\nx\ta.tif\tb.tif\tc.tif\n", "separated by commas or semicolons"),
        ("id,depth,dem,output\n", "has no items"),
    ],
)
def test_a_manifest_that_is_not_one_is_refused(tmp_path, content, problem):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(content, encoding="utf-8")
    with pytest.raises(FloodSRError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        run_manifest(manifest, tmp_path / "report.csv")


def test_a_killed_worker_fails_only_its_item(tmp_path):
    """The third item's depth is a named pipe: its worker blocks opening it until the test kills it (SIGKILL, as
    the kernel's out-of-memory killer would)."""
    (tmp_path / "out").mkdir()
    os.mkfifo(tmp_path / "stuck.tif")
    rows = sample_rows("out", methods=("basic", "costgrow")) + [
        ("stuck", "stuck.tif", str(SAMPLE / "dem_2m.tif"), "out/stuck.tif", "basic", "")
    ]
    manifest = write_manifest(tmp_path, rows)
    killer = threading.Thread(target=_kill_worker_of_task, args=(2,), daemon=True)
    killer.start()
    run_manifest(manifest, tmp_path / "report.csv", workers=2)
    killer.join()
    rows = report_rows(tmp_path / "report.csv")
    assert [row[1] for row in rows] == ["done", "done", "failed"]
    assert rows[2][3].startswith("The item's process was killed by signal SIGKILL")
    assert read_raster(tmp_path / "out" / "basic.tif")[0].shape == (496, 496)
    assert not (tmp_path / "out" / "stuck.tif").exists()


def _kill_worker_of_task(index: int, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for child in psutil.Process().children(recursive=True):
            try:
                command = child.cmdline()
            except psutil.Error:
                continue
            if any(part.endswith("engine.batch.worker") for part in command) and command[-1] == str(index):
                child.send_signal(signal.SIGKILL)
                return
        time.sleep(0.1)


def test_the_processing_algorithm_runs_a_manifest_with_the_executor_named_by_its_string(
    floodsr_plugin, manifest_and_folder
):
    import processing

    manifest, folder = manifest_and_folder
    outputs = processing.run(
        "floodsr:batch", {"MANIFEST": str(manifest), "EXECUTOR": "local", "WORKERS": 2, "REPORT": str(folder / "r.csv")}
    )
    assert (outputs["DONE"], outputs["SKIPPED"], outputs["FAILED"], outputs["JOB_IDS"]) == (3, 0, 1, "")
    assert [row[1] for row in report_rows(outputs["REPORT"])] == ["done", "done", "done", "failed"]


def test_cancel_kills_the_running_workers_and_leaves_no_partial_output(tmp_path):
    from floodsr.engine.errors import CancelledError

    os.mkfifo(tmp_path / "stuck.tif")
    manifest = write_manifest(
        tmp_path, [("stuck", "stuck.tif", str(SAMPLE / "dem_2m.tif"), "stuck_out.tif", "basic", "")]
    )
    workers = []

    def cancelled() -> bool:
        workers.extend(child for child in psutil.Process().children() if child not in workers)
        return bool(workers)

    with pytest.raises(CancelledError):
        run_batch(BatchRequest(str(manifest), str(tmp_path / "report.csv")), Progress(is_cancelled=cancelled))
    assert workers and not any(worker.is_running() for worker in workers)
    assert not (tmp_path / "stuck_out.tif").exists()


def test_a_message_with_formatted_numbers_survives_the_trip_through_the_result_file(tmp_path):
    """An item whose DEM is coarser than its depth fails with the engine's message, numbers formatted."""
    rows = [("swapped", str(SAMPLE / "dem_2m.tif"), str(SAMPLE / "depth_32m.tif"), "out.tif", "basic", "")]
    manifest = write_manifest(tmp_path, rows)
    with pytest.raises(FloodSRError, match="No item of the batch succeeded"):
        run_manifest(manifest, tmp_path / "report.csv")
    (row,) = report_rows(tmp_path / "report.csv")
    assert row[1] == "failed"
    assert row[3].startswith("The DEM's cells (32 x 32) are not finer than the depth raster's (2 x 2).")


def test_model_items_need_onnxruntime_and_say_so_before_running(tmp_path, monkeypatch):
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *args: None if name == "onnxruntime" else real_find_spec(name, *args)
    )
    (tmp_path / "out").mkdir()
    manifest = write_manifest(tmp_path, sample_rows("out", methods=("basic", "model")))
    result, lines = run_manifest(manifest, tmp_path / "report.csv")
    assert [(row[1], row[3]) for row in report_rows(tmp_path / "report.csv")] == [
        ("done", ""),
        (
            "failed",
            "Line 3: super-resolution needs onnxruntime, which is not installed; run floodsr:installruntime first, "
            "or choose a classic method.",
        ),
    ]


def test_a_batch_in_which_no_item_succeeds_fails_and_logs_the_end_of_each_failed_items_log(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "broken.tif").write_bytes(b"not a GeoTIFF")
    dem = str(SAMPLE / "dem_2m.tif")
    manifest = write_manifest(tmp_path, [(name, "broken.tif", dem, f"out/{name}.tif", "basic", "") for name in "ab"])
    lines = []
    with pytest.raises(FloodSRError) as failure:
        run_batch(BatchRequest(str(manifest), str(tmp_path / "report.csv")), Progress(log=lines.append))
    assert str(failure.value).startswith("No item of the batch succeeded (2 failed): see the messages and log lines")
    assert [row[1] for row in report_rows(tmp_path / "report.csv")] == ["failed", "failed"]  # the report is written
    tails = [line for line in lines if line.startswith("Last lines of the log of ")]
    assert [tail.split(" (", 1)[0] for tail in tails] == ["Last lines of the log of a", "Last lines of the log of b"]
    for tail in tails:
        header, *log_lines = tail.split("\n")
        assert log_lines[0].startswith("Item ") and "cannot be opened by GDAL" in log_lines[-1]


def test_workers_run_on_this_python_not_on_a_python_shim_named_as_the_executable(tmp_path, monkeypatch):
    """QGIS started from a shell whose `python3` is another interpreter (pyenv, conda): sys.executable names it."""
    from floodsr.engine.batch import launch

    version = "{}.{}".format(*sys.version_info[:2])
    shim = tmp_path / "shims" / "python3"
    shim.parent.mkdir()
    shim.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = -c ]; then printf "{version}\\n/opt/pyenv/{version}\\n/opt/pyenv/{version}\\n"; exit 0; fi\n'
        "echo \"ModuleNotFoundError: No module named 'osgeo'\" >&2; exit 1\n"
    )
    shim.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(shim))
    launch._interpreter.cache_clear()
    (tmp_path / "out").mkdir()
    manifest = write_manifest(tmp_path, sample_rows("out", methods=("basic",)))
    try:
        result, _ = run_manifest(manifest, tmp_path / "report.csv")
    finally:
        launch._interpreter.cache_clear()
    assert [item.status for item in result.results] == ["done"]
    assert launch.worker_command("run")[0] != str(shim)


def test_a_model_file_replaced_during_the_session_is_checked_again(tmp_path, generated_models_dir):
    """The finished-output check hashes the item's model; a new file at the same path has another sha256."""
    import shutil

    from helpers.onnx_models import depth_times_model

    model = tmp_path / "model.onnx"
    shutil.copyfile(depth_times_model(generated_models_dir / "halved.onnx", 0.5), model)
    (tmp_path / "out").mkdir()
    depth, dem = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
    manifest = write_manifest(tmp_path, [("scene", depth, dem, "out/scene.tif", "model", str(model))])
    first, _ = run_manifest(manifest, tmp_path / "report.csv")
    second, _ = run_manifest(manifest, tmp_path / "report2.csv")
    model.unlink()
    shutil.copyfile(depth_times_model(generated_models_dir / "doubled.onnx", 2.0), model)
    third, _ = run_manifest(manifest, tmp_path / "report3.csv")
    assert [result.results[0].status for result in (first, second, third)] == ["done", "skipped", "done"]


def test_a_semicolon_manifest_runs_into_output_folders_it_creates_and_the_counts_agree(tmp_path):
    """As a spreadsheet program writes CSV where the comma is the decimal mark: semicolons and a byte-order mark."""
    depth, dem = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
    rows = [
        ";".join(("a", depth, dem, "new/deeper/a.tif", "basic")),
        ";".join(("b", "nowhere.tif", dem, "new/b.tif", "basic")),
    ]
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("\n".join(["id;depth;dem;output;method", *rows]) + "\n", encoding="utf-8-sig")
    result, lines = run_manifest(manifest, tmp_path / "report.csv")
    assert [(row[0], row[1]) for row in report_rows(tmp_path / "report.csv")] == [("a", "done"), ("b", "failed")]
    assert (tmp_path / "new" / "deeper" / "a.tif").is_file()
    assert "1 of 2 items to run (0 skipped: already done; 1 failed: cannot run), " in lines[1]
    assert lines[-1].endswith(": 1 done, 0 skipped, 1 failed of 2 items.")
    _, lines = run_manifest(manifest, tmp_path / "report2.csv")
    assert "0 of 2 items to run (1 skipped: already done; 1 failed: cannot run), " in lines[1]
    assert lines[-1].endswith(": 0 done, 1 skipped, 1 failed of 2 items.")
