"""Many scenes in one run: a manifest of items, each run in its own process, locally or as a Slurm job array."""
