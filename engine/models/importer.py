"""Import a local ONNX file as a registered model: check its contract, copy it into the cache, record it."""

import re
import shutil
from pathlib import Path

from ..errors import InputError, OutputError
from ..superresolution.applicability import sidecar_path
from ..superresolution.session import ModelSession
from .checksums import sha256_of
from .registry import ModelEntry, add_user_entry, load_registry

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def contract_summary(session: ModelSession) -> str:
    contract = session.contract
    return (
        f"depth_lr [N,{contract.lr_tile},{contract.lr_tile},1] + dem_hr [N,{contract.hr_tile},{contract.hr_tile},1] -> "
        f"{contract.output_name} [N,{contract.hr_tile},{contract.hr_tile},1], x{contract.scale}, "
        f"max depth {contract.max_depth:g} m"
    )


def import_model(model_file, name: str, cache_dir: Path, description: str = "") -> ModelEntry:
    source = Path(model_file)
    if not NAME_PATTERN.match(name or ""):
        raise InputError(
            "Model name {name!r} is not usable: use 1-64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit.",
            name=name,
        )
    if any(entry.name == name and entry.bundled for entry in load_registry(cache_dir)):
        raise InputError("{name} is the name of a bundled model; choose another name.", name=name)
    session = ModelSession(source, device="cpu", threads=1)  # refuses files without the contract, saying why
    entry = ModelEntry(
        name=name,
        description=description or f"Imported from {source}",
        file_name=source.name,
        sha256=sha256_of(source),
        size=source.stat().st_size,
        contract=contract_summary(session),
        licence="as given by its author",
        url="",
    )
    target = entry.local_path(cache_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    try:
        shutil.copyfile(source, partial)
        partial.replace(target)
        for companion in (source.with_name("train_config.json"), sidecar_path(source)):  # settings, training range
            if companion.exists():
                shutil.copyfile(companion, target.with_name(companion.name))
        add_user_entry(entry, cache_dir)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise OutputError(
            "Could not copy {source} into the model cache {cache_dir} ({error}). Check disk space and permissions.",
            source=source,
            cache_dir=cache_dir,
            error=error,
        ) from error
    return entry
