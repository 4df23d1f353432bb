"""The flood product: one multi-band GeoTIFF (depth, its spread, applicability flags, per input band), its
band descriptions, units and encodings, its tags and fingerprint, and adding missing bands to an existing product.

A product file is never edited in place (that would break a COG's layout): bands are added by building a
virtual raster of the existing file's bands and the new bands' own file, copied by GDAL's GeoTIFF or COG driver
to a hidden file that replaces the product only when it is complete.
"""

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal

from ..files import StagedFile, remove_sidecars, write_failure
from ..messages import LanguageLike, Message
from ..options import APPLICABILITY_LAYER, DEPTH_LAYER, FLOAT16, FLOAT32, INT16_CM, SPREAD_LAYER
from ..version import plugin_version
from .grid import Grid
from .overviews import AVERAGE, NEAREST, build_overviews
from .storage import INPUTS_TAG, content_state, inputs_fingerprint
from .tags import (
    ENGINE_VERSION_TAG,
    FINGERPRINT_TAG,
    LAYER_TAG,
    MODEL_SHA256_TAG,
    MODEL_TAG,
    PARAMETERS_TAG,
    layer_key,
    split_layer_key,
)
from .writer import OUTPUT_NODATA, BandInfo, cog_options, geotiff_options

LAYER_KINDS = (DEPTH_LAYER, SPREAD_LAYER, APPLICABILITY_LAYER)
# What each band says about itself, in the user's language: short, as the Layers panel and legends show it.
LAYER_TEXT = {
    DEPTH_LAYER: (Message("Flood depth (m)"), "m"),
    SPREAD_LAYER: (Message("Depth spread (m)"), "m"),
    APPLICABILITY_LAYER: (Message("Outside the training range (flags)"), ""),
}


@dataclass(frozen=True)
class Layer:
    """One band of the product: what it holds, for which band of the depth input."""

    kind: str
    input_band: int

    @classmethod
    def from_key(cls, key: str) -> "Layer":
        return cls(*split_layer_key(key))

    @property
    def key(self) -> str:
        return layer_key(self.kind, self.input_band)

    @property
    def order(self) -> Tuple[int, int]:
        return LAYER_KINDS.index(self.kind), self.input_band

    def band_info(
        self, encoding: "Encoding", several_inputs: bool, extra: Dict[str, str], language: LanguageLike = None
    ) -> BandInfo:
        text, unit = LAYER_TEXT[self.kind]
        described = Message("{text}, input band {band}", text=text, band=self.input_band) if several_inputs else text
        description = described.render(language)
        scale = encoding.scale if self.kind != APPLICABILITY_LAYER else 1.0
        return BandInfo(description, unit, scale, 0.0, {LAYER_TAG: self.key, **extra})


def product_layers(input_bands: Sequence[int], spread: bool, applicability: bool) -> List[Layer]:
    """Band order: every input band's depth, then the spreads, then the applicability flags."""
    kinds = [DEPTH_LAYER] + ([SPREAD_LAYER] if spread else []) + ([APPLICABILITY_LAYER] if applicability else [])
    return sorted((Layer(kind, band) for kind in kinds for band in input_bands), key=lambda layer: layer.order)


@dataclass(frozen=True)
class Encoding:
    """How values (float32 metres or flags, NaN where nodata) are stored."""

    data_type: int
    nodata: float
    scale: float = 1.0  # metres per stored unit for depth and spread
    creation_options: Tuple[str, ...] = ()

    def encode(self, values: np.ndarray, layer: Layer) -> np.ndarray:
        missing = np.isnan(values)
        if self.data_type == gdal.GDT_Float32:
            return np.where(missing, np.float32(self.nodata), values).astype(np.float32, copy=False)
        step = self.scale if layer.kind != APPLICABILITY_LAYER else 1.0
        stored = np.round(np.nan_to_num(values, nan=0.0) / step)
        return np.where(missing, self.nodata, stored).astype(np.int16)


@dataclass(frozen=True)
class ProductFormat:
    """How a product file is written: its encoding, compression and layout (a Cloud Optimized GeoTIFF or not)."""

    encoding: Encoding
    compression: str
    cog: bool


INT16_LARGEST_M = 327.67  # 32767 cm; -32768 is nodata

ENCODINGS = {
    FLOAT32: Encoding(gdal.GDT_Float32, OUTPUT_NODATA),
    # GDAL stores float32 bands in 16 bits (IEEE half precision) with NBITS=16; -9999 has no half-precision
    # value, so nodata is NaN.
    FLOAT16: Encoding(gdal.GDT_Float32, math.nan, creation_options=("NBITS=16",)),
    INT16_CM: Encoding(gdal.GDT_Int16, -32768.0, scale=0.01),
}


def existing_layers(path: Path, fingerprint: str, grid: Grid) -> Dict[str, int]:
    """The layers (key -> band number) of an existing product made from the same inputs, model and settings, on
    `grid` (size, georeferencing and CRS; a product cropped or warped since keeps its tags, not its grid); empty
    when there is none, or it was made otherwise (then it is replaced as a whole)."""
    if not path.is_file():
        return {}
    try:
        dataset = gdal.Open(str(path))
    except RuntimeError:
        return {}
    if dataset is None or dataset.GetMetadataItem(FINGERPRINT_TAG) != fingerprint or not _on_grid(dataset, grid):
        return {}
    layers = {}
    for index in range(1, dataset.RasterCount + 1):
        key = dataset.GetRasterBand(index).GetMetadataItem(LAYER_TAG)
        if key:
            layers[key] = index
    return layers


def product_overviews(layers: Sequence[Layer]) -> str:
    """How the product's overviews are resampled: averages of depth and spread, but flags only as they are."""
    return NEAREST if any(layer.kind == APPLICABILITY_LAYER for layer in layers) else AVERAGE


def _on_grid(dataset: gdal.Dataset, grid: Grid) -> bool:
    if (dataset.RasterXSize, dataset.RasterYSize) != (grid.width, grid.height):
        return False
    tolerance = 1e-6 * max(grid.dx, grid.dy)  # what a float round trip through GDAL's text metadata may change
    if not np.allclose(dataset.GetGeoTransform(), grid.geotransform, rtol=0, atol=tolerance):
        return False
    crs = dataset.GetSpatialRef()
    return crs is not None and bool(crs.IsSame(grid.srs()))


@dataclass(frozen=True)
class ProductRecipe:
    """What a product is made from: the model, the settings, the inputs (which depth bands, which preview window)
    and the encoding. The bands of products of the same recipe can complete each other."""

    model_name: str
    model_sha256: str
    parameters: Dict[str, Any]
    depth_path: str
    dem_path: str
    depth_bands: Sequence[int]
    data_type: str
    window: Optional[Tuple[float, float, float, float]] = None


def product_tags(recipe: ProductRecipe, more: Dict[str, str]) -> Dict[str, str]:
    """The product's own tags (`more` among them), its fingerprint last."""
    return {
        MODEL_TAG: recipe.model_name,
        MODEL_SHA256_TAG: recipe.model_sha256,
        ENGINE_VERSION_TAG: plugin_version(),
        PARAMETERS_TAG: json.dumps(recipe.parameters, sort_keys=True),
        **more,
        INPUTS_TAG: inputs_fingerprint(recipe.depth_path, recipe.dem_path),
        FINGERPRINT_TAG: fingerprint(
            model=recipe.model_sha256,
            parameters=recipe.parameters,
            depth_bands=list(recipe.depth_bands),
            inputs=[content_state(recipe.depth_path), content_state(recipe.dem_path)],
            data_type=recipe.data_type,
            window=recipe.window,
        ),
    }


def fingerprint(**parts) -> str:
    return json.dumps(parts, sort_keys=True, default=str)


def assemble_product(
    output: Path, sources: Sequence[Tuple[str, int]], product_format: ProductFormat, overviews: Optional[str] = AVERAGE
) -> None:
    """Write `sources` ((path, band) in product order, descriptions and metadata carried over from each band)
    into one file at `output`, through a virtual raster; the old file stays until the new one is complete."""
    singles = [f"/vsimem/floodsr-{os.getpid()}-{id(output)}-{index}.vrt" for index in range(len(sources))]
    stacked = f"/vsimem/floodsr-{os.getpid()}-{id(output)}.vrt"
    try:
        staged = StagedFile(output, ".tif")
    except OSError as error:
        raise write_failure(output, error) from error
    try:
        with staged:
            for single, (path, band) in zip(singles, sources):
                gdal.Translate(single, path, format="VRT", bandList=[band])
            vrt = gdal.BuildVRT(stacked, singles, separate=True)
            _carry_metadata(vrt, sources)
            vrt.FlushCache()
            encoding, cog = product_format.encoding, product_format.cog
            compression = product_format.compression
            options = cog_options(compression) if cog else geotiff_options(compression, encoding.data_type)
            gdal.Translate(
                str(staged.path),
                vrt,
                format="COG" if cog else "GTiff",
                creationOptions=options + list(encoding.creation_options),
            )
            vrt = None
            if not cog:  # the COG driver made its own
                written = gdal.Open(str(staged.path), gdal.GA_Update)
                build_overviews(written, overviews)
                written = None  # closed before the rename
            remove_sidecars(output)
    except (RuntimeError, OSError) as error:  # GDAL's errors, or the rename refused (the file open elsewhere)
        raise write_failure(output, error) from error
    finally:
        for name in singles + [stacked]:
            gdal.Unlink(name)


def _carry_metadata(vrt: gdal.Dataset, sources: Sequence[Tuple[str, int]]) -> None:
    """Dataset tags from the first source; each band's description, unit, scale, nodata and items from its own."""
    datasets = {path: gdal.Open(path) for path in dict.fromkeys(path for path, _ in sources)}  # bands need them open
    vrt.SetMetadata(datasets[sources[0][0]].GetMetadata())
    for index, (path, band_index) in enumerate(sources, start=1):
        source = datasets[path].GetRasterBand(band_index)
        target = vrt.GetRasterBand(index)
        BandInfo(
            source.GetDescription(),
            source.GetUnitType(),
            source.GetScale() or 1.0,
            source.GetOffset() or 0.0,
            source.GetMetadata(),
        ).apply_to(target)
        nodata = source.GetNoDataValue()
        if nodata is not None:
            target.SetNoDataValue(nodata)
