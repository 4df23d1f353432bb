"""onnxruntime and scipy inside a Python that lacks them: the plugin loads, explains, installs them privately and
runs."""

import json
import os
import subprocess
from pathlib import Path

from floodsr.engine.models.runtime import (
    ONNXRUNTIME_REQUIREMENT,
    SCIPY_FOR_OLD_NUMPY,
    SCIPY_REQUIREMENT,
    pip_install_command,
    runtime_tag,
    scipy_requirement,
)

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"
WHEELS = ROOT / "build" / "wheels"


def test_plugin_under_a_python_without_onnxruntime_and_scipy_installs_them_and_runs(tmp_path, pointwise_onnx):
    sample = ROOT / "resources" / "sample"
    environment = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    environment.update(
        PATH="/usr/bin:/bin",
        PYTHONNOUSERSITE="1",
        QT_QPA_PLATFORM="offscreen",
        FLOODSR_RUNTIME_DIR=str(tmp_path / "runtime"),
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
    )
    completed = subprocess.run(
        [
            SYSTEM_PYTHON,
            str(ROOT / "tests" / "runtime_probe.py"),
            str(ROOT / "build" / "plugins"),
            str(WHEELS),
            pointwise_onnx,
            str(sample / "depth_32m.tif"),
            str(sample / "dem_2m.tif"),
            str(tmp_path / "out.tif"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert report["onnxruntime_before"] is False and report["scipy_before"] is False
    assert report["can_execute_before"] is False and "floodsr:installruntime" in report["message"]
    assert "onnxruntime, scipy" in report["message"]
    assert "QGIS's Python lacks these Python packages: scipy." in report["downscale_message"]
    assert report["downscale_message"] in report["downscale_error"], "a clear error, not an import error"
    assert report["downscale_ran"] is False and report["downscale_run_errors"] == [report["downscale_message"]]
    assert report["installed"]["RUNTIME_DIR"] == str(tmp_path / "runtime" / runtime_tag())
    assert report["installed"]["ONNXRUNTIME_VERSION"] == ONNXRUNTIME_REQUIREMENT.split("==")[1]
    assert report["onnxruntime_file"].startswith(str(tmp_path / "runtime"))
    assert report["scipy_file"].startswith(str(tmp_path / "runtime"))
    assert report["can_execute_after"] is True and report["tiles"] == 1 and (tmp_path / "out.tif").exists()
    assert report["numpy_after"] == report["numpy_before"], "numpy must not change"


def test_pip_never_pulls_dependencies_and_uses_the_given_interpreter(tmp_path):
    requirements = [ONNXRUNTIME_REQUIREMENT, SCIPY_REQUIREMENT]
    command = pip_install_command(Path("/opt/qgis/python3"), tmp_path, str(WHEELS), requirements)
    assert command[:3] == ["/opt/qgis/python3", "-m", "pip"] and "--no-deps" in command
    assert command[command.index("--find-links") + 1] == str(WHEELS) and "--no-index" in command
    assert command[-2:] == requirements


def test_scipy_pin_follows_the_numpy_qgis_was_built_against():
    assert scipy_requirement("1.24.2") == SCIPY_FOR_OLD_NUMPY == "scipy==1.15.3"
    assert scipy_requirement("1.25.2") == scipy_requirement("2.4.6") == SCIPY_REQUIREMENT == "scipy==1.16.3"
    assert scipy_requirement("2.0.0rc1") == SCIPY_REQUIREMENT


def test_the_runtime_pin_matches_the_development_pin():
    pins = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert ONNXRUNTIME_REQUIREMENT in pins
