"""The accuracy benchmark: every downscaling method and every model on the held-out simulated floods.

Each held-out flood (tools/floodgen/generate.py) is scored on two coarse inputs of the same event:
  coarse run: the 32 m itzi run on the block-mean DEM (what a user's coarse hydraulic model gives);
  block mean: the 2 m truth averaged onto 32 m cells (flatters every method: no coarse-model error).
Every estimate is made and scored by the plugin's own algorithms (floodsr:downscale, floodsr:superresolve,
floodsr:evaluate), except bilinear, which is GDAL's bilinear resampling of the coarse depth.
Scores: MAE and RMSE (m), CSI with wet at 1 cm and at 5 cm, and the volume ratio (estimate / truth).

Usage (main venv): .venv/bin/python tools/benchmark/accuracy.py FLOODS_DIR OUT_DIR [--model NAME=FILE.onnx ...]
It scores the bundled models and any given with --model. Writes OUT_DIR/scores.json and the tables between the
accuracy markers of README.md and resources/models/MODEL_CARD.md.
"""

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build" / "plugins"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from floodsr.engine.options import DOWNSCALE_METHODS  # noqa: E402

SCALE, CELL, CRS_EPSG, X0, Y0 = 16, 2.0, 32633, 500000.0, 5000000.0
INPUTS = {"coarse_run": "32 m itzi run of the same event", "block_mean": "block mean of the 2 m truth"}
WET_THRESHOLDS = {"CSI_1CM": 0.01, "CSI_5CM": 0.05}
MAX_TILE_CELLS = 32  # coarse cells per side of the scored window (512 fine cells)
BEGIN, END = "<!-- accuracy:begin -->", "<!-- accuracy:end -->"
# What every model is measured against: floodsr:downscale's subgrid_smooth (or, before it is among its methods,
# the untrained FloodSR-subgrid network, which returns that estimate per 512 tile), and bilinear.
BASELINES = ("subgrid_smooth", "subgrid_smooth_per_tile", "bilinear")


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


def held_out_cases(folder: Path):
    for path in sorted(Path(folder).glob("case_*.npz")):
        with np.load(path) as record:
            meta = json.loads(str(record["meta"]))
            if meta["split"] == "test" and "coarse_depth" in record:
                yield path.stem, record["dem"], record["depth"], record["coarse_depth"], meta


def window(fine_shape, coarse_shape):
    """Coarse-cell-aligned centred window (at most 32 x 32 coarse cells), as (fine slice, coarse slice)."""
    spans = []
    for fine, coarse in zip(fine_shape, coarse_shape):
        cells = min(fine // SCALE, coarse, MAX_TILE_CELLS)
        start = (min(fine // SCALE, coarse) - cells) // 2
        spans.append((start, cells))
    fine = tuple(slice(start * SCALE, (start + cells) * SCALE) for start, cells in spans)
    coarse = tuple(slice(start, start + cells) for start, cells in spans)
    return fine, coarse


def block_mean(fine):
    rows, cols = fine.shape[0] // SCALE, fine.shape[1] // SCALE
    return fine.reshape(rows, SCALE, cols, SCALE).mean(axis=(1, 3), dtype=np.float64).astype(np.float32)


def write(path: Path, values, cell):
    from osgeo import gdal, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(CRS_EPSG)
    dataset = gdal.GetDriverByName("GTiff").Create(
        str(path), values.shape[1], values.shape[0], 1, gdal.GDT_Float32, options=["COMPRESS=DEFLATE"]
    )
    dataset.SetGeoTransform((X0, cell, 0, Y0, 0, -cell))
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(values.astype(np.float32))
    dataset = None
    return str(path)


def read(path):
    from osgeo import gdal

    dataset = gdal.Open(str(path))  # the band is only valid while its dataset is referenced
    band = dataset.GetRasterBand(1)
    values = band.ReadAsArray().astype(np.float64)
    nodata = band.GetNoDataValue()
    return np.where(values == nodata, 0.0, values) if nodata is not None else values


def estimates(folder: Path, depth_path: str, dem_path: str, models: dict):
    """{method: fine depth raster} for bilinear, every floodsr:downscale method and every model."""
    import processing
    from osgeo import gdal

    dem = gdal.Open(dem_path)
    outputs = {"bilinear": str(folder / "bilinear.tif")}
    gdal.Warp(outputs["bilinear"], depth_path, width=dem.RasterXSize, height=dem.RasterYSize, resampleAlg="bilinear")
    for method in DOWNSCALE_METHODS:
        parameters = {"INPUT_DEPTH": depth_path, "INPUT_DEM": dem_path, "METHOD": method}
        outputs[method] = processing.run("floodsr:downscale", {**parameters, "OUTPUT": str(folder / f"{method}.tif")})[
            "OUTPUT"
        ]
    for name, model in models.items():
        parameters = {"INPUT_DEPTH": depth_path, "INPUT_DEM": dem_path, "MODEL_FILE": model}
        outputs[name] = processing.run("floodsr:superresolve", {**parameters, "OUTPUT": str(folder / f"{name}.tif")})[
            "OUTPUT"
        ]
    return outputs


def score(estimate: str, truth_path: str, truth_volume: float) -> dict:
    import processing

    scores = {}
    for key, threshold in WET_THRESHOLDS.items():
        result = processing.run(
            "floodsr:evaluate", {"ESTIMATE": estimate, "TRUTH": truth_path, "WET_THRESHOLD": threshold}
        )
        scores.update(MAE=result["MAE"], RMSE=result["RMSE"], **{key: result["CSI"]})
    # floodsr:evaluate reports the volume ratio once it has it; until then it is summed here.
    scores["VOLUME_RATIO"] = result.get("VOLUME_RATIO") or float(read(estimate).sum() / truth_volume)
    return scores


def benchmark(floods: Path, out: Path, models: dict) -> dict:
    cases = {}
    for name, dem, depth, coarse_depth, meta in held_out_cases(floods):
        fine, coarse = window(dem.shape, coarse_depth.shape)
        truth = depth[fine].astype(np.float32)
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        dem_path = write(folder / "dem_2m.tif", dem[fine], CELL)
        truth_path = write(folder / "truth_2m.tif", truth, CELL)
        truth_volume = float(truth.sum(dtype=np.float64))
        coarse_inputs = {"coarse_run": coarse_depth[coarse], "block_mean": block_mean(truth)}
        case = {"family": meta["family"], "event": meta["event"], "size": list(truth.shape), "inputs": {}}
        for kind, values in coarse_inputs.items():
            (folder / kind).mkdir(exist_ok=True)
            depth_path = write(folder / kind / "depth_32m.tif", values, CELL * SCALE)
            case["inputs"][kind] = {
                "input_volume_ratio": float(values.sum(dtype=np.float64) * SCALE * SCALE / truth_volume),
                "scores": {
                    method: score(estimate, truth_path, truth_volume)
                    for method, estimate in estimates(folder / kind, depth_path, dem_path, models).items()
                },
            }
        cases[name] = case
        print(
            name,
            json.dumps({k: round(v["scores"]["bilinear"]["RMSE"], 4) for k, v in case["inputs"].items()}),
            flush=True,
        )
    return cases


def means(cases: dict) -> dict:
    first = next(iter(cases.values()))["inputs"]
    return {
        kind: {
            method: {
                key: float(np.mean([case["inputs"][kind]["scores"][method][key] for case in cases.values()]))
                for key in scores
            }
            for method, scores in first[kind]["scores"].items()
        }
        for kind in first
    }


def mean_table(kind_means: dict) -> str:
    lines = ["| method | MAE (m) | RMSE (m) | CSI 1 cm | CSI 5 cm | volume ratio |", "|---|---|---|---|---|---|"]
    for method, v in sorted(kind_means.items(), key=lambda item: item[1]["RMSE"]):
        lines.append(
            f"| {method} | {v['MAE']:.4f} | {v['RMSE']:.4f} | {v['CSI_1CM']:.3f} | {v['CSI_5CM']:.3f} | "
            f"{v['VOLUME_RATIO']:.3f} |"
        )
    return "\n".join(lines)


def case_table(cases: dict, kind: str) -> str:
    lines = [
        "| flood | input volume ratio | method | MAE (m) | RMSE (m) | CSI 1 cm | CSI 5 cm | volume ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, case in cases.items():
        result = case["inputs"][kind]
        label = f"{name.split('_')[1]} {case['family']}, {case['event']} ({case['size'][1]} x {case['size'][0]})"
        for method, v in sorted(result["scores"].items(), key=lambda item: item[1]["RMSE"]):
            lines.append(
                f"| {label} | {result['input_volume_ratio']:.3f} | {method} | {v['MAE']:.4f} | {v['RMSE']:.4f} | "
                f"{v['CSI_1CM']:.3f} | {v['CSI_5CM']:.3f} | {v['VOLUME_RATIO']:.3f} |"
            )
            label = ""
    return "\n".join(lines)


def best_by(kind_means: dict, key: str, lowest: bool = True) -> str:
    method = (min if lowest else max)(kind_means, key=lambda name: kind_means[name][key])
    return f"{method} ({kind_means[method][key]:.4g})"


def verdict(mean_scores: dict, models: list) -> str:
    """Plain sentences: the best method per score, and each model against the targets it was built for."""
    run, block = mean_scores["coarse_run"], mean_scores["block_mean"]
    lines = [
        f"Best on coarse-run inputs: MAE {best_by(run, 'MAE')}, RMSE {best_by(run, 'RMSE')}, CSI 5 cm "
        f"{best_by(run, 'CSI_5CM', lowest=False)}. On block-mean inputs: MAE {best_by(block, 'MAE')}, RMSE "
        f"{best_by(block, 'RMSE')}, CSI 5 cm {best_by(block, 'CSI_5CM', lowest=False)}."
    ]
    baselines = [name for name in BASELINES if name in run]
    smooth = next((name for name in BASELINES[:2] if name in block), None)
    for model in (name for name in models if name not in BASELINES):
        ours = run[model]
        for baseline in baselines:
            theirs = run[baseline]
            beaten = [key for key in ("MAE", "RMSE") if ours[key] < theirs[key]] + (
                ["CSI 5 cm"] if ours["CSI_5CM"] > theirs["CSI_5CM"] else []
            )
            lines.append(
                f"{model} against {baseline} on coarse-run inputs: MAE {ours['MAE']:.4f} vs {theirs['MAE']:.4f} m, "
                f"RMSE {ours['RMSE']:.4f} vs {theirs['RMSE']:.4f} m, CSI 5 cm {ours['CSI_5CM']:.4f} vs "
                f"{theirs['CSI_5CM']:.4f}: better on {', '.join(beaten) or 'none of the three'}."
            )
        lines += targets(model, run, block, smooth)
        if smooth:
            ours, theirs = block[model], block[smooth]
            lines.append(
                f"{model} against {smooth} on block-mean inputs: MAE {ours['MAE']:.4f} vs {theirs['MAE']:.4f} m, "
                f"RMSE {ours['RMSE']:.4f} vs {theirs['RMSE']:.4f} m, CSI 5 cm {ours['CSI_5CM']:.3f} vs "
                f"{theirs['CSI_5CM']:.3f}."
            )
    return " ".join(lines)


def targets(model: str, run: dict, block: dict, smooth) -> list:
    """Whether a model meets what it is built for: on coarse-run inputs lower MAE and RMSE than the smoothed
    subgrid estimate and bilinear, and a higher CSI at 5 cm; on block-mean inputs no worse than the smoothed one."""
    if not smooth or "bilinear" not in run:
        return []
    missed = [
        f"{key} on coarse-run inputs against {baseline}"
        for baseline in (smooth, "bilinear")
        for key, worse in (
            ("MAE", run[model]["MAE"] >= run[baseline]["MAE"]),
            ("RMSE", run[model]["RMSE"] >= run[baseline]["RMSE"]),
            ("CSI 5 cm", run[model]["CSI_5CM"] <= run[baseline]["CSI_5CM"]),
        )
        if worse
    ] + [
        f"{key} on block-mean inputs against {smooth}"
        for key in ("MAE", "RMSE")
        if block[model][key] > block[smooth][key]
    ]
    return [f"{model} targets: {'met' if not missed else 'missed on ' + '; '.join(missed)}."]


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _cpu_info() if line.startswith("model name")), platform.machine()
    )
    return f"{platform.node() or 'this machine'} ({cpu}, {os.cpu_count()} CPU cores, {platform.system()})"


def _cpu_info():
    try:
        return Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:  # not Linux
        return []


def summary(cases: dict, mean_scores: dict, seconds: float, per_flood: bool, models: list) -> str:
    families = ", ".join(sorted({case["family"] for case in cases.values()}))
    parts = [
        f"`make accuracy` on {machine()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: scoring took "
        f"{seconds / 60:.1f} min (the simulations in build/floods are made once and reused); {len(cases)} held-out "
        f"floods on terrains no model here was trained on ({families}). Truth: itzi at 2 m. Scores from "
        "`floodsr:evaluate`; mean over floods, sorted by RMSE; volume ratio = estimate volume / truth volume."
    ]
    for kind, label in INPUTS.items():
        parts.append(f"**Coarse input: {label}.**\n\n{mean_table(mean_scores[kind])}")
    parts.append(verdict(mean_scores, models))
    if per_flood:
        for kind, label in INPUTS.items():
            table = case_table(cases, kind)
            parts.append(f"<details><summary>Per flood, coarse input: {label}</summary>\n\n{table}\n\n</details>")
    return "\n\n".join(parts)


def replace_between_markers(path: Path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    if BEGIN not in content or END not in content:
        raise SystemExit(f"{path} has no {BEGIN} ... {END} block to fill")
    head, rest = content.split(BEGIN, 1)
    path.write_text(f"{head}{BEGIN}\n{text}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")


def bundled_models() -> dict:
    registry = json.loads((ROOT / "resources" / "models.json").read_text(encoding="utf-8"))
    files = {entry["name"]: ROOT / "resources" / "models" / entry["file_name"] for entry in registry["models"]}
    return {name: str(path) for name, path in files.items() if path.is_file()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("floods", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--model", action="append", default=[], help="NAME=FILE.onnx, scored with the bundled models")
    parser.add_argument("--no-write", action="store_true", help="only OUT/scores.json, README and card untouched")
    args = parser.parse_args()
    models = {**bundled_models(), **dict(item.split("=", 1) for item in args.model)}
    started = time.time()
    _app, _plugin = start_qgis()
    cases = benchmark(args.floods, args.out, models)
    if not cases:
        raise SystemExit(f"no held-out flood with a coarse run in {args.floods}: run tools/floodgen/generate.py")
    mean_scores = means(cases)
    seconds = time.time() - started
    (args.out / "scores.json").write_text(
        json.dumps({"cases": cases, "mean": mean_scores, "seconds": seconds}, indent=1)
    )
    if not args.no_write:
        replace_between_markers(ROOT / "README.md", summary(cases, mean_scores, seconds, False, list(models)))
        replace_between_markers(
            ROOT / "resources" / "models" / "MODEL_CARD.md", summary(cases, mean_scores, seconds, True, list(models))
        )
    print(summary(cases, mean_scores, seconds, False, list(models)), flush=True)
    os._exit(0)  # skip PyQGIS teardown, which can crash at interpreter exit


if __name__ == "__main__":
    main()
