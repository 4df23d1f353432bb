"""Progress, cancel and log hooks that the engine calls; plain callables, no QGIS."""

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
