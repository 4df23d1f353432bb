"""Errors the engine raises for bad inputs: each message says what is wrong and how to fix it."""

from .messages import Message, Translate


class FloodSRError(Exception):
    """An input, model or output problem the user can fix; the message says how.

    The message is a template with named values (see messages.py) so that the plugin can show it translated."""

    def __init__(self, template: str, **values):
        super().__init__(template)
        self.message = Message(template, **values)

    def __str__(self) -> str:
        return str(self.message)

    def translated(self, translate: Translate) -> str:
        return self.message.render(translate)


class CancelledError(FloodSRError):
    """The caller asked to stop; nothing was written."""

    def __init__(self):
        super().__init__("Cancelled by the user; no output was written.")
