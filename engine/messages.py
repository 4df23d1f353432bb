"""User-facing sentences kept as English templates with named values, so that the plugin can translate them.

The engine has no QGIS and so no translator. A Message keeps its template and its values apart: str() gives
the English sentence, render(translate) looks the template up first and then fills the values in. Values that
are Messages themselves (a raster's role such as "DEM") are translated too. tools/i18n.py collects the template
of every Message(...) and FloodSRError(...) in the engine into i18n/*.ts.
"""

from typing import Callable, Union

Translate = Callable[[str], str]


def untranslated(text: str) -> str:
    return text


class Message:
    __slots__ = ("template", "values")

    def __init__(self, template: str, **values):
        self.template = template
        self.values = values

    def render(self, translate: Translate = untranslated) -> str:
        values = {name: render(value, translate) for name, value in self.values.items()}
        try:
            return translate(self.template).format(**values)
        except (KeyError, IndexError, ValueError):  # a faulty translation must not hide the message itself
            return self.template.format(**values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.values!r})"


def render(text: Union[str, Message, object], translate: Translate = untranslated):
    """A Message in the user's language; anything else (a path, a number, a line from pip) as it is."""
    return text.render(translate) if isinstance(text, Message) else text
