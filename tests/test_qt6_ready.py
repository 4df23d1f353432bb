"""Qt6 builds of QGIS drop Qt5-only API: the shipped code and the dev tools must not use it.

Debian has no Qt6 QGIS to test on, so the code is read (ast, not text: comments and strings don't count):
- unscoped enum members (Qt.AlignLeft, QgsProcessingParameterNumber.Double) instead of scoped ones
  (Qt.AlignmentFlag.AlignLeft, Qgis.ProcessingNumberParameterType.Double or processing_provider/enums.py);
- exec_() instead of exec();
- QRegExp (QRegularExpression instead);
- PyQt5 or sip imported directly instead of through qgis.PyQt.
"""

import ast
import enum
import importlib
from pathlib import Path

import pytest

from floodsr.tools.package import SHIPPED_FILES, SHIPPED_FOLDERS

from helpers.paths import CHECKOUT

CHECKED_FOLDERS = list(SHIPPED_FOLDERS) + ["tools"]


def checked_files():
    yield from (CHECKOUT / name for name in SHIPPED_FILES if name.endswith(".py"))
    for folder in CHECKED_FOLDERS:
        yield from sorted((CHECKOUT / folder).rglob("*.py"))


def imported_qgis_names(tree: ast.AST) -> dict:
    """Local name -> (module, attribute) for every `from qgis... import X [as Y]` in the module."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("qgis"):
            for alias in node.names:
                names[alias.asname or alias.name] = (node.module, alias.name)
    return names


def is_unscoped_enum_member(owner, name: str) -> bool:
    """True for Owner.Member where Member is an enum value reached without its enum type (sip enums are int
    subclasses; QGIS's newer enums are Python enums monkey-patched onto their old owners)."""
    value = getattr(owner, name, None)
    if isinstance(value, enum.Enum):
        return True
    return isinstance(value, int) and type(value) not in (int, bool)


def qt5_only_uses(path: Path) -> list:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = imported_qgis_names(tree)
    found = []
    for node in ast.walk(tree):
        where = f"{path}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"{where} imports {module}" for module in modules if module.split(".")[0] in ("PyQt5", "sip")]
            found += [f"{where} imports QRegExp" for alias in node.names if alias.name == "QRegExp"]
        elif isinstance(node, ast.Attribute) and node.attr == "exec_":
            found.append(f"{where} calls exec_()")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in names:
            module, attribute = names[node.value.id]
            owner = getattr(importlib.import_module(module), attribute)
            if is_unscoped_enum_member(owner, node.attr):
                found.append(f"{where} uses the unscoped enum member {node.value.id}.{node.attr}")
    return found


def test_the_check_sees_each_kind_of_qt5_only_use(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from qgis.PyQt.QtCore import Qt, QRegExp\n"
        "from qgis.core import QgsProcessingParameterNumber, Qgis\n"
        "import PyQt5.QtCore\n"
        "from sip import wrapinstance\n"
        "# Qt.AlignLeft in a comment does not count\n"
        "ALIGN = Qt.AlignLeft\n"
        "SCOPED = Qt.AlignmentFlag.AlignLeft\n"
        "KIND = QgsProcessingParameterNumber.Double\n"
        "NEW_KIND = Qgis.ProcessingNumberParameterType.Double\n"
        "dialog.exec_()\n"
    )
    assert [line.split(" ", 1)[1] for line in qt5_only_uses(sample)] == [
        "imports QRegExp",
        "imports PyQt5.QtCore",
        "imports sip",
        "uses the unscoped enum member Qt.AlignLeft",
        "uses the unscoped enum member QgsProcessingParameterNumber.Double",
        "calls exec_()",
    ]


@pytest.mark.parametrize("path", list(checked_files()), ids=lambda path: str(path.relative_to(CHECKOUT)))
def test_no_qt5_only_api(path):
    assert qt5_only_uses(path) == []
