"""onnxruntime for QGIS's own Python: a private install folder per Python version and platform.

The install never touches numpy or anything else QGIS ships: pip runs with --no-deps into a target
folder that the plugin puts on sys.path after QGIS's own folders. It uses the interpreter QGIS itself runs
on, found per OS. Only onnxruntime's own wheel is accepted, and the installed copy must import, report the
pinned version and run a one-node model before it replaces the previous install.
"""

import importlib
import json
import subprocess
import sys
import sysconfig
from functools import partial
from pathlib import Path
from typing import Callable, List, Optional, Union

from ..errors import InputError, ModelError
from ..files import replace_folder, write_failure
from ..messages import Message

ONNXRUNTIME_REQUIREMENT = "onnxruntime==1.32.0"
ONNXRUNTIME_NAME, ONNXRUNTIME_VERSION = ONNXRUNTIME_REQUIREMENT.split("==")
# What pip --no-deps --target puts in the folder for onnxruntime: the package, its metadata, bundled shared
# libraries (auditwheel/delocate) and its console scripts.
INSTALLED_NAMES = ("onnxruntime", "bin")
# A one-node model (y = -x) serialised as ONNX, so that the check needs no onnx package.
TINY_MODEL_BASE64 = "CAc6MgoLCgF4EgF5IgNOZWcSAXRaDwoBeBIKCggIARIECgIIAWIPCgF5EgoKCAgBEgQKAggBQgQKABAN"
_CHECK_SCRIPT = """
import base64, json, sys
sys.path.insert(0, sys.argv[1])
import numpy, onnxruntime
session = onnxruntime.InferenceSession(base64.b64decode(sys.argv[2]), providers=["CPUExecutionProvider"])
(result,) = session.run(None, {"x": numpy.array([2.0], numpy.float32)})
print(json.dumps({"version": onnxruntime.__version__, "file": onnxruntime.__file__, "result": float(result[0])}))
"""


def runtime_tag() -> str:
    return f"cp{sys.version_info.major}{sys.version_info.minor}-{sysconfig.get_platform()}"


def runtime_dir(base: Path) -> Path:
    return Path(base) / runtime_tag()


def activate(base: Path) -> Optional[Path]:
    """Put the private runtime folder on sys.path when it exists; return it."""
    folder = runtime_dir(base)
    if folder.is_dir() and str(folder) not in sys.path:
        sys.path.append(str(folder))  # after QGIS's own folders: it never shadows a package QGIS ships
        importlib.invalidate_caches()
    return folder if folder.is_dir() else None


def python_interpreter() -> Path:
    """The Python executable QGIS runs on: inside QGIS sys.executable is often QGIS itself."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in _interpreter_candidates(version):
        if candidate.is_file() and _reports_version(candidate, version):
            return candidate
    raise ModelError(
        "No Python {version} interpreter was found next to QGIS (looked in {prefix}). Install onnxruntime with the pip "
        "of QGIS's Python instead (on Windows: the OSGeo4W Shell, 'pip install onnxruntime').",
        version=version,
        prefix=sys.prefix,
    )


def _interpreter_candidates(version: str) -> List[Path]:
    prefix, executable = Path(sys.prefix), Path(sys.executable)
    if sys.platform == "win32":  # OSGeo4W and the standalone installers: apps\Python3xx\python.exe
        return [prefix / "python.exe", prefix / "python3.exe", executable.parent / "python.exe"]
    if sys.platform == "darwin":  # QGIS.app bundles a framework build
        return [prefix / "bin" / f"python{version}", prefix / "bin" / "python3", executable.parent / "bin" / "python3"]
    return [
        executable,
        prefix / "bin" / f"python{version}",
        prefix / "bin" / "python3",
        Path("/usr/bin") / f"python{version}",
    ]


def _reports_version(interpreter: Path, version: str) -> bool:
    try:
        completed = subprocess.run(
            [str(interpreter), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return completed.returncode == 0 and completed.stdout.strip() == version


def pip_install_command(interpreter: Path, target: Path, wheels: Optional[str]) -> List[str]:
    command = [
        str(interpreter),
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--upgrade",
        "--target",
        str(target),
        "--disable-pip-version-check",
        "--no-input",
    ]
    if wheels:
        wheel_source = Path(wheels)
        if wheel_source.is_file():
            return command + [str(wheel_source)]
        if not wheel_source.is_dir():
            raise InputError("{path} is neither a wheel file nor a folder of wheels.", path=wheels)
        command += ["--no-index", "--find-links", str(wheel_source)]
    return command + [ONNXRUNTIME_REQUIREMENT]


def check_wheel_source(wheels: Optional[str]) -> None:
    """A wheel file must be onnxruntime's own, at the pinned version (pip installs any file it is given)."""
    if not wheels or not Path(wheels).is_file():
        return
    parts = Path(wheels).name.split("-")
    name, version = parts[0].lower().replace("_", "-"), parts[1] if len(parts) > 1 else ""
    if not Path(wheels).name.endswith(".whl") or (name, version) != (ONNXRUNTIME_NAME, ONNXRUNTIME_VERSION):
        raise InputError(
            "{path} is not the {requirement} wheel; FloodSR installs only that. Give the onnxruntime {version} "
            "wheel for this Python and platform ({tag}), or a folder holding it.",
            path=wheels,
            requirement=ONNXRUNTIME_REQUIREMENT,
            version=ONNXRUNTIME_VERSION,
            tag=runtime_tag(),
        )


def verify_runtime(folder: Path, interpreter: Path) -> None:
    """The folder holds onnxruntime alone, and that onnxruntime imports, is the pinned version and runs a model."""
    strangers = sorted(path.name for path in folder.iterdir() if not path.name.startswith(INSTALLED_NAMES))
    if strangers:
        raise InputError(
            "The install brought more than onnxruntime ({names}); it was removed and nothing changed. "
            "Use the official onnxruntime wheel.",
            names=", ".join(strangers),
        )
    completed = subprocess.run(
        [str(interpreter), "-c", _CHECK_SCRIPT, str(folder), TINY_MODEL_BASE64],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        found = json.loads(completed.stdout.strip().splitlines()[-1])
        works = found["result"] == -2.0 and Path(found["file"]).resolve().is_relative_to(folder.resolve())
    except (IndexError, KeyError, TypeError, ValueError):
        found, works = {}, False
    if not works or found.get("version") != ONNXRUNTIME_VERSION:
        raise InputError(
            "The installed onnxruntime does not work (version {version}, expected {expected}): {error}. It was "
            "removed and nothing changed. Check that the wheel is for this Python and platform ({tag}).",
            version=found.get("version", "unknown"),
            expected=ONNXRUNTIME_VERSION,
            error=(completed.stderr.strip().splitlines() or ["no error output"])[-1],
            tag=runtime_tag(),
        )


def install_onnxruntime(base: Path, wheels: Optional[str], log: Callable[[Union[str, Message]], None]) -> Path:
    """pip-install onnxruntime (no dependencies) into the private folder; returns the folder.
    `log` takes the command as a Message and pip's own output lines as they are."""
    target = runtime_dir(base)
    check_wheel_source(wheels)
    interpreter = python_interpreter()
    try:
        replace_folder(target, partial(_pip_install, interpreter, wheels, log))
    except OSError as error:
        raise write_failure(target, error) from error
    activate(base)
    return target


def _pip_install(interpreter: Path, wheels: Optional[str], log, staging: Path) -> None:
    command = pip_install_command(interpreter, staging, wheels)
    log(Message("Running: {command}", command=" ".join(command)))
    completed = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    for line in (completed.stdout + completed.stderr).splitlines():
        log(line)
    if completed.returncode != 0:
        raise ModelError(
            "pip could not install onnxruntime (exit code {code}); its output is in the log above. "
            "Offline? Give a folder holding the onnxruntime wheel for this Python and platform.",
            code=completed.returncode,
        )
    verify_runtime(staging, interpreter)
