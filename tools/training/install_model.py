"""Put a trained ONNX file in resources/models/ and record its sha256 and size in the bundled registry.

The model installed last leads the registry, so it becomes the default model of floodsr:superresolve.
"""

import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "resources" / "models.json"
COMMON = {"licence": "GPL-2.0-or-later, like the plugin", "url": "", "bundled": True}
ENTRIES = {
    "floodsr_surface.onnx": {
        "name": "FloodSR_surface_16x",
        "description": "The default FloodSR model (works offline): a small network that corrects the continuous "
        "subgrid_smooth water surface where the coarse surface is inconsistent, by at most 1 m, keeping every coarse "
        "cell's water; flat water levels come back exactly. Trained on simulated floods over real and synthetic 2 m "
        "terrain. Outside its training range the output is subgrid_smooth. See MODEL_CARD.md.",
        "contract": "version 3: depth_lr [N,32,32,1] m + dem_hr [N,512,512,1] m above the tile mean + prior_hr "
        "[N,512,512,1] subgrid depth m -> correction_lr [N,32,32,1] water-surface correction m, volume kept per cell, "
        "x16, max depth 50 m",
    },
    "floodsr_subgrid.onnx": {
        "name": "FloodSR_subgrid_16x",
        "description": "The bundled FloodSR model (works offline): a residual U-Net that corrects the volume-conserving"
        " subgrid estimate of each 512 x 512 tile, keeping every coarse cell's water; trained on simulated floods over "
        "real and synthetic 2 m terrain, with coarse inputs from 32 m runs and block means. See MODEL_CARD.md.",
        "contract": "version 2: depth_lr [N,32,32,1] m + dem_hr [N,512,512,1] m above the tile mean + prior_hr "
        "[N,512,512,1] subgrid depth m -> depth_hr [N,512,512,1] m, x16, max depth 50 m",
    },
    "floodsr_small.onnx": {
        "name": "FloodSR_small_16x",
        "description": "The small FloodSR model bundled with the plugin (works offline): a 0.3 M-parameter "
        "DEM-conditioned residual U-Net trained on simulated floods over real and synthetic 2 m terrain. See "
        "MODEL_CARD.md.",
        "contract": "version 1: depth_lr [N,32,32,1] + dem_hr [N,512,512,1] -> depth_hr_pred [N,512,512,1], x16, "
        "max depth 5 m",
    },
}


def install(trained: Path) -> dict:
    target = ROOT / "resources" / "models" / trained.name
    shutil.copyfile(trained, target)
    data = target.read_bytes()
    entry = {**ENTRIES[trained.name], **COMMON, "file_name": trained.name}
    entry.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    registry = json.loads(REGISTRY.read_text(encoding="utf-8"))
    registry["models"] = [entry] + [model for model in registry["models"] if model["name"] != entry["name"]]
    REGISTRY.write_text(json.dumps(registry, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return entry


if __name__ == "__main__":
    print(json.dumps(install(Path(sys.argv[1])), indent=1))
