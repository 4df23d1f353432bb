"""Write a model's training range: the applicability sidecar beside the ONNX file.

Per training tile, the input features in physical units (DEM relief, 95th-percentile slope, coarse depth mean
and max, wet fraction, cell size; engine/superresolution/applicability.py), summarised as percentiles. The
plugin flags every tile of a run whose features fall outside them.

Usage (QGIS venv):
  .venv/bin/python tools/training/applicability.py MODEL.onnx --floods build/floods [--training-log LOG.json]
      the training cases of tools/floodgen (those the model's training log lists), with both coarse inputs;
  .venv/bin/python tools/training/applicability.py MODEL.onnx --sample DEPTH.tif DEM.tif
      the tiles of a coarse depth raster and a fine DEM on a grid 16 times finer (e.g. resources/sample).
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from data import BUFFER, SCALE, TILE, coarsen, load_cases

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from engine.superresolution.applicability import sidecar_path, tile_features, training_range_document
from engine.superresolution.tiles import tile_starts

TRAINING_CELL_M = 2.0  # tools/floodgen simulates every terrain on 2 m cells
OVERLAP = 128


def flood_case_features(floods: Path, names=None):
    """The interior tile of every training case (of those named, when `names` is given) with each coarse input
    the training used: the block mean of the truth and, where simulated, the 32 m run."""
    features = []
    for name, dem, depth, _, coarse_run in load_cases(floods, "train"):
        if names is not None and name not in names:
            continue
        size = min(TILE, *(side - 2 * BUFFER for side in dem.shape)) // SCALE * SCALE  # small domains: all of it
        window = np.s_[BUFFER : BUFFER + size, BUFFER : BUFFER + size]
        coarse = np.s_[BUFFER // SCALE : (BUFFER + size) // SCALE, BUFFER // SCALE : (BUFFER + size) // SCALE]
        inputs = [coarsen(depth[window])] + ([] if coarse_run is None else [coarse_run[coarse]])
        features += [tile_features(depth_lr, dem[window], TRAINING_CELL_M) for depth_lr in inputs]
    return features


def raster_features(depth_path: Path, dem_path: Path):
    """Every tile of a coarse depth raster over a DEM 16 times finer, mirrored up to one tile like the plugin."""
    from osgeo import gdal

    depth = np.nan_to_num(gdal.Open(str(depth_path)).ReadAsArray().astype(np.float64), nan=0.0)
    dem_dataset = gdal.Open(str(dem_path))
    dem = dem_dataset.ReadAsArray().astype(np.float64)
    cell = dem_dataset.GetGeoTransform()[1]
    size = [max(extent, TILE) for extent in dem.shape]
    dem = np.pad(dem, [(0, padded - extent) for padded, extent in zip(size, dem.shape)], mode="symmetric")
    depth = np.pad(depth, [(0, padded // SCALE - extent) for padded, extent in zip(size, depth.shape)], "symmetric")
    features = []
    for row in tile_starts(size[0], TILE, TILE - OVERLAP):
        for col in tile_starts(size[1], TILE, TILE - OVERLAP):
            lr = depth[row // SCALE : (row + TILE) // SCALE, col // SCALE : (col + TILE) // SCALE]
            features.append(tile_features(lr, dem[row : row + TILE, col : col + TILE], cell))
    return features


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--floods", type=Path)
    source.add_argument("--sample", type=Path, nargs=2, metavar=("DEPTH", "DEM"))
    parser.add_argument("--training-log", type=Path, help="only the cases this training log lists (with --floods)")
    args = parser.parse_args()
    if args.floods:
        names = json.loads(args.training_log.read_text())["cases"] if args.training_log else None
        features, described = flood_case_features(args.floods, names), f"training cases in {args.floods.name}"
    else:
        features, described = raster_features(*args.sample), f"tiles of {args.sample[0].name} on {args.sample[1].name}"
    document = training_range_document(features, described)
    sidecar_path(args.model).write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"{sidecar_path(args.model)}: {len(features)} tiles")


if __name__ == "__main__":
    main()
