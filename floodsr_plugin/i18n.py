"""Translation loading and the one translate function every user-facing string goes through."""

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .paths import I18N_DIR

CONTEXT = "FloodSR"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


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
