"""`run_batch(request, progress)`: a manifest of scenes, run locally in worker processes or on Slurm."""

import shutil
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from ..errors import FloodSRError, OutputError
from ..files import identity, new_folder
from ..messages import Message
from ..options import BATCH_EXECUTORS, LOCAL_EXECUTOR
from ..progress import Progress
from ..rasters.storage import redact
from ..scene import Outcome
from .items import ItemResult
from .launch import python_paths, threads_per_worker
from .local import run_local
from .manifest import Manifest, inputs_of, read_manifest
from .plan import BatchPlan, plan_batch
from .report import summary, write_report
from .resources import SlurmResources
from .slurm import check_report_path, submit, wait

LOG_TAIL_LINES = 10


@dataclass
class BatchRequest:
    manifest_path: str
    report_path: str
    executor: str = LOCAL_EXECUTOR
    workers: int = 1
    overwrite: bool = False
    model_cache: Optional[Path] = None
    slurm: SlurmResources = field(default_factory=SlurmResources)
    wait: bool = True


@dataclass
class BatchResult:
    results: List[ItemResult]  # empty when Slurm runs on without waiting: the collect job writes the report
    seconds: float
    job_ids: List[str] = field(default_factory=list)
    batch_folder: str = ""


def run_batch(request: BatchRequest, progress: Optional[Progress] = None) -> BatchResult:
    progress = progress or Progress()
    started = time.perf_counter()
    if request.executor not in BATCH_EXECUTORS:
        raise FloodSRError(
            "Unknown executor {executor!r}; use one of {choices}.",
            executor=request.executor,
            choices=", ".join(BATCH_EXECUTORS),
        )
    if request.executor != LOCAL_EXECUTOR:
        request.slurm.check()
    manifest = read_manifest(request.manifest_path, request.model_cache)
    report = Path(request.report_path)
    _check_report(report, request.manifest_path, manifest)
    if request.executor != LOCAL_EXECUTOR:
        check_report_path(report)
    for error in manifest.errors:
        progress.log(Message("Cannot run {item_id!r}: {problem}", item_id=error.item_id, problem=error.message))
    report.parent.mkdir(parents=True, exist_ok=True)
    # Beside the report: Slurm's nodes must see it; the logs of failed items stay there.
    folder = new_folder(report.parent, f"{report.stem}-{request.executor}-")
    threads = threads_per_worker(request.workers) if request.executor == LOCAL_EXECUTOR else request.slurm.cpus_per_task
    plan = plan_batch(manifest, folder, request.overwrite, threads, python_paths())
    progress.log(
        Message(
            "{pending} of {total} items to run ({skipped} skipped: already done; {failed} failed: cannot run), "
            "{threads} thread(s) each.",
            pending=len(plan.items),
            total=len(plan.items) + len(plan.settled),
            skipped=len(plan.settled) - len(manifest.errors),
            failed=len(manifest.errors),
            threads=threads,
        )
    )
    job_ids: List[str] = []
    if request.executor == LOCAL_EXECUTOR:
        run_local(plan, max(1, request.workers), progress)
    elif plan.items:
        jobs = submit(plan, request.slurm, report)
        job_ids = jobs.ids
        progress.log(
            Message(
                "Submitted Slurm job array {array} and report job {collect}; batch folder {folder}.",
                array=jobs.array,
                collect=jobs.collect,
                folder=folder,
            )
        )
        if not request.wait:
            return BatchResult([], time.perf_counter() - started, job_ids, str(folder))
        wait(jobs, plan, progress)
    results = plan.collect()
    write_report(results, report, progress.translate)
    _log_failed_item_logs(plan, progress)
    if request.executor == LOCAL_EXECUTOR and not any(result.status == Outcome.FAILED for result in results):
        shutil.rmtree(folder, ignore_errors=True)
    seconds = time.perf_counter() - started
    progress.log(summary(results, seconds))
    if not any(result.status in (Outcome.DONE, Outcome.SKIPPED) for result in results):
        raise OutputError(
            "No item of the batch succeeded ({failed} failed): see the messages and log lines above, the report "
            "{report} and the logs in {folder}.",
            failed=len(results),
            report=report,
            folder=folder / "logs",
        )
    return BatchResult(results, seconds, job_ids, str(folder))


def _log_failed_item_logs(plan: BatchPlan, progress: Progress) -> None:
    """The last lines of each failed item's log, so that the reason shows where the batch was started."""
    for index, item in enumerate(plan.items):
        log = plan.log_path(index)
        if plan.result(index).status != Outcome.FAILED or not log.is_file():
            continue
        with open(log, encoding="utf-8", errors="replace") as handle:
            tail = [redact(line.rstrip()) for line in deque(handle, maxlen=LOG_TAIL_LINES)]
        progress.log(
            Message(
                "Last lines of the log of {item_id} ({log}):\n{lines}",
                item_id=item.scene_id,
                log=log,
                lines="\n".join(tail),
            )
        )


def _check_report(report: Path, manifest_path: str, manifest: Manifest) -> None:
    """The report is written last: never over the manifest, an input or an output of any row."""
    outputs = [path for item in manifest.items for path in (item.output_path, item.wse_path)]
    outputs += [error.output for error in manifest.errors]
    for path in inputs_of(manifest_path) + [output for output in outputs if output]:
        if identity(path) == identity(report):
            raise OutputError(
                "The report {report} is {path}, which the batch reads or writes; nothing was run. Choose another "
                "file for the report.",
                report=report,
                path=path,
            )
