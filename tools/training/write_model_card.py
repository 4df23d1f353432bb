"""Fill resources/models/MODEL_CARD.md from the template, the training log, the validation summary beside it
(validation.json) and the floods in build/floods; the accuracy tables between its markers, written by
`make accuracy`, are kept as they are.

Usage (main venv): .venv/bin/python tools/training/write_model_card.py TRAINING_LOG.json MODEL.onnx SECONDS_PER_TILE
"""

import json
import sys
from pathlib import Path

import numpy as np
import onnx
from data import interior

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = Path(__file__).resolve().parent / "templates" / "MODEL_CARD.md"
CARD = ROOT / "resources" / "models" / "MODEL_CARD.md"
FLOODS = ROOT / "build" / "floods"
BEGIN, END = "<!-- accuracy:begin -->", "<!-- accuracy:end -->"


def accuracy_block(text: str) -> str:
    return text[text.index(BEGIN) : text.index(END) + len(END)] if BEGIN in text and END in text else f"{BEGIN}\n{END}"


def deepest_flood_m(case_names) -> float:
    """The deepest 2 m water inside the trained-on ring of the named floods in build/floods (m)."""
    deepest = 0.0
    for name in case_names:
        with np.load(FLOODS / f"{name}.npz") as record:
            depth = record["depth"]
            deepest = max(deepest, float(depth[interior(depth.shape)[0]].max()))
    return deepest


def validation_values(validation: dict) -> dict:
    full = validation["rmse_ratio_to_subgrid_smooth"]["1.0"]
    return {
        "__VALIDATION_CASES__": str(len(validation["cases"])),
        "__EARNED_SCALE__": "none" if validation["scale"] == 0 else f"{validation['scale']:.0%}",
        "__VALIDATION_RUN__": f"{full['coarse_run']['mean']:.3f}",
        "__VALIDATION_RUN_WORST__": f"{full['coarse_run']['worst']:.3f}",
        "__VALIDATION_BLOCK__": f"{full['block_mean']['mean']:.3f}",
    }


def main(training_log: Path, model: Path, seconds_per_tile: float):
    log = json.loads(training_log.read_text())
    validation = json.loads((training_log.parent / "validation.json").read_text())
    params = sum(int(np.prod(init.dims)) for init in onnx.load(str(model)).graph.initializer)
    values = {
        "__PARAMS__": f"{params:,}",
        "__MB__": f"{model.stat().st_size / 2**20:.1f}",
        "__TILE_S__": f"{seconds_per_tile:.3f}",
        "__TRAIN_CASES__": str(len(log["cases"])),
        "__TILES__": str(log["tiles"]),
        "__BATCH__": str(log["batch"]),
        "__CROP__": str(log["crop"]),
        "__LR__": f"{log['learning_rate']:g}",
        "__STEPS__": str(log["steps"]),
        "__SEED__": str(log["seed"]),
        "__TRAIN_MINUTES__": str(round(log["seconds"] / 60)),
        "__TRAIN_MAX_DEPTH__": f"{deepest_flood_m(log['cases']):.1f}",
        "__ALL_CASES__": str(len(list(FLOODS.glob("case_*.npz")))),
        **validation_values(validation),
    }
    text = TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace(key, value)
    old = CARD.read_text() if CARD.exists() else ""
    CARD.write_text(text.replace(f"{BEGIN}\n{END}", accuracy_block(old)))
    print(CARD)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3]))
