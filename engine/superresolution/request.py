"""What a super-resolution run is asked for (`SuperResolveRequest`, checked against the model's contract) and
what it reports (`SuperResolveResult`)."""

from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

from ..errors import InputError
from ..messages import Message
from ..options import (
    AUGMENTATION_VARIANTS,
    BLEND_MODES,
    DEFAULT_MAX_FALLBACK_SHARE,
    FEATHER,
    FLOAT32,
    INT16_CM,
    OUTPUT_DATA_TYPES,
)
from ..rasters.depth_finish import check_min_depth
from ..rasters.product import INT16_LARGEST_M
from .contract import DEFAULT_OVERLAP_LR, ModelContract, max_overlap_lr
from .tile_work import FallbackTile


@dataclass
class SuperResolveRequest:
    depth_path: str
    dem_path: str
    model_path: str
    output_path: str
    depth_band: int = 1
    dem_band: int = 1
    overlap_lr: int = DEFAULT_OVERLAP_LR
    blend: str = FEATHER
    max_depth: Optional[float] = None
    dem_clip: Optional[float] = None
    device: str = "auto"
    compression: str = "DEFLATE"
    cog: bool = False
    threads: int = 0
    model_name: str = ""
    depth_bands: Sequence[int] = ()  # several bands (scenarios, time steps) into one product; empty: depth_band
    augmentations: int = 1  # 4 or 8: test-time augmentation, with the spread as a band of its own
    data_type: str = FLOAT32
    max_fallback_share: float = DEFAULT_MAX_FALLBACK_SHARE
    weights_path: str = ""  # optional: the blending weight map on the model grid, for debugging
    conserve_volume: bool = False
    # The model's output everywhere; by default, where the model is outside its training range (its applicability
    # flags), the output is the model-free subgrid_smooth estimate (guard.py).
    raw_model: bool = False
    # Run the model on dry tiles too (their output is not exactly 0 for every model): the reference tool's output,
    # bit for bit. By default a tile whose coarse window holds no water is dry without a model run.
    every_tile: bool = False
    # A preview: (xmin, ymin, xmax, ymax) in the DEM's CRS (the output's); only the coarse cells it touches are
    # written.
    window: Optional[Tuple[float, float, float, float]] = None
    min_depth: float = 0.0  # m: shallower fine cells become dry
    wse_path: str = ""  # optional: the water-surface elevation on the output grid, a band per depth band
    # Optional polygons where water cannot stand (a vector source GDAL reads, and its layer; the first when empty)
    obstructions_path: str = ""
    obstructions_layer: str = ""
    connected_only: bool = False  # dry the fine wet cells no coarse cell's main water body reaches

    @property
    def band_numbers(self) -> List[int]:
        """The depth input's bands that become the product's layers, in order."""
        return list(self.depth_bands) or [self.depth_band]

    @property
    def needs_depth_computed(self) -> bool:
        """The water surface, the obstructions and the connectivity work on the depth as it is computed: an
        existing product's bands cannot be kept."""
        return bool(self.wse_path or self.obstructions_path or self.connected_only)

    def validate(self, contract: ModelContract) -> None:
        """Raise InputError for a setting the run (or the model's `contract`) cannot take."""
        self._validate_options(contract)
        if self.data_type == INT16_CM and contract.max_depth > INT16_LARGEST_M:
            raise InputError(
                "Int16 centimetres hold depths up to {largest} m, below the maximum depth of {value} m. Choose "
                "Float32 or Float16, or a lower maximum depth.",
                largest=INT16_LARGEST_M,
                value=contract.max_depth,
            )
        if not 0 <= self.max_fallback_share <= 1:
            raise InputError(
                "The share of tiles allowed to fall back must be from 0 to 1 (got {value}).",
                value=self.max_fallback_share,
            )
        check_min_depth(self.min_depth)
        if not contract.max_depth > 0:
            raise InputError("Maximum depth must be above 0 m (got {value}).", value=contract.max_depth)
        if not 0 < contract.dem_pct_clip <= 100:
            raise InputError("DEM clip percentile must be in (0, 100] (got {value}).", value=contract.dem_pct_clip)

    def _validate_options(self, contract: ModelContract) -> None:
        """The blend, the overlap, the augmentations and the data type."""
        if self.blend not in BLEND_MODES:
            raise InputError(
                "Unknown blend mode {blend!r}; use one of {choices}.", blend=self.blend, choices=", ".join(BLEND_MODES)
            )
        max_overlap = max_overlap_lr(contract.lr_tile)
        if not 0 <= self.overlap_lr <= max_overlap:
            raise InputError(
                "Overlap {overlap} is out of range: use 0 to {maximum} coarse pixels (default {default}).",
                overlap=self.overlap_lr,
                maximum=max_overlap,
                default=DEFAULT_OVERLAP_LR,
            )
        if self.augmentations not in AUGMENTATION_VARIANTS:
            raise InputError(
                "Test-time augmentation takes {choices} variants, not {value}.",
                choices=", ".join(str(count) for count in AUGMENTATION_VARIANTS),
                value=self.augmentations,
            )
        if self.data_type not in OUTPUT_DATA_TYPES:
            raise InputError(
                "Unknown output data type {value!r}; use one of {choices}.",
                value=self.data_type,
                choices=", ".join(OUTPUT_DATA_TYPES),
            )


@dataclass
class SuperResolveResult:
    output_path: str
    device_used: str
    tiles: int
    seconds: float
    session_seconds: float
    model_size: Tuple[int, int]
    output_size: Tuple[int, int]
    max_depth_found: float
    wet_fraction: float
    notes: List[Message] = field(default_factory=list)
    bands: List[str] = field(default_factory=list)  # the product's layers in band order, e.g. "depth:1"
    added_bands: List[str] = field(default_factory=list)  # those this run computed
    fallback_tiles: List[FallbackTile] = field(default_factory=list)
    outside_share: Optional[float] = None  # share of tiles outside the training range; None without a range
    clipped_share: Optional[float] = None  # share of the model's output values clipped to its range; None: no model
    applicability: Optional[Message] = None  # that share, and why, in a sentence; None without a range
    guarded_share: Optional[float] = None  # share of output cells given the subgrid_smooth estimate by the guard
    dry_tiles: int = 0  # tiles (per depth band) left dry without a model run
