"""FloodSR from qgis_process: listed, enabled, and running from the command line with JSON results."""

from qgis_process import run_json, run_qgis_process


def test_qgis_process_lists_the_provider_and_its_algorithms():
    listing = run_json("list")
    provider = listing["providers"]["floodsr"]
    assert provider["name"] == "FloodSR" and provider["is_active"]
    assert "floodsr:superresolve" in provider["algorithms"]


def test_qgis_process_shows_the_plugin_enabled():
    completed = run_qgis_process("plugins")
    assert completed.returncode == 0
    assert "* floodsr" in completed.stdout.splitlines()


def test_qgis_process_help_shows_parameters_by_their_api_names():
    described = run_json("help", "floodsr:superresolve")
    names = set(described["parameters"])
    assert {"INPUT_DEPTH", "DEPTH_BAND", "INPUT_DEM", "DEM_BAND", "MODEL", "MODEL_FILE", "OVERLAP", "BLEND", "MAX_DEPTH",
            "DEM_CLIP", "DEVICE", "COMPRESSION", "COG", "OUTPUT"} <= names
    assert {"OUTPUT", "DEVICE_USED", "TILES", "SECONDS"} <= set(described["outputs"])
