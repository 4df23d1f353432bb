"""Running qgis_process headless with FloodSR loaded, as `make qgis-process` does."""

import json
import os
import subprocess

from helpers.paths import CHECKOUT

WRAPPER = CHECKOUT / "tools" / "qgis-process"


def run_qgis_process(*args, env=None, timeout=300):
    completed = subprocess.run(
        [str(WRAPPER), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    return completed


def run_json(*args, **kwargs):
    completed = run_qgis_process("--json", *args, **kwargs)
    assert completed.returncode == 0, completed.stderr[-3000:] + completed.stdout[-3000:]
    return json.loads(completed.stdout)


def run_algorithm(algorithm, parameters, **kwargs):
    """qgis_process --json run ALG -- KEY=VALUE ...; returns the parsed JSON."""
    return run_json("run", algorithm, "--", *[f"{key}={value}" for key, value in parameters.items()], **kwargs)
