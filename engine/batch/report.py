"""The batch report: one CSV row per manifest item, and a summary line."""

import csv
import io
from typing import List

from ..files import write_text_atomically
from ..messages import LanguageLike, Message
from ..scene import Outcome
from .items import ItemResult

REPORT_COLUMNS = ("id", "status", "seconds", "output", "message")


def write_report(results: List[ItemResult], path, translate: LanguageLike = None) -> None:
    """Written whole, or not at all. Lines end in CRLF, as RFC 4180 has it: the writer then quotes a value holding
    either character, so an id or a path with a line break can never split a row."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for result in results:
        message = result.message.render(translate) if result.message else ""
        writer.writerow([result.item_id, result.status.value, f"{result.seconds:.2f}", result.output, message])
    write_text_atomically(path, text.getvalue())


def read_report(path) -> List[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def summary(results: List[ItemResult], seconds: float) -> Message:
    counts = {status: sum(1 for result in results if result.status == status) for status in Outcome}
    return Message(
        "Batch finished in {seconds:.1f} s: {done} done, {skipped} skipped, {failed} failed of {total} items.",
        seconds=seconds,
        done=counts[Outcome.DONE],
        skipped=counts[Outcome.SKIPPED],
        failed=counts[Outcome.FAILED],
        total=len(results),
    )
