"""A batch run on disk: the items still to do, the rows already settled, and one result file per item.

Workers (local processes or Slurm array tasks) read the plan and write their result; whoever collects the report
reads the results back. The folder is the only thing they share, so it must be on a disk every node sees.
"""

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import List, Optional

from ..files import write_text_atomically
from ..messages import Message
from ..scene import Outcome, SceneSpec
from .items import ItemResult, invalid, is_finished, skipped
from .manifest import Manifest

PLAN_FILE = "plan.json"


@dataclass
class BatchPlan:
    folder: Path
    items: List[SceneSpec]  # still to run; a worker's task index is the position here
    settled: List[ItemResult]  # skipped items and rows that cannot run
    threads: int
    python_paths: List[str]  # folders the workers import from (the plugin's parent folder, onnxruntime's)

    def save(self) -> None:
        for sub in ("results", "logs"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        record = {
            "items": [asdict(item) for item in self.items],
            "settled": [result.to_json() for result in self.settled],
            "threads": self.threads,
            "python_paths": self.python_paths,
        }
        write_text_atomically(self.folder / PLAN_FILE, json.dumps(record, indent=1))

    @classmethod
    def load(cls, folder: Path) -> "BatchPlan":
        record = json.loads((Path(folder) / PLAN_FILE).read_text(encoding="utf-8"))
        return cls(
            Path(folder),
            [SceneSpec(**item) for item in record["items"]],
            [ItemResult.from_json(result) for result in record["settled"]],
            record["threads"],
            record["python_paths"],
        )

    def result_path(self, index: int) -> Path:
        return self.folder / "results" / f"{index}.json"

    def log_path(self, index: int) -> Path:
        return self.folder / "logs" / f"{index}.log"

    def write_result(self, index: int, result: ItemResult) -> None:
        write_text_atomically(self.result_path(index), json.dumps(result.to_json()))

    def result(self, index: int, lost: Optional[Message] = None) -> ItemResult:
        """The item's result; when its process left none (killed, out of memory, over its time limit), a failure
        saying so (`lost`, or a general message) with the path of its log."""
        path = self.result_path(index)
        if path.is_file():
            return ItemResult.from_json(json.loads(path.read_text(encoding="utf-8")))
        item = self.items[index]
        message = lost or Message(
            "The item's process ended without a result (killed, out of memory or over its time limit); see {log}.",
            log=self.log_path(index),
        )
        return ItemResult(item.row, item.scene_id, Outcome.FAILED, 0.0, item.output_path, message)

    def finished_count(self) -> int:
        return sum(1 for index in range(len(self.items)) if self.result_path(index).is_file())

    def collect(self) -> List[ItemResult]:
        """Every row's result in manifest order."""
        results = self.settled + [self.result(index) for index in range(len(self.items))]
        return sorted(results, key=lambda result: result.row)


def plan_batch(manifest: Manifest, folder: Path, overwrite: bool, threads: int, python_paths: List[str]) -> BatchPlan:
    """Which items run: all of them with `overwrite`, else those without a finished output (see is_finished)."""
    settled = [invalid(error) for error in manifest.errors]
    pending = []
    for item in manifest.items:
        if not overwrite and is_finished(item):
            settled.append(skipped(item))
        else:
            pending.append(item)
    plan = BatchPlan(Path(folder), pending, settled, threads, python_paths)
    plan.save()
    return plan
