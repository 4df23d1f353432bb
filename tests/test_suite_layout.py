"""Test modules share code through tests/helpers/ only: importing a test module runs its module-level setup and
ties two test files together, so that moving or renaming one breaks the other."""

import ast
from pathlib import Path

from helpers.paths import CHECKOUT

TESTS = CHECKOUT / "tests"


def imported_modules(path: Path) -> set:
    """The top-level names of the modules `path` imports absolutely."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_test_module_or_helper_imports_a_test_module():
    test_modules = {path.stem for path in TESTS.glob("test_*.py")}
    sources = sorted(TESTS.glob("*.py")) + sorted((TESTS / "helpers").glob("*.py"))
    importing = {str(path.relative_to(TESTS)): sorted(imported_modules(path) & test_modules) for path in sources}
    assert {name: imported for name, imported in importing.items() if imported} == {}
