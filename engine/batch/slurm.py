"""The Slurm executor: one job array with a task per pending item, then a job that collects the report.

The collect job depends on the array with `afterany`: `afterok` would never fire once any task failed. Tasks run
the worker with the same Python and plugin folder as the caller, so these and the batch folder must be on a
filesystem that every compute node sees under the same paths.
"""

import shlex
import shutil
import subprocess
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import List

from ..errors import CancelledError, FloodSRError, InputError
from ..messages import Message
from ..progress import Progress
from .launch import THREAD_VARIABLES, worker_command
from .manifest import CONTROL_CHARACTERS
from .plan import BatchPlan
from .resources import SlurmResources

POLL_SECONDS = 2.0
JOB_NAME = "floodsr-batch"


@dataclass
class SlurmJobs:
    array: str
    collect: str

    @property
    def ids(self) -> List[str]:
        return [self.array, self.collect]


def check_report_path(report: Path) -> None:
    """The batch folder is made beside the report and named after it; its path goes to sbatch (the logs) and
    into the job scripts. A backslash would stop Slurm from filling in a task's number in its log's name."""
    text = str(report)
    if CONTROL_CHARACTERS.search(text) or "\\" in text:
        raise InputError(
            "The report path {path} holds a control character or a backslash, which Slurm cannot take in a log "
            "file name; choose a report path without them.",
            path=ascii(text),
        )


def submit(plan: BatchPlan, resources: SlurmResources, report: Path) -> SlurmJobs:
    """Write both job scripts into the plan's folder and submit them; returns the job ids. The log files are
    named on sbatch's command line, never in a script line, with their '%' escaped from Slurm's patterns."""
    array_script = plan.folder / "items.sbatch"
    array_script.write_text(_array_script(plan, resources), encoding="utf-8")
    collect_script = plan.folder / "collect.sbatch"
    collect_script.write_text(_collect_script(plan, resources, report), encoding="utf-8")
    array = _sbatch([_output_option(plan, "%a.log"), str(array_script)])
    collect = _sbatch([_output_option(plan, "collect.log"), f"--dependency=afterany:{array}", str(collect_script)])
    return SlurmJobs(array, collect)


def _output_option(plan: BatchPlan, name: str) -> str:
    """--output=<the plan's log folder>/<name>: '%' in the folder is Slurm's '%%', a literal '%'."""
    return f"--output={str(plan.folder / 'logs').replace('%', '%%')}/{name}"


def _array_script(plan: BatchPlan, resources: SlurmResources) -> str:
    limit = f"%{resources.concurrent}" if resources.concurrent > 0 else ""
    directives = [
        f"--job-name={JOB_NAME}",
        f"--array=0-{len(plan.items) - 1}{limit}",
        f"--cpus-per-task={resources.cpus_per_task}",
        f"--mem={resources.memory}",
        f"--time={resources.time_limit}",
    ]
    threads = " ".join(f"{name}={resources.cpus_per_task}" for name in THREAD_VARIABLES)
    return _script(plan, resources, directives, f"export {threads}", worker_command("run", str(plan.folder)))


def _collect_script(plan: BatchPlan, resources: SlurmResources, report: Path) -> str:
    directives = [
        f"--job-name={JOB_NAME}-report",
        "--cpus-per-task=1",
        "--mem=1G",
    ]
    return _script(plan, resources, directives, "", worker_command("collect", str(plan.folder), str(report)))


def _script(plan: BatchPlan, resources: SlurmResources, directives: List[str], setup: str, command: List[str]) -> str:
    resources.check()  # each value becomes a line of the script
    if resources.partition:
        directives.append(f"--partition={resources.partition}")
    lines = ["#!/bin/sh"] + [f"#SBATCH {directive}" for directive in directives]
    lines += [f"export PYTHONPATH={shlex.quote(':'.join(plan.python_paths))}${{PYTHONPATH:+:$PYTHONPATH}}"]
    lines += [setup] if setup else []
    lines += ["exec " + " ".join(shlex.quote(part) for part in command)]
    return "\n".join(lines) + "\n"


def _sbatch(arguments: List[str]) -> str:
    completed = _slurm_command(["sbatch", "--parsable", *arguments])
    if completed.returncode != 0:
        raise FloodSRError(
            "Slurm refused the job (sbatch exit code {code}): {error}",
            code=completed.returncode,
            error=completed.stderr.strip(),
        )
    return completed.stdout.strip().split(";")[0]


def _slurm_command(command: List[str]) -> subprocess.CompletedProcess:
    if shutil.which(command[0]) is None:
        raise FloodSRError(
            "{command} was not found: the Slurm executor runs on a machine with Slurm's client commands "
            "(sbatch, squeue, scancel) on its PATH.",
            command=command[0],
        )
    # An argument list, no shell: Slurm's own client commands with checked job ids and resources.
    return subprocess.run(command, capture_output=True, text=True, timeout=120)  # nosec B603


def wait(jobs: SlurmJobs, plan: BatchPlan, progress: Progress) -> None:
    """Until both jobs have left the queue, with the tasks' states in the log and finished items as progress.
    A cancel cancels the jobs."""
    last_states = None
    while True:
        states = job_states(jobs)
        if not states:
            return
        if progress.is_cancelled():
            _slurm_command(["scancel", *jobs.ids])
            raise CancelledError()
        finished = plan.finished_count()
        if states != last_states:
            progress.log(
                Message(
                    "Slurm jobs {jobs}: {states}; {finished} of {total} items finished.",
                    jobs=", ".join(jobs.ids),
                    states=", ".join(f"{count} {state}" for state, count in sorted(states.items())),
                    finished=finished,
                    total=len(plan.items),
                )
            )
            last_states = states
        progress.report(finished / len(plan.items))
        time.sleep(POLL_SECONDS)


def job_states(jobs: SlurmJobs) -> Counter:
    """State -> number of tasks of the jobs still in the queue (squeue lists pending and running ones only)."""
    completed = _slurm_command(["squeue", "--noheader", "--array", "--jobs", ",".join(jobs.ids), "--format=%T"])
    if completed.returncode != 0:  # "Invalid job id": both jobs have left the controller's memory
        return Counter()
    return Counter(line.strip() for line in completed.stdout.splitlines() if line.strip())
