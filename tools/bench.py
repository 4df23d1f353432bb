"""`make bench`: engine speed and memory on large synthetic rasters, and the plugin's load time.

Writes docs/benchmarks.md.

Every case runs in a fresh subprocess, so its peak resident memory (VmHWM) is its own.
Usage: .venv/bin/python tools/bench.py [--sizes 2560 5120 10240] [--cases superresolve bundled costgrow subgrid_smooth]
    [--batch]
  superresolve: a random-weight CNN as costly as a full-size network; bundled: the model shipped in resources/models;
  any floodsr:downscale method by its name.
  batch: 16 scenes of 2560^2 with the bundled model through floodsr:batch's engine on 1 and 2 local workers and on
  the single-node Slurm cluster of tools/slurm/start.sh.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_MODEL = ROOT / "resources" / "models" / "floodsr_surface.onnx"  # the default model
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


BATCH_ITEMS, BATCH_SIZE = 16, 2560
BATCH_HEADING, NOTES_HEADING = "## Batches", "## Notes"


def bench_batch() -> list:
    """Items per minute and the peak RSS of any one worker process, for each way of running the batch."""
    from floodsr.engine.batch import slurm
    from floodsr.engine.batch.resources import SlurmResources
    from floodsr.engine.batch.run import BatchRequest, run_batch

    depth, dem = make_inputs(BATCH_SIZE)
    folder = WORK / "batch"
    manifest = folder / "manifest.csv"
    rows = [f"scene{index:02d},{depth},{dem},out/scene{index:02d}.tif,model," for index in range(BATCH_ITEMS)]
    subprocess.run(["bash", str(ROOT / "tools" / "slurm" / "start.sh")], check=True)
    slurm.POLL_SECONDS = 0.5
    runs = [
        ("local, 1 worker", dict(workers=1)),
        ("local, 2 workers", dict(workers=2)),
        ("Slurm, 2 tasks of 1 CPU", dict(executor="slurm", slurm=SlurmResources(cpus_per_task=1, memory="4G"))),
    ]
    results = []
    for label, options in runs:
        (folder / "out").mkdir(parents=True, exist_ok=True)
        manifest.write_text("\n".join(["id,depth,dem,output,method,model"] + rows) + "\n")
        with WorkerMemory() as memory:
            started = time.perf_counter()
            result = run_batch(BatchRequest(str(manifest), str(folder / "report.csv"), overwrite=True, **options))
            wall = time.perf_counter() - started
        assert all(item.status == "done" for item in result.results), result.results
        results.append(
            {
                "run": label,
                "wall_s": wall,
                "items_per_min": BATCH_ITEMS / wall * 60,
                "peak_rss_mb": memory.peak_mb,
                "load": os.getloadavg()[1],  # the machine is shared: other work slows a niced benchmark
            }
        )
        print(json.dumps(results[-1]), flush=True)
    return results


class WorkerMemory:
    """Samples every batch worker on the machine (local children or Slurm tasks) for its resident memory, and
    renices them: Slurm starts its tasks at normal priority, and the machine is shared."""

    def __init__(self):
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self):
        import psutil

        while not self._stop.wait(0.2):
            for process in psutil.process_iter(["cmdline"]):
                if not any(part.endswith("engine.batch.worker") for part in process.info["cmdline"] or []):
                    continue
                try:
                    if process.nice() < 10:
                        process.nice(10)
                    self.peak_mb = max(self.peak_mb, process.memory_info().rss / 2**20)
                except psutil.Error:
                    continue


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
    rest = existing[existing.index(BATCH_HEADING) :] if BATCH_HEADING in existing else NOTES_HEADING + "\n"
    REPORT.write_text("\n".join(lines) + "\n\n" + rest)


def write_batch_section(batch_results):
    """The batch table in its own section, between the single-scene tables and the notes."""
    lines = [
        BATCH_HEADING,
        f"Measured {date.today().isoformat()} on the same machine. {BATCH_ITEMS} scenes of {BATCH_SIZE}^2 output "
        "cells with the bundled model, every item in its own worker process (threads per item: cores / workers "
        "locally, CPUs per task on Slurm). Slurm is the single-node cluster of tools/slurm/start.sh on this machine. "
        "Peak RSS is the largest resident memory seen in any one worker (sampled every 0.2 s).",
        "",
        "| run | wall (s) | items per minute | peak RSS per worker (MB) | load average (5 min) at the end |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['run']} | {r['wall_s']:.1f} | {r['items_per_min']:.1f} | {r['peak_rss_mb']:.0f} | {r['load']:.1f} |"
        for r in batch_results
    ]
    existing = REPORT.read_text()
    head = existing.split(BATCH_HEADING, 1)[0] if BATCH_HEADING in existing else existing.split(NOTES_HEADING, 1)[0]
    notes = existing[existing.index(NOTES_HEADING) :] if NOTES_HEADING in existing else NOTES_HEADING + "\n"
    REPORT.write_text(head.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n\n" + notes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2560, 5120, 10240])
    parser.add_argument("--cases", nargs="*", default=["superresolve", "bundled", "costgrow", "subgrid_smooth"])
    parser.add_argument("--model", default=None, help="ONNX model for superresolve (default: the bench CNN)")
    parser.add_argument("--batch", action="store_true", help="also run the batch benchmark (starts Slurm)")
    parser.add_argument("--one", nargs=3, metavar=("CASE", "SIZE", "MODEL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_case(args.one[0], int(args.one[1]), args.one[2])))
        return
    model = args.model or bench_model()
    results = []
    if args.batch:
        write_batch_section(bench_batch())
    for case in args.cases:
        for size in args.sizes:
            make_inputs(size)
            completed = subprocess.run(
                [sys.executable, __file__, "--one", case, str(size), model], capture_output=True, text=True, check=True
            )
            results.append(json.loads(completed.stdout.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), flush=True)
    if args.cases:
        write_report(results, provider_load_ms())
    print(f"Wrote {REPORT}")


if __name__ == "__main__":
    main()
