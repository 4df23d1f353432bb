"""Errors the engine raises for bad inputs: each message says what is wrong and how to fix it."""


class FloodSRError(Exception):
    """An input, model or output problem the user can fix; the message says how."""


class CancelledError(FloodSRError):
    """The caller asked to stop; nothing was written."""

    def __init__(self):
        super().__init__("Cancelled by the user; no output was written.")
