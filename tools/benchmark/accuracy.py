"""The accuracy benchmark: every downscaling method and every model on the held-out simulated floods.

Each held-out flood (tools/floodgen/generate.py) is scored on two coarse inputs of the same event:
  coarse run: the 32 m itzi run on the block-mean DEM (what a user's coarse hydraulic model gives);
  block mean: the 2 m truth averaged onto 32 m cells (flatters every method: no coarse-model error).
Flat water levels on every real DEM in the repository (tests/data/real), shallow to deep, are scored as a third
set: their block mean is an exact input, and the truth is the level itself.
Every estimate is made and scored by the plugin's own algorithms (floodsr:downscale, floodsr:superresolve,
floodsr:evaluate), except bilinear, which is GDAL's bilinear resampling of the coarse depth. Each model is run as
users get it (its default output, with the guard that gives subgrid_smooth where the model is outside its
training range) and, when it has a training range, raw ("NAME raw"). subgrid_smooth_spread is subgrid_smooth
after spreading each coarse cell's water over its neighbours (a mass-conserving Gaussian of 0.6 coarse cells):
the fixed smoothing a learned correction must beat on coarse-run inputs.
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
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build" / "plugins"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from floodsr.engine.options import DOWNSCALE_METHODS  # noqa: E402

SCALE, CELL, CRS_EPSG, X0, Y0 = 16, 2.0, 32633, 500000.0, 5000000.0
INPUTS = {"coarse_run": "32 m itzi run of the same event", "block_mean": "block mean of the 2 m truth"}
FLAT = "flat_level"
SPREAD_SIGMA_CELLS = 0.6
REAL = ROOT / "tests" / "data" / "real"
# Flat levels on the real DEMs: (name, file, level as a percentile of the ground, metres added to it)
FLAT_LEVELS = [
    (dem, path, percentile, above)
    for dem, path in (
        ("slovenia", "slovenia_arso_1m_TM1_564_146/TM1_564_146.tif"),
        ("alexandria", "alexandria_va_usgs_2m/dtm.tif"),
        ("merewether", "merewether_anuga_1m/topography1.asc"),
    )
    for percentile, above in ((5, 0.05), (40, 0.0), (85, 0.0))
]
WET_THRESHOLDS = {"CSI_1CM": 0.01, "CSI_5CM": 0.05}
MAX_TILE_CELLS = 32  # coarse cells per side of the scored window (512 fine cells)
BEGIN, END = "<!-- accuracy:begin -->", "<!-- accuracy:end -->"
DEEP_WATER_M = 5.0  # floods at least this deep in the scored window get a table of their own
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


def spread(depth):
    """Each coarse cell's water spread over its neighbours by a Gaussian, the total kept: every cell gives its
    water out in the kernel's shares of the cells inside the raster."""
    from scipy import ndimage

    reach = ndimage.gaussian_filter(np.ones_like(depth, np.float64), SPREAD_SIGMA_CELLS, mode="constant")
    return ndimage.gaussian_filter(depth / reach, SPREAD_SIGMA_CELLS, mode="constant").astype(np.float32)


def estimates(folder: Path, depth_path: str, dem_path: str, models: dict):
    """{method: fine depth raster} for bilinear, every floodsr:downscale method, the spread subgrid_smooth and
    every model, as its default output and (with a training range) raw."""
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
    spread_path = str(folder / "depth_spread.tif")
    spread_raster = gdal.GetDriverByName("GTiff").CreateCopy(spread_path, gdal.Open(depth_path))
    spread_raster.GetRasterBand(1).WriteArray(spread(read(depth_path)))
    spread_raster = None  # written on close
    outputs["subgrid_smooth_spread"] = processing.run(
        "floodsr:downscale",
        {"INPUT_DEPTH": spread_path, "INPUT_DEM": dem_path, "OUTPUT": str(folder / "subgrid_smooth_spread.tif")},
    )["OUTPUT"]
    for name, model in models.items():
        parameters = {"INPUT_DEPTH": depth_path, "INPUT_DEM": dem_path, "MODEL_FILE": model}
        outputs[name] = processing.run("floodsr:superresolve", {**parameters, "OUTPUT": str(folder / f"{name}.tif")})[
            "OUTPUT"
        ]
        if Path(model).with_suffix(".applicability.json").is_file():
            outputs[f"{name} raw"] = processing.run(
                "floodsr:superresolve", {**parameters, "RAW_MODEL": True, "OUTPUT": str(folder / f"{name}_raw.tif")}
            )["OUTPUT"]
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


def flat_level_cases(out: Path, models: dict) -> dict:
    """Flat water levels on the real DEMs (at most 32 x 32 coarse cells of each, 2 m cells), scored like floods."""
    from osgeo import gdal

    cases = {}
    for name, path, percentile, above in FLAT_LEVELS:
        dataset = gdal.Open(str(REAL / path))
        band = dataset.GetRasterBand(1)
        ground = band.ReadAsArray().astype(np.float64)
        ground = np.where(ground == band.GetNoDataValue(), np.nan, ground)
        ground = ground[tuple(slice(0, min(extent, 512) // SCALE * SCALE) for extent in ground.shape)]
        ground = np.where(np.isnan(ground), np.nanmax(ground) + 10.0, ground)  # voids as dry high ground
        level = float(np.percentile(ground, percentile)) + above
        truth = np.maximum(level - ground, 0.0).astype(np.float32)
        folder = out / f"flat_{name}_{percentile}"
        folder.mkdir(parents=True, exist_ok=True)
        dem_path = write(folder / "dem_2m.tif", ground, CELL)
        truth_path = write(folder / "truth_2m.tif", truth, CELL)
        truth_volume = float(truth.sum(dtype=np.float64))
        depth_path = write(folder / "depth_32m.tif", block_mean(truth), CELL * SCALE)
        event = f"flat level at the {percentile}th percentile of the ground, to {truth.max():.1f} m deep"
        cases[f"flat_{name}_{percentile}"] = {
            "family": name,
            "event": event,
            "size": list(truth.shape),
            "inputs": {
                FLAT: {
                    "input_volume_ratio": 1.0,
                    "scores": {
                        method: score(estimate, truth_path, truth_volume)
                        for method, estimate in estimates(folder, depth_path, dem_path, models).items()
                    },
                }
            },
        }
        print(
            name,
            percentile,
            json.dumps(
                {
                    m: round(v["RMSE"], 4)
                    for m, v in cases[f"flat_{name}_{percentile}"]["inputs"][FLAT]["scores"].items()
                }
            ),
            flush=True,
        )
    return cases


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
        case = {
            "family": meta["family"],
            "event": meta["event"],
            "size": list(truth.shape),
            "max_depth_m": float(truth.max()),
            "inputs": {},
        }
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


def against_smooth_table(cases: dict) -> str:
    """Per method and coarse input: on how many floods its RMSE is more than 2 % below, within 2 % of, or more than
    2 % above subgrid_smooth's; means are led by the deepest floods, this counts every flood alike."""
    kinds = list(INPUTS)
    methods = next(iter(cases.values()))["inputs"][kinds[0]]["scores"]
    lines = [
        "| method | " + " | ".join(f"{kind.replace('_', ' ')}: better / within 2 % / worse" for kind in kinds) + " |",
        "|---|" + "---|" * len(kinds),
    ]
    for method in sorted(methods):
        counts = []
        for kind in kinds:
            ratios = [
                case["inputs"][kind]["scores"][method]["RMSE"]
                / max(case["inputs"][kind]["scores"]["subgrid_smooth"]["RMSE"], 1e-9)
                for case in cases.values()
            ]
            better, worse = sum(r < 0.98 for r in ratios), sum(r > 1.02 for r in ratios)
            counts.append(f"{better} / {len(ratios) - better - worse} / {worse}")
        lines.append(f"| {method} | " + " | ".join(counts) + " |")
    return "\n".join(lines)


def best_by(kind_means: dict, key: str, lowest: bool = True) -> str:
    method = (min if lowest else max)(kind_means, key=lambda name: kind_means[name][key])
    return f"{method} ({kind_means[method][key]:.4g})"


def verdict(mean_scores: dict, models: list, cases: dict, flats: dict) -> str:
    """Plain sentences: the best method per score, and each model against the targets it was built for."""
    run, block = mean_scores["coarse_run"], mean_scores["block_mean"]
    lines = [
        f"Best on coarse-run inputs: MAE {best_by(run, 'MAE')}, RMSE {best_by(run, 'RMSE')}, CSI 5 cm "
        f"{best_by(run, 'CSI_5CM', lowest=False)}. On block-mean inputs: MAE {best_by(block, 'MAE')}, RMSE "
        f"{best_by(block, 'RMSE')}, CSI 5 cm {best_by(block, 'CSI_5CM', lowest=False)}."
    ]
    baselines = [name for name in BASELINES + ("subgrid_smooth_spread",) if name in run]
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
        lines += targets(model, cases, run, flats)
        if smooth:
            ours, theirs = block[model], block[smooth]
            lines.append(
                f"{model} against {smooth} on block-mean inputs: MAE {ours['MAE']:.4f} vs {theirs['MAE']:.4f} m, "
                f"RMSE {ours['RMSE']:.4f} vs {theirs['RMSE']:.4f} m, CSI 5 cm {ours['CSI_5CM']:.3f} vs "
                f"{theirs['CSI_5CM']:.3f}."
            )
    return " ".join(lines)


def targets(model: str, cases: dict, run: dict, flats: dict) -> list:
    """Whether a model's default output meets what it is built for: on coarse-run inputs a mean MAE and RMSE at
    least 10 % below subgrid_smooth's, on no flood (either input) an RMSE more than 2 % above subgrid_smooth's,
    and every flat level back within 1 mm RMSE."""
    smooth = "subgrid_smooth"
    if smooth not in run:
        return []
    missed = [
        f"mean {key} on coarse-run inputs not 10 % below {smooth}'s"
        for key in ("MAE", "RMSE")
        if run[model][key] > 0.9 * run[smooth][key]
    ]
    worse = [
        f"{name} ({kind})"
        for name, case in cases.items()
        for kind, result in case["inputs"].items()
        if result["scores"][model]["RMSE"] > 1.02 * result["scores"][smooth]["RMSE"]
    ]
    if worse:
        missed.append(f"RMSE more than 2 % above {smooth}'s on {', '.join(worse)}")
    inexact = [name for name, case in flats.items() if case["inputs"][FLAT]["scores"][model]["RMSE"] > 0.001]
    if inexact:
        missed.append(f"flat levels not within 1 mm on {', '.join(inexact)}")
    return [f"{model} targets: {'met' if not missed else 'missed: ' + '; '.join(missed)}."]


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


@dataclass(frozen=True)
class Scored:
    """What a benchmark run scored: the held-out floods, the flat levels, the mean scores over the floods, the time
    the scoring took (s) and the models scored."""

    cases: dict
    flats: dict
    mean_scores: dict
    seconds: float
    models: list


def summary(scored: Scored, per_flood: bool) -> str:
    cases, flats, mean_scores, seconds = scored.cases, scored.flats, scored.mean_scores, scored.seconds
    families = ", ".join(sorted({case["family"] for case in cases.values()}))
    parts = [
        f"`make accuracy` on {machine()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: scoring took "
        f"{seconds / 60:.1f} min (the simulations in build/floods are made once and reused); {len(cases)} held-out "
        f"floods on terrains no model here was trained on ({families}; the urban terrains are towns drawn by the "
        "generator of the training towns, each a different terrain). Truth: itzi at 2 m. Scores from "
        "`floodsr:evaluate`; mean over floods, sorted by RMSE; volume ratio = estimate volume / truth volume."
    ]
    for kind, label in INPUTS.items():
        parts.append(f"**Coarse input: {label}.**\n\n{mean_table(mean_scores[kind])}")
    parts.append(
        "**Flood by flood against subgrid_smooth (RMSE; the means above are led by the deepest floods).**\n\n"
        + against_smooth_table(cases)
    )
    deep = {name: case for name, case in cases.items() if case["max_depth_m"] >= DEEP_WATER_M}
    if deep:
        deep_label = f"Deep water: the {len(deep)} held-out floods {DEEP_WATER_M:.0f} m deep or more, coarse input"
        parts.append(f"**{deep_label}: {INPUTS['coarse_run']}.**\n\n{mean_table(means(deep)['coarse_run'])}")
    else:
        parts.append(f"No held-out flood reached {DEEP_WATER_M:.0f} m in its scored window.")
    flat_label = f"Flat water levels on the real DEMs in the repository ({len(flats)} cases; block mean: exact input)"
    parts.append(f"**{flat_label}.**\n\n{mean_table(means(flats)[FLAT])}")
    parts.append(verdict(mean_scores, scored.models, cases, flats))
    if per_flood:
        for kind, label in INPUTS.items():
            table = case_table(cases, kind)
            parts.append(f"<details><summary>Per flood, coarse input: {label}</summary>\n\n{table}\n\n</details>")
        parts.append(f"<details><summary>Per case: {flat_label}</summary>\n\n{case_table(flats, FLAT)}\n\n</details>")
    return "\n\n".join(parts)


def replace_between_markers(path: Path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    if BEGIN not in content or END not in content:
        raise SystemExit(f"{path} has no {BEGIN} ... {END} block to fill")
    head, rest = content.split(BEGIN, 1)
    path.write_text(f"{head}{BEGIN}\n{text}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")


def default_model() -> dict:
    """{name: file} of the model every entry point runs when none is named, resolved as they resolve it."""
    from floodsr.engine.scene import resolve_model

    model = resolve_model("", ROOT / "build" / "model-cache")  # only user-added models would live there
    return {model.name: str(model.path)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("floods", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--model", action="append", default=[], help="NAME=FILE.onnx, scored with the bundled models")
    parser.add_argument("--no-write", action="store_true", help="only OUT/scores.json, README and card untouched")
    args = parser.parse_args()
    models = {**default_model(), **dict(item.split("=", 1) for item in args.model)}
    started = time.time()
    _app, _plugin = start_qgis()
    cases = benchmark(args.floods, args.out, models)
    if not cases:
        raise SystemExit(f"no held-out flood with a coarse run in {args.floods}: run tools/floodgen/generate.py")
    flats = flat_level_cases(args.out, models)
    mean_scores = means(cases)
    seconds = time.time() - started
    (args.out / "scores.json").write_text(
        json.dumps({"cases": cases, "flat_levels": flats, "mean": mean_scores, "seconds": seconds}, indent=1)
    )
    names = [name for case in cases.values() for name in next(iter(case["inputs"].values()))["scores"]]
    models_scored = [name for name in dict.fromkeys(names) if name.split(" ")[0] in models]
    scored = Scored(cases, flats, mean_scores, seconds, models_scored)
    if not args.no_write:
        replace_between_markers(ROOT / "README.md", summary(scored, per_flood=False))
        replace_between_markers(ROOT / "resources" / "models" / "MODEL_CARD.md", summary(scored, per_flood=True))
    print(summary(scored, per_flood=False), flush=True)
    os._exit(0)  # skip PyQGIS teardown, which can crash at interpreter exit


if __name__ == "__main__":
    main()
