"""Simulate the training and test floods: real and synthetic 2 m terrains, inflow and rain events, with itzi.

Every event is simulated twice: the 2 m truth, and a 32 m run of the same event on the block-mean DEM (the
same rain, outfall edges and duration; the inflow's m3/s enters the coarse cells that hold the fine source),
which is what a user's coarse hydraulic model gives. Each case is saved as an .npz in the output folder:
dem (2 m), depth (2 m running maximum), coarse_depth (32 m running maximum; its cell (0, 0) covers fine cells
[0:16, 0:16]) and metadata. A case file without coarse_depth (made before the coarse runs existed) gets its
coarse run added; its 2 m run, which is deterministic, is kept.
Whole terrains are split between training and testing, never tiles of one terrain:
  train: synthetic valley, leveed floodplain, hillslope and town terrains; the Slovenian 1 m LiDAR tile on 2 m cells
  test:  synthetic urban terrains (towns of the same generator, each a different random terrain); the Alexandria
         (USA) and Merewether (Australia) real DEMs.
Held-out and training cases are simulated in turn, so that an interrupted run has some of both.
Usage (solver venv):
  .venv-floodgen/bin/python tools/floodgen/generate.py OUT_DIR [--cases N] [--seed S] [--worker I --workers K]
Two single-threaded workers (OMP_NUM_THREADS=1) simulate more per hour on two cores than one two-threaded run.
"""

import argparse
import itertools
import json
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import rasterio

sys.path.insert(0, str(Path(__file__).resolve().parent))
from solver import FloodEvent, coarsen, simulate_max_depth
from terrain import CELL, FAMILIES

REAL = Path(__file__).resolve().parents[2] / "tests" / "data" / "real"  # the real DEMs kept in the repository
DOMAIN = 576  # held-out floods: 512 + a 32-cell buffer on every side, cut off before scoring
TRAINING_DOMAIN = 320  # training floods: 256 + the buffer, a third of the solver time of a 576 domain
BUFFER = 32
SCALE = 16  # 2 m -> 32 m coarse runs
TRAIN_FAMILIES = ("valley", "leveed_floodplain", "hillslope", "slovenia", "town")
TEST_FAMILIES = ("urban", "alexandria", "merewether")
# Case i simulates FAMILY_CYCLE[i % 12]: two thirds training, one third testing, balanced wherever the run stops.
FAMILY_CYCLE = (
    "valley",
    "urban",
    "leveed_floodplain",
    "slovenia",
    "alexandria",
    "hillslope",
    "town",
    "leveed_floodplain",
    "merewether",
    "slovenia",
    "town",
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


def domain_size(family):
    return TRAINING_DOMAIN if family in TRAIN_FAMILIES else DOMAIN


def terrain(rng, family):
    size = domain_size(family)
    if family in FAMILIES:
        return FAMILIES[family](rng, size)
    dem = real_terrain(family)
    if dem.shape[0] > size and dem.shape[1] > size:
        row, col = rng.integers(0, dem.shape[0] - size + 1), rng.integers(0, dem.shape[1] - size + 1)
        dem = dem[row : row + size, col : col + size]
    return dem


@dataclass(frozen=True)
class InflowKind:
    """An inflow event's name, the range its peak discharge is drawn from (m3/s on a held-out domain) and the edges
    where the water leaves."""

    name: str
    peak_range: tuple
    outfalls: str


RIVER_FLOOD = InflowKind("river flood", (150, 500), "S")
INFLOW = InflowKind("inflow", (8, 60), "SWE")


def event(rng, dem, family):
    """Random inflow (where the lowest north-edge cell is), river flood or rain: the solver's FloodEvent and a
    description.

    One event in three is a river flood: a discharge ten times larger, leaving only by the south edge, so that
    valleys and low ground fill metres deep (the deep water users meet, which shallow events never show).
    """
    seconds = int(rng.choice([1200, 1800, 2400]))
    if rng.random() < 1 / 3:
        return inflow_event(rng, dem, seconds, RIVER_FLOOD)
    rain = family in ("hillslope", "urban", "town") and rng.random() < 0.6 or rng.random() < 0.15
    if rain:
        return FloodEvent(seconds, rain_mm_per_h=float(rng.uniform(30, 90)), outfalls="NSWE"), "rain"
    return inflow_event(rng, dem, seconds, INFLOW)


def inflow_event(rng, dem, seconds, kind: InflowKind):
    """A discharge ramped up over 5 to 20 minutes into the lowest cells of the middle of the north edge."""
    quarter = dem.shape[1] // 4  # the middle half of the north edge: far from the outfalls on the sides
    entry = int(np.argmin(dem[1, quarter:-quarter])) + quarter
    source = np.zeros(dem.shape, bool)
    source[1:6, max(entry - 2, 0) : entry + 3] = True
    peak = float(rng.uniform(*kind.peak_range)) * (dem.size / DOMAIN**2)  # the same discharge per unit area everywhere
    ramp = float(rng.uniform(300, 1200))
    return FloodEvent(
        seconds, inflow=lambda t: peak * min(t / ramp, 1.0), source=source, outfalls=kind.outfalls
    ), f"{kind.name} {peak:.0f} m3/s"


def coarse_event(fine: FloodEvent) -> FloodEvent:
    """The same event on the 32 m grid: the inflow's source becomes the coarse cells holding fine source cells."""
    if fine.source is None:
        return fine
    rows, cols = fine.source.shape[0] // SCALE, fine.source.shape[1] // SCALE
    blocks = fine.source[: rows * SCALE, : cols * SCALE].reshape(rows, SCALE, cols, SCALE)
    return replace(fine, source=blocks.any(axis=(1, 3)))


def simulate_case(rng, family):
    """(dem, 2 m depth, 32 m depth, metadata) of one random event on one terrain of `family`."""
    dem = terrain(rng, family)
    flood, description = event(rng, dem, family)
    started = time.time()
    depth = simulate_max_depth(dem, CELL, flood)
    fine_seconds = time.time() - started
    coarse_depth, coarse_seconds = simulate_coarse(dem, flood)
    meta = dict(
        family=family,
        split="train" if family in TRAIN_FAMILIES else "test",
        event=description,
        seconds=flood.seconds,
        wall_s=round(fine_seconds, 1),
        coarse_wall_s=coarse_seconds,
        wet=float(np.mean(depth > 0.05)),
        max=float(depth.max()),
    )
    return dem, depth, coarse_depth, meta


def simulate_coarse(dem, flood: FloodEvent):
    """32 m running maximum depth of the event on the block-mean DEM, and its wall time (s)."""
    started = time.time()
    depth = simulate_max_depth(coarsen(dem, SCALE), CELL * SCALE, coarse_event(flood))
    return depth, round(time.time() - started, 1)


def case_order(cases, training_cases=None):
    """Held-out and (the first `training_cases`) training cases in turn, each in index order: wherever a run
    stops, it has both a benchmark and something to train on."""
    held_out = [i for i in range(cases) if FAMILY_CYCLE[i % len(FAMILY_CYCLE)] in TEST_FAMILIES]
    training = [i for i in range(cases) if i not in held_out][:training_cases]
    order = [case for pair in itertools.zip_longest(held_out, training) for case in pair]
    return [case for case in order if case is not None]


def save(target, dem, depth, coarse_depth, meta):
    partial = target.with_name(target.name + ".partial")  # a killed run leaves no half-written case behind
    with partial.open("wb") as stream:
        np.savez_compressed(
            stream, dem=dem.astype(np.float32), depth=depth, coarse_depth=coarse_depth, meta=json.dumps(meta)
        )
    partial.replace(target)
    print(json.dumps({"case": target.name, **meta}), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=int, default=48)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--training-cases", type=int, help="simulate only the first N training cases of the cycle")
    parser.add_argument("--worker", type=int, default=0, help="this worker takes every workers-th case of the order")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for index in case_order(args.cases, args.training_cases)[args.worker :: args.workers]:
        family = FAMILY_CYCLE[index % len(FAMILY_CYCLE)]
        target = args.out / f"case_{index:03d}_{family}.npz"
        rng = np.random.default_rng([args.seed, index])
        if not target.exists():
            save(target, *simulate_case(rng, family))
            continue
        with np.load(target) as record:
            if "coarse_depth" in record:
                continue
            depth, meta = record["depth"], json.loads(str(record["meta"]))
        # Terrain and event are redrawn from the case's own seed, exactly as when its 2 m run was made.
        dem = terrain(rng, family)
        coarse_depth, meta["coarse_wall_s"] = simulate_coarse(dem, event(rng, dem, family)[0])
        save(target, dem, depth, coarse_depth, meta)


if __name__ == "__main__":
    main()
