"""Train FloodSR-subgrid (contract version 2) on the simulated floods and export it to ONNX.

Usage (training venv):
  .venv-train/bin/python tools/training/train_prior.py FLOODS_DIR OUT_DIR [--steps N] [--crop C] [--seed S]
Each training flood gives two samples of coarse input: the block mean of the 2 m truth and the 32 m itzi run
of the same event. Deterministic for a given seed and data (single-threaded data, seeded torch and numpy).
"""

from functools import partial

from data import prior_tiles, sample_prior
from export import export_prior
from network_prior import FloodSRPrior
from train import Recipe, command_line, train_and_export

from engine.superresolution.feeds import subgrid_prior  # the prior exactly as inference computes it

WET_WEIGHT = 4.0  # dry cells are most of the data: weigh cells wet in the truth up
SQUARED_WEIGHT = 2.0  # squared error in metres keeps deep channels right, where L1 alone favours the shallows


def loss_of(prediction, target):
    """In metres: L1 with cells wet in the truth (>= 1 cm) weighted up, plus squared error."""
    weight = 1.0 + WET_WEIGHT * (target > 0.01).float()
    difference = prediction - target
    return (weight * difference.abs()).mean() + SQUARED_WEIGHT * (difference**2).mean()


def main():
    arguments = command_line(steps=400, crop=128, learning_rate=1e-3)
    # The untrained network returns the prior itself (its head starts at zero): `make accuracy` scores it as
    # the reference that shows what training adds.
    export_prior(FloodSRPrior(), arguments.out / "floodsr_subgrid_untrained.onnx")
    tiles_of = partial(prior_tiles, prior=subgrid_prior)
    recipe = Recipe(FloodSRPrior(), tiles_of, sample_prior, loss_of, export_prior, "floodsr_subgrid")
    train_and_export(arguments, recipe)


if __name__ == "__main__":
    main()
