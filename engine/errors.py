"""The errors the engine raises, by kind: each message says what is wrong and how to fix it."""

from .messages import LanguageLike, Message


class FloodSRError(Exception):
    """An input, model or output problem the user can fix; the message says how.

    The message is a template with named values (see messages.py) so that the plugin can show it translated."""

    def __init__(self, template: str, **values):
        super().__init__(template)
        self.message = Message(template, **values)

    def __str__(self) -> str:
        return str(self.message)

    def translated(self, language: LanguageLike) -> str:
        return self.message.render(language)


class CancelledError(FloodSRError):
    """The caller asked to stop; nothing was written."""

    def __init__(self):
        super().__init__("Cancelled by the user; no output was written.")


class InputError(FloodSRError):
    """A depth, DEM, reference or manifest that cannot be used as given."""


class ModelError(FloodSRError):
    """A model file or registry entry that is missing, damaged or does not meet its contract, or an onnxruntime
    that cannot run it or cannot be installed."""


class OutputError(FloodSRError):
    """An output that cannot be written where or how it was asked for."""


class DownloadError(FloodSRError):
    """A model download that failed or was refused; the cache is left as it was."""
