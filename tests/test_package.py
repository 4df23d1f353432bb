"""The plugin zip holds only what users need and installs into a clean QGIS profile."""

import subprocess
import sys
import zipfile
from pathlib import Path

from helpers.paths import CHECKOUT
from helpers.plugin_site import plugin_metadata, scan_findings, validator_problems
from helpers.qgis_process import run_json


def _build_zip(folder: Path) -> Path:
    target = folder / "floodsr.zip"
    subprocess.run(
        [sys.executable, str(CHECKOUT / "tools" / "package.py"), str(target)], check=True, capture_output=True
    )
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


# Filled in by the maintainers before publishing on the QGIS plugin repository (README, "Publishing"): the site
# needs a mailbox that receives mail and reachable addresses, which this project does not have yet.
CONTACT_FIELDS = ("email", "repository", "tracker", "homepage")


def test_the_plugin_sites_validator_accepts_the_zip_once_the_contact_fields_are_filled_in(tmp_path):
    package = _build_zip(tmp_path)
    metadata = plugin_metadata(zipfile.ZipFile(package), "floodsr")
    unfilled = [field for field in CONTACT_FIELDS if not metadata.get(field)]
    if unfilled:
        # The site refuses exactly that, and nothing else; README says what to fill in.
        assert unfilled == list(CONTACT_FIELDS)
        assert validator_problems(package) == ["no valid URL for tracker, repository, homepage"]
        readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
        assert all(f"`{field}`" in readme.split("### Publishing")[1] for field in CONTACT_FIELDS)
    else:
        assert validator_problems(package) == []
    assert metadata["qgisMaximumVersion"] == "4.99" and "supportsQt6" not in metadata


def test_the_plugin_sites_security_scan_finds_nothing_in_the_zip(tmp_path):
    findings = scan_findings(_build_zip(tmp_path), tmp_path / "extracted")
    assert findings == {
        "bandit": [],
        "secrets not in the baseline": [],
        "detect-secrets": [],
        "flake8": [],
        "files": [],
    }


def test_the_scan_reports_what_the_site_refuses(tmp_path):
    """The checks can fail: an assert, a subprocess call without a reviewed reason and an unlisted sha256."""
    plugin = tmp_path / "plugin" / "floodsr"
    zipfile.ZipFile(_build_zip(tmp_path)).extractall(plugin.parent)
    (plugin / "engine" / "risky.py").write_text(
        "import subprocess\n\n\ndef run(command):\n    assert command\n    return subprocess.run(command)\n"
    )
    (plugin / "resources" / "extra.json").write_text('{"sha256": "%s"}\n' % ("0123456789abcdef" * 4))
    (plugin / "metadata.txt").write_text((plugin / "metadata.txt").read_text() + "supportsQt6=True\n")
    package = tmp_path / "changed.zip"
    with zipfile.ZipFile(package, "w") as archive:
        for path in sorted(plugin.rglob("*")):
            archive.write(path, path.relative_to(plugin.parent))
    findings = scan_findings(package, tmp_path / "extracted")
    assert findings["bandit"] == ["B101 floodsr/engine/risky.py:5", "B603 floodsr/engine/risky.py:6"]
    assert findings["secrets not in the baseline"] == ["resources/extra.json:1 (Hex High Entropy String)"]
    assert "supportsQt6 is deprecated: use qgisMaximumVersion" in validator_problems(package)
