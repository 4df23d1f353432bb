"""What every stage between a fine depth and the output file works with: the stages hold rows of the output grid
until their coarse rows are complete (obstructions.py, connectivity.py)."""

from dataclasses import dataclass
from typing import Any, Callable

from ..progress import Progress
from .row_blocks import Rows
from .subgrid import CellLayout


def every_layer(key: Any) -> bool:
    return True


@dataclass(frozen=True)
class RowStage:
    """Where a stage hands its rows on (`push`), where their fine rows fall among the coarse cells (`layout`), the
    progress it logs to and checks for cancel, and which layers of the rows are depths (`is_depth`): the stage
    changes those, each on its own, and passes the others as they came."""

    push: Callable[[Rows], None]
    layout: CellLayout
    progress: Progress
    is_depth: Callable[[Any], bool] = every_layer
