"""Simulate the training and test floods: real and synthetic 2 m terrains, inflow and rain events, with itzi.

Each case is saved as an .npz (dem, depth = running maximum, metadata) in the output folder.
Whole terrains are split between training and testing, never tiles of one terrain:
  train: synthetic valley, leveed floodplain and hillslope terrains; the Slovenian 1 m LiDAR tile on 2 m cells
  test:  synthetic urban terrains; the Alexandria (USA) and Merewether (Australia) real DEMs.
Usage (solver venv):
  .venv-floodgen/bin/python tools/floodgen/generate.py OUT_DIR [--cases N] [--seed S] [--worker I --workers K]
Two single-threaded workers (OMP_NUM_THREADS=1) simulate more per hour on two cores than one two-threaded run.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import rasterio

sys.path.insert(0, str(Path(__file__).resolve().parent))
from solver import simulate_max_depth
from terrain import CELL, FAMILIES

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real"
DOMAIN = 576  # 512 + a 32-cell buffer on every side, cut off before training
BUFFER = 32
TRAIN_FAMILIES = ("valley", "leveed_floodplain", "hillslope", "slovenia")
TEST_FAMILIES = ("urban", "alexandria", "merewether")
# Case i simulates FAMILY_CYCLE[i % 12]: two thirds training, one third testing, balanced wherever the run stops.
FAMILY_CYCLE = (
    "valley",
    "urban",
    "leveed_floodplain",
    "slovenia",
    "alexandria",
    "hillslope",
    "valley",
    "leveed_floodplain",
    "merewether",
    "slovenia",
    "hillslope",
    "urban",
)


def real_terrain(name):
    """Real DEMs on 2 m cells, NaN voids filled with the minimum (walls would dam the flood)."""
    if name == "slovenia":
        with rasterio.open(REAL / "slovenia_arso_1m_TM1_564_146" / "TM1_564_146.tif") as source:
            return source.read(1).astype(np.float64)  # 1 m data laid on 2 m cells: real shapes, gentler slopes
    if name == "alexandria":
        with rasterio.open(REAL / "alexandria_va_usgs_2m" / "dtm.tif") as source:
            dem = source.read(1, masked=True).astype(np.float64)
        return dem.filled(float(dem.min()))
    if name == "merewether":
        with rasterio.open(REAL / "merewether_anuga_1m" / "topography1.asc") as source:
            dem = source.read(1, masked=True).astype(np.float64)
        return dem.filled(float(dem.min()))
    raise ValueError(name)


def terrain(rng, family):
    if family in FAMILIES:
        return FAMILIES[family](rng, DOMAIN)
    dem = real_terrain(family)
    if dem.shape[0] > DOMAIN and dem.shape[1] > DOMAIN:
        row, col = rng.integers(0, dem.shape[0] - DOMAIN + 1), rng.integers(0, dem.shape[1] - DOMAIN + 1)
        dem = dem[row : row + DOMAIN, col : col + DOMAIN]
    return dem


def event(rng, dem, family):
    """Random inflow (where the lowest north-edge cell is) or rain; returns solver keyword arguments."""
    seconds = int(rng.choice([1200, 1800, 2400]))
    rain = family in ("hillslope", "urban") and rng.random() < 0.6 or rng.random() < 0.15
    if rain:
        return dict(seconds=seconds, rain_mm_per_h=float(rng.uniform(30, 90)), outfalls="NSWE"), "rain"
    quarter = dem.shape[1] // 4  # the middle half of the north edge: far from the outfalls on the sides
    entry = int(np.argmin(dem[1, quarter:-quarter])) + quarter
    source = np.zeros(dem.shape, bool)
    source[1:6, max(entry - 2, 0) : entry + 3] = True
    peak = float(rng.uniform(8, 60)) * (dem.size / DOMAIN**2)
    ramp = float(rng.uniform(300, 1200))
    return dict(
        seconds=seconds, inflow=lambda t: peak * min(t / ramp, 1.0), source=source, outfalls="SWE"
    ), f"inflow {peak:.0f} m3/s"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=int, default=48)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--worker", type=int, default=0, help="this worker takes cases worker, worker + workers, ...")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.worker, args.cases, args.workers):
        family = FAMILY_CYCLE[index % len(FAMILY_CYCLE)]
        target = args.out / f"case_{index:03d}_{family}.npz"
        if target.exists():
            continue
        rng = np.random.default_rng([args.seed, index])
        dem = terrain(rng, family)
        options, description = event(rng, dem, family)
        started = time.time()
        depth = simulate_max_depth(dem, CELL, **options)
        split = "train" if family in TRAIN_FAMILIES else "test"
        meta = dict(
            family=family,
            split=split,
            event=description,
            seconds=options["seconds"],
            wall_s=round(time.time() - started, 1),
            wet=float(np.mean(depth > 0.05)),
            max=float(depth.max()),
        )
        np.savez_compressed(target, dem=dem.astype(np.float32), depth=depth, meta=json.dumps(meta))
        print(json.dumps({"case": target.name, **meta}), flush=True)


if __name__ == "__main__":
    main()
