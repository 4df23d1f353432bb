"""What the tiles of a run compute (`TileSettings`; with the model, the grids and the tile plan: `TileJob`), what
the model gives for one tile (`TilePrediction`) and what the tile loop counts (`TileCounts`)."""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from ..downscaling.window import RunArea
from ..messages import Message
from ..options import APPLICABILITY_LAYER, DEPTH_LAYER, SPREAD_LAYER
from ..rasters.bands import RasterBand
from ..rasters.inputs import InferenceInputs
from ..rasters.product import Layer
from .applicability import TrainingRange, applicability_summary, outside_features
from .contract import ModelContract
from .session import ModelSession
from .tiles import TilePlan


@dataclass(frozen=True)
class FallbackTile:
    """A tile whose model output was unusable and was replaced by the subgrid estimate."""

    input_band: int
    row: int
    column: int


@dataclass(frozen=True)
class TileSettings:
    """What every tile computes: the layers, from which depth bands, with how many model augmentations, against
    which training range, and how many unusable tiles the run allows."""

    layers: List[Layer]
    input_bands: Dict[int, RasterBand]  # input band number -> its coarse depth (a preview's crop of it)
    augmentations: int
    training_range: Optional[TrainingRange]
    max_fallback_share: float
    every_tile: bool = False
    guard_areas: Dict[int, RunArea] = field(default_factory=dict)  # per depth band: where its guard's estimate runs

    @property
    def runs_model(self) -> bool:
        return any(layer.kind in (DEPTH_LAYER, SPREAD_LAYER) for layer in self.layers)

    @property
    def checks_range(self) -> bool:
        return any(layer.kind == APPLICABILITY_LAYER for layer in self.layers)

    def is_dry(self, depth_tile: np.ndarray) -> bool:
        """A tile is dry when its coarse window (overlap included) holds no water: its depth is 0 without the
        model, unless every tile runs."""
        return not self.every_tile and not np.any(depth_tile > 0)


@dataclass(frozen=True)
class TileJob:
    """The model, the inputs on the model grid, their tiles and what each tile computes."""

    session: ModelSession
    contract: ModelContract
    inputs: InferenceInputs
    plan: TilePlan
    settings: TileSettings


@dataclass(frozen=True)
class TilePrediction:
    """The model's output for one wet tile: its depth in metres and (with augmentation) the spread of the variants,
    with the count of raw output values and of those the contract clipped to the model's range; or, when a
    variant's output is unusable, what is wrong with it (`problem`) and nothing else."""

    depth: Optional[np.ndarray] = None
    spread: Optional[np.ndarray] = None
    problem: Optional[Message] = None
    output_cells: int = 0
    clipped_cells: int = 0


@dataclass
class TileCounts:
    """What the tile loop counted over a run."""

    dry_tiles: int = 0  # tiles (per depth band) left dry without a model run
    fallback_tiles: List[FallbackTile] = field(default_factory=list)
    outside_tiles: Dict[str, int] = field(default_factory=dict)  # feature -> tiles outside
    checked_tiles: int = 0
    tiles_outside: int = 0
    output_cells: int = 0  # raw model output values of usable tiles, and those outside the range they are clipped to
    clipped_cells: int = 0

    def count_output(self, prediction: TilePrediction) -> None:
        self.output_cells += prediction.output_cells
        self.clipped_cells += prediction.clipped_cells

    def count_range(self, flags: int) -> None:
        """Count a tile checked against the training range, with its applicability flags."""
        self.checked_tiles += 1
        if flags:
            self.tiles_outside += 1
            for name in outside_features(flags):
                self.outside_tiles[name] = self.outside_tiles.get(name, 0) + 1

    @property
    def outside_share(self) -> Optional[float]:
        return self.tiles_outside / self.checked_tiles if self.checked_tiles else None

    @property
    def clipped_share(self) -> Optional[float]:
        return self.clipped_cells / self.output_cells if self.output_cells else None

    def applicability(self) -> Optional[Message]:
        if not self.checked_tiles:
            return None
        return applicability_summary(self.tiles_outside, self.checked_tiles, self.outside_tiles)
