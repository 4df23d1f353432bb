"""Simulate the ARR Project 15 Merewether flood with itzi: the 2 m truth and a 16 m coarse run of the same event.

The event is the benchmark's own (tests/data/real/merewether_anuga_1m/README.md): a constant 19.7 m3/s into a
10 m circle at (382265, 6354280) for 1000 s, Manning's n 0.02 on the road polygon and 0.04 elsewhere, the 60
building footprints raised 3 m as obstacles, water leaving freely by the north and east edges (the benchmark's
transmissive edges) and walls on the south and west, over the model boundary of extent.csv (the DEM's extent).
- 2 m run: the 1 m DEM averaged onto 2 m cells (voids filled from the nearest cell), houses raised on the cells
  whose centre they hold, n per cell from the road polygon.
- 16 m run: what a coarse hydraulic model of the street gives: the bare ground averaged onto 16 m cells (a
  building cannot be an obstacle on cells that size), n averaged likewise, the inflow into the cells that hold
  the 2 m source cells.
Both write their running maximum depth as compressed GeoTIFFs (EPSG:32756, aligned with the 1 m DEM's corner)
into tests/data/simulated/merewether/, with a README giving the event, the solver and its version, the settings,
the run times and the 2 m truth's water levels at the five observation points against the observed ones.
Usage (solver venv, `make merewether-flood`):
  OMP_NUM_THREADS=1 nice -n 10 .venv-floodgen/bin/python tools/floodgen/merewether.py [OUT_DIR]
"""

import argparse
import csv
import json
import sys
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np
import rasterio
from rasterio.features import rasterize
from rasterio.transform import Affine
from scipy import ndimage

sys.path.insert(0, str(Path(__file__).resolve().parent))
from solver import FloodEvent, simulate_max_depth

ROOT = Path(__file__).resolve().parents[2]
BENCHMARK = ROOT / "tests" / "data" / "real" / "merewether_anuga_1m"
OUT = ROOT / "tests" / "data" / "simulated" / "merewether"
CRS = "EPSG:32756"  # what GDAL reads from topography1.prj
FINE, COARSE = 2, 8  # DEM cells per truth cell (1 m -> 2 m), truth cells per coarse cell (2 m -> 16 m)
SECONDS = 1000
INFLOW_M3_S, INFLOW_CENTRE, INFLOW_RADIUS_M = 19.7, (382265.0, 6354280.0), 10.0
ROAD_N, OTHER_N = 0.02, 0.04
HOUSE_HEIGHT_M = 3.0
OUTFALLS = "NE"
WET_M = 0.01  # the wet threshold floodsr:evaluate scores marks with


def read_polygon(path):
    with open(path, newline="") as handle:
        return [(float(row[0]), float(row[1])) for row in csv.reader(handle) if row]


def block_mean(values, factor):
    """Mean of each factor x factor block, NaN ignored (NaN where a block has no value)."""
    rows, cols = values.shape[0] // factor, values.shape[1] // factor
    blocks = values[: rows * factor, : cols * factor].reshape(rows, factor, cols, factor)
    with np.errstate(invalid="ignore"):
        return np.nanmean(blocks, axis=(1, 3))


def fill_from_nearest(values):
    nearest = ndimage.distance_transform_edt(np.isnan(values), return_distances=False, return_indices=True)
    return values[tuple(nearest)]


def polygon_mask(polygons, shape, transform):
    """Cells whose centre lies inside any of the polygons."""
    shapes = [({"type": "Polygon", "coordinates": [ring + ring[:1]]}, 1) for ring in polygons]
    return rasterize(shapes, out_shape=shape, transform=transform, fill=0, dtype="uint8").astype(bool)


def benchmark_grid():
    """The 2 m bare ground (m), its transform, and the 1 m DEM's cell size."""
    with rasterio.open(BENCHMARK / "topography1.asc") as source:
        dem = source.read(1, masked=True).astype(np.float64).filled(np.nan)
        transform = source.transform
    ground = fill_from_nearest(block_mean(dem, FINE))
    coarse_cells = (ground.shape[0] // COARSE, ground.shape[1] // COARSE)
    ground = ground[: coarse_cells[0] * COARSE, : coarse_cells[1] * COARSE]  # whole coarse cells only
    return ground, transform * Affine.scale(FINE), transform.a


def event_layers(shape, transform):
    """(houses, Manning's n, inflow source) on the grid: boolean, float, boolean."""
    houses = polygon_mask(
        [read_polygon(path) for path in sorted((BENCHMARK / "houses").glob("*.csv"))], shape, transform
    )
    road = polygon_mask([read_polygon(BENCHMARK / "RoadPolygon.csv")], shape, transform)
    columns, rows = np.meshgrid(np.arange(shape[1]) + 0.5, np.arange(shape[0]) + 0.5)
    x, y = transform * (columns, rows)
    source = np.hypot(x - INFLOW_CENTRE[0], y - INFLOW_CENTRE[1]) <= INFLOW_RADIUS_M
    return houses, np.where(road, ROAD_N, OTHER_N), source


def run(dem, cell, manning, source):
    started = time.time()
    depth = simulate_max_depth(
        dem,
        cell,
        FloodEvent(SECONDS, inflow=lambda t: INFLOW_M3_S, source=source, outfalls=OUTFALLS),
        manning=manning,
    )
    return depth, round(time.time() - started, 1)


def write(path, depth, transform):
    profile = dict(driver="GTiff", width=depth.shape[1], height=depth.shape[0], count=1, dtype="float32")
    profile.update(crs=CRS, transform=transform, compress="deflate", predictor=3, zlevel=9)
    with rasterio.open(path, "w", **profile) as target:
        target.write(np.round(depth, 3).astype(np.float32), 1)  # mm: what a peak depth is known to
        target.update_tags(1, UNIT="m")


def observations():
    """(ID, x, y, peak level of the ARR final report) of the five observation points."""
    with open(BENCHMARK / "ObservationPoints.csv", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    return [(int(row[2]), float(row[0]), float(row[1]), float(row[4])) for row in rows]


def truth_levels(depth, ground, transform):
    """Per observation point: (ID, observed, simulated level or None where dry, error or None)."""
    table = []
    for identifier, x, y, observed in observations():
        column, row = (int(value) for value in ~transform * (x, y))
        wet = depth[row, column] >= WET_M
        level = float(ground[row, column] + depth[row, column]) if wet else None
        table.append((identifier, observed, level, None if level is None else level - observed))
    return table


def readme(settings, table):
    lines = [
        "# Merewether: the ARR Project 15 benchmark flood simulated with itzi",
        "",
        "Made by `make merewether-flood` (tools/floodgen/merewether.py; its docstring describes the set-up) from",
        "tests/data/real/merewether_anuga_1m. The observed levels are the benchmark's; these floods are simulated.",
        "",
        "| file | what |",
        "|---|---|",
        "| `depth_2m.tif` | peak depth (m) of the 2 m run: the truth; houses raised 3 m, so their roofs are dry |",
        "| `depth_16m.tif` | peak depth (m) of the 16 m run of the same event: a coarse model's cell-average depth |",
        "",
        "Both are on EPSG:32756 with the 1 m DEM's north-west corner; a 16 m cell holds 8 x 8 truth cells and 16 x 16",
        "DEM cells (the DEM's cell is 0.99993681 m). Depths are rounded to the millimetre.",
        "tests/test_high_water_marks.py scores floodsr:downscale of `depth_16m.tif` onto the 1 m DEM against the",
        "observed levels with floodsr:evaluate (the scores are in the project README's flood-analysis section).",
        "",
        "## Settings",
        "",
        "```",
        json.dumps(settings, indent=2),
        "```",
        "",
        "## The 2 m truth at the observation points (ARR final report levels)",
        "",
        "| ID | observed (m) | simulated (m) | error (m) |",
        "|---|---|---|---|",
    ]
    for identifier, observed, level, error in table:
        simulated = "dry" if level is None else f"{level:.2f}"
        lines.append(f"| {identifier} | {observed:.2f} | {simulated} | {'' if error is None else f'{error:+.2f}'} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=OUT)
    args = parser.parse_args()
    ground, transform, dem_cell = benchmark_grid()
    cell = dem_cell * FINE
    houses, manning, source = event_layers(ground.shape, transform)
    fine_depth, fine_seconds = run(ground + HOUSE_HEIGHT_M * houses, cell, manning, source)
    coarse_source = block_mean(source.astype(float), COARSE) > 0
    coarse_depth, coarse_seconds = run(
        block_mean(ground, COARSE), cell * COARSE, block_mean(manning, COARSE), coarse_source
    )
    args.out.mkdir(parents=True, exist_ok=True)
    write(args.out / "depth_2m.tif", fine_depth, transform)
    write(args.out / "depth_16m.tif", coarse_depth, transform * Affine.scale(COARSE))
    settings = {
        "event": f"ARR Project 15 Merewether: {INFLOW_M3_S} m3/s constant into a {INFLOW_RADIUS_M:g} m circle at "
        f"{INFLOW_CENTRE}, {SECONDS} s",
        "solver": f"itzi {version('itzi')} (2D local inertia), numpy {np.__version__}",
        "solver_parameters": "tools/floodgen/solver.py: dtmax 0.5 s, cfl 0.7, theta 0.9, hmin 0.005 m",
        "manning": f"{ROAD_N} on RoadPolygon.csv, {OTHER_N} elsewhere (16 m: block mean)",
        "buildings": f"60 footprints raised {HOUSE_HEIGHT_M:g} m on the 2 m grid; bare ground at 16 m",
        "edges": "free outfall north and east, walls south and west",
        "grids": f"2 m: {ground.shape[1]} x {ground.shape[0]} cells; 16 m: {coarse_depth.shape[1]} x "
        f"{coarse_depth.shape[0]} cells",
        "inflow_cells": f"2 m: {int(source.sum())}; 16 m: {int(coarse_source.sum())}",
        "wall_seconds": {"2 m": fine_seconds, "16 m": coarse_seconds},
    }
    table = truth_levels(fine_depth, ground + HOUSE_HEIGHT_M * houses, transform)
    (args.out / "README.md").write_text(readme(settings, table), encoding="utf-8")
    print(json.dumps({**settings, "observation_points": table}, indent=1))


if __name__ == "__main__":
    main()
