"""Build the installable plugin zip: top folder floodsr/, only what a user needs."""

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# .secrets.baseline: the audited strings that look like secrets (the models' sha256), for the plugin site's scan.
SHIPPED_FILES = ["metadata.txt", "__init__.py", "LICENSE", "README.md", "CHANGELOG.md", ".secrets.baseline"]
SHIPPED_FOLDERS = ["floodsr_plugin", "processing_provider", "engine", "resources", "i18n"]
SKIPPED_SUFFIXES = {".pyc", ".ts", ".pro", ".xml"}  # .aux.xml: statistics GDAL and QGIS write beside rasters


def shipped_paths():
    for name in SHIPPED_FILES:
        yield ROOT / name
    for folder in SHIPPED_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in SKIPPED_SUFFIXES:
                yield path


def build(target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in shipped_paths():
            archive.write(path, Path("floodsr") / path.relative_to(ROOT))
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1] if len(sys.argv) > 1 else "floodsr.zip")).resolve())
