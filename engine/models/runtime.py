"""onnxruntime (and scipy where QGIS lacks it) for QGIS's own Python: a private install folder per Python version
and platform.

The install never touches numpy or anything else QGIS ships: pip runs with --no-deps into a target
folder that the plugin puts on sys.path. It uses the interpreter QGIS itself runs on, found per OS.
"""

import importlib
import importlib.util
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Callable, List, Optional, Union

import numpy as np

from ..errors import FloodSRError
from ..messages import Message

ONNXRUNTIME_REQUIREMENT = "onnxruntime==1.32.0"
# A scipy wheel needs numpy at least as new as the one it was built against: 1.16 needs numpy >= 1.25.2 and has
# wheels for Python 3.11-3.14; 1.15 still runs on older numpy (Debian 12's QGIS has numpy 1.24).
SCIPY_REQUIREMENT = "scipy==1.16.3"
SCIPY_FOR_OLD_NUMPY = "scipy==1.15.3"
OLDEST_NUMPY_FOR_SCIPY = (1, 25, 2)


def scipy_requirement(numpy_version: str = np.__version__) -> str:
    release = tuple(int(part) for part in numpy_version.split(".")[:3] if part.isdigit())
    return SCIPY_FOR_OLD_NUMPY if release < OLDEST_NUMPY_FOR_SCIPY else SCIPY_REQUIREMENT


def runtime_requirements() -> List[str]:
    """Every package floodsr:installruntime can provide, pinned for this Python's numpy."""
    return [ONNXRUNTIME_REQUIREMENT, scipy_requirement()]


def requirements_to_install() -> List[str]:
    """onnxruntime always (the plugin's own pinned copy); scipy only where QGIS's Python lacks it."""
    return [ONNXRUNTIME_REQUIREMENT] + ([scipy_requirement()] if importlib.util.find_spec("scipy") is None else [])


def runtime_tag() -> str:
    return f"cp{sys.version_info.major}{sys.version_info.minor}-{sysconfig.get_platform()}"


def runtime_dir(base: Path) -> Path:
    return Path(base) / runtime_tag()


def activate(base: Path) -> Optional[Path]:
    """Put the private runtime folder on sys.path when it exists; return it."""
    folder = runtime_dir(base)
    if folder.is_dir() and str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
        importlib.invalidate_caches()
    return folder if folder.is_dir() else None


def python_interpreter() -> Path:
    """The Python executable QGIS runs on: inside QGIS sys.executable is often QGIS itself."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in _interpreter_candidates(version):
        if candidate.is_file() and _reports_version(candidate, version):
            return candidate
    raise FloodSRError(
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
            raise FloodSRError("{path} is neither a wheel file nor a folder of wheels.", path=wheels)
        command += ["--no-index", "--find-links", str(wheel_source)]
    return command + requirements


def install_runtime(base: Path, wheels: Optional[str], log: Callable[[Union[str, Message]], None]) -> Path:
    """pip-install onnxruntime, and scipy when missing (no dependencies), into the private folder; returns the
    folder. `log` takes the command as a Message and pip's own output lines as they are."""
    target = runtime_dir(base)
    target.mkdir(parents=True, exist_ok=True)
    requirements = requirements_to_install()
    command = pip_install_command(python_interpreter(), target, wheels, requirements)
    log(Message("Running: {command}", command=" ".join(command)))
    completed = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    for line in (completed.stdout + completed.stderr).splitlines():
        log(line)
    if completed.returncode != 0:
        raise FloodSRError(
            "pip could not install {packages} (exit code {code}); its output is in the log above. "
            "Offline? Give a folder holding their wheels for this Python and platform.",
            packages=", ".join(requirements),
            code=completed.returncode,
        )
    activate(base)
    return target
