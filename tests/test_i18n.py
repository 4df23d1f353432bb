"""Every user-facing string is translatable, the French catalogue is complete and shipped, and it is used."""

import re
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QTranslator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from i18n import translatable_strings  # noqa: E402

CATALOGUE = ROOT / "i18n" / "floodsr_fr.ts"


def french():
    messages = ElementTree.parse(CATALOGUE).getroot().iter("message")
    return {m.findtext("source"): m.find("translation") for m in messages}


def test_every_string_of_the_code_has_a_finished_french_translation_with_its_placeholders():
    catalogue = french()
    for source in translatable_strings():
        translation = catalogue[source]
        assert translation.get("type") is None and translation.text, source
        assert re.findall(r"\{[^}]*\}", source) == re.findall(r"\{[^}]*\}", translation.text), source


def test_the_shipped_qm_file_matches_the_catalogue(qgis_app):
    translator = QTranslator()
    assert translator.load(str(CATALOGUE.with_suffix(".qm")))
    for source, translation in french().items():
        if translation.get("type") != "vanished":
            assert translator.translate("FloodSR", source) == translation.text, f"stale .qm for: {source[:60]}"


@pytest.fixture
def french_locale(qgis_app):
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in ("locale/overrideFlag", "locale/userLocale")}
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "fr_FR")
    yield
    for key, value in saved.items():
        settings.remove(key) if value is None else settings.setValue(key, value)


def test_the_plugin_speaks_french_in_a_french_qgis(french_locale, floodsr_plugin):
    from floodsr.floodsr_plugin.i18n import install_translator, remove_translator
    from floodsr.processing_provider.superresolve import SuperResolveAlgorithm

    translator = install_translator()
    try:
        assert translator is not None
        algorithm = SuperResolveAlgorithm()
        assert algorithm.displayName() == "Super-résolution de la hauteur d'eau"
        assert algorithm.group() == "Super-résolution"
    finally:
        remove_translator(translator)
    assert SuperResolveAlgorithm().displayName() == "Super-resolve flood depth"
