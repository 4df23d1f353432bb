"""floodsr:batch against careless and hostile manifests and settings: no input, manifest, report or result is
overwritten or lost, a resume notices changed inputs, and no value reaches a job script unchecked."""

import csv
import hashlib
import os
import shlex
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from floodsr.engine.batch import slurm
from floodsr.engine.batch.manifest import read_manifest
from floodsr.engine.batch.plan import BatchPlan
from floodsr.engine.batch.resources import SlurmResources
from floodsr.engine.batch.run import BatchRequest, run_batch
from floodsr.engine.errors import FloodSRError, InputError, OutputError
from floodsr.engine.progress import Progress

from helpers.batch_manifests import SAMPLE, pixels, write_manifest
from helpers.hostile_manifests import check_hostile_manifest, hostile_manifests
from helpers.polygons import polygons_file, sample_house_ring

DEPTH, DEM = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")


def sha256(path) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def rows_of(report):
    with open(report, newline="", encoding="utf-8") as handle:
        return [(row["id"], row["status"], row["message"]) for row in csv.DictReader(handle)]


def run(manifest, report, **options):
    return run_batch(BatchRequest(str(manifest), str(report), **options), Progress())


def run_failing_every_row(manifest, report):
    """A batch none of whose rows can run fails as a whole, after writing its report."""
    with pytest.raises(FloodSRError, match="^No item of the batch succeeded"):
        run(manifest, report)


@pytest.fixture
def manifest_and_folder(tmp_path):
    (tmp_path / "out").mkdir()
    shutil.copyfile(DEPTH, tmp_path / "depth.tif")
    manifest = write_manifest(tmp_path, [("a", "depth.tif", DEM, "out/a.tif", "basic", "")])
    return manifest, tmp_path


@pytest.mark.parametrize("report", ["manifest.csv", "depth.tif", "out/a.tif", "./out/../manifest.csv"])
def test_a_report_that_is_the_manifest_an_input_or_an_output_is_refused_before_anything_runs(
    manifest_and_folder, report
):
    manifest, folder = manifest_and_folder
    before = {name: sha256(folder / name) for name in ("manifest.csv", "depth.tif")}
    with pytest.raises(OutputError, match="which the batch reads or writes; nothing was run"):
        run(manifest, folder / report)
    assert {name: sha256(folder / name) for name in before} == before
    assert os.listdir(folder / "out") == []


def test_a_report_through_a_symlinked_folder_onto_the_manifest_is_refused(manifest_and_folder):
    manifest, folder = manifest_and_folder
    (folder / "alias").symlink_to(folder)
    before = sha256(manifest)
    with pytest.raises(OutputError, match="which the batch reads or writes"):
        run(manifest, folder / "alias" / "manifest.csv")
    assert sha256(manifest) == before


def test_an_output_that_is_another_rows_input_fails_that_row_and_the_input_stays_as_it_was(tmp_path):
    (tmp_path / "out").mkdir()
    shutil.copyfile(DEPTH, tmp_path / "out" / "dB.tif")
    before = sha256(tmp_path / "out" / "dB.tif")
    manifest = write_manifest(
        tmp_path,
        [
            ("B", DEPTH, DEM, "out/dB.tif", "basic", ""),
            ("C", "out/./dB.tif", DEM, "out/C.tif", "basic", ""),
        ],
    )
    run(manifest, tmp_path / "report.csv")
    rows = rows_of(tmp_path / "report.csv")
    assert rows[0][:2] == ("B", "failed")
    assert rows[0][2] == (
        f"Line 2: the output {tmp_path / 'out' / 'dB.tif'} is the depth input of line 3 "
        f"({tmp_path / 'out' / './dB.tif'}); FloodSR never writes over an input. Give the output its own name, or "
        "run the items one batch after the other."
    )
    assert rows[1][:2] == ("C", "done")
    assert sha256(tmp_path / "out" / "dB.tif") == before


def test_an_output_that_is_the_manifest_fails_its_row(tmp_path):
    link = tmp_path / "manifest_alias.tif"
    manifest = write_manifest(tmp_path, [("m", DEPTH, DEM, "manifest_alias.tif", "basic", "")])
    link.symlink_to(manifest)
    before = sha256(manifest)
    run_failing_every_row(manifest, tmp_path / "report.csv")
    assert rows_of(tmp_path / "report.csv")[0][1:] == (
        "failed",
        f"Line 2: the output {link} is the manifest itself; FloodSR never writes over its inputs.",
    )
    assert sha256(manifest) == before


def test_two_spellings_or_a_symlink_of_one_output_are_one_output(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "out")
    rows = [
        ("first", DEPTH, DEM, "out/same.tif", "basic", ""),
        ("dotdot", DEPTH, DEM, "sub/../out/same.tif", "costgrow", ""),
        ("symlink", DEPTH, DEM, "link/same.tif", "costgrow", ""),
        ("tiff", DEPTH, DEM, "out/same.tiff", "costgrow", ""),
    ]
    manifest = write_manifest(tmp_path, rows)
    run(manifest, tmp_path / "report.csv")
    statuses = rows_of(tmp_path / "report.csv")
    assert [status for _, status, _ in statuses] == ["done", "failed", "failed", "failed"]
    for (_, _, message), spelt in zip(statuses[1:], ["sub/../out/same.tif", "link/same.tif", "out/same.tiff"]):
        assert message.endswith(f"the output {tmp_path / spelt} is already used on line 2; each item needs its own.")
    run(manifest, tmp_path / "report2.csv")  # a resume keeps the one result, and never overwrites it with another
    assert [status for _, status, _ in rows_of(tmp_path / "report2.csv")] == ["skipped", "failed", "failed", "failed"]


def test_a_resume_redoes_an_item_whose_input_changed(manifest_and_folder):
    manifest, folder = manifest_and_folder
    run(manifest, folder / "report.csv")
    first = pixels(folder / "out" / "a.tif")
    run(manifest, folder / "report2.csv")
    assert rows_of(folder / "report2.csv")[0][1] == "skipped"

    from osgeo import gdal

    changed = gdal.Open(str(folder / "depth.tif"), gdal.GA_Update)
    band = changed.GetRasterBand(1)
    band.WriteArray(band.ReadAsArray() * 0.5)
    changed = band = None
    run(manifest, folder / "report3.csv")
    assert rows_of(folder / "report3.csv")[0][1] == "done"
    assert pixels(folder / "out" / "a.tif") != first
    reference = folder / "reference.tif"
    run(
        write_manifest(folder / "again", [("a", str(folder / "depth.tif"), DEM, str(reference), "basic", "")]),
        folder / "again" / "report.csv",
    )
    assert pixels(folder / "out" / "a.tif") == pixels(reference)


@pytest.mark.parametrize(
    "value, column",
    [
        ("a\nb", "id"),
        ("a\x1b[2J", "id"),
        ("out/x\r.tif", "output"),
        ("depth.tif\t", "depth"),
    ],
)
def test_a_manifest_value_with_a_control_character_fails_its_row(manifest_and_folder, value, column):
    manifest, folder = manifest_and_folder
    row = {"id": "x", "depth": "depth.tif", "dem": DEM, "output": "out/x.tif", "method": "basic", "model": ""}
    row[column] = value
    with open(manifest, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    run_failing_every_row(manifest, folder / "report.csv")
    ((item_id, status, message),) = rows_of(folder / "report.csv")
    assert status == "failed"
    assert message == (
        f"Line 2: the {column} holds a control character (a line break, tab or escape, shown here as "
        f"{ascii(value)}); remove it."
    )
    assert os.listdir(folder / "out") == []


@pytest.mark.parametrize(
    "field, value",
    [
        ("partition", "debug\ntouch /tmp/floodsr-injected"),
        ("partition", "debug --wrap=id"),
        ("memory", "1G\n#SBATCH --uid=0"),
        ("memory", "1 G"),
        ("memory", "1GB"),
        ("time_limit", "00:10:00\ntouch /tmp/floodsr-injected"),
        ("time_limit", "ten minutes"),
        ("time_limit", "1-"),
    ],
)
def test_slurm_values_outside_sbatchs_formats_are_refused_before_any_script_is_written(tmp_path, field, value):
    manifest = write_manifest(tmp_path, [("a", DEPTH, DEM, "a.tif", "basic", "")])
    resources = SlurmResources(**{field: value})
    with pytest.raises(InputError, match="Slurm"):
        run(manifest, tmp_path / "report.csv", executor="slurm", slurm=resources)
    assert sorted(os.listdir(tmp_path)) == ["manifest.csv"]


@pytest.mark.parametrize(
    "resources",
    [
        SlurmResources(partition="gpu_a100.long,debug", memory="512", time_limit="30"),
        SlurmResources(memory="16g", time_limit="2-12:30:00"),
        SlurmResources(memory="0", time_limit="UNLIMITED"),
        SlurmResources(time_limit="90:00"),
        SlurmResources(time_limit="1-6"),
    ],
)
def test_slurm_values_in_sbatchs_formats_are_accepted(resources):
    resources.check()


def test_a_report_path_with_a_line_break_is_refused_for_slurm(tmp_path):
    manifest = write_manifest(tmp_path, [("a", DEPTH, DEM, "a.tif", "basic", "")])
    with pytest.raises(InputError, match="holds a control character or a backslash"):
        run(manifest, tmp_path / "report\n#SBATCH --wrap=id.csv", executor="slurm")


def test_the_job_scripts_hold_the_checked_values_and_no_path_and_logs_escape_percent(tmp_path, monkeypatch):
    """The folder of the report has '%', quotes, a '$(...)' and non-ASCII letters: the scripts carry it only
    shell-quoted in the command, sbatch gets it with '%' doubled."""
    folder = tmp_path / '100% "quoted" $(touch pwned) été'
    folder.mkdir()
    manifest = write_manifest(folder, [("a", DEPTH, DEM, "a.tif", "basic", "")])
    submitted = []
    monkeypatch.setattr(slurm, "_sbatch", lambda arguments: submitted.append(arguments) or str(len(submitted)))
    result = run(
        manifest,
        folder / "report.csv",
        executor="slurm",
        wait=False,
        slurm=SlurmResources(partition="debug", memory="1G", time_limit="00:10:00"),
    )
    batch = result.batch_folder
    script = (Path(batch) / "items.sbatch").read_text(encoding="utf-8")
    directives = [line for line in script.splitlines() if line.startswith("#SBATCH")]
    assert directives == [
        "#SBATCH --job-name=floodsr-batch",
        "#SBATCH --array=0-0",
        "#SBATCH --cpus-per-task=2",
        "#SBATCH --mem=1G",
        "#SBATCH --time=00:10:00",
        "#SBATCH --partition=debug",
    ]
    assert submitted[0][0] == "--output=" + batch.replace("%", "%%") + "/logs/%a.log"
    assert submitted[1][0] == "--output=" + batch.replace("%", "%%") + "/logs/collect.log"
    body = script.splitlines()[7:]
    assert [line.split(" ", 1)[0] for line in body] == ["export", "export", "exec"]
    assert shlex.split(body[2])[-3:] == ["floodsr.engine.batch.worker", "run", batch]
    assert not (folder / "pwned").exists() and not os.path.exists("pwned")
    assert BatchPlan.load(batch).items[0].output_path == str(folder / "a.tif")


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_manifests())
def test_hostile_manifest_values_run_nothing_and_overwrite_or_lose_nothing_locally(rows):
    check_hostile_manifest(rows, "local")


def obstructions_manifest(folder: Path, obstructions: str) -> Path:
    shutil.copyfile(DEPTH, folder / "depth.tif")
    return write_manifest(
        folder,
        [("a", "depth.tif", DEM, "a.tif", "basic", obstructions)],
        header="id,depth,dem,output,method,obstructions",
    )


def test_obstructions_naming_a_layer_but_no_file_fail_their_row_rather_than_run_without(tmp_path):
    """`|layername=houses` alone asked for obstructions: running the row without any would be a silent wrong result."""
    manifest = read_manifest(obstructions_manifest(tmp_path, "|layername=houses"), None)
    assert manifest.items == []
    assert [(error.row, str(error.message)) for error in manifest.errors] == [
        (
            2,
            "Line 2: the obstructions |layername=houses do not exist or are not a vector file GDAL reads (such as a "
            "GeoPackage or a shapefile).",
        )
    ]
    assert not (tmp_path / "a.tif").exists()


@pytest.mark.parametrize(
    "hostile_layer, shown", [("b\nLine 9: forged", "'b\\nLine 9: forged'"), ("q\r\u202ez", "'q\\r\\u202ez'")]
)
def test_layer_names_of_an_obstructions_file_reach_no_message_with_their_control_characters(
    tmp_path, hostile_layer, shown
):
    """The layer names come from the file, not the manifest (whose values are checked): escaped like any value."""
    polygons_file(tmp_path / "two.gpkg", [sample_house_ring()], layer_name="houses")
    polygons_file(tmp_path / "two.gpkg", [sample_house_ring()], layer_name=hostile_layer)
    manifest = read_manifest(obstructions_manifest(tmp_path, "two.gpkg"), None)
    (error,) = manifest.errors
    two = tmp_path / "two.gpkg"
    assert str(error.message) == (
        f"Line 2: The obstructions {two} hold 2 layers (houses, {shown}); name the one to use as {two}|layername=NAME."
    )


@pytest.mark.parametrize(
    "obstructions, problem",
    [
        (
            "one.gpkg|layername=houses|layername=roads",
            "have no layer 'houses|layername=roads'; choose a polygon layer.",
        ),
        ("one.gpkg|layername={folder}/depth.tif", "have no layer '{folder}/depth.tif'; choose a polygon layer."),
        ("one.gpkg|layername=houses' OR '1'='1", "have no layer \"houses' OR '1'='1\"; choose a polygon layer."),
    ],
)
def test_a_layer_name_that_is_a_path_sql_or_a_second_layername_is_only_a_missing_layer(tmp_path, obstructions, problem):
    polygons_file(tmp_path / "one.gpkg", [sample_house_ring()], layer_name="houses")
    manifest = read_manifest(obstructions_manifest(tmp_path, obstructions.replace("{folder}", str(tmp_path))), None)
    (error,) = manifest.errors
    assert str(error.message) == f"Line 2: The obstructions {tmp_path / 'one.gpkg'} " + problem.replace(
        "{folder}", str(tmp_path)
    )


@pytest.mark.parametrize(
    "obstructions",
    ["/etc/passwd|layername=x", "/vsicurl/http://127.0.0.1:9/houses.gpkg", "/vsizip/{folder}/x.zip/houses.gpkg"],
)
def test_obstructions_that_are_no_vector_file_or_a_url_fail_their_row(tmp_path, obstructions):
    value = obstructions.replace("{folder}", str(tmp_path))
    manifest = read_manifest(obstructions_manifest(tmp_path, value), None)
    (error,) = manifest.errors
    assert str(error.message) == (
        f"Line 2: the obstructions {value.partition('|')[0]} do not exist or are not a vector file GDAL reads (such "
        "as a GeoPackage or a shapefile)."
    )


def test_a_model_column_reaches_no_shell_and_no_report_shows_the_tracking_password(tmp_path, monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "ops:s3cret-pass@tracking.internal:5000")
    canary = tmp_path / "canary"
    shutil.copyfile(DEPTH, tmp_path / "depth.tif")
    rows = [
        ("a", "depth.tif", DEM, "a.tif", "model", "models:/m@champion"),
        ("b", "depth.tif", DEM, "b.tif", "model", f"$(touch {canary}).onnx"),
        ("c", "depth.tif", DEM, "c.tif", "model", "/dev/zero.onnx"),
    ]
    run_failing_every_row(write_manifest(tmp_path, rows), tmp_path / "report.csv")
    assert rows_of(tmp_path / "report.csv") == [
        (
            "a",
            "failed",
            "Line 2: MLFLOW_TRACKING_URI must be the http:// or https:// address of an MLflow tracking server (got "
            "'***@tracking.internal:5000'); set it to reach models:/ URIs.",
        ),
        (
            "b",
            "failed",
            f"Line 3: Model file {tmp_path}/$(touch {canary}).onnx does not exist. Check the path or fetch the model "
            "again.",
        ),
        ("c", "failed", "Line 4: Model file /dev/zero.onnx does not exist. Check the path or fetch the model again."),
    ]
    assert not canary.exists()
    assert "s3cret" not in (tmp_path / "report.csv").read_text(encoding="utf-8")
