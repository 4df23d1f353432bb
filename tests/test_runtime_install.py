"""onnxruntime inside a Python that lacks it: the plugin loads, explains, installs it privately and runs."""

import json
import os
import subprocess
from pathlib import Path

from floodsr.engine.models.runtime import ONNXRUNTIME_REQUIREMENT, pip_install_command, runtime_tag

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"
WHEELS = ROOT / "build" / "wheels"


def test_plugin_under_a_python_without_onnxruntime_installs_it_and_runs(tmp_path, pointwise_onnx):
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
    assert report["onnxruntime_before"] is False
    assert report["can_execute_before"] is False and "floodsr:installruntime" in report["message"]
    # Wherever it runs (dialog, processing.run, batch, graphical model), the user reads what is missing and the fix.
    for way, error in report["errors_before"].items():
        assert report["message"] in error and "ModuleNotFoundError" not in error, way
    log = report["install_log"]
    assert any(line.startswith("Processing ") and ".whl" in line for line in log)
    assert any(line.startswith("Successfully installed onnxruntime") for line in log)
    assert any(line.endswith("The FloodSR algorithms can use it now; QGIS need not be restarted.") for line in log)
    # pip's stages move the bar while pip runs: looking in the wheel folder, found the wheel, installing, done.
    assert [percent for percent in report["install_percents"] if percent > 0] == [5.0, 10.0, 70.0, 100.0]
    assert report["installed"]["RUNTIME_DIR"] == str(tmp_path / "runtime" / runtime_tag())
    assert report["installed"]["ONNXRUNTIME_VERSION"] == ONNXRUNTIME_REQUIREMENT.split("==")[1]
    assert report["onnxruntime_file"].startswith(str(tmp_path / "runtime"))
    assert report["can_execute_after"] is True and report["tiles"] == 1 and (tmp_path / "out.tif").exists()
    assert report["numpy_after"] == report["numpy_before"], "numpy must not change"


def test_pip_never_pulls_dependencies_and_uses_the_given_interpreter(tmp_path):
    command = pip_install_command(Path("/opt/qgis/python3"), tmp_path, str(WHEELS))
    assert command[:3] == ["/opt/qgis/python3", "-m", "pip"] and "--no-deps" in command
    assert command[command.index("--find-links") + 1] == str(WHEELS) and "--no-index" in command
    assert command[-1] == ONNXRUNTIME_REQUIREMENT


def test_the_runtime_pin_matches_the_development_pin():
    pins = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert ONNXRUNTIME_REQUIREMENT in pins


def test_the_interpreter_is_this_python_installation_not_a_shim_on_path_or_qgis_itself(tmp_path, monkeypatch):
    import sys
    import sysconfig

    from floodsr.engine.models import runtime

    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    shim = tmp_path / f"python{version}"  # a pyenv shim: the right version, another installation
    shim.write_text(f"#!/bin/sh\necho {version}\necho /home/user/.pyenv/versions/{version}.9\n")
    shim.chmod(0o755)
    real_config_var = sysconfig.get_config_var
    monkeypatch.setattr(
        runtime.sysconfig, "get_config_var", lambda name: str(tmp_path) if name == "BINDIR" else real_config_var(name)
    )
    monkeypatch.setattr(runtime.sys, "executable", "/usr/bin/qgis")  # inside QGIS: the QGIS binary
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    found = runtime.python_interpreter()
    assert found == Path(sys.base_prefix) / "bin" / f"python{version}"
    reported = subprocess.run([str(found), "-c", "import sys; print(sys.base_prefix)"], capture_output=True, text=True)
    assert reported.stdout.strip() == sys.base_prefix
