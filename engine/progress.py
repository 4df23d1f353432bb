"""Progress, cancel and log hooks that the engine calls; plain callables, no QGIS."""

import time
from typing import Callable, Optional, Union

from .errors import CancelledError
from .messages import LanguageLike, Message, as_language, render


class Progress:
    """Fractions in [0, 1] of the current stage to `report`, a cancel check, log lines, and stage changes
    (`stage(index, count, name)`, called as each of `count` stages begins). Log lines and stage names reach
    the callbacks as text in the language of `translate`."""

    def __init__(
        self,
        report: Optional[Callable[[float], None]] = None,
        is_cancelled: Optional[Callable[[], bool]] = None,
        log: Optional[Callable[[str], None]] = None,
        stage: Optional[Callable[[int, int, str], None]] = None,
        translate: LanguageLike = None,
    ):
        self.report = report or (lambda fraction: None)
        self.is_cancelled = is_cancelled or (lambda: False)
        self._log = log or (lambda message: None)
        self._stage = stage or (lambda index, count, name: None)
        self.translate = as_language(translate)

    def log(self, message: Union[str, Message]) -> None:
        self._log(render(message, self.translate))

    def stage(self, index: int, count: int, name: Message) -> None:
        self._stage(index, count, render(name, self.translate))

    def check_cancel(self) -> None:
        if self.is_cancelled():
            raise CancelledError()


class StepLog:
    """During a long loop of `total` steps (tiles), a log line now and then saying which step of how many and
    about how long is left, at most once every `every` seconds, so that a run of hours shows it goes on."""

    def __init__(
        self, progress: Progress, total: int, every: float = 20.0, clock: Callable[[], float] = time.monotonic
    ):
        self.progress = progress
        self.total = total
        self.every = every
        self.clock = clock
        self.started = self.last = clock()

    def done(self, steps: int) -> None:
        now = self.clock()
        if now - self.last < self.every or steps >= self.total:
            return
        self.last = now
        left = (now - self.started) / steps * (self.total - steps)
        self.progress.log(
            Message(
                "Tile {done} of {total}, about {left} left.",
                done=steps,
                total=self.total,
                left=Message("{minutes:.0f} min", minutes=left / 60)
                if left >= 90
                else Message("{seconds:.0f} s", seconds=left),
            )
        )
