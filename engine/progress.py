"""Progress, cancel and log hooks that the engine calls; plain callables, no QGIS."""

from typing import Callable, Optional

from .errors import CancelledError


class Progress:
    """Fractions in [0, 1] of the current stage to `report`, a cancel check, log lines, and stage changes
    (`stage(index, count, name)`, called as each of `count` stages begins)."""

    def __init__(self, report: Optional[Callable[[float], None]] = None,
                 is_cancelled: Optional[Callable[[], bool]] = None,
                 log: Optional[Callable[[str], None]] = None,
                 stage: Optional[Callable[[int, int, str], None]] = None):
        self.report = report or (lambda fraction: None)
        self.is_cancelled = is_cancelled or (lambda: False)
        self.log = log or (lambda message: None)
        self.stage = stage or (lambda index, count, name: None)

    def check_cancel(self) -> None:
        if self.is_cancelled():
            raise CancelledError()
