"""The local executor: a pool of worker processes, one item each, so that a crash or an out-of-memory kill ends
one item and never QGIS or the other items."""

import signal
import subprocess
import time
from typing import IO, Dict, Tuple

from ..messages import Message
from ..progress import Progress
from .items import ItemResult
from .launch import worker_command, worker_environment
from .plan import BatchPlan

POLL_SECONDS = 0.1


def run_local(plan: BatchPlan, workers: int, progress: Progress) -> None:
    """Run the plan's items, at most `workers` at a time, each leaving its result file; a cancel kills the running
    workers."""
    environment = worker_environment(plan.python_paths, plan.threads)
    waiting = list(range(len(plan.items)))
    running: Dict[int, Tuple[subprocess.Popen, IO[str]]] = {}
    finished = 0
    try:
        while waiting or running:
            progress.check_cancel()
            while waiting and len(running) < workers:
                index = waiting.pop(0)
                item_log = open(plan.log_path(index), "w", encoding="utf-8")  # noqa: SIM115 - closed when it ends
                # An argument list, no shell: this Python running the plugin's worker on a checked plan folder.
                process = subprocess.Popen(  # nosec B603
                    worker_command("run", str(plan.folder), str(index)),
                    env=environment,
                    stdout=item_log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console window per item on Windows
                )
                running[index] = (process, item_log)
            for index, (process, log) in list(running.items()):
                if process.poll() is None:
                    continue
                log.close()
                del running[index]
                finished += 1
                result = plan.result(index, _lost(plan, index, process.returncode))
                plan.write_result(index, result)  # the report is collected from the result files
                progress.log(_item_line(result))
                if result.message:
                    progress.log(result.message)
                progress.report(finished / len(plan.items))
            time.sleep(POLL_SECONDS)
    finally:
        for process, log in running.values():
            process.kill()
            process.wait()
            log.close()


def _lost(plan: BatchPlan, index: int, returncode: int) -> Message:
    if returncode < 0:
        return Message(
            "The item's process was killed by signal {signal} (out of memory, or stopped from outside); see {log}.",
            signal=signal.Signals(-returncode).name,
            log=plan.log_path(index),
        )
    return Message(
        "The item's process ended with exit code {code} and no result; see {log}.",
        code=returncode,
        log=plan.log_path(index),
    )


def _item_line(result: ItemResult) -> Message:
    return Message(
        "{item_id}: {status} in {seconds:.1f} s.", item_id=result.item_id, status=result.status, seconds=result.seconds
    )
