"""Put a trained ONNX file in resources/models/ and record its sha256 and size in the bundled registry."""

import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "resources" / "models.json"
NAME, FILE_NAME = "FloodSR_small_16x", "floodsr_small.onnx"
ENTRY = {
    "name": NAME,
    "description": "The small FloodSR model bundled with the plugin (works offline): a 0.3 M-parameter DEM-conditioned "
    "residual U-Net trained on simulated floods over real and synthetic 2 m terrain. See MODEL_CARD.md.",
    "file_name": FILE_NAME,
    "contract": "depth_lr [N,32,32,1] + dem_hr [N,512,512,1] -> depth_hr_pred [N,512,512,1], x16, max depth 5 m",
    "licence": "GPL-2.0-or-later, like the plugin",
    "url": "",
    "bundled": True,
}


def install(trained: Path) -> dict:
    target = ROOT / "resources" / "models" / FILE_NAME
    shutil.copyfile(trained, target)
    data = target.read_bytes()
    entry = {**ENTRY, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    registry = json.loads(REGISTRY.read_text(encoding="utf-8"))
    registry["models"] = [entry] + [model for model in registry["models"] if model["name"] != NAME]
    REGISTRY.write_text(json.dumps(registry, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return entry


if __name__ == "__main__":
    print(json.dumps(install(Path(sys.argv[1])), indent=1))
