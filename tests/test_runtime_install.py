"""onnxruntime and scipy inside a Python that lacks them: the plugin loads, explains, installs them privately and
runs."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from floodsr.engine.errors import InputError
from floodsr.engine.models.runtime import (
    ONNXRUNTIME_REQUIREMENT,
    SCIPY_FOR_OLD_NUMPY,
    SCIPY_REQUIREMENT,
    activate,
    install_runtime,
    pip_install_command,
    runtime_tag,
    scipy_requirement,
)
from floodsr.engine.progress import Progress

from helpers.paths import CHECKOUT

SYSTEM_PYTHON = "/usr/bin/python3"
WHEELS = CHECKOUT / "build" / "wheels"


def test_plugin_under_a_python_without_onnxruntime_and_scipy_installs_them_and_runs(tmp_path, pointwise_onnx):
    sample = CHECKOUT / "resources" / "sample"
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
            str(CHECKOUT / "tests" / "helpers" / "runtime_probe.py"),
            str(CHECKOUT / "build" / "plugins"),
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
    pins = (CHECKOUT / "requirements-dev.txt").read_text().splitlines()
    assert ONNXRUNTIME_REQUIREMENT in pins


def fake_wheel(folder: Path, file_name: str, packages, version="1.32.0") -> Path:
    """A pure-Python wheel pip accepts, holding `packages` (each a top-level package with an __init__.py)."""
    import zipfile

    info = f"onnxruntime-{version}.dist-info"
    files = {f"{package}/__init__.py": f"__version__ = {version!r}\n" for package in packages}
    files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: onnxruntime\nVersion: {version}\n"
    files[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{info}/RECORD"] = "".join(f"{name},,\n" for name in files) + f"{info}/RECORD,,\n"
    path = folder / file_name
    with zipfile.ZipFile(path, "w") as wheel:
        for name, text in files.items():
            wheel.writestr(name, text)
    return path


@pytest.fixture
def installed_before(tmp_path):
    """A runtime folder as a previous, good install left it."""
    folder = tmp_path / "runtime" / runtime_tag() / "onnxruntime"
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text("__version__ = '1.32.0'\n")
    return tmp_path / "runtime"


def runtime_files(base: Path):
    return sorted(str(path.relative_to(base)) for path in base.rglob("*"))


def test_a_wheel_that_is_not_onnxruntime_is_refused_before_pip_runs(tmp_path, installed_before):
    wheel = fake_wheel(tmp_path, "onnxruntime-6.6.6-py3-none-any.whl", ["onnxruntime", "scipy"], version="6.6.6")
    before = runtime_files(installed_before)
    log = []
    with pytest.raises(InputError, match="is not the onnxruntime==1.32.0 wheel"):
        install_runtime(installed_before, str(wheel), Progress(log=log.append))
    assert log == [] and runtime_files(installed_before) == before


def test_an_install_that_brings_other_packages_is_removed(tmp_path, installed_before):
    wheel = fake_wheel(tmp_path, "onnxruntime-1.32.0-py3-none-any.whl", ["onnxruntime", "scipy"])
    before = runtime_files(installed_before)
    with pytest.raises(InputError, match="more than onnxruntime \\(scipy\\)"):
        install_runtime(installed_before, str(wheel), Progress())
    assert runtime_files(installed_before) == before


def test_an_onnxruntime_that_cannot_run_a_model_is_removed(tmp_path, installed_before):
    wheel = fake_wheel(tmp_path, "onnxruntime-1.32.0-py3-none-any.whl", ["onnxruntime"])
    before = runtime_files(installed_before)
    with pytest.raises(InputError, match="does not work.*InferenceSession"):
        install_runtime(installed_before, str(wheel), Progress())
    assert runtime_files(installed_before) == before


def test_the_private_runtime_comes_after_qgis_own_packages(tmp_path, monkeypatch):
    import sys

    folder = tmp_path / runtime_tag()
    folder.mkdir()
    monkeypatch.setattr(sys, "path", ["/qgis/python", "/usr/lib/python3/dist-packages"])
    activate(tmp_path)
    assert sys.path == ["/qgis/python", "/usr/lib/python3/dist-packages", str(folder)]


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
    monkeypatch.setattr(runtime.sys, "prefix", sys.base_prefix)  # and its own Python, no virtual environment
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    found = runtime.python_interpreter()
    assert found == Path(sys.base_prefix) / "bin" / f"python{version}"
    reported = subprocess.run([str(found), "-c", "import sys; print(sys.base_prefix)"], capture_output=True, text=True)
    assert reported.stdout.strip() == sys.base_prefix
