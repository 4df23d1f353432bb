"""Write a model's training range: the applicability sidecar beside the ONNX file.

Per training tile, the input features in physical units (DEM relief, 95th-percentile slope, coarse depth mean
and max, wet fraction, cell size; engine/superresolution/applicability.py), summarised as percentiles. The
plugin flags every tile of a run whose features fall outside them.

Usage (QGIS venv):
  .venv/bin/python tools/training/applicability.py MODEL.onnx --floods build/floods
      the training cases of tools/floodgen, tiled exactly as train.py tiles them;
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


def flood_case_features(floods: Path):
    """The interior tile of every training case, with its block-mean coarse depth, as train.py uses them."""
    features = []
    for _, dem, depth, *_ in load_cases(floods, "train"):
        size = min(TILE, *(side - 2 * BUFFER for side in dem.shape)) // SCALE * SCALE  # small domains: all of it
        window = np.s_[BUFFER : BUFFER + size, BUFFER : BUFFER + size]
        features.append(tile_features(coarsen(depth[window]), dem[window], TRAINING_CELL_M))
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
    args = parser.parse_args()
    if args.floods:
        features, described = flood_case_features(args.floods), f"training cases in {args.floods.name}"
    else:
        features, described = raster_features(*args.sample), f"tiles of {args.sample[0].name} on {args.sample[1].name}"
    document = training_range_document(features, described)
    sidecar_path(args.model).write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"{sidecar_path(args.model)}: {len(features)} tiles")


if __name__ == "__main__":
    main()
