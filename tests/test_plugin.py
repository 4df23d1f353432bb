"""The plugin loads as QGIS loads it, registers the provider cheaply, and its metadata is complete."""

import configparser

from qgis.core import QgsApplication, QgsProcessingModelAlgorithm

from floodsr.engine.plugin_files import EXAMPLE_MODELS_DIR
from floodsr.processing_provider.provider import ALGORITHMS

from helpers.load_probe import probe_provider_load
from helpers.paths import CHECKOUT

REQUIRED_METADATA = [
    "name",
    "qgisMinimumVersion",
    "description",
    "about",
    "version",
    "author",
    "icon",
    "tags",
    "category",
    "changelog",
]


def test_provider_registers_with_its_algorithms(floodsr_plugin):
    provider = QgsApplication.processingRegistry().providerById("floodsr")
    assert provider is not None and provider.name() == "FloodSR"
    assert "floodsr:superresolve" in [algorithm.id() for algorithm in provider.algorithms()]
    assert not provider.icon().isNull()


def test_unload_removes_the_provider_and_init_twice_registers_once(floodsr_plugin):
    floodsr_plugin.initGui()  # QGIS desktop calls both initProcessing and initGui
    registry = QgsApplication.processingRegistry()
    assert [p.id() for p in registry.providers()].count("floodsr") == 1
    floodsr_plugin.unload()
    assert registry.providerById("floodsr") is None
    floodsr_plugin.initProcessing()
    assert registry.providerById("floodsr") is not None


def test_loading_the_provider_registers_algorithms_without_importing_onnxruntime():
    report = probe_provider_load()
    assert report["algorithms"] == len(ALGORITHMS) + len(list(EXAMPLE_MODELS_DIR.glob("*.model3")))
    assert report["onnxruntime"] is False  # the runtime is imported when an algorithm runs, never at QGIS start


def test_metadata_has_every_field_the_plugin_repository_requires():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(CHECKOUT / "metadata.txt", encoding="utf-8")
    general = parser["general"]
    missing = [key for key in REQUIRED_METADATA if not general.get(key, "").strip()]
    assert missing == []
    assert general["qgisMinimumVersion"] == "3.22" and general["category"] == "Raster"
    # Qt6 builds of QGIS 4 load it (the plugin site reads qgisMaximumVersion; supportsQt6 is deprecated).
    assert general["hasProcessingProvider"] == "yes" and general["qgisMaximumVersion"] == "4.99"
    assert (CHECKOUT / general["icon"]).is_file()


def test_every_algorithm_has_help_and_every_parameter_explains_itself(floodsr_plugin):
    for algorithm in QgsApplication.processingRegistry().providerById("floodsr").algorithms():
        assert len(algorithm.shortHelpString()) > 80, algorithm.id()
        # A graphical model keeps its parameters' help in its help content, as the designer edits it.
        model_help = algorithm.helpContent() if isinstance(algorithm, QgsProcessingModelAlgorithm) else {}
        explained = [d.name() for d in algorithm.parameterDefinitions() if d.help() or model_help.get(d.name())]
        assert [d.name() for d in algorithm.parameterDefinitions() if d.name() not in explained] == [], algorithm.id()
        assert algorithm.helpUrl() and not algorithm.icon().isNull()
