"""What FloodSR runs on: versions, execution providers, the model cache and whether models load."""

import html
import platform
import sys
from pathlib import Path
from typing import List, Sequence, Tuple

from ..errors import FloodSRError, ModelError
from ..html_page import page, table
from ..version import plugin_version
from .checksums import sha256_of_unchanged_file
from .registry import ModelEntry, load_registry

MODEL_HEADERS = ("name", "source", "cached", "size (MB)", "sha256 ok", "contract", "file", "lineage")
Row = Tuple[str, ...]
Section = Tuple[str, Sequence[str], List[Row]]


def model_source(entry: ModelEntry) -> str:
    if entry.bundled:
        return "bundled"
    if entry.registered_model:
        return "MLflow"
    return "download" if entry.url else "imported"


def model_rows(cache_dir: Path) -> List[Row]:
    rows: List[Row] = []
    for entry in load_registry(cache_dir):
        try:
            path = entry.local_path(cache_dir)
        except ModelError as error:
            rows.append((entry.name, model_source(entry), "refused", "-", "-", str(error)))
            continue
        installed = path.is_file()
        checksum = (
            ("yes" if sha256_of_unchanged_file(path) == entry.sha256 else "NO - fetch it again") if installed else "-"
        )
        size = f"{path.stat().st_size / 1e6:.1f}" if installed else f"~{entry.size / 1e6:.1f}"
        rows.append(
            (
                entry.name,
                model_source(entry),
                "yes" if installed else "no",
                size,
                checksum,
                entry.contract,
                str(path),
                entry.lineage,
            )
        )
    return rows


def version_rows(qgis_version: str) -> List[Row]:
    import numpy
    from osgeo import gdal

    return [
        ("FloodSR", plugin_version()),
        ("QGIS", qgis_version),
        ("Python", f"{platform.python_version()} ({sys.executable})"),
        ("Platform", platform.platform()),
        ("numpy", numpy.__version__),
        ("GDAL", gdal.__version__),
        ("onnxruntime", _onnxruntime_version()),
    ]


def _onnxruntime_version() -> str:
    try:
        import onnxruntime
    except ImportError:
        return "not installed (run floodsr:installruntime)"
    return f"{onnxruntime.__version__} ({Path(onnxruntime.__file__).parent})"


def provider_rows() -> List[Row]:
    try:
        import onnxruntime
    except ImportError:
        return [("-", "onnxruntime is not installed")]
    return [(name, "available") for name in onnxruntime.get_available_providers()]


def bundled_model_rows(cache_dir: Path) -> List[Row]:
    from ..superresolution.session import ModelSession

    rows: List[Row] = []
    for entry in load_registry(cache_dir):
        if not entry.bundled:
            continue
        try:
            session = ModelSession(entry.local_path(cache_dir), device="cpu", threads=1)
            rows.append((entry.name, f"loads; contract {session.contract.summary()}"))
        except (FloodSRError, ImportError) as error:
            rows.append((entry.name, f"does not load: {error}"))
    return rows or [("-", "no bundled model in this build")]


def registry_problem_rows(cache_dir: Path) -> List[Row]:
    problems: List = []
    load_registry(cache_dir, problems)
    return [(str(problem),) for problem in problems] or [("none",)]


def collect(qgis_version: str, cache_dir: Path, runtime_base: Path) -> List[Section]:
    return [
        ("Versions", ("component", "version"), version_rows(qgis_version)),
        ("onnxruntime execution providers", ("provider", "status"), provider_rows()),
        ("Folders", ("what", "path"), [("model cache", str(cache_dir)), ("private runtime", str(runtime_base))]),
        ("Models", MODEL_HEADERS, model_rows(cache_dir)),
        ("Model registry problems", ("skipped entry",), registry_problem_rows(cache_dir)),
        ("Bundled model check", ("model", "result"), bundled_model_rows(cache_dir)),
    ]


def sections_as_html(title: str, sections: List[Section]) -> str:
    return page(
        title,
        "\n".join(f"<h2>{html.escape(heading)}</h2>\n{table(headers, rows)}" for heading, headers, rows in sections),
    )


def sections_as_text(sections: List[Section]) -> List[str]:
    lines = []
    for heading, _headers, rows in sections:
        lines.append(f"== {heading}")
        lines.extend(" | ".join(str(cell) for cell in row) for row in rows)
    return lines
