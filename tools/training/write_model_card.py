"""Fill resources/models/MODEL_CARD.md from the template and the training log; the accuracy tables between
its markers, written by `make accuracy`, are kept as they are.

Usage (main venv): .venv/bin/python tools/training/write_model_card.py TRAINING_LOG.json MODEL.onnx SECONDS_PER_TILE
"""

import json
import sys
from pathlib import Path

import numpy as np
import onnx

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = Path(__file__).resolve().parent / "templates" / "MODEL_CARD.md"
CARD = ROOT / "resources" / "models" / "MODEL_CARD.md"
BEGIN, END = "<!-- accuracy:begin -->", "<!-- accuracy:end -->"


def accuracy_block(text: str) -> str:
    return text[text.index(BEGIN) : text.index(END) + len(END)] if BEGIN in text and END in text else f"{BEGIN}\n{END}"


def main(training_log: Path, model: Path, seconds_per_tile: float):
    log = json.loads(training_log.read_text())
    params = sum(int(np.prod(init.dims)) for init in onnx.load(str(model)).graph.initializer)
    values = {
        "__PARAMS__": f"{params:,}",
        "__MB__": f"{model.stat().st_size / 2**20:.1f}",
        "__TILE_S__": f"{seconds_per_tile:.2f}",
        "__TRAIN_CASES__": str(len(log["cases"])),
        "__TILES__": str(log["tiles"]),
        "__BATCH__": str(log["batch"]),
        "__CROP__": str(log["crop"]),
        "__LR__": f"{log['learning_rate']:g}",
        "__STEPS__": str(log["steps"]),
        "__SEED__": str(log["seed"]),
        "__TRAIN_MINUTES__": str(round(log["seconds"] / 60)),
    }
    text = TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace(key, value)
    old = CARD.read_text() if CARD.exists() else ""
    CARD.write_text(text.replace(f"{BEGIN}\n{END}", accuracy_block(old)))
    print(CARD)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3]))
