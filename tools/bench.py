"""`make bench`: engine speed and memory on large synthetic rasters, and the plugin's load time.

Writes docs/benchmarks.md.

Every case runs in a fresh subprocess, so its peak resident memory (VmHWM) is its own.
Usage: .venv/bin/python tools/bench.py [--sizes 2560 5120 10240] [--cases superresolve bundled costgrow subgrid_smooth]
  superresolve: a random-weight CNN as costly as a full-size network; bundled: the model shipped in resources/models;
  any floodsr:downscale method by its name.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_MODEL = ROOT / "resources" / "models" / "floodsr_small.onnx"
WORK = ROOT / "build" / "bench"
REPORT = ROOT / "docs" / "benchmarks.md"
sys.path.insert(0, str(ROOT / "build" / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))
from floodsr.engine.options import DOWNSCALE_METHODS  # noqa: E402

SCALE, FINE_CELL = 16, 2.0
X0, Y0 = 500000.0, 5000000.0


def make_inputs(size: int):
    """A rough synthetic valley of size x size 2 m cells, and a coarse (32 m) depth over it."""
    from osgeo import gdal

    gdal.UseExceptions()  # a standalone script: GDAL errors raise (GDAL 3.9+ warns until this is chosen)
    folder = WORK / f"inputs_{size}"
    dem_path, depth_path = folder / "dem.tif", folder / "depth.tif"
    if dem_path.exists() and depth_path.exists():
        return str(depth_path), str(dem_path)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(size)
    coarse = size // SCALE
    dem_coarse = np.add.outer(np.linspace(20, 0, coarse), np.abs(np.linspace(-8, 8, coarse)))
    dem_coarse += rng.normal(0, 0.5, dem_coarse.shape)
    depth = np.clip(6.0 - dem_coarse, 0, None).astype(np.float32)
    options = ["TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=3", "BIGTIFF=IF_SAFER"]
    driver = gdal.GetDriverByName("GTiff")
    dem = driver.Create(str(dem_path), size, size, 1, gdal.GDT_Float32, options=options)
    dem.SetGeoTransform((X0, FINE_CELL, 0, Y0, 0, -FINE_CELL))
    dem.SetProjection(_utm_wkt())
    for row0 in range(0, size, 512):  # written in bands: the generator must not need the memory it measures
        rows = np.repeat(dem_coarse[row0 // SCALE : (row0 + 512) // SCALE], SCALE, axis=0)
        band = np.repeat(rows, SCALE, axis=1) + rng.normal(0, 0.2, (len(rows), size))
        dem.GetRasterBand(1).WriteArray(band.astype(np.float32), 0, row0)
    dem = None
    lr = driver.Create(str(depth_path), coarse, coarse, 1, gdal.GDT_Float32, options=options)
    lr.SetGeoTransform((X0, FINE_CELL * SCALE, 0, Y0, 0, -FINE_CELL * SCALE))
    lr.SetProjection(_utm_wkt())
    lr.GetRasterBand(1).WriteArray(depth)
    lr = None
    return str(depth_path), str(dem_path)


def _utm_wkt():
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    return srs.ExportToWkt()


def bench_model() -> str:
    """A random-weight CNN standing in for a real network: 32 channels, five 3x3 convolutions at full resolution
    (about 10 GMAC per 512 x 512 tile, the order of a 12 M-parameter ResUNet)."""
    from onnx_models import random_cnn_model

    path = WORK / "bench_cnn_10gmac.onnx"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        random_cnn_model(path, seed=0, hidden=32, extra_layers=3)
    return str(path)


def run_case(case: str, size: int, model: str) -> dict:
    """In this process: one run, then timings and the peak memory."""
    depth, dem = make_inputs(size)
    output = str(WORK / f"out_{case}_{size}.tif")
    started = time.perf_counter()
    if case in DOWNSCALE_METHODS:
        from floodsr.engine.downscaling.run import DownscaleRequest, downscale

        downscale(DownscaleRequest(depth, dem, output, method=case))
        tiles, session_seconds, device = 0, 0.0, "-"
    else:
        from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

        model = str(BUNDLED_MODEL) if case == "bundled" else model
        result = superresolve(SuperResolveRequest(depth, dem, model, output))
        tiles, session_seconds, device = result.tiles, result.session_seconds, result.device_used
    wall = time.perf_counter() - started
    os.remove(output)
    return {
        "case": case,
        "size": size,
        "model": "-" if case in DOWNSCALE_METHODS else Path(model).name,
        "wall_s": wall,
        "mpix_per_s": size * size / 1e6 / wall,
        "peak_rss_mb": _peak_rss_mb(),
        "tiles": tiles,
        "session_share": session_seconds / wall,
        "device": device,
    }


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def provider_load_ms(repeats: int = 5) -> list:
    """classFactory + initProcessing in a fresh interpreter, as QGIS does at start-up; each run in ms."""
    from load_probe import probe_provider_load

    return sorted(probe_provider_load()["seconds"] * 1000 for _ in range(repeats))


def machine() -> str:
    """Today's date and this machine, as each measurement in docs/benchmarks.md is introduced."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"Measured {date.today().isoformat()} on {os.cpu_count()} CPU cores ({cpu}), {memory_gib:.0f} GiB RAM, "
        f"Python {platform.python_version()}, onnxruntime CPU execution provider."
    )


def write_report(results, load_ms):
    lines = [
        "# Benchmarks",
        "",
        f"{machine()} `make bench` (tools/bench.py) regenerates this file.",
        "",
        "Inputs: a synthetic 2 m DEM of N x N cells and a 32 m depth raster over it (no resampling needed). "
        "`superresolve` uses a random-weight CNN (`bench_cnn_10gmac.onnx`: 32 channels, five 3x3 convolutions at full "
        "resolution, about 10 GMAC per tile) standing in for a network the size of ResUNet_16x_DEM; `bundled` runs the "
        "model shipped with the plugin; `costgrow` is the classic downscaler (its coarse water surface from the "
        "volume-conserving level) and `subgrid_smooth` the default of floodsr:downscale. Each row is a fresh process: "
        "peak RSS is that run's whole-process high-water mark.",
        "",
        "| case | output pixels | model | wall (s) | output Mpix/s | peak RSS (MB) | tiles | time in session.run |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        share = f"{r['session_share']:.1%}" if r["tiles"] else "-"
        lines.append(
            f"| {r['case']} | {r['size']}^2 | {r['model']} | {r['wall_s']:.1f} | {r['mpix_per_s']:.2f} | "
            f"{r['peak_rss_mb']:.0f} | {r['tiles'] or '-'} | {share} |"
        )
    lines += [
        "",
        f"Loading the provider (`classFactory` + `initProcessing` in a fresh interpreter, as QGIS starts): "
        f"median {load_ms[len(load_ms) // 2]:.0f} ms over {len(load_ms)} runs "
        f"({', '.join(f'{ms:.0f}' for ms in load_ms)} ms); onnxruntime is not imported until an algorithm runs.",
    ]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    existing = REPORT.read_text() if REPORT.exists() else ""
    notes = existing.split("\n## Notes", 1)[1] if "\n## Notes" in existing else "\n"
    REPORT.write_text("\n".join(lines) + "\n\n## Notes" + notes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2560, 5120, 10240])
    parser.add_argument("--cases", nargs="+", default=["superresolve", "bundled", "costgrow", "subgrid_smooth"])
    parser.add_argument("--model", default=None, help="ONNX model for superresolve (default: the bench CNN)")
    parser.add_argument("--one", nargs=3, metavar=("CASE", "SIZE", "MODEL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_case(args.one[0], int(args.one[1]), args.one[2])))
        return
    model = args.model or bench_model()
    results = []
    for case in args.cases:
        for size in args.sizes:
            make_inputs(size)
            completed = subprocess.run(
                [sys.executable, __file__, "--one", case, str(size), model], capture_output=True, text=True, check=True
            )
            results.append(json.loads(completed.stdout.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), flush=True)
    write_report(results, provider_load_ms())
    print(f"Wrote {REPORT}")


if __name__ == "__main__":
    main()
