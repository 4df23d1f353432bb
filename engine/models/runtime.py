"""onnxruntime (and scipy where QGIS lacks it) for QGIS's own Python: a private install folder per Python version
and platform.

The install never touches numpy or anything else QGIS ships: pip runs with --no-deps into a target
folder that the plugin puts on sys.path after QGIS's own folders. It uses the interpreter QGIS itself runs
on, found per OS. Only the pinned packages' own wheels are accepted, and the installed copy must import, report
the pinned versions and run a one-node model before it replaces the previous install.
"""

import importlib
import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
from functools import partial
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np

from ..errors import CancelledError, InputError, ModelError
from ..files import replace_folder, write_failure
from ..messages import Message
from ..progress import Progress

ONNXRUNTIME_REQUIREMENT = "onnxruntime==1.32.0"
ONNXRUNTIME_NAME, ONNXRUNTIME_VERSION = ONNXRUNTIME_REQUIREMENT.split("==")
# A scipy wheel needs numpy at least as new as the one it was built against: 1.16 needs numpy >= 1.25.2 and has
# wheels for Python 3.11-3.14; 1.15 still runs on older numpy (Debian 12's QGIS has numpy 1.24).
SCIPY_REQUIREMENT = "scipy==1.16.3"
SCIPY_FOR_OLD_NUMPY = "scipy==1.15.3"
OLDEST_NUMPY_FOR_SCIPY = (1, 25, 2)
# Besides each package's own names (the package, its metadata, bundled shared libraries such as scipy.libs),
# what pip --no-deps --target puts in the folder: console scripts.
OTHER_INSTALLED_NAMES = ("bin",)
# A one-node model (y = -x) serialised as ONNX, so that the check needs no onnx package.
TINY_MODEL_BASE64 = "CAc6MgoLCgF4EgF5IgNOZWcSAXRaDwoBeBIKCggIARIECgIIAWIPCgF5EgoKCAgBEgQKAggBQgQKABAN"
_CHECK_SCRIPT = """
import base64, json, sys
sys.path.insert(0, sys.argv[1])
import numpy, onnxruntime
session = onnxruntime.InferenceSession(base64.b64decode(sys.argv[2]), providers=["CPUExecutionProvider"])
(result,) = session.run(None, {"x": numpy.array([2.0], numpy.float32)})
if "scipy" in sys.argv[3:]:
    import scipy.ndimage
print(json.dumps({"version": onnxruntime.__version__, "file": onnxruntime.__file__, "result": float(result[0])}))
"""


def scipy_requirement(numpy_version: str = np.__version__) -> str:
    release = tuple(int(part) for part in numpy_version.split(".")[:3] if part.isdigit())
    return SCIPY_FOR_OLD_NUMPY if release < OLDEST_NUMPY_FOR_SCIPY else SCIPY_REQUIREMENT


def runtime_requirements() -> List[str]:
    """Every package floodsr:installruntime can provide, pinned for this Python's numpy."""
    return [ONNXRUNTIME_REQUIREMENT, scipy_requirement()]


def requirements_to_install() -> List[str]:
    """onnxruntime always (the plugin's own pinned copy); scipy only where QGIS's Python lacks it."""
    return [ONNXRUNTIME_REQUIREMENT] + ([scipy_requirement()] if importlib.util.find_spec("scipy") is None else [])


def _pins(requirements: List[str]) -> Dict[str, str]:
    return dict(requirement.split("==") for requirement in requirements)


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
    """The Python executable of the installation QGIS runs on, in the environment it runs in (its virtual
    environment, if any: a script or the server keeps its packages). Inside QGIS sys.executable is often QGIS
    itself, or a `python` found on PATH that is another Python (a pyenv or conda shim): the candidates come from
    where this Python is installed (sys.prefix, sys.base_prefix, sysconfig's BINDIR), and one counts only if it
    reports this very installation, environment and version."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in _interpreter_candidates(version):
        if candidate.is_file() and _is_this_python(candidate, version):
            return candidate
    raise ModelError(
        "No Python {version} interpreter was found next to QGIS (looked in {prefix}). Install onnxruntime with the pip "
        "of QGIS's Python instead (on Windows: the OSGeo4W Shell, 'pip install onnxruntime').",
        version=version,
        prefix=sys.base_prefix,
    )


def _interpreter_candidates(version: str) -> List[Path]:
    base = Path(sys.base_prefix)
    if sys.platform == "win32":  # OSGeo4W and the standalone installers: apps\Python3xx\python.exe
        return [Path(sys.prefix) / "Scripts" / "python.exe", base / "python.exe", base / "python3.exe"]
    folders = [Path(sys.prefix) / "bin", Path(sysconfig.get_config_var("BINDIR") or base / "bin"), base / "bin"]
    executable = Path(sys.executable)
    candidates = [folder / name for folder in folders for name in (f"python{version}", "python3")]
    # sys.executable only when it is a Python at all: inside QGIS it may be the QGIS binary.
    return candidates + ([executable] if executable.name.startswith("python") else [])


def _is_this_python(interpreter: Path, version: str) -> bool:
    question = "import sys; print('%d.%d' % sys.version_info[:2], sys.base_prefix, sys.prefix, sep='\\n')"
    try:
        # An argument list, no shell: a Python interpreter found beside QGIS's own, asked for its version.
        completed = subprocess.run(  # nosec B603
            [str(interpreter), "-c", question], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return False
    reported = completed.stdout.splitlines()
    return (
        completed.returncode == 0
        and reported[:1] == [version]
        and [os.path.realpath(folder) for folder in reported[1:]]
        == [os.path.realpath(folder) for folder in (sys.base_prefix, sys.prefix)]
    )


def pip_install_command(interpreter: Path, target: Path, wheels: Optional[str], requirements: List[str]) -> List[str]:
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
    return command + requirements


def check_wheel_source(wheels: Optional[str], requirements: List[str]) -> None:
    """A wheel file must be one of the pinned packages' own, at its pinned version (pip installs any file)."""
    if not wheels or not Path(wheels).is_file():
        return
    parts = Path(wheels).name.split("-")
    name, version = parts[0].lower().replace("_", "-"), parts[1] if len(parts) > 1 else ""
    if not Path(wheels).name.endswith(".whl") or _pins(requirements).get(name) != version:
        raise InputError(
            "{path} is not the {requirement} wheel; FloodSR installs only that. Give the onnxruntime {version} "
            "wheel for this Python and platform ({tag}), or a folder holding it.",
            path=wheels,
            requirement=ONNXRUNTIME_REQUIREMENT,
            version=ONNXRUNTIME_VERSION,
            tag=runtime_tag(),
        )


def verify_runtime(folder: Path, interpreter: Path, requirements: List[str]) -> None:
    """The folder holds the requested packages alone, and its onnxruntime imports, is the pinned version and runs
    a model (and its scipy imports, when scipy was requested)."""
    names = tuple(_pins(requirements)) + OTHER_INSTALLED_NAMES
    strangers = sorted(path.name for path in folder.iterdir() if not path.name.startswith(names))
    if strangers:
        raise InputError(
            "The install brought more than onnxruntime ({names}); it was removed and nothing changed. "
            "Use the official onnxruntime wheel.",
            names=", ".join(strangers),
        )
    # An argument list, no shell: the chosen interpreter runs the plugin's own check script on the new folder.
    completed = subprocess.run(  # nosec B603
        [str(interpreter), "-c", _CHECK_SCRIPT, str(folder), TINY_MODEL_BASE64, *_pins(requirements)],
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


# pip's output lines that start a stage of an install, and how far along the install is then.
PIP_STAGES = (
    ("Looking in links", 0.05),
    ("Processing ", 0.1),
    ("Collecting ", 0.1),
    ("Downloading ", 0.2),
    ("Installing collected packages", 0.7),
    ("Successfully installed", 1.0),
)


def install_runtime(base: Path, wheels: Optional[str], progress: Progress) -> Path:
    """pip-install onnxruntime, and scipy where QGIS's Python lacks it (no dependencies), into the private folder,
    checked before it replaces the previous one; returns the folder. pip's output reaches the log line by line as
    pip writes it, its stages move the progress bar, and a cancel stops pip."""
    target = runtime_dir(base)
    requirements = requirements_to_install()
    check_wheel_source(wheels, requirements)
    interpreter = python_interpreter()
    try:
        replace_folder(target, partial(_pip_install, interpreter, wheels, requirements, progress))
    except OSError as error:
        raise write_failure(target, error) from error
    activate(base)
    return target


def _pip_install(
    interpreter: Path, wheels: Optional[str], requirements: List[str], progress: Progress, staging: Path
) -> None:
    command = pip_install_command(interpreter, staging, wheels, requirements)
    progress.log(Message("Running: {command}", command=" ".join(command)))
    code = _run_streaming(command, progress)
    if code != 0:
        raise ModelError(
            "pip could not install {packages} (exit code {code}); its output is in the log above. "
            "Offline? Give a folder holding their wheels for this Python and platform.",
            packages=", ".join(requirements),
            code=code,
        )
    verify_runtime(staging, interpreter, requirements)


def _run_streaming(command: List[str], progress: Progress) -> int:
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", "PIP_NO_COLOR": "1"}
    # An argument list, no shell: pip of QGIS's Python, installing the pinned requirements only.
    with subprocess.Popen(  # nosec B603
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1, env=environment
    ) as pip:
        for line in pip.stdout or ():
            progress.log(line.rstrip())
            for start, fraction in PIP_STAGES:
                if line.startswith(start):
                    progress.report(fraction)
            if progress.is_cancelled():
                pip.terminate()
                pip.wait()
                raise CancelledError()
        return pip.wait()
