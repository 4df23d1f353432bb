"""The batch report: one CSV row per manifest item, and a summary line."""

import csv
from pathlib import Path
from typing import List

from ..messages import Message, Translate, untranslated
from .items import DONE, FAILED, SKIPPED, ItemResult

REPORT_COLUMNS = ("id", "status", "seconds", "output", "message")


def write_report(results: List[ItemResult], path, translate: Translate = untranslated) -> None:
    """Written whole under a hidden name, then renamed into place."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    with open(partial, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(REPORT_COLUMNS)
        for result in results:
            message = result.message.render(translate) if result.message else ""
            writer.writerow([result.item_id, result.status, f"{result.seconds:.2f}", result.output, message])
    partial.replace(target)


def read_report(path) -> List[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def summary(results: List[ItemResult], seconds: float) -> Message:
    counts = {status: sum(1 for result in results if result.status == status) for status in (DONE, SKIPPED, FAILED)}
    return Message(
        "Batch finished in {seconds:.1f} s: {done} done, {skipped} skipped, {failed} failed of {total} items.",
        seconds=seconds,
        done=counts[DONE],
        skipped=counts[SKIPPED],
        failed=counts[FAILED],
        total=len(results),
    )
