"""Every user-facing string is translatable, the French catalogue is complete and shipped, and it is used."""

import re
import shutil
import sys
import xml.etree.ElementTree as ElementTree

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QTranslator

from helpers.paths import CHECKOUT

sys.path.insert(0, str(CHECKOUT / "tools"))
from i18n import computed_templates, translatable_strings, translations

CATALOGUE = CHECKOUT / "i18n" / "floodsr_fr.ts"


def french():
    messages = ElementTree.parse(CATALOGUE).getroot().iter("message")
    return {m.findtext("source"): m for m in messages}


def forms(message):
    """The translation, or its plural forms."""
    return translations(message)


def placeholders(text: str):
    """Positional {} must keep their order; named ones may move, as French word order needs."""
    found = re.findall(r"\{[^}]*\}", text)
    return sorted(found) if all(re.match(r"\{\w", item) for item in found) else found


def test_every_string_of_the_code_has_a_finished_french_translation_with_its_placeholders():
    catalogue = french()
    strings = translatable_strings()
    assert "Cancelled by the user; no output was written." in strings  # engine messages are collected too
    for source in strings:
        message = catalogue[source]
        assert message.find("translation").get("type") is None and all(forms(message)), source
        for text in forms(message):
            assert placeholders(source) == placeholders(text), source
            assert ("%Ln" in source) == ("%Ln" in text), source


def test_no_user_facing_text_is_built_where_a_catalogue_cannot_see_it():
    assert computed_templates() == []


def test_the_shipped_qm_file_matches_the_catalogue(qgis_app):
    translator = QTranslator()
    assert translator.load(str(CATALOGUE.with_suffix(".qm")))
    for source, message in french().items():
        if message.find("translation").get("type") == "vanished":
            continue
        if message.get("numerus") == "yes":  # French: 0 and 1 take the first form
            singular, plural = forms(message)
            for count, form in ((0, singular), (1, singular), (2, plural), (1500, plural)):
                assert translator.translate("FloodSR", source, None, count) == form, source
        else:
            assert translator.translate("FloodSR", source) == forms(message)[0], f"stale .qm for: {source[:60]}"


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


def test_the_example_model_speaks_french_in_a_french_qgis(french_translator):
    from floodsr.floodsr_plugin.example_models import localise
    from floodsr.processing_provider.provider import example_models

    model = next(example_models())
    localise(model)
    assert model.name() == "Flood depth and extent"  # its id in scripts stays as saved
    assert model.group() == "Modèles d'exemple"
    assert sorted(output.description() for output in model.outputDefinitions()) == [
        "Emprise de l'inondation (1 = inondé)",
        "Hauteur d'eau fine",
        "Polygones d'emprise de l'inondation",
    ]
    assert model.parameterDefinition("wet_threshold").description() == "Inondé à partir de la hauteur (m)"
    assert model.helpContent()["ALG_DESC"].startswith("Super-résout une hauteur d'eau grossière")


@pytest.fixture
def french_translator(french_locale, floodsr_plugin):
    from floodsr.floodsr_plugin.i18n import install_translator, remove_translator

    translator = install_translator()
    yield translator
    remove_translator(translator)


def test_engine_errors_and_log_lines_reach_a_french_user_in_french(french_translator, pointwise_onnx, tmp_path):
    import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    sample = CHECKOUT / "resources" / "sample"
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
    assert "Super-résolution des tuiles" in log and "1 tuile (1 ligne x 1 colonne), fusion en fondu" in log


def test_the_evaluation_report_is_written_in_french_for_a_french_user(french_translator, tmp_path):
    import processing

    depth = CHECKOUT / "resources" / "sample" / "depth_32m.tif"
    truth = tmp_path / "truth.tif"
    truth.write_bytes(depth.read_bytes())
    report = tmp_path / "report.html"
    processing.run("floodsr:evaluate", {"ESTIMATE": str(depth), "TRUTH": str(truth), "OUTPUT_HTML": str(report)})
    page = report.read_text(encoding="utf-8")
    assert "<h1>Évaluation de la hauteur d&#x27;eau</h1>" in page
    assert "Indicateur" in page and "racine de la moyenne des carrés des différences" in page


@pytest.fixture
def french_numbers(french_translator):
    """QGIS sets the default QLocale to the user's number format at start; a French user's, here."""
    from qgis.PyQt.QtCore import QLocale

    saved = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    yield
    QLocale.setDefault(saved)


def test_numbers_and_plurals_follow_the_french_locale(french_numbers):
    from floodsr.engine.messages import Message, Plural
    from floodsr.floodsr_plugin.i18n import LANGUAGE

    def shown(count):
        return Message(
            "{tiles} ({rows} x {columns}), blend {blend}, overlap {overlap} coarse px.",
            tiles=Plural("%Ln tile(s)", count),
            rows=Plural("%Ln row(s)", 1),
            columns=Plural("%Ln column(s)", count),
            blend=Message("feather"),
            overlap=8,
        ).render(LANGUAGE)

    assert shown(1) == "1 tuile (1 ligne x 1 colonne), fusion en fondu, recouvrement 8 px grossiers."
    assert shown(0).startswith("0 tuile (1 ligne x 0 colonne)")
    assert shown(1500).startswith("1\u202f500 tuiles (1 ligne x 1\u202f500 colonnes)")
    stopped = Message(
        "Downloading {name} stopped after {received:,} of {expected:,} bytes. Try again.",
        name="m",
        received=1234567,
        expected=24000000,
    ).render(LANGUAGE)
    assert "1\u202f234\u202f567" in stopped and "24\u202f000\u202f000" in stopped


def test_a_french_run_logs_french_numbers_and_names_its_band_in_french(french_numbers, pointwise_onnx, tmp_path):
    import processing
    from osgeo import gdal
    from qgis.core import QgsProcessingFeedback

    sample = CHECKOUT / "resources" / "sample"
    feedback = QgsProcessingFeedback()
    output = tmp_path / "out.tif"
    processing.run(
        "floodsr:superresolve",
        {
            "INPUT_DEPTH": str(sample / "depth_32m.tif"),
            "INPUT_DEM": str(sample / "dem_2m.tif"),
            "MODEL_FILE": pointwise_onnx,
            "OUTPUT": str(output),
        },
        feedback=feedback,
    )
    log = feedback.textLog()
    assert re.search(r"hauteur maximale \d+,\d\d m, fraction mouillée \d+,\d\u00a0%\.", log), log
    assert re.search(r"cellules de \d+(,\d+)? m", log), log  # the grid line's cell sizes
    assert "1 tuile (1 ligne x 1 colonne), fusion en fondu" in log
    assert gdal.Open(str(output)).GetRasterBand(1).GetDescription() == "Hauteur d'eau (m)"

    scores = QgsProcessingFeedback()
    depth = str(sample / "depth_32m.tif")
    same_depth = str(shutil.copy(depth, tmp_path / "same_depth.tif"))  # equal values, but not the very same raster
    processing.run("floodsr:evaluate", {"ESTIMATE": depth, "TRUTH": same_depth}, feedback=scores)
    assert re.search(r"^Taux de fausses alertes : 0,0000$", scores.textLog(), re.MULTILINE), scores.textLog()


def test_legends_speak_french_with_french_decimals(french_translator):
    from qgis.core import QgsProcessingFeedback, QgsRasterLayer

    from floodsr.processing_provider.layer_style import APPLICABILITY_STYLE, FLOOD_DEPTH_STYLE, apply_style

    labels = {}
    for style in (FLOOD_DEPTH_STYLE, APPLICABILITY_STYLE):
        layer = QgsRasterLayer(str(CHECKOUT / "resources" / "sample" / "depth_32m.tif"), "depth")
        apply_style(layer, style, QgsProcessingFeedback())
        labels[style.stem] = [
            item.label for item in layer.renderer().shader().rasterShaderFunction().colorRampItemList()
        ]
    assert labels == {
        "flood_depth": ["0 m (sec)", "0,05 m", "0,5 m", "1,5 m", "5 m"],
        "applicability": ["dans le domaine d'entraînement", "hors du domaine d'entraînement"],
    }
