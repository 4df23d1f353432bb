"""No unused imports, undefined names or similar slips anywhere in the project's Python."""

import io
from pathlib import Path

from pyflakes.api import checkRecursive
from pyflakes.reporter import Reporter

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["__init__.py", "engine", "floodsr_plugin", "processing_provider", "server", "tools", "tests"]


def test_pyflakes_finds_nothing():
    warnings, errors = io.StringIO(), io.StringIO()
    count = checkRecursive([str(ROOT / path) for path in CHECKED], Reporter(warnings, errors))
    assert count == 0, warnings.getvalue() + errors.getvalue()
