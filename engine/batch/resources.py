"""What each Slurm task asks for (cheap to import: the batch algorithm's defaults come from here)."""

from dataclasses import dataclass


@dataclass
class SlurmResources:
    partition: str = ""
    cpus_per_task: int = 2
    memory: str = "8G"  # per task, in sbatch's --mem units
    time_limit: str = "02:00:00"  # per task, in sbatch's --time format
    concurrent: int = 0  # most tasks running at once; 0: as many as the cluster gives
