"""Jobs: admission with a bounded queue, a bounded number running in worker processes, cancel and clean-up.

Every job has a folder of its own under the work folder (its uploads and its output); the folder goes when
the job's result has been handed over, when it is cancelled, fails or is deleted, and when its result expires.
A finished result outlives a shutdown: the next server on the same work folder serves it until it expires.
A busy server refuses a job before its upload is read, but a place is taken only once the upload is complete,
so slow uploads never hold one.
"""

import asyncio
import contextlib
import json
import logging
import math
import multiprocessing
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Optional, Tuple

from engine.errors import FloodSRError
from engine.files import write_text_atomically
from engine.scene import Outcome, SceneSpec

from .errors import ServerBusyError
from .metrics import Metrics
from .schemas import JobDescription, JobState
from .worker import run_job

# A fork server that has imported the engine, numpy, GDAL and onnxruntime once: each job forks from it in
# milliseconds, and no job inherits the web server's threads or sockets.
CONTEXT = multiprocessing.get_context("forkserver")
CONTEXT.set_forkserver_preload(["server.worker", "onnxruntime"])

FINISHED = frozenset({JobState.DONE, JobState.FAILED, JobState.CANCELLED})
KILL_AFTER_CANCEL_S = 10  # a job checks for cancel after every tile; one that does not stop by then is killed
RESULT_RECORD = "job.json"  # beside a finished job's output: the next server on this work folder serves it
OUTPUT_NAME = "output.tif"
JOB_ID = re.compile(r"^[0-9a-f]{32}$")
QGIS_MENU = re.compile(r" \((?:Raster|Layer|Settings|Processing|Vector) > [^)]*\)")  # "(Raster > Projections > Warp)"
LOG = logging.getLogger("floodsr.server")


@dataclass
class Job:
    id: str
    folder: Path
    spec: SceneSpec
    state: JobState = JobState.QUEUED
    error: str = ""
    crashed: bool = False  # failed for a reason other than its input: a worker crash or a bug
    timed_out: bool = False  # stopped at the server's time limit per job
    details: dict = field(default_factory=dict)
    finished_at: float = 0.0
    task: Optional[asyncio.Task] = None
    process: Optional[multiprocessing.process.BaseProcess] = None

    def __post_init__(self):
        # Shared memory without locks (a killed worker cannot leave one held): progress written by the worker,
        # the cancel flag by the server.
        self.fraction = CONTEXT.RawValue("d", 0.0)
        self.cancel_flag = CONTEXT.RawValue("b", 0)

    @property
    def output(self) -> Path:
        return Path(self.spec.output_path)

    def describe(self) -> JobDescription:
        progress = 1.0 if self.state == JobState.DONE else min(max(self.fraction.value, 0.0), 1.0)
        return JobDescription(id=self.id, state=self.state, progress=round(progress, 4), error=self.error or None)


async def run_in_worker(target: Callable, args: tuple, on_start: Callable = lambda process: None):
    """Run `target(*args, results)` in a fresh worker process; its outcome, or ("crashed", why) if it died."""
    receiver, sender = CONTEXT.Pipe(duplex=False)
    process = CONTEXT.Process(target=target, args=(*args, sender), daemon=True)
    try:
        await asyncio.to_thread(process.start)  # the first start boots the fork server: seconds, not in the loop
        sender.close()  # the worker holds the only sending end now
        on_start(process)
        await asyncio.to_thread(process.join)
        try:
            return receiver.recv()
        except EOFError:  # a worker that died sent nothing: its end of the pipe just closed
            return ("crashed", f"The worker process ended without a result (exit code {process.exitcode}).")
    finally:
        sender.close()
        receiver.close()
        with contextlib.suppress(ValueError):  # still running (the server is stopping): left to the kill
            process.close()


class JobManager:
    def __init__(self, work_dir: Path, max_running: int, max_queued: int, metrics: Metrics, job_timeout_s: float):
        self.work_dir = work_dir
        self.capacity = max_running + max_queued
        self.metrics = metrics
        self.job_timeout_s = job_timeout_s
        self.jobs: Dict[str, Job] = {}
        self.draining = False
        self._drain_deadline = math.inf
        self._slots = asyncio.Semaphore(max_running)
        self._max_running = max_running
        self._admitted = 0  # reserved, queued or running
        self._running = 0
        self._mean_job_s = 1.0

    @property
    def busy(self) -> bool:
        return self._admitted > 0

    def check_room(self) -> None:
        """Raise ServerBusyError when a job could not be taken now: checked before an upload is read."""
        if self.draining:
            reason = "The server is shutting down; try another instance or again shortly."
            raise ServerBusyError(reason, self.retry_after_s())
        if self._admitted >= self.capacity:
            raise ServerBusyError("All workers are busy and the queue is full; try again later.", self.retry_after_s())

    def reserve(self) -> None:
        """Take a place for a job whose upload is complete, or raise ServerBusyError."""
        self.check_room()
        self._admitted += 1
        self._update_gauges()

    def retry_after_s(self) -> int:
        """Roughly when a place frees up: the mean job time times the jobs ahead per worker."""
        waves = max(1, self._admitted - self._running + 1) / self._max_running
        return max(1, math.ceil(self._mean_job_s * waves))

    def recover(self) -> None:
        """Take back the finished results a previous server left in the work folder (until they expire); delete
        the folders of jobs it never finished. Only folders named as job ids are touched."""
        for folder in self.work_dir.iterdir() if self.work_dir.is_dir() else []:
            if not JOB_ID.match(folder.name) or not folder.is_dir() or folder.name in self.jobs:
                continue
            try:
                finished = float(json.loads((folder / RESULT_RECORD).read_text(encoding="utf-8"))["finished"])
            except (OSError, ValueError, KeyError, TypeError):
                finished = math.nan
            if math.isnan(finished) or not (folder / OUTPUT_NAME).is_file():
                shutil.rmtree(folder, ignore_errors=True)
                continue
            job = Job(folder.name, folder, SceneSpec("", "", str(folder / OUTPUT_NAME)), state=JobState.DONE)
            job.finished_at = time.monotonic() - max(0.0, time.time() - finished)
            self.jobs[job.id] = job

    def new_folder(self) -> "tuple[str, Path]":
        job_id = uuid.uuid4().hex
        folder = self.work_dir / job_id
        folder.mkdir(parents=True)
        return job_id, folder

    def start(self, job: Job) -> Job:
        """Queue a job whose place was reserved; it runs as soon as a worker is free, for at most the time limit."""
        self.jobs[job.id] = job
        job.task = asyncio.create_task(self._run(job))
        return job

    async def _run(self, job: Job) -> None:
        started = 0.0
        try:
            async with self._slots:
                job.state, started = JobState.RUNNING, time.perf_counter()
                self._running += 1
                self._update_gauges()
                watchdog = asyncio.get_running_loop().call_later(self.job_timeout_s, self._time_out, job)
                try:
                    outcome = await run_in_worker(
                        run_job,
                        (job.spec, job.fraction, job.cancel_flag),
                        lambda process: setattr(job, "process", process),
                    )
                except OSError as error:  # no process could be started: out of memory, processes or files
                    outcome = ("crashed", f"No worker process could be started ({error}).")
                finally:
                    watchdog.cancel()
                    job.process = None
                    self._running -= 1
            self._record(job, outcome, time.perf_counter() - started)
        finally:
            self._admitted -= 1
            self._update_gauges()
            job.finished_at = time.monotonic()
            LOG.info("job %s %s %s", job.id, job.state, job.error)
            for upload in (job.spec.depth_path, job.spec.dem_path):
                Path(upload).unlink(missing_ok=True)
            if job.state == JobState.DONE:
                _write_record(job)
            else:
                shutil.rmtree(job.folder, ignore_errors=True)

    def _time_out(self, job: Job) -> None:
        """The job's time is up: cancel it, and kill its worker if it has not stopped a while later."""
        job.timed_out = True
        job.cancel_flag.value = 1
        asyncio.get_running_loop().call_later(KILL_AFTER_CANCEL_S, _kill, job)

    def _record(self, job: Job, outcome: Tuple[str, Any], seconds: float) -> None:
        kind, value = outcome
        if job.timed_out and job.state != JobState.CANCELLED:
            job.state, job.error = (
                JobState.FAILED,
                (
                    f"The job ran for longer than this server's limit of {self.job_timeout_s:g} s per job and was "
                    "stopped. Send a smaller area, or ask the server's operator to raise FLOODSR_JOB_TIMEOUT_S."
                ),
            )
        elif job.state == JobState.CANCELLED or kind == Outcome.CANCELLED.value:
            job.state = JobState.CANCELLED
        elif kind == Outcome.DONE.value:
            job.state, job.details = JobState.DONE, value
            self.metrics.inference_seconds.labels(job.spec.method).observe(seconds)
            self.metrics.tiles.inc(value["tiles"])
            self._mean_job_s = 0.8 * self._mean_job_s + 0.2 * seconds
        else:
            job.state, job.error, job.crashed = (
                JobState.FAILED,
                _in_upload_terms(value, job.spec),
                kind != Outcome.FAILED.value,
            )
        self.metrics.jobs.labels(Outcome.CRASHED.value if job.crashed else job.state.value).inc()

    async def cancel(self, job: Job) -> None:
        """Stop a queued or running job and wait until its worker is gone and its folder deleted."""
        if job.state == JobState.QUEUED:  # waiting for a worker: leave the queue at once
            job.state = JobState.CANCELLED
            if job.task is not None:
                job.task.cancel()
            await self.ended(job)
            self.metrics.jobs.labels(JobState.CANCELLED.value).inc()
        elif job.state == JobState.RUNNING:
            job.state = JobState.CANCELLED
            job.cancel_flag.value = 1
            if not await self.ended(job, KILL_AFTER_CANCEL_S):
                _kill(job)
            await self.ended(job)

    @staticmethod
    async def ended(job: Job, timeout_s: Optional[float] = None) -> bool:
        """Whether the job's task has ended within `timeout_s` (None: wait until it has). A job recovered from the
        work folder has no task: it ended under the previous server."""
        if job.task is None:
            return True
        done, _ = await asyncio.wait([job.task], timeout=timeout_s)
        return bool(done)

    async def remove(self, job: Job) -> None:
        """Cancel if unfinished, then forget the job and delete its folder."""
        await self.cancel(job)
        await self.ended(job)
        self.jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    async def expire(self, max_age_s: float) -> None:
        now = time.monotonic()
        for job in list(self.jobs.values()):
            if job.state in FINISHED and job.finished_at and now - job.finished_at > max_age_s:
                await self.remove(job)

    def begin_draining(self, grace_s: float) -> None:
        """Refuse new jobs from now on; accepted ones have `grace_s` to finish (once, however often it is called)."""
        if not self.draining:
            self.draining = True
            self._drain_deadline = time.monotonic() + grace_s

    async def drain(self, grace_s: float) -> None:
        """Shutdown: let accepted jobs finish until the grace time is up, then cancel the rest, all at once (a
        stuck one is killed KILL_AFTER_CANCEL_S later). Finished results stay on disk for the next server."""
        self.begin_draining(grace_s)
        unfinished = [job.task for job in self.jobs.values() if job.task is not None and not job.task.done()]
        if unfinished:
            await asyncio.wait(unfinished, timeout=max(0.0, self._drain_deadline - time.monotonic()))
        stuck = [job for job in self.jobs.values() if job.state not in FINISHED]
        await asyncio.gather(*(self.cancel(job) for job in stuck))
        for job in list(self.jobs.values()):
            if job.state != JobState.DONE:
                await self.remove(job)

    def _update_gauges(self) -> None:
        self.metrics.in_flight.set(self._running)
        self.metrics.queue_depth.set(max(0, self._admitted - self._running))


def _kill(job: Job) -> None:
    with contextlib.suppress(ValueError):  # the worker has ended and its process object is closed
        if job.process is not None:
            job.process.kill()


def _write_record(job: Job) -> None:
    """Say that the job finished, and when: the next server on this work folder serves its result until expiry."""
    with contextlib.suppress(FloodSRError):  # without it the result is still served; only a restart loses it
        write_text_atomically(job.folder / RESULT_RECORD, json.dumps({"id": job.id, "finished": time.time()}))


def _in_upload_terms(message: str, spec: SceneSpec) -> str:
    """The engine's message, with the server's own paths replaced by the form fields the client sent, and
    without the QGIS menus it names for the plugin's users."""
    message = QGIS_MENU.sub("", message)
    names = {
        spec.depth_path: "'depth' (uploaded)",
        spec.dem_path: "'dem' (uploaded)",
        spec.obstructions_path: "'obstructions' (uploaded)",
        spec.output_path: "'output'",
    }
    for path, name in names.items():
        message = message.replace(path, name) if path else message
    return message.replace(str(Path(spec.output_path).parent), "the job's folder")
