"""Manifests over the bundled sample for the batch tests, running one and reading its report."""

import csv
from pathlib import Path

from osgeo import gdal

from floodsr.engine.batch.run import BatchRequest, run_batch
from floodsr.engine.progress import Progress

from helpers.paths import SAMPLE


def write_manifest(folder: Path, rows, header="id,depth,dem,output,method,model") -> Path:
    """`rows`: tuples in the header's order; paths may be relative to `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "manifest.csv"
    path.write_text("\n".join([header] + [",".join(row) for row in rows]) + "\n", encoding="utf-8")
    return path


def sample_rows(out_folder: str, methods=("costgrow", "basic", "model")):
    depth, dem = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
    return [(f"scene_{method}", depth, dem, f"{out_folder}/{method}.tif", method, "") for method in methods]


def pixels(path) -> bytes:
    dataset = gdal.Open(str(path))  # held: a band outlives nothing of its dataset
    return dataset.GetRasterBand(1).ReadRaster()


def run_manifest(manifest, report, **options):
    """floodsr:batch's engine on `manifest`: (its result, the lines it logged)."""
    lines = []
    result = run_batch(BatchRequest(str(manifest), str(report), **options), Progress(log=lines.append))
    return result, lines


def report_rows(path):
    """(id, status, output, message) for each row of a batch report."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [(row["id"], row["status"], row["output"], row["message"]) for row in csv.DictReader(handle)]
