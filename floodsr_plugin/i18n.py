"""Translation loading and the one translate function every user-facing string goes through."""

from typing import Optional

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from ..engine.messages import NUMBER_SPEC, Language, Message
from .paths import I18N_DIR

CONTEXT = "FloodSR"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class QtLanguage(Language):
    """Messages as QGIS shows them: Qt's translator (plural forms included) and the numbers of QLocale(),
    which QGIS sets to the user's number format."""

    def translate(self, template: str, count: Optional[int] = None) -> str:
        if count is None:
            return tr(template)
        translated = QCoreApplication.translate(CONTEXT, template, None, count)
        if translated == QCoreApplication.translate("", template, None, count):  # no entry: the English forms
            return super().translate(template, count)
        return translated

    def format_number(self, value: float, spec: str) -> str:
        parts = NUMBER_SPEC.match(spec)
        if parts is None:  # callers check the spec first; anything else keeps Python's format
            return format(value, spec)
        kind, precision = parts["kind"], int(parts["precision"] or 6)
        locale = QLocale()
        if kind == "%":
            return tr("{number}%").format(number=locale.toString(float(value) * 100, "f", precision))
        if kind in ("f", "e", "g"):
            return locale.toString(float(value), kind, precision)
        if isinstance(value, int) and parts["group"]:
            return locale.toString(value)
        if isinstance(value, float):
            return locale.toString(value, "g", 12)
        return str(value)


LANGUAGE = QtLanguage()


def localised(template: str, **values) -> str:
    """A plugin sentence with named values in the user's language and number format."""
    return Message(template, **values).render(LANGUAGE)


def translated_from_file(text: str) -> str:
    """A text the plugin ships in a file (a model, a style) rather than in code; tools/i18n.py collects it from
    that file into the catalogue."""
    return tr(text)


def translatable(text: str) -> str:
    """Mark a string that is translated later, by tr(), for the catalogue (Qt's QT_TR_NOOP)."""
    return text


def user_language() -> str:
    """Two-letter language QGIS runs in: the user's override when set, else the system's."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = settings.value("locale/userLocale", "", type=str)
    else:
        locale = QgsApplication.locale() or QLocale.system().name()
    return (locale or "en")[:2]


def install_translator():
    """Install the compiled translation for the user's language; None when there is none."""
    qm_file = I18N_DIR / f"floodsr_{user_language()}.qm"
    if not qm_file.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(qm_file)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator) -> None:
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
