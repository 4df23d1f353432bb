"""Manifests whose values hold control characters, quotes, shell syntax, Slurm patterns, non-ASCII letters and
other spellings of the same files, and the check that a batch of one ran nothing, overwrote nothing and lost
nothing (shared by the local and the Slurm executor's tests)."""

import csv
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import strategies as st
from osgeo import gdal

from floodsr.engine.batch.run import BatchRequest, run_batch
from floodsr.engine.errors import FloodSRError
from floodsr.engine.files import output_identity
from floodsr.engine.progress import Progress
from floodsr.engine.rasters.storage import INPUTS_TAG, inputs_fingerprint

from helpers.paths import SAMPLE

CANARY = "{canary}"  # replaced by a file that must never appear
PIECES = [
    "a",
    "Z9",
    "été",
    "漢字",
    "🌊",
    "'",
    '"',
    "$(touch {canary})",
    "`touch {canary}`",
    "; touch {canary};",
    "%a%j%%",
    "\\",
    "\n#SBATCH --wrap='touch {canary}'\n",
    "\r",
    "\x1b[31m",
    "\t",
    "\x7f",
    ",",
    " ",
]
INPUT_ALIASES = ["depth.tif", "./depth.tif", "sub/../depth.tif", "link/depth.tif", "{folder}/depth.tif"]
OUTPUT_FOLDERS = ["", "./", "out/", "sub/../out/", "link/out/", "{folder}/out/"]

hostile_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join)


@st.composite
def hostile_manifests(draw):
    """Three rows: (id, depth, dem, output, method); every value may be hostile or another name of a real file."""
    rows = []
    for _ in range(3):
        item_id = draw(hostile_text)
        depth = draw(st.one_of(st.sampled_from(INPUT_ALIASES), hostile_text))
        output = draw(
            st.one_of(
                st.builds(lambda folder, name: f"{folder}{name}.tif", st.sampled_from(OUTPUT_FOLDERS), hostile_text),
                st.sampled_from(INPUT_ALIASES + ["manifest.csv"]),
            )
        )
        method = draw(st.sampled_from(["basic", "subgrid", "basic\n", "$(touch {canary})"]))
        rows.append((item_id, depth, "dem.tif", output, method))
    return rows


def check_hostile_manifest(rows, executor: str, **options) -> None:
    with tempfile.TemporaryDirectory(prefix="floodsr-hostile-") as name:
        folder = Path(name)
        canary = folder / "canary"
        for sub in ("sub", "out"):
            (folder / sub).mkdir()
        (folder / "link").symlink_to(folder, target_is_directory=True)
        shutil.copyfile(SAMPLE / "depth_32m.tif", folder / "depth.tif")
        shutil.copyfile(SAMPLE / "dem_2m.tif", folder / "dem.tif")
        concrete = [
            tuple(value.replace(CANARY, str(canary)).replace("{folder}", name) for value in row) for row in rows
        ]
        manifest = folder / "manifest.csv"
        with open(manifest, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "depth", "dem", "output", "method"])
            writer.writerows(concrete)
        inputs = {path: _sha256(folder / path) for path in ("depth.tif", "dem.tif", "manifest.csv")}
        report = folder / "report.csv"
        try:
            run_batch(BatchRequest(str(manifest), str(report), executor=executor, **options), Progress())
        except FloodSRError as error:  # refused before anything ran (no report), or no row succeeded (a report)
            assert report.exists() == str(error).startswith("No item of the batch succeeded")
            assert not report.exists() or _statuses(report) == {"failed"}
        assert not canary.exists() and not Path("canary").exists(), "a manifest value was run as a command"
        assert {path: _sha256(folder / path) for path in inputs} == inputs, "an input was overwritten"
        if report.exists():
            _check_report(report, concrete, folder)


def _check_report(report: Path, rows, folder: Path) -> None:
    with open(report, newline="", encoding="utf-8") as handle:
        reported = list(csv.DictReader(handle))
    assert [row["id"] for row in reported] == [row[0].strip() for row in rows], "a row was lost"
    done = [row for row in reported if row["status"] == "done"]
    identities = [output_identity(row["output"]) for row in done]
    assert len(set(identities)) == len(identities), "two rows wrote one file"
    for row in done:
        dataset = gdal.Open(row["output"])
        line = next(index for index, values in enumerate(rows) if values[0].strip() == row["id"])
        depth = rows[line][1].strip()
        depth = depth if os.path.isabs(depth) else str(folder / depth)
        assert dataset.GetMetadataItem(INPUTS_TAG) == inputs_fingerprint(depth, str(folder / "dem.tif"))
    expected = {"manifest.csv", "report.csv", "depth.tif", "dem.tif", "sub", "out", "link"}
    outputs = [Path(os.path.relpath(os.path.realpath(row["output"]), folder)) for row in done]
    expected |= {str(path) for output in outputs for path in [output, *output.parents]}  # with folders made for it
    left = {
        os.path.relpath(path, folder)
        for path in [*folder.iterdir(), *(folder / "out").iterdir()]
        if not path.name.startswith(("report-local-", "report-slurm-"))
    }
    assert left <= expected | {"out"}, f"unexpected files: {left - expected}"


def _statuses(report: Path) -> set:
    with open(report, newline="", encoding="utf-8") as handle:
        return {row["status"] for row in csv.DictReader(handle)}


def _sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
