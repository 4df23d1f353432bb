"""`make loadtest`: 50 concurrent clients against a server of capacity 2 on 127.0.0.1; writes the serving section
of docs/benchmarks.md.

Each client sends ROUNDS requests to POST /infer with the bundled sample and the bundled model. A client told
503 waits as Retry-After says and sends again, at most MAX_ATTEMPTS times a request. Everything is bounded:
each request has a timeout, the run a deadline; traffic goes to 127.0.0.1 only. The run fails (exit 1) if any
request went unanswered, any 503 lacked Retry-After, any answer was other than 200 or 503, or any output
differs by a byte from the engine's own for the same inputs.
"""

import hashlib
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build" / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))
from bench import REPORT, machine  # noqa: E402

from floodsr.engine.models.registry import load_registry  # noqa: E402

from helpers.server_process import engine_output, running_server, upload  # noqa: E402

CLIENTS = 50
ROUNDS = 2
MAX_RUNNING, MAX_QUEUED = 2, 2
MAX_ATTEMPTS = 60
REQUEST_TIMEOUT_S = 120
DEADLINE_S = 900
SECTION = "## Serving over HTTP (make loadtest)"


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}
        self.unanswered = []
        self.no_retry_after = 0
        self.identical = self.different = 0
        self.latencies = []  # seconds of each 200, from first attempt to answer
        self.gave_up = 0

    def add_status(self, status: int) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1


def client(server_url: str, files: dict, expected_sha256: str, deadline: float, tally: Tally) -> None:
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _attempt in range(MAX_ATTEMPTS):
            if time.monotonic() > deadline:
                tally.gave_up += 1
                return
            try:
                answer = requests.post(f"{server_url}/infer", files=files, timeout=REQUEST_TIMEOUT_S)
            except requests.RequestException as error:
                with tally.lock:
                    tally.unanswered.append(repr(error))
                break
            tally.add_status(answer.status_code)
            if answer.status_code == 503:
                retry_after = answer.headers.get("Retry-After")
                if retry_after is None:
                    tally.no_retry_after += 1
                time.sleep(min(float(retry_after or 1), 10))
                continue
            if answer.status_code == 200:
                same = hashlib.sha256(answer.content).hexdigest() == expected_sha256
                with tally.lock:
                    tally.identical += same
                    tally.different += not same
                    tally.latencies.append(time.perf_counter() - started)
            break
        else:
            tally.gave_up += 1


def watch_memory(pid: int, stop: threading.Event, peaks: dict) -> None:
    """Peak RSS of the server, and of the server with its fork server and workers together, every 50 ms."""
    server = psutil.Process(pid)
    while not stop.is_set():
        try:
            own = server.memory_info().rss
            tree = own + sum(child.memory_info().rss for child in server.children(recursive=True))
        except psutil.Error:  # a worker ended between listing and reading it
            stop.wait(0.05)
            continue
        peaks["server"] = max(peaks.get("server", 0), own)
        peaks["tree"] = max(peaks.get("tree", 0), tree)
        stop.wait(0.05)


def run(folder: Path) -> dict:
    model = load_registry(None)[0]
    expected = hashlib.sha256(engine_output(model.local_path(None), model.name, folder / "engine.tif")).hexdigest()
    files = upload()
    tally, peaks, stop = Tally(), {"load": os.getloadavg()[0]}, threading.Event()
    with running_server(folder / "server", max_jobs=MAX_RUNNING, queue_size=MAX_QUEUED, threads_per_job=1) as server:
        server.wait_ready()
        watcher = threading.Thread(target=watch_memory, args=(server.process.pid, stop, peaks), daemon=True)
        watcher.start()
        started = time.perf_counter()
        deadline = time.monotonic() + DEADLINE_S
        with ThreadPoolExecutor(CLIENTS) as pool:
            for _ in range(CLIENTS):
                pool.submit(client, server.url, files, expected, deadline, tally)
        wall = time.perf_counter() - started
        stop.set()
        watcher.join()
        settle = time.monotonic() + 10  # the last answers' folders go just after they are sent
        while any(server.work_dir.iterdir()) and time.monotonic() < settle:
            time.sleep(0.1)
        left_behind = list(server.work_dir.rglob("*"))
    return {"tally": tally, "peaks": peaks, "wall": wall, "left_behind": left_behind, "model": model.name}


def report(result: dict) -> str:
    tally = result["tally"]
    served = len(tally.latencies)
    latencies = sorted(tally.latencies)
    statuses = ", ".join(f"{count} x {status}" for status, count in sorted(tally.statuses.items()))
    lines = [
        SECTION,
        "",
        f"{machine()} `make loadtest` (tools/loadtest.py) regenerates this section.",
        "",
        f"{CLIENTS} concurrent clients, {ROUNDS} requests each, against one server of capacity {MAX_RUNNING} "
        f"(FLOODSR_MAX_JOBS={MAX_RUNNING}, one thread per job, FLOODSR_QUEUE_SIZE={MAX_QUEUED}) on 127.0.0.1: "
        f"POST /infer with the bundled sample (31 x 31 cells of 32 m over 496 x 496 cells of 2 m) and "
        f"{result['model']}. A client told 503 waits as Retry-After says and sends again. The machine was shared: "
        f"load average {result['peaks']['load']:.1f} at the start.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| requests completed (200) | {served} of {CLIENTS * ROUNDS} |",
        f"| answers, by status | {statuses} |",
        f"| unanswered (timeouts, resets) | {len(tally.unanswered)} |",
        f"| 503 without Retry-After | {tally.no_retry_after} |",
        f"| outputs byte-identical to the engine's | {tally.identical} of {served} |",
        f"| wall time | {result['wall']:.1f} s ({served / result['wall']:.2f} requests/s) |",
        f"| latency of a completed request, median / 95th percentile / max | "
        f"{statistics.median(latencies):.1f} / {latencies[int(0.95 * (served - 1))]:.1f} / {latencies[-1]:.1f} s |",
        f"| peak RSS: server process / server, fork server and workers together | "
        f"{result['peaks']['server'] / 2**20:.0f} / {result['peaks']['tree'] / 2**20:.0f} MB |",
        f"| files left in the work folder afterwards | {len(result['left_behind'])} |",
        "",
        "Memory is bounded by the capacity, not by the number of clients: the server process, the fork server and "
        f"at most {MAX_RUNNING} workers, each one engine run (see the table above for how a run's memory grows with "
        "the raster); waiting requests hold only their upload, and refused ones nothing. Refused clients are not "
        "served in arrival order: one that keeps drawing 503 waits longest, hence the long tail of latencies.",
    ]
    return "\n".join(lines) + "\n"


def write_section(section: str) -> None:
    text = REPORT.read_text()
    if SECTION in text:
        before, after = text.split(SECTION, 1)
        rest = after.split("\n## ", 1)
        text = before + section + ("\n## " + rest[1] if len(rest) > 1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    REPORT.write_text(text)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="floodsr-loadtest-") as folder:
        result = run(Path(folder))
    section = report(result)
    print(section)
    tally = result["tally"]
    failures = [
        (tally.unanswered, "requests went unanswered"),
        (tally.no_retry_after, "503 answers lacked Retry-After"),
        (set(tally.statuses) - {200, 503}, "answers were neither 200 nor 503"),
        (tally.different, "outputs differ from the engine's"),
        (tally.gave_up, "requests gave up (attempts or deadline)"),
        (result["left_behind"], "files were left in the work folder"),
    ]
    problems = [f"{what}: {value}" for value, what in failures if value]
    if problems:
        print("FAILED: " + "; ".join(problems))
        return 1
    write_section(section)
    print(f"Wrote {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
