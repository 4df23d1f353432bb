"""`make bench`: the engine's speed and memory on large synthetic rasters, each figure beside its peer measured in
the same run, the server beside the engine on the same sample, and the plugin's load time.

Writes docs/benchmarks.md.

Every measurement runs in a fresh subprocess, so its peak resident memory (VmHWM) is its own. The machine may be
shared: the load average is recorded at the start and end of the run and of every measurement, and each row's ratio
compares two measurements of the same run.
Usage: .venv/bin/python tools/bench.py [--sizes 5120 10240] [--cases superresolve ...] [--no-server] [--batch]
  Rows (--cases), each with its peer:
  superresolve: a random-weight CNN as costly as a full-size network on a valley that floods in part, dry tiles
    skipped, against the reference pipeline (tests/helpers/reference_pipeline.py) on the same inputs and model;
  superresolve_every_tile: the same with every tile through the model (the reference's own work);
  superresolve_tenth_wet: the coarse depth wet in the bottom tenth of the rows only, against the same depth wet in
    every cell;
  sleeping_threads: every tile, onnxruntime's idle threads sleeping (the engine's setting), against them spinning
    (onnxruntime's default);
  bundled: the model shipped in resources/models, against the reference pipeline with that model;
  costgrow: floodsr:downscale's CostGrow (strip by strip), against CostGrow on whole arrays;
  subgrid_smooth, subgrid: against the same methods solved for every coarse cell over the whole grid
    (tests/helpers/subgrid_reference.py), as they were computed before.
  The server: POST /infer of the bundled sample, one request at a time and two at once, against the engine run on
  the same sample and model.
  batch: 16 scenes of 2560^2 with the bundled model through floodsr:batch's engine on 1 and 2 local workers and on
  the single-node Slurm cluster of tools/slurm/start.sh.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_MODEL = ROOT / "resources" / "models" / "floodsr_surface.onnx"  # the default model
WORK = ROOT / "build" / "bench"
REPORT = ROOT / "docs" / "benchmarks.md"
sys.path.insert(0, str(ROOT / "build" / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))

SCALE, FINE_CELL = 16, 2.0
X0, Y0 = 500000.0, 5000000.0
# Depth rasters over the same DEM: where the valley floods, wet in every cell, or that wet in the bottom tenth only.
VALLEY, ALL_WET, TENTH_WET = "valley", "all_wet", "tenth_wet"
# row -> (what is measured, its peer); each a measurement of MEASURES
ROWS = {
    "superresolve": ("superresolve", "reference"),
    "superresolve_every_tile": ("superresolve_every_tile", "reference"),
    "superresolve_tenth_wet": ("superresolve_tenth_wet", "superresolve_all_wet"),
    "sleeping_threads": ("superresolve_every_tile", "superresolve_spinning_threads"),
    "bundled": ("bundled", "subgrid_smooth"),
    "costgrow": ("costgrow", "costgrow_whole_array"),
    "subgrid_smooth": ("subgrid_smooth", "subgrid_smooth_whole_grid"),
    "subgrid": ("subgrid", "subgrid_whole_grid"),
}
SERVER_REQUESTS = 6
SERVER_MODEL = "FloodSR_small_16x"


def make_inputs(size: int, wet: str = VALLEY):
    """A rough synthetic valley of size x size 2 m cells, and a coarse (32 m) depth over it."""
    from osgeo import gdal

    gdal.UseExceptions()  # a standalone script: GDAL errors raise (GDAL 3.9+ warns until this is chosen)
    folder = WORK / f"inputs_{size}"
    dem_path, depth_path = folder / "dem.tif", folder / ("depth.tif" if wet == VALLEY else f"depth_{wet}.tif")
    if dem_path.exists() and depth_path.exists():
        return str(depth_path), str(dem_path)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(size)
    coarse = size // SCALE
    dem_coarse = np.add.outer(np.linspace(20, 0, coarse), np.abs(np.linspace(-8, 8, coarse)))
    dem_coarse += rng.normal(0, 0.5, dem_coarse.shape)
    depth = np.clip(6.0 - dem_coarse, 0, None).astype(np.float32)
    if wet != VALLEY:
        depth = np.maximum(depth, 0.1)
    if wet == TENTH_WET:
        depth[: coarse - coarse // 10] = 0.0
    options = ["TILED=YES", "COMPRESS=DEFLATE", "PREDICTOR=3", "BIGTIFF=IF_SAFER"]
    driver = gdal.GetDriverByName("GTiff")
    if not dem_path.exists():
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
    from helpers.onnx_models import random_cnn_model

    path = WORK / "bench_cnn_10gmac.onnx"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        random_cnn_model(path, seed=0, hidden=32, extra_layers=3)
    return str(path)


def measure(name: str, size: int, model: str) -> dict:
    """In this process: one measurement of MEASURES, its timings and the peak memory."""
    load_start = os.getloadavg()[0]
    started, cpu_started = time.perf_counter(), time.process_time()
    details = MEASURES[name](size, model, str(WORK / f"out_{name}_{size}.tif"))
    wall = time.perf_counter() - started
    return {
        "name": name,
        "size": size,
        "wall_s": wall,
        "cpu_s": time.process_time() - cpu_started,
        "peak_rss_mb": _peak_rss_mb(),
        "load": [load_start, os.getloadavg()[0]],
        **details,
    }


def _superresolve(model_of, wet=VALLEY, every_tile=False, spinning=False):
    def run(size: int, model: str, output: str) -> dict:
        from floodsr.engine.superresolution import session
        from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

        if spinning:
            session.INTRA_OP_SPINNING = "1"

        depth, dem = make_inputs(size, wet)
        result = superresolve(SuperResolveRequest(depth, dem, model_of(model), output, every_tile=every_tile))
        os.remove(output)
        return {
            "tiles": result.tiles,
            "dry_tiles": result.dry_tiles,
            "outside_session": 1.0 - result.session_seconds / result.seconds,
        }

    return run


def _reference(model_of):
    def run(size: int, model: str, output: str) -> dict:
        from osgeo import gdal

        from helpers.reference_pipeline import reference_superresolve

        depth, dem = make_inputs(size)
        reference_superresolve(gdal.Open(depth).ReadAsArray(), gdal.Open(dem).ReadAsArray(), model_of(model))
        return {}

    return run


def _downscale(method: str, previous: bool = False):
    def run(size: int, model: str, output: str) -> dict:
        from floodsr.engine.downscaling import run as downscaling
        from floodsr.engine.downscaling.run import DownscaleRequest, downscale

        if previous:
            _as_before(downscaling)
        depth, dem = make_inputs(size)
        downscale(DownscaleRequest(depth, dem, output, method=method))
        os.remove(output)
        return {}

    return run


def _as_before(downscaling) -> None:
    """floodsr:downscale as it computed before: CostGrow on whole arrays, the subgrid methods over the whole grid,
    the DEM read again for each window's halo and for the output's voids."""
    from helpers.subgrid_reference import reference_subgrid, reference_subgrid_smooth

    downscaling._streams_cost_grow = lambda request: False
    downscaling._dem_read_once = lambda area: area
    downscaling.subgrid_depth = reference_subgrid
    downscaling.subgrid_smooth_depth = reference_subgrid_smooth


def _bundled(model: str) -> str:
    return str(BUNDLED_MODEL)


def _same(model: str) -> str:
    return model


MEASURES = {
    "superresolve": _superresolve(_same),
    "superresolve_every_tile": _superresolve(_same, every_tile=True),
    "superresolve_tenth_wet": _superresolve(_same, TENTH_WET),
    "superresolve_all_wet": _superresolve(_same, ALL_WET),
    "superresolve_spinning_threads": _superresolve(_same, every_tile=True, spinning=True),
    "reference": _reference(_same),
    "bundled": _superresolve(_bundled),
    "costgrow": _downscale("costgrow"),
    "costgrow_whole_array": _downscale("costgrow", previous=True),
    "subgrid_smooth": _downscale("subgrid_smooth"),
    "subgrid_smooth_whole_grid": _downscale("subgrid_smooth", previous=True),
    "subgrid": _downscale("subgrid"),
    "subgrid_whole_grid": _downscale("subgrid", previous=True),
}


def run_measurement(name: str, size: int, model: str) -> dict:
    """One measurement in a fresh process; a failure is recorded with its last line instead of stopping the run."""
    make_inputs(size, {"superresolve_tenth_wet": TENTH_WET, "superresolve_all_wet": ALL_WET}.get(name, VALLEY))
    completed = subprocess.run(
        [sys.executable, __file__, "--one", name, str(size), model], capture_output=True, text=True
    )
    if completed.returncode != 0:
        last = (completed.stderr.strip().splitlines() or ["exit " + str(completed.returncode)])[-1]
        return {"name": name, "size": size, "failed": last[:300]}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_server(repeats: int = SERVER_REQUESTS) -> dict:
    """POST /infer of the sample with SERVER_MODEL (capacity 2, one thread a job), one request at a time and then
    two at once, beside the engine run in this process on the same sample, model and threads."""
    from floodsr.engine.models.registry import load_registry

    from helpers.server_process import engine_output, running_server, upload

    model = next(model for model in load_registry(None) if model.name == SERVER_MODEL)
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="floodsr-bench-") as folder:
        engine = []
        for index in range(repeats):
            started = time.perf_counter()
            engine_output(model.local_path(None), model.name, Path(folder) / f"engine{index}.tif")
            engine.append(time.perf_counter() - started)
        files = upload()
        with running_server(
            Path(folder) / "server", model=model.name, max_jobs=2, queue_size=2, threads_per_job=1
        ) as server:
            server.wait_ready()

            def request() -> float:
                started = time.perf_counter()
                answer = server.post("/infer", files=files)
                assert answer.status_code == 200, (answer.status_code, answer.text[:300])
                return time.perf_counter() - started

            one_at_a_time = [request() for _ in range(repeats)]
            started = time.perf_counter()
            with ThreadPoolExecutor(2) as clients:
                list(clients.map(lambda _: request(), range(2 * repeats)))
            two_at_once_per_minute = 2 * repeats / (time.perf_counter() - started) * 60
    return {
        "model": model.name,
        "engine_s": statistics.median(engine),
        "latency_s": statistics.median(one_at_a_time),
        "server_per_minute": two_at_once_per_minute,
        "load": [load_start, os.getloadavg()[0]],
        "requests": repeats,
    }


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
    from helpers.load_probe import probe_provider_load

    return sorted(probe_provider_load()["seconds"] * 1000 for _ in range(repeats))


def machine() -> str:
    """The date and time (UTC) and this machine, as each measurement in docs/benchmarks.md is introduced."""
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
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPU cores ({cpu}), "
        f"{memory_gib:.0f} GiB RAM, Python {platform.python_version()}, onnxruntime CPU execution provider."
    )


def _load(pair) -> str:
    return f"{pair[0]:.1f} -> {pair[1]:.1f}"


def _row(label: str, measured: dict, peer: dict) -> str:
    if "failed" in measured or "failed" in peer:
        failed = measured if "failed" in measured else peer
        return f"| {label} | {measured['size']}^2 | failed ({failed['name']}: {failed['failed']}) |" + " |" * 9
    notes = []
    if "tiles" in measured:
        notes.append(f"{measured['dry_tiles']} of {measured['tiles']} tiles dry")
        notes.append(f"{measured['outside_session']:.1%} of wall time outside session.run")
    return (
        f"| {label} | {measured['size']}^2 | {measured['wall_s']:.1f} "
        f"| {measured['size'] ** 2 / 1e6 / measured['wall_s']:.2f} | {measured['cpu_s']:.1f} "
        f"| {measured['peak_rss_mb']:.0f} | {peer['name']}: {peer['wall_s']:.1f} s, {peer['cpu_s']:.1f} s CPU, "
        f"{peer['peak_rss_mb']:.0f} MB | **{measured['wall_s'] / peer['wall_s']:.2f}x** "
        f"| {measured['cpu_s'] / peer['cpu_s']:.2f}x | {measured['peak_rss_mb'] / peer['peak_rss_mb']:.2f}x "
        f"| {_load(measured['load'])}; {_load(peer['load'])} | {'; '.join(notes) or '-'} |"
    )


def write_report(rows, server, load_ms, run_load):
    lines = [
        "# Benchmarks",
        "",
        f"{machine()} `make bench` (tools/bench.py) regenerates this file; every figure below comes from that one run.",
        f"Load average (1 min) of the machine: {_load(run_load)} from the start of the run to its end.",
        "",
        "Inputs: a synthetic 2 m DEM of N x N cells and a 32 m depth raster over it (no resampling needed), wet where"
        " the valley floods unless the row says otherwise. `superresolve` uses a random-weight CNN "
        "(`bench_cnn_10gmac.onnx`: 32 channels, five 3x3 convolutions at full resolution, about 10 GMAC per tile) "
        "standing in for a network the size of ResUNet_16x_DEM; its peer is the whole-array reference pipeline "
        "(tests/helpers/reference_pipeline.py, every tile through the same model). `bundled` runs the default model "
        "shipped "
        "with the plugin (a contract the reference pipeline does not take); its peer is `subgrid_smooth`, the "
        "model-free estimate it starts from and falls back to."
        " `costgrow` is compared with CostGrow on whole arrays, `subgrid_smooth` and `subgrid` with the same methods "
        "solved for every coarse cell over the whole grid (tests/helpers/subgrid_reference.py), as floodsr:downscale "
        "computed"
        " them before. Each measurement is a fresh process, niced: peak RSS is its whole-process high-water mark. The"
        " ratios compare a measurement with its peer measured minutes apart in the same run; the machine may be "
        "shared, so the load average at the start and end of each measurement is given, and the CPU time (all of "
        "the process's threads) beside the wall time: on a loaded machine it says more than the wall time.",
        "",
        "| row | output pixels | wall (s) | output Mpix/s | CPU (s) | peak RSS (MB) | peer | wall vs peer "
        "| CPU vs peer | memory vs peer | load (row; peer) | notes |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [_row(label, measured, peer) for label, measured, peer in rows]
    if server:
        lines += [
            "",
            f"Serving (POST /infer of the bundled sample, 31 x 31 cells of 32 m over 496 x 496 cells of 2 m, with "
            f"{server['model']}; a server of capacity 2, one thread a job) beside the engine run in-process on the "
            f"same sample, model and thread count; medians of {server['requests']} (load {_load(server['load'])}):",
            "",
            "| measure | engine | server | server vs engine |",
            "|---|---|---|---|",
            f"| one run / one request at a time (s) | {server['engine_s']:.2f} | {server['latency_s']:.2f} "
            f"| {server['latency_s'] / server['engine_s']:.2f}x |",
            f"| runs / requests per minute (server: two at once) | {60 / server['engine_s']:.1f} "
            f"| {server['server_per_minute']:.1f} | {server['server_per_minute'] * server['engine_s'] / 60:.2f}x |",
        ]
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
        f"Measured in the same run. {BATCH_ITEMS} scenes of {BATCH_SIZE}^2 output "
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
    parser.add_argument("--sizes", type=int, nargs="+", default=[5120, 10240])
    parser.add_argument("--cases", nargs="*", default=list(ROWS), choices=list(ROWS))
    parser.add_argument("--model", default=None, help="ONNX model for superresolve (default: the bench CNN)")
    parser.add_argument("--no-server", action="store_true", help="leave out the server beside the engine")
    parser.add_argument("--batch", action="store_true", help="also run the batch benchmark (starts Slurm)")
    parser.add_argument("--one", nargs=3, metavar=("MEASUREMENT", "SIZE", "MODEL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]), args.one[2])))
        return
    run_load = [os.getloadavg()[0]]
    model = args.model or bench_model()
    if args.batch:
        write_batch_section(bench_batch())
    measured, rows = {}, []
    for size in args.sizes:
        for case in args.cases:
            for name in ROWS[case]:
                if (name, size) not in measured:
                    measured[name, size] = run_measurement(name, size, model)
                    print(json.dumps(measured[name, size]), flush=True)
            rows.append((case, *(measured[name, size] for name in ROWS[case])))
    server = None if args.no_server else bench_server()
    print(json.dumps(server), flush=True)
    load_ms = provider_load_ms()
    run_load.append(os.getloadavg()[0])
    write_report(rows, server, load_ms, run_load)
    print(f"Wrote {REPORT}")


if __name__ == "__main__":
    main()
