"""Import a local ONNX file as a registered model: check its contract, copy it into the cache, record it."""

import shutil
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..errors import ModelError
from ..files import replace_folder, write_failure
from ..progress import Progress
from ..superresolution.applicability import sidecar_path
from ..superresolution.session import ModelSession
from .checksums import sha256_of
from .lock import model_lock
from .registry import FILE_NAME_PATTERN, Lineage, ModelEntry, add_user_entry, check_entry_names, load_registry

CONFIG_NAME = "train_config.json"
IMPORTED_FILE_NAME = "model.onnx"


NO_LINEAGE = Lineage("", "", "")


@dataclass(frozen=True)
class Provenance:
    """What the cache records of where an imported model came from: a description (without one, the file it was
    imported from) and, for a model-registry version, its lineage."""

    description: str = ""
    lineage: Lineage = NO_LINEAGE


LOCAL_FILE = Provenance()


def import_model(
    model_file, name: str, cache_dir: Path, provenance: Provenance = LOCAL_FILE, progress=None
) -> ModelEntry:
    """The model, its train_config.json and its training range (if any) become the model `name`'s only files in
    the cache."""
    source = Path(model_file)
    # The file keeps its name in the cache when that is a plain one ("my model (v2).onnx" is not).
    file_name = source.name if FILE_NAME_PATTERN.match(source.name) else IMPORTED_FILE_NAME
    check_entry_names(name, file_name)
    registered = next((entry for entry in load_registry(cache_dir) if entry.name == name), None)
    if registered is not None and (registered.bundled or registered.url):
        raise ModelError(
            "{name} is the name of a bundled or published model; an import cannot replace it. Choose another name.",
            name=name,
        )
    session = ModelSession(source, device="cpu", threads=1)  # refuses files without the contract, saying why
    entry = ModelEntry(
        name=name,
        description=provenance.description or f"Imported from {source}",
        file_name=file_name,
        sha256=sha256_of(source),
        size=source.stat().st_size,
        contract=session.contract.summary(),
        licence="as given by its author",
        url="",
        **provenance.lineage._asdict(),
    )
    folder = entry.local_path(cache_dir).parent
    with model_lock(cache_dir, name, progress or Progress()):
        try:
            replace_folder(folder, partial(_copy_model_files, source, file_name))
        except OSError as error:
            raise write_failure(folder / file_name, error) from error
        add_user_entry(entry, cache_dir)
    return entry


def _copy_model_files(source: Path, file_name: str, folder: Path) -> None:
    target = folder / file_name
    # Settings, and the training range, named after the model as it is named in the cache.
    for companion, copy in (
        (source.with_name(CONFIG_NAME), folder / CONFIG_NAME),
        (sidecar_path(source), sidecar_path(target)),
    ):
        if companion.exists():
            shutil.copyfile(companion, copy)
    shutil.copyfile(source, target)
