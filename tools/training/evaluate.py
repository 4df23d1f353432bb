"""Score the bundled model and every classic method on the held-out floods, all through floodsr:evaluate.

Usage (main venv): .venv/bin/python tools/training/evaluate.py FLOODS_DIR MODEL.onnx OUT_DIR
Writes OUT_DIR/<case>/*.tif, OUT_DIR/scores.json and OUT_DIR/scores.md (mean over held-out cases).
"""

import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build" / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from data import SCALE, coarsen, load_cases  # noqa: E402

from floodsr.engine.options import DOWNSCALE_METHODS  # noqa: E402

CRS_EPSG, X0, Y0, CELL = 32633, 500000.0, 5000000.0, 2.0
SCORES = ("MAE", "RMSE", "CSI", "BIAS", "HIT_RATE", "FALSE_ALARM_RATIO", "SSIM")


def start_qgis():
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(QgsApplication.pkgDataPath() + "/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    import floodsr

    plugin = floodsr.classFactory(None)
    plugin.initProcessing()
    return app, plugin


def interior(dem, depth):
    """The largest centred window whose sides are whole coarse cells (and 512 for the big synthetic domains)."""
    rows, cols = (min(size // SCALE * SCALE, 512) for size in dem.shape)
    row0, col0 = (dem.shape[0] - rows) // 2, (dem.shape[1] - cols) // 2
    window = np.s_[row0 : row0 + rows, col0 : col0 + cols]
    return dem[window].astype(np.float32), depth[window].astype(np.float32)


def write(path, values, cell):
    from osgeo import gdal, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(CRS_EPSG)
    dataset = gdal.GetDriverByName("GTiff").Create(
        str(path), values.shape[1], values.shape[0], 1, gdal.GDT_Float32, options=["COMPRESS=DEFLATE"]
    )
    dataset.SetGeoTransform((X0, cell, 0, Y0, 0, -cell))
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(values)
    dataset = None
    return str(path)


def estimates(folder: Path, depth_path: str, dem_path: str, model: str):
    import processing
    from osgeo import gdal

    outputs = {
        "FloodSR-small": processing.run(
            "floodsr:superresolve",
            {
                "INPUT_DEPTH": depth_path,
                "INPUT_DEM": dem_path,
                "MODEL_FILE": model,
                "OUTPUT": str(folder / "floodsr_small.tif"),
            },
        )["OUTPUT"]
    }
    dem = gdal.Open(dem_path)
    outputs["bilinear"] = str(folder / "bilinear.tif")
    gdal.Warp(outputs["bilinear"], depth_path, width=dem.RasterXSize, height=dem.RasterYSize, resampleAlg="bilinear")
    for index, method in enumerate(DOWNSCALE_METHODS):
        outputs[method] = processing.run(
            "floodsr:downscale",
            {
                "INPUT_DEPTH": depth_path,
                "INPUT_DEM": dem_path,
                "METHOD": index,
                "OUTPUT": str(folder / f"{method}.tif"),
            },
        )["OUTPUT"]
    return outputs


def main(floods: Path, model: str, out: Path):
    from osgeo import gdal

    gdal.UseExceptions()  # a standalone script: GDAL errors raise (GDAL 3.9+ warns until this is chosen)
    _app, _plugin = start_qgis()
    import processing

    per_case = {}
    for name, dem, depth, meta in load_cases(floods, "test"):
        dem, truth = interior(dem, depth)
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        dem_path = write(folder / "dem_2m.tif", dem, CELL)
        truth_path = write(folder / "truth_2m.tif", truth, CELL)
        depth_path = write(folder / "depth_32m.tif", coarsen(truth).astype(np.float32), CELL * SCALE)
        per_case[name] = {"family": meta["family"], "event": meta["event"], "size": list(truth.shape), "scores": {}}
        for method, estimate in estimates(folder, depth_path, dem_path, model).items():
            result = processing.run("floodsr:evaluate", {"ESTIMATE": estimate, "TRUTH": truth_path})
            per_case[name]["scores"][method] = {key: result[key] for key in SCORES}
        print(name, json.dumps({m: round(s["RMSE"], 4) for m, s in per_case[name]["scores"].items()}), flush=True)
    methods = list(next(iter(per_case.values()))["scores"])
    means = {
        method: {key: float(np.nanmean([case["scores"][method][key] for case in per_case.values()])) for key in SCORES}
        for method in methods
    }
    (out / "scores.json").write_text(json.dumps({"cases": per_case, "mean": means}, indent=1))
    lines = [
        "| method | MAE (m) | RMSE (m) | CSI | bias (m) | hit rate | false alarm ratio | SSIM |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for method in methods:
        values = means[method]
        lines.append(
            f"| {method} | {values['MAE']:.4f} | {values['RMSE']:.4f} | {values['CSI']:.3f} | {values['BIAS']:+.4f} | "
            f"{values['HIT_RATE']:.3f} | {values['FALSE_ALARM_RATIO']:.3f} | {values['SSIM']:.3f} |"
        )
    (out / "scores.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    os._exit(0)  # skip PyQGIS teardown, which can crash at interpreter exit


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
