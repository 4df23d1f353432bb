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
from i18n import computed_templates, translatable_strings  # noqa: E402

CATALOGUE = ROOT / "i18n" / "floodsr_fr.ts"


def french():
    messages = ElementTree.parse(CATALOGUE).getroot().iter("message")
    return {m.findtext("source"): m.find("translation") for m in messages}


def placeholders(text: str):
    """Positional {} must keep their order; named ones may move, as French word order needs."""
    found = re.findall(r"\{[^}]*\}", text)
    return sorted(found) if all(re.match(r"\{\w", item) for item in found) else found


def test_every_string_of_the_code_has_a_finished_french_translation_with_its_placeholders():
    catalogue = french()
    strings = translatable_strings()
    assert "Cancelled by the user; no output was written." in strings  # engine messages are collected too
    for source in strings:
        translation = catalogue[source]
        assert translation.get("type") is None and translation.text, source
        assert placeholders(source) == placeholders(translation.text), source


def test_no_user_facing_text_is_built_where_a_catalogue_cannot_see_it():
    assert computed_templates() == []


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


@pytest.fixture
def french_translator(french_locale, floodsr_plugin):
    from floodsr.floodsr_plugin.i18n import install_translator, remove_translator

    translator = install_translator()
    yield translator
    remove_translator(translator)


def test_engine_errors_and_log_lines_reach_a_french_user_in_french(french_translator, pointwise_onnx, tmp_path):
    import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    sample = ROOT / "resources" / "sample"
    parameters = {
        "INPUT_DEPTH": str(sample / "depth_32m.tif"),
        "INPUT_DEM": str(sample / "dem_2m.tif"),
        "MODEL_FILE": pointwise_onnx,
    }
    with pytest.raises(
        QgsProcessingException, match="La sortie .*notes.txt doit être un GeoTIFF : donnez-lui l'extension .tif"
    ):
        processing.run("floodsr:superresolve", {**parameters, "OUTPUT": str(tmp_path / "notes.txt")})
    feedback = QgsProcessingFeedback()
    processing.run("floodsr:superresolve", {**parameters, "OUTPUT": str(tmp_path / "out.tif")}, feedback=feedback)
    log = feedback.textLog()
    assert "Super-résolution des tuiles" in log and "tuiles (1 lignes x 1 colonnes), fusion feather" in log


def test_the_evaluation_report_is_written_in_french_for_a_french_user(french_translator, tmp_path):
    import processing

    depth = ROOT / "resources" / "sample" / "depth_32m.tif"
    truth = tmp_path / "truth.tif"
    truth.write_bytes(depth.read_bytes())
    report = tmp_path / "report.html"
    processing.run("floodsr:evaluate", {"ESTIMATE": str(depth), "TRUTH": str(truth), "OUTPUT_HTML": str(report)})
    page = report.read_text(encoding="utf-8")
    assert "<h1>Évaluation de la hauteur d&#x27;eau</h1>" in page
    assert "Indicateur" in page and "racine de la moyenne des carrés des différences" in page
