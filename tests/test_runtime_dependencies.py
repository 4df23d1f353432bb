"""Every package the shipped code imports either comes with QGIS or is declared: floodsr:installruntime can
install it and the algorithms that need it check for it (canExecute), so none fails with an import error."""

import ast
import sys

from floodsr.engine.models.runtime import runtime_requirements
from floodsr.processing_provider import provider
from floodsr.processing_provider.algorithm import FloodSRAlgorithm
from floodsr.tools.package import SHIPPED_FOLDERS

from helpers.paths import CHECKOUT

# In QGIS's Python on every platform: the QGIS and GDAL bindings, numpy, and requests.
SHIPPED_WITH_QGIS = {"qgis", "processing", "osgeo", "numpy", "requests"}  # processing: QGIS's own plugin


def third_party_imports() -> dict:
    """Top-level package -> the shipped files that import it, for packages outside Python's standard library."""
    found = {}
    for folder in SHIPPED_FOLDERS:
        for path in sorted((CHECKOUT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    package = name.split(".")[0]
                    if package not in sys.stdlib_module_names:
                        found.setdefault(package, set()).add(str(path.relative_to(CHECKOUT)))
    return found


def installable_packages() -> set:
    return {requirement.split("==")[0] for requirement in runtime_requirements()}


def algorithm_classes():
    """The algorithms the provider registers (its module imports each one)."""
    return [
        value for value in vars(provider).values() if isinstance(value, type) and issubclass(value, FloodSRAlgorithm)
    ]


def test_every_third_party_import_comes_with_qgis_or_from_installruntime():
    imports = third_party_imports()
    assert {"scipy", "onnxruntime"} <= set(imports), "the scan must see the packages the engine is known to use"
    undeclared = {package: files for package, files in imports.items() if package not in SHIPPED_WITH_QGIS}
    assert set(undeclared) == installable_packages(), undeclared


def test_the_algorithms_check_every_package_installruntime_provides():
    checked = {package for algorithm in algorithm_classes() for package in algorithm.runtime_packages}
    assert checked == installable_packages()
