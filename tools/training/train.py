"""Train FloodSR-small on the simulated floods and export it to ONNX.

Usage (training venv): .venv-train/bin/python tools/training/train.py FLOODS_DIR OUT_DIR [--steps N] [--seed S]
Deterministic for a given seed and data (single-threaded data, seeded torch and numpy).
"""

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch
from data import load_cases, sample, training_tiles
from export import export
from network import FloodSRSmall

WET_WEIGHT = 4.0  # dry cells are ~90 % of the data: weigh wet cells up so the network learns the flood
METRES_MSE_WEIGHT = 2.0  # log-space L1 favours shallow water; squared error in metres keeps deep channels right
LOG_MAX_DEPTH = float(np.log1p(5.0))


def loss_of(prediction, target):
    """Weighted L1 in the contract's normalised space plus squared error in metres (its inverse)."""
    weight = 1.0 + WET_WEIGHT * (target > 0).float()
    normalised = (weight * (prediction - target).abs()).mean()
    metres = ((torch.expm1(prediction * LOG_MAX_DEPTH) - torch.expm1(target * LOG_MAX_DEPTH)) ** 2).mean()
    return normalised + METRES_MSE_WEIGHT * metres


def batch(tiles, rng, size, crop):
    samples = [sample(tiles, rng, crop) for _ in range(size)]
    return [torch.from_numpy(np.stack(parts)) for parts in zip(*samples)]


def train(floods: Path, out: Path, steps: int, batch_size: int, crop: int, seed: int):
    torch.manual_seed(seed)
    torch.set_num_threads(2)
    rng = np.random.default_rng(seed)
    cases = load_cases(floods, "train")
    tiles = training_tiles(cases)
    print(f"{len(tiles)} training tiles from {len(cases)} cases", flush=True)
    model = FloodSRSmall()
    optimiser = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=2e-3, total_steps=steps, pct_start=0.1)
    history, started = [], time.time()
    for step in range(1, steps + 1):
        depth_lr, dem_hr, target = batch(tiles, rng, batch_size, crop)
        loss = loss_of(model(depth_lr, dem_hr), target)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        history.append(loss.item())
        if step % 50 == 0 or step == steps:
            print(f"step {step}/{steps} loss {np.mean(history[-50:]):.5f} ({time.time() - started:.0f} s)", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out / "floodsr_small.pt")
    export(model, out / "floodsr_small.onnx")
    (out / "training_log.json").write_text(
        json.dumps(
            {
                "cases": [name for name, *_ in cases],
                "tiles": len(tiles),
                "steps": steps,
                "batch": batch_size,
                "crop": crop,
                "seed": seed,
                "seconds": round(time.time() - started),
                "loss_every_50": [float(np.mean(history[i : i + 50])) for i in range(0, len(history), 50)],
            },
            indent=1,
        )
    )
    return out / "floodsr_small.onnx"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("floods", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--steps", type=int, default=1200)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--crop", type=int, default=256)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    print(train(arguments.floods, arguments.out, arguments.steps, arguments.batch, arguments.crop, arguments.seed))
