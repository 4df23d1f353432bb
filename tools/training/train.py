"""Train FloodSR-small (contract version 1) on the simulated floods and export it to ONNX.

Usage (training venv): .venv-train/bin/python tools/training/train.py FLOODS_DIR OUT_DIR [--steps N] [--seed S]
Deterministic for a given seed and data (single-threaded data, seeded torch and numpy).
The training loop, its log and the command line are shared with train_prior.py.
"""

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from data import load_cases, sample, training_tiles
from export import export
from network import FloodSRSmall

WET_WEIGHT = 4.0  # dry cells are ~90 % of the data: weigh wet cells up so the network learns the flood
METRES_MSE_WEIGHT = 2.0  # log-space L1 favours shallow water; squared error in metres keeps deep channels right
LOG_MAX_DEPTH = float(np.log1p(5.0))
LOG_EVERY = 50


def loss_of(prediction, target):
    """Weighted L1 in the contract's normalised space plus squared error in metres (its inverse)."""
    weight = 1.0 + WET_WEIGHT * (target > 0).float()
    normalised = (weight * (prediction - target).abs()).mean()
    metres = ((torch.expm1(prediction * LOG_MAX_DEPTH) - torch.expm1(target * LOG_MAX_DEPTH)) ** 2).mean()
    return normalised + METRES_MSE_WEIGHT * metres


def stacked(samples):
    return [torch.from_numpy(np.stack(parts)) for parts in zip(*samples)]


def fit(model, draw_batch, loss, arguments, checkpoint: Path):
    """AdamW with a one-cycle learning rate; every step draws one batch of (inputs..., target)."""
    torch.manual_seed(arguments.seed)
    torch.set_num_threads(1)  # reproducible, and the fastest on a shared machine (more threads wait on each other)
    optimiser = torch.optim.AdamW(model.parameters(), lr=arguments.learning_rate, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, max_lr=arguments.learning_rate, total_steps=arguments.steps, pct_start=0.1
    )
    history, started = [], time.time()
    for step in range(1, arguments.steps + 1):
        *inputs, target = draw_batch()
        value = loss(model(*inputs), target)
        optimiser.zero_grad()
        value.backward()
        optimiser.step()
        schedule.step()
        history.append(value.item())
        if step % LOG_EVERY == 0 or step == arguments.steps:
            recent = np.mean(history[-LOG_EVERY:])
            print(f"step {step}/{arguments.steps} loss {recent:.5f} ({time.time() - started:.0f} s)", flush=True)
            torch.save(model.state_dict(), checkpoint)  # an interrupted run keeps its progress
    return history, time.time() - started


def write_log(arguments, cases, tiles: int, history, seconds: float):
    """OUT/training_log.json: the cases and tiles trained on, the settings, the time taken and the loss."""
    log = {
        "cases": [name for name, *_ in cases],
        "tiles": tiles,
        **{key: getattr(arguments, key) for key in ("steps", "batch", "crop", "seed", "learning_rate")},
        "seconds": round(seconds),
        f"loss_every_{LOG_EVERY}": [
            float(np.mean(history[i : i + LOG_EVERY])) for i in range(0, len(history), LOG_EVERY)
        ],
    }
    (arguments.out / "training_log.json").write_text(json.dumps(log, indent=1))


def command_line(steps: int, crop: int, learning_rate: float, volume_modes=()):
    parser = argparse.ArgumentParser()
    if volume_modes:
        parser.add_argument("--volume", choices=volume_modes, default=volume_modes[0])
    parser.add_argument("floods", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--steps", type=int, default=steps)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--crop", type=int, default=crop)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--learning-rate", type=float, default=learning_rate)
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    return arguments


@dataclass(frozen=True)
class Recipe:
    """What a training script trains and how: the network, how the floods become tiles (`tiles_of`) and tiles a
    sample (`draw(tiles, rng, crop)`), the loss, the ONNX export (`export_to(model, path)`) and the stem of the
    files it saves."""

    model: torch.nn.Module
    tiles_of: Callable
    draw: Callable
    loss: Callable
    export_to: Callable
    stem: str


def train_and_export(arguments, recipe: Recipe, cases=None):
    """Turn the training floods (`cases`, or all in the floods folder) into tiles, fit, then save OUT/stem.pt,
    OUT/stem.onnx and the log."""
    rng = np.random.default_rng(arguments.seed)
    cases = load_cases(arguments.floods, "train") if cases is None else cases
    tiles = recipe.tiles_of(cases)
    print(f"{len(tiles)} training tiles from {len(cases)} cases", flush=True)
    history, seconds = fit(
        recipe.model,
        lambda: stacked([recipe.draw(tiles, rng, arguments.crop) for _ in range(arguments.batch)]),
        recipe.loss,
        arguments,
        arguments.out / "checkpoint.pt",
    )
    torch.save(recipe.model.state_dict(), arguments.out / f"{recipe.stem}.pt")
    print(recipe.export_to(recipe.model, arguments.out / f"{recipe.stem}.onnx"))
    write_log(arguments, cases, len(tiles), history, seconds)


def main():
    arguments = command_line(steps=1200, crop=256, learning_rate=2e-3)
    train_and_export(arguments, Recipe(FloodSRSmall(), training_tiles, sample, loss_of, export, "floodsr_small"))


if __name__ == "__main__":
    main()
