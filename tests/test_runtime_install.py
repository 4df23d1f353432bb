"""onnxruntime inside a Python that lacks it: the plugin loads, explains, installs it privately and runs."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from floodsr.engine.errors import InputError
from floodsr.engine.models.runtime import (
    ONNXRUNTIME_REQUIREMENT,
    activate,
    install_onnxruntime,
    pip_install_command,
    runtime_tag,
)

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
        install_onnxruntime(installed_before, str(wheel), log.append)
    assert log == [] and runtime_files(installed_before) == before


def test_an_install_that_brings_other_packages_is_removed(tmp_path, installed_before):
    wheel = fake_wheel(tmp_path, "onnxruntime-1.32.0-py3-none-any.whl", ["onnxruntime", "scipy"])
    before = runtime_files(installed_before)
    with pytest.raises(InputError, match="more than onnxruntime \\(scipy\\)"):
        install_onnxruntime(installed_before, str(wheel), lambda line: None)
    assert runtime_files(installed_before) == before


def test_an_onnxruntime_that_cannot_run_a_model_is_removed(tmp_path, installed_before):
    wheel = fake_wheel(tmp_path, "onnxruntime-1.32.0-py3-none-any.whl", ["onnxruntime"])
    before = runtime_files(installed_before)
    with pytest.raises(InputError, match="does not work.*InferenceSession"):
        install_onnxruntime(installed_before, str(wheel), lambda line: None)
    assert runtime_files(installed_before) == before


def test_the_private_runtime_comes_after_qgis_own_packages(tmp_path, monkeypatch):
    import sys

    folder = tmp_path / runtime_tag()
    folder.mkdir()
    monkeypatch.setattr(sys, "path", ["/qgis/python", "/usr/lib/python3/dist-packages"])
    activate(tmp_path)
    assert sys.path == ["/qgis/python", "/usr/lib/python3/dist-packages", str(folder)]
