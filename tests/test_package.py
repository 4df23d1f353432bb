"""The plugin zip holds only what users need and installs into a clean QGIS profile."""

import subprocess
import sys
import zipfile
from pathlib import Path

from qgis_process import run_json

ROOT = Path(__file__).resolve().parent.parent


def _build_zip(folder: Path) -> Path:
    target = folder / "floodsr.zip"
    subprocess.run([sys.executable, str(ROOT / "tools" / "package.py"), str(target)], check=True, capture_output=True)
    return target


def test_zip_has_one_top_folder_and_no_development_files(tmp_path):
    names = zipfile.ZipFile(_build_zip(tmp_path)).namelist()
    assert {name.split("/")[0] for name in names} == {"floodsr"}
    assert {
        "floodsr/metadata.txt",
        "floodsr/__init__.py",
        "floodsr/LICENSE",
        "floodsr/engine/superresolution/run.py",
        "floodsr/processing_provider/superresolve.py",
        "floodsr/resources/styles/flood_depth.qml",
    } <= set(names)
    forbidden = (
        "floodsr/tests/",
        "floodsr/tools/",
        "floodsr/server/",
        "floodsr/deploy/",
        "floodsr/.containerignore",
        "floodsr/.venv",
        "floodsr/.ci/",
        "floodsr/build/",
        "floodsr/Makefile",
    )
    assert not [
        name for name in names if name.startswith(forbidden) or "__pycache__" in name or name.endswith(".aux.xml")
    ]


def test_zip_installs_in_a_clean_profile_and_loads_in_qgis_process(tmp_path):
    plugins = tmp_path / "plugins"
    zipfile.ZipFile(_build_zip(tmp_path)).extractall(plugins)
    profile = tmp_path / "profile"
    environment = {"QGIS_PLUGINPATH": str(plugins), "QGIS_CUSTOM_CONFIG_PATH": str(profile)}
    listing = run_json("list", env=environment)
    assert "floodsr:superresolve" in listing["providers"]["floodsr"]["algorithms"]
    assert (profile / "profiles" / "default" / "QGIS" / "QGIS3.ini").read_text().count("floodsr=true") == 1
