"""Build the bundled sample case (resources/sample/) from the Slovenian LiDAR tile and an itzi flood.

Run with the solver's venv: .venv-floodgen/bin/python tools/floodgen/make_sample.py
"""

import sys
from pathlib import Path

import numpy as np
import rasterio
from rasterio.transform import from_origin

sys.path.insert(0, str(Path(__file__).resolve().parent))
from solver import FloodEvent, coarsen, simulate_max_depth

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests/data/real/slovenia_arso_1m_TM1_564_146/TM1_564_146.tif"
TARGET = ROOT / "resources" / "sample"
CELL, SCALE, KEEP = 2.0, 16, 496  # 496 = 31 coarse cells of 32 m


def main():
    with rasterio.open(SOURCE) as source:
        dem_1m = source.read(1).astype(np.float64)
        crs, west, north = source.crs, source.bounds.left, source.bounds.top
    dem = dem_1m.reshape(500, 2, 500, 2).mean(axis=(1, 3))
    entry = int(np.argmin(dem[0, 5:-5])) + 5  # the stream enters at the north edge
    source_cells = np.zeros(dem.shape, bool)
    source_cells[1:6, entry - 2 : entry + 3] = True
    flood = FloodEvent(3600, inflow=lambda t: 40.0 * min(t / 1200.0, 1.0), source=source_cells, outfalls="SWE")
    depth = simulate_max_depth(dem, CELL, flood)
    # Keep the interior: drop two cells on every side, so 496 cells remain.
    dem, depth = dem[2 : 2 + KEEP, 2 : 2 + KEEP].astype(np.float32), depth[2 : 2 + KEEP, 2 : 2 + KEEP]
    west, north = west + 2 * CELL, north - 2 * CELL
    TARGET.mkdir(parents=True, exist_ok=True)
    _write(TARGET / "dem_2m.tif", dem, from_origin(west, north, CELL, CELL), crs)
    _write(TARGET / "depth_2m_truth.tif", depth, from_origin(west, north, CELL, CELL), crs)
    _write(TARGET / "depth_32m.tif", coarsen(depth, SCALE), from_origin(west, north, CELL * SCALE, CELL * SCALE), crs)
    print(f"max depth {depth.max():.2f} m, wet (>5 cm) {np.mean(depth > 0.05):.1%}")


def _write(path, values, transform, crs):
    profile = dict(
        driver="GTiff",
        width=values.shape[1],
        height=values.shape[0],
        count=1,
        dtype="float32",
        crs=crs,
        transform=transform,
        compress="deflate",
        predictor=3,
        zlevel=9,
    )
    with rasterio.open(path, "w", **profile) as target:
        target.write(values.astype(np.float32), 1)


if __name__ == "__main__":
    main()
