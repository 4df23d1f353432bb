"""Which bands a run computes: an existing product of the same recipe keeps its bands and gets only the missing
ones, assembled with them into a new file."""

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from ..messages import Message
from ..options import APPLICABILITY_LAYER, DEPTH_LAYER, SPREAD_LAYER
from ..progress import Progress
from ..rasters.grid import Grid
from ..rasters.product import Layer, existing_layers
from ..rasters.storage import StoragePath
from ..rasters.tags import FINGERPRINT_TAG


@dataclass(frozen=True)
class ProductTarget:
    """The product file, the tags its bands share, the layers asked for, the bands an existing product of the same
    recipe keeps (key -> band number) and the layers this run computes into it."""

    path: StoragePath
    tags: Dict[str, str]
    layers: List[Layer]
    kept: Dict[str, int]
    missing: List[Layer]

    @property
    def band_keys(self) -> List[str]:
        """The finished product's bands, in band order."""
        kept = {Layer.from_key(key) for key in self.kept}
        return [layer.key for layer in sorted(set(self.layers) | kept, key=lambda layer: layer.order)]

    def sources(self, new_bands: Path) -> List[Tuple[Layer, Tuple[str, int]]]:
        """Each band of the finished product, in band order, with where it is read: the kept ones from the product,
        the missing ones from `new_bands`, the file they were computed into."""
        return sorted(
            [(Layer.from_key(key), (str(self.path), band)) for key, band in self.kept.items()]
            + [(layer, (str(new_bands), index)) for index, layer in enumerate(self.missing, start=1)],
            key=lambda item: item[0].order,
        )


def new_product(path: StoragePath, tags: Dict[str, str], layers: List[Layer]) -> ProductTarget:
    return ProductTarget(path, tags, layers, {}, layers)


def completed_product(
    path: StoragePath, tags: Dict[str, str], layers: List[Layer], grid: Grid, progress: Progress
) -> ProductTarget:
    """The bands an existing product of the same run keeps and the layers to compute: all of them for a new
    product, for a cloud-storage output (written whole, then uploaded), or when the existing one already has every
    band asked for."""
    kept = existing_layers(path.local, tags[FINGERPRINT_TAG], grid) if path.is_local else {}
    missing = [layer for layer in layers if layer.key not in kept]
    if not kept or not missing:
        return new_product(path, tags, layers)
    progress.log(
        Message(
            "{path} already has bands {kept}; only {missing} are computed and added to it.",
            path=path,
            kept=", ".join(kept),
            missing=", ".join(layer.key for layer in missing),
        )
    )
    return ProductTarget(path, tags, layers, kept, missing)


def computed_layers(missing: Sequence[Layer], guarded: bool) -> List[Layer]:
    """The missing layers, plus the depth of every missing spread (the spread is masked where it is dry), plus,
    when guarded, the applicability flags of every depth computed (the guard reads them)."""
    depths = [Layer(DEPTH_LAYER, layer.input_band) for layer in missing if layer.kind == SPREAD_LAYER]
    computed = set(missing) | set(depths)
    if guarded:
        computed |= {Layer(APPLICABILITY_LAYER, layer.input_band) for layer in computed if layer.kind == DEPTH_LAYER}
    return sorted(computed, key=lambda layer: layer.order)
