"""The process behind each batch item: `python -m <plugin>.engine.batch.worker run FOLDER [INDEX]`, and the final
`collect FOLDER REPORT` that writes the report. Without INDEX, the index is the Slurm array task's.

It runs with the Python that QGIS runs on, the plugin's parent folder on PYTHONPATH, and no QGIS at all.
Log lines go to stderr, which the caller sends to the item's log file.
"""

import argparse
import os
import sys
import traceback
from pathlib import Path

from ..messages import Message
from ..progress import Progress
from ..scene import Outcome
from ..secrets import redact
from .items import ItemResult, run_item
from .plan import BatchPlan
from .report import summary, write_report


def run(folder: Path, index: int) -> int:
    plan = BatchPlan.load(folder)
    item = plan.items[index]
    progress = Progress(log=lambda line: print(redact(line), file=sys.stderr, flush=True))
    progress.log(
        Message(
            "Item {item_id} (line {line}) -> {output}", item_id=item.scene_id, line=item.row, output=item.output_path
        )
    )
    try:
        result = run_item(item, plan.threads, progress)
    except Exception as error:  # a bug must still leave a result, and its traceback in the log
        traceback.print_exc()
        message = Message("Unexpected error: {error}; see {log}.", error=error, log=plan.log_path(index))
        result = ItemResult(item.row, item.scene_id, Outcome.FAILED, 0.0, item.output_path, message)
    if result.message:
        progress.log(result.message)
    plan.write_result(index, result)
    return 0 if result.status != Outcome.FAILED else 1


def collect(folder: Path, report: Path) -> int:
    results = BatchPlan.load(folder).collect()
    write_report(results, report)
    print(summary(results, sum(result.seconds for result in results)), file=sys.stderr)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="worker")
    commands = parser.add_subparsers(dest="command", required=True)
    run_command = commands.add_parser("run")
    run_command.add_argument("folder", type=Path)
    run_command.add_argument("index", type=int, nargs="?")
    collect_command = commands.add_parser("collect")
    collect_command.add_argument("folder", type=Path)
    collect_command.add_argument("report", type=Path)
    arguments = parser.parse_args(argv)
    if arguments.command == "collect":
        return collect(arguments.folder, arguments.report)
    index = arguments.index if arguments.index is not None else int(os.environ["SLURM_ARRAY_TASK_ID"])
    return run(arguments.folder, index)


if __name__ == "__main__":
    sys.exit(main())
