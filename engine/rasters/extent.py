"""The wet mask behind flood-extent polygons: 1 where a fine depth is at least a threshold, nodata elsewhere."""

from dataclasses import dataclass
from typing import Optional

import numpy as np
from osgeo import gdal

from ..errors import InputError
from ..messages import Message
from ..progress import Progress
from .bands import as_nan, gdal_errors_as_exceptions, open_band
from .writer import BLOCK, GeoTiffWriter, RasterFormat

WET, NOT_WET = 1, 0  # NOT_WET is the mask's nodata: polygonizing it gives the wet area only
MASK_FORMAT = RasterFormat(data_type=gdal.GDT_Byte, nodata=NOT_WET, overviews=None)


@dataclass
class WetMask:
    wet_cells: int
    cell_area: float  # m2, in the raster's CRS units

    @property
    def area(self) -> float:
        return self.wet_cells * self.cell_area


def write_wet_mask(
    depth_path: str, band: int, threshold: float, output_path: str, progress: Optional[Progress] = None
) -> WetMask:
    """Write `output_path`, a Byte GeoTIFF on the depth raster's grid: 1 where the depth (m) is at least
    `threshold`, 0 (nodata) elsewhere, nodata included; read and written block row by block row."""
    progress = progress or Progress()
    if not threshold > 0:
        raise InputError("The flooded depth threshold must be above 0 m (got {value:g}).", value=threshold)
    with gdal_errors_as_exceptions():
        depth = open_band(depth_path, band, Message("depth"))
        grid = depth.grid
        wet_cells = 0
        with GeoTiffWriter(output_path, grid, MASK_FORMAT) as writer:
            for row0 in range(0, grid.height, BLOCK):
                progress.check_cancel()
                rows = min(BLOCK, grid.height - row0)
                values = as_nan(depth.read(0, row0, grid.width, rows).astype(np.float32), depth.nodata)
                with np.errstate(invalid="ignore"):
                    wet = values >= threshold  # NaN is never wet
                wet_cells += int(np.count_nonzero(wet))
                writer.append_rows(np.where(wet, WET, NOT_WET).astype(np.uint8))
                progress.report((row0 + rows) / grid.height)
    return WetMask(wet_cells, grid.dx * grid.dy)
