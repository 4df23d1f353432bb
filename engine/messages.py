"""User-facing sentences kept as English templates with named values, so that the plugin can translate them.

The engine has no QGIS and so no translator. A Message keeps its template and its values apart: str() gives
the English sentence, render(language) looks the template up first and then fills the values in, numbers
written the way the language writes them. Values that are Messages themselves (a raster's role such as "DEM",
a count such as Plural("%Ln tile(s)", 3)) are rendered too. tools/i18n.py collects the template of every
Message(...), Plural(...) and FloodSRError(...) in the engine into i18n/*.ts.
"""

import re
import string
from typing import Callable, Optional, Union

from .secrets import redact

Translate = Callable[[str], str]
# The number formats the templates use: an optional thousands comma, a precision and a type.
NUMBER_SPEC = re.compile(r"^(?P<group>,)?(?:\.(?P<precision>\d+))?(?P<kind>[dfeg%]?)$")


def untranslated(text: str) -> str:
    return text


class Language:
    """How a Message becomes text. This one is English as the templates are written, with Python's number
    formats; the plugin passes one built on Qt's translator and the user's locale."""

    def translate(self, template: str, count: Optional[int] = None) -> str:
        """The template in this language; with a count, in the plural form for it ('%Ln' may stay in)."""
        if count is None:
            return template
        return template.replace("(s)", "" if count == 1 else "s")

    def format_number(self, value: float, spec: str) -> str:
        return format(value, spec)


ENGLISH = Language()


class _TranslatedBy(Language):
    """A Language from a plain translate function (no plural forms, Python's number formats)."""

    def __init__(self, translate: Translate):
        self._translate = translate

    def translate(self, template: str, count: Optional[int] = None) -> str:
        return super().translate(self._translate(template), count)


LanguageLike = Union[Language, Translate, None]


def as_language(language: LanguageLike) -> Language:
    if language is None:
        return ENGLISH
    return language if isinstance(language, Language) else _TranslatedBy(language)


class _LocalFormatter(string.Formatter):
    def __init__(self, language: Language):
        self.language = language

    def format_field(self, value, format_spec):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and NUMBER_SPEC.match(format_spec):
            return self.language.format_number(value, format_spec)
        return format(value, format_spec)


class Message:
    __slots__ = ("template", "values")

    def __init__(self, template: str, **values):
        self.template = template
        self.values = values

    def render(self, language: LanguageLike = None) -> str:
        """The sentence, with any credential in its values blanked out (see secrets.py)."""
        language = as_language(language)
        values = {name: render(value, language) for name, value in self.values.items()}
        try:
            text = _LocalFormatter(language).vformat(self._translated(language), (), values)
        except (KeyError, IndexError, ValueError):  # a faulty translation must not hide the message itself
            text = self.template.format(**values)
        return redact(text)

    def _translated(self, language: Language) -> str:
        return language.translate(self.template)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.template!r}, **{self.values!r})"


class Plural(Message):
    """A count with its noun, "%Ln tile(s)", in the plural form the language uses for that count; the count
    written as the language writes numbers (Qt's %Ln)."""

    __slots__ = ("count",)

    def __init__(self, template: str, count: int, **values):
        super().__init__(template, **values)
        self.count = count

    def _translated(self, language: Language) -> str:
        return language.translate(self.template, self.count).replace("%Ln", language.format_number(self.count, ",d"))


class Listing(Message):
    """Several messages as one value of another, each in the user's language, separated by commas."""

    __slots__ = ("items",)

    def __init__(self, items):  # no template of its own (so nothing for the catalogue): Message.__init__ not called
        self.template, self.values = "", {}
        self.items = list(items)

    def render(self, language: LanguageLike = None) -> str:
        return ", ".join(render(item, language) for item in self.items)


def render(text: Union[str, Message, object], language: LanguageLike = None):
    """A Message in the user's language; text (a path, a line from pip) with its credentials blanked out; anything
    else (a number) as it is."""
    if isinstance(text, Message):
        return text.render(language)
    return redact(text) if isinstance(text, str) else text
