"""Help as the Processing dialog shows it: rendered as HTML, so every word of it must survive, in every language."""

import re
import shutil

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QTextDocument

from floodsr.engine.options import DOWNSCALE_METHODS
from floodsr.engine.plugin_files import RESOURCES_DIR

SAMPLE = RESOURCES_DIR / "sample"


def rendered(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def dialog_help(algorithm) -> str:
    """What the algorithm dialog's help panel shows: the title, then each line of shortHelpString() as a
    paragraph of HTML (QgsProcessingAlgorithmDialogBase's formatHelp)."""
    paragraphs = "".join(f"<p>{line}</p>" for line in algorithm.shortHelpString().split("\n"))
    return rendered(f"<h2>{algorithm.displayName()}</h2>{paragraphs}")


def squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def floodsr_algorithms():
    provider = QgsApplication.processingRegistry().providerById("floodsr")
    return [algorithm for algorithm in provider.algorithms() if algorithm.provider() is provider]


@pytest.fixture(params=["en", "fr"])
def language(request, floodsr_plugin):
    if request.param == "en":
        yield request.param
        return
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from floodsr.floodsr_plugin.paths import I18N_DIR

    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "floodsr_fr.qm"))
    QCoreApplication.installTranslator(translator)
    yield request.param
    QCoreApplication.removeTranslator(translator)


def test_every_algorithm_help_reads_in_full_in_the_dialog(language):
    for algorithm in floodsr_algorithms():
        if not hasattr(algorithm, "help_text"):
            continue  # the example models: QGIS renders their help itself
        shown = squeezed(dialog_help(algorithm))
        for line in algorithm.help_text().split("\n"):
            assert squeezed(line) in shown, (algorithm.id(), line)


def test_the_downscale_help_describes_every_method(language):
    shown = dialog_help(QgsApplication.processingRegistry().algorithmById("floodsr:downscale"))
    for method in DOWNSCALE_METHODS:
        described = re.search(rf"\b{method}\s?: (\S+ ){{5}}", shown)
        assert described, (language, method)
    assert ("WSE <= DEM" if language == "en" else "WSE <= MNT") in shown


@pytest.mark.parametrize("algorithm_id", ["floodsr:superresolve", "floodsr:downscale"])
def test_the_help_names_each_depth_option_as_its_dialog_does(language, algorithm_id):
    from floodsr.floodsr_plugin.i18n import tr

    algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    shown = dialog_help(algorithm)
    quotes = ("'", "'") if language == "en" else ("« ", " »")
    for name in ("MIN_DEPTH", "CONNECTED_ONLY", "OBSTRUCTIONS", "OUTPUT_WSE", "DEPTH_STYLE"):
        definition = algorithm.parameterDefinition(name) or algorithm.outputDefinition(name)
        assert quotes[0] + tr(definition.description()) + quotes[1] in shown, (language, name)


def test_the_help_says_what_the_scene_layer_accepts_and_writes(language):
    registry = QgsApplication.processingRegistry()
    batch = squeezed(dialog_help(registry.algorithmById("floodsr:batch")))
    assert "models:/<name>/<version>" in batch or "models:/<nom>/<version>" in batch
    superresolve = registry.createAlgorithmById("floodsr:superresolve")  # a new one: its help in this language
    bands = superresolve.parameterDefinition("ALL_DEPTH_BANDS").help()
    per_band = "water-surface output gets one band per depth band" if language == "en" else "une bande par bande"
    assert per_band in bands, language


def test_every_parameter_tooltip_reads_in_full(language):
    for algorithm in floodsr_algorithms():
        for parameter in algorithm.parameterDefinitions():
            if parameter.help():
                shown = squeezed(rendered(parameter.toolTip()))
                assert squeezed(rendered(f"<p>{parameter.help()}</p>")) in shown
                assert "<" not in parameter.help().replace("&lt;", ""), (algorithm.id(), parameter.name())


def test_each_jargon_term_has_a_plain_words_line(floodsr_plugin):
    registry = QgsApplication.processingRegistry()
    downscale = dialog_help(registry.algorithmById("floodsr:downscale"))
    superresolve = dialog_help(registry.algorithmById("floodsr:superresolve"))
    assert "In plain words: WSE (water-surface elevation) is the height of the water surface" in downscale
    assert "buffergrowloop lets water spread, round after round, into neighbouring cells" in downscale
    assert "Tile overlap is counted in coarse pixels, the cells of the depth raster" in superresolve


def test_evaluate_logs_and_returns_each_score_by_the_name_the_dialog_shows(floodsr_plugin, tmp_path):
    import processing
    from qgis.core import QgsProcessingFeedback

    from floodsr.processing_provider.evaluate import METRIC_OUTPUTS

    depth = str(SAMPLE / "depth_32m.tif")
    same_depth = str(shutil.copy(depth, tmp_path / "same_depth.tif"))  # equal values, but not the very same raster
    feedback = QgsProcessingFeedback()
    results = processing.run("floodsr:evaluate", {"ESTIMATE": depth, "TRUTH": same_depth}, feedback=feedback)
    log = feedback.textLog().splitlines()
    assert "False alarm ratio: 0.0000" in log and "Critical success index: 1.0000" in log
    assert results["FALSE_ALARM_RATIO"] == 0.0 and "FALSE_ALARM_RATE" not in results
    algorithm = QgsApplication.processingRegistry().algorithmById("floodsr:evaluate")
    for name, (_, description) in METRIC_OUTPUTS.items():
        assert algorithm.outputDefinition(name).description() == description
        assert any(line.startswith(f"{description}: ") for line in log), description
