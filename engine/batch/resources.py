"""What each Slurm task asks for (cheap to import: the batch algorithm's defaults come from here), checked against
Slurm's own formats before it goes into a job script."""

import re
from dataclasses import dataclass

from ..errors import InputError

# sbatch's --partition: one name or a comma-separated list; Slurm's names are letters, digits, '_', '-' and '.'.
PARTITION_FORMAT = re.compile(r"^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$")
# sbatch's --mem: a whole number, in megabytes or with the unit K, M, G or T.
MEMORY_FORMAT = re.compile(r"^[0-9]+[KMGTkmgt]?$")
# sbatch's --time: minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes,
# days-hours:minutes:seconds, or no limit.
TIME_FORMAT = re.compile(r"^([0-9]+(:[0-9]+){0,2}|[0-9]+-[0-9]+(:[0-9]+){0,2}|INFINITE|UNLIMITED)$")


@dataclass
class SlurmResources:
    partition: str = ""
    cpus_per_task: int = 2
    memory: str = "8G"  # per task, in sbatch's --mem units
    time_limit: str = "02:00:00"  # per task, in sbatch's --time format
    concurrent: int = 0  # most tasks running at once; 0: as many as the cluster gives

    def check(self) -> None:
        """Refuse any value that is not in sbatch's own format: each becomes an #SBATCH line of a job script."""
        if self.partition and not PARTITION_FORMAT.match(self.partition):
            raise InputError(
                "The Slurm partition {value} is not a partition name (letters, digits, '_', '-' and '.', several "
                "separated by commas); leave it empty for the cluster's default.",
                value=ascii(self.partition),
            )
        if not MEMORY_FORMAT.match(self.memory):
            raise InputError(
                "The Slurm memory per task {value} is not in sbatch's --mem format: a whole number of megabytes, "
                "or with the unit K, M, G or T, such as 8G.",
                value=ascii(self.memory),
            )
        if not TIME_FORMAT.match(self.time_limit):
            raise InputError(
                "The Slurm time limit {value} is not in sbatch's --time format: minutes, minutes:seconds, "
                "hours:minutes:seconds, days-hours, days-hours:minutes or days-hours:minutes:seconds, such as "
                "02:00:00.",
                value=ascii(self.time_limit),
            )
        if self.cpus_per_task < 1 or self.concurrent < 0:
            raise InputError(
                "Slurm needs at least one CPU per task ({cpus} given) and a concurrent task limit of 0 or more "
                "({concurrent} given).",
                cpus=self.cpus_per_task,
                concurrent=self.concurrent,
            )
