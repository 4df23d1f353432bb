"""`make demo`: super-resolve the bundled sample with the bundled model through qgis_process.

Says where the result is.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from osgeo import gdal

gdal.UseExceptions()  # a standalone script: GDAL errors raise (GDAL 3.9+ warns until this is chosen)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample"
OUTPUT_DIR = ROOT / "build" / "demo"


def qgis_process_run(algorithm: str, parameters: dict) -> dict:
    arguments = [f"{key}={value}" for key, value in parameters.items()]
    completed = subprocess.run(
        [str(ROOT / "tools" / "qgis-process"), "--json", "run", algorithm, "--", *arguments],
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        sys.exit(f"qgis_process {algorithm} failed:\n{completed.stderr[-2000:]}{completed.stdout[-2000:]}")
    return json.loads(completed.stdout)["results"]


def summary(path: Path) -> str:
    dataset = gdal.Open(str(path))
    band = dataset.GetRasterBand(1)
    values = band.ReadAsArray()
    valid = values != band.GetNoDataValue()
    return (
        f"{dataset.RasterXSize} x {dataset.RasterYSize} cells of {dataset.GetGeoTransform()[1]:g} m, "
        f"max depth {values[valid].max():.2f} m, wet fraction {np.mean(values[valid] > 0):.1%}"
    )


def main():
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    output = OUTPUT_DIR / "flood_depth_2m.tif"
    started = time.perf_counter()
    run = qgis_process_run(
        "floodsr:superresolve",
        {"INPUT_DEPTH": SAMPLE / "depth_32m.tif", "INPUT_DEM": SAMPLE / "dem_2m.tif", "OUTPUT": output},
    )
    seconds = time.perf_counter() - started
    scores = qgis_process_run(
        "floodsr:evaluate",
        {"ESTIMATE": output, "TRUTH": SAMPLE / "depth_2m_truth.tif", "OUTPUT_HTML": OUTPUT_DIR / "evaluation.html"},
    )
    print(f"Output: {output}")
    print(
        f"  {summary(output)}; {run['TILES']} tile(s) on {run['DEVICE_USED']}, {run['SECONDS']:.1f} s "
        f"({seconds:.1f} s with qgis_process start-up)"
    )
    print(
        f"  against the simulated 2 m truth: MAE {scores['MAE']:.3f} m, RMSE {scores['RMSE']:.3f} m, CSI "
        f"{scores['CSI']:.3f} (report: {OUTPUT_DIR / 'evaluation.html'})"
    )


if __name__ == "__main__":
    main()
