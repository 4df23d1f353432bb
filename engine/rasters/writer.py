"""Tiled, compressed GeoTIFF output, written top to bottom and renamed into place on success."""

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Union

import numpy as np
from osgeo import gdal

from ..errors import OutputError
from ..files import StagedFile, check_distinct_files, remove_sidecars, temporary_path, write_failure
from ..options import COMPRESSIONS
from .grid import Grid
from .overviews import AVERAGE, build_overviews
from .storage import AnyPath, StagedUpload, StoragePath, check_remote_output, local_staging_path

OUTPUT_NODATA = -9999.0
BLOCK = 512
GEOTIFF_SUFFIXES = (".tif", ".tiff")


def check_output_path(path: AnyPath, inputs: Iterable[str] = ()) -> StoragePath:
    """Refuse an output we could not write, before any work is done."""
    output = StoragePath.parse(path)
    if output.suffix.lower() not in GEOTIFF_SUFFIXES:
        raise OutputError("The output {path} must be a GeoTIFF: give it a .tif extension.", path=output)
    if output.is_local:
        _check_local_output(output.local, inputs)
    else:
        if any(StoragePath.parse(source) == output for source in inputs if source):
            raise OutputError("The output {path} is one of the inputs; choose another file name.", path=output)
        check_remote_output(output)
    return output


def scratch_path_for(output: StoragePath, purpose: str) -> Path:
    """An intermediate file of this run only: beside a local output (same disk, so the final rename is cheap), or
    in the local temporary folder for a cloud-storage output."""
    if output.is_local:
        return temporary_path(output.local.with_name(f"{output.stem}.{purpose}"), ".tif")
    return local_staging_path(output, purpose)


def staged_output(output: StoragePath) -> Union[StagedFile, StagedUpload]:
    """Where `output` is built until it is complete: beside it, or for a cloud-storage output in the local
    temporary folder, to be uploaded."""
    return StagedFile(output.local, ".tif") if output.is_local else StagedUpload(output)


def _check_local_output(output: Path, inputs: Iterable[str]) -> None:
    if output.is_dir():
        raise OutputError("The output {path} is a folder; give a file name ending in .tif.", path=output)
    if not output.parent.is_dir():
        raise OutputError(
            "The output folder {folder} does not exist. Create it or choose another folder.", folder=output.parent
        )
    if not os.access(output.parent, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise OutputError(
            "The output {path} cannot be written (no permission). Choose a folder you can write to.", path=output
        )
    check_distinct_files([output], [source for source in inputs if source and StoragePath.parse(source).is_local])


@dataclass(frozen=True)
class BandInfo:
    """What a band says about itself: its description, unit, the scale and offset that turn stored values into
    the unit (value = stored * scale + offset), and metadata items."""

    description: str = ""
    unit: str = ""
    scale: float = 1.0
    offset: float = 0.0
    metadata: Dict[str, str] = field(default_factory=dict)

    def apply_to(self, band: gdal.Band) -> None:
        band.SetDescription(self.description)
        if self.unit:
            band.SetUnitType(self.unit)
        if (self.scale, self.offset) != (1.0, 0.0):
            band.SetScale(self.scale)
            band.SetOffset(self.offset)
        if self.metadata:
            band.SetMetadata(dict(self.metadata))


@dataclass(frozen=True)
class RasterFormat:
    """How a raster's values are stored: compression, Cloud Optimized GeoTIFF or not, GDAL data type, nodata
    value, creation options beyond FloodSR's own, and the resampling of the overviews (GDAL's name, None for none;
    a COG gets its own from the COG driver instead)."""

    compression: str = "DEFLATE"
    cog: bool = False
    data_type: int = gdal.GDT_Float32
    nodata: float = OUTPUT_NODATA
    creation_options: Sequence[str] = ()
    overviews: Optional[str] = AVERAGE


class GeoTiffWriter:
    """Rows go in top to bottom; whole 512-row block rows are written and freed as they fill. Overviews are built
    inside the file once every row is in. `bands`: what each band says about itself (none: one band that says
    nothing).

    The file is built under a hidden name beside the target and renamed over it only when
    everything succeeded, so an error or a cancel never leaves a partial output behind. A cloud-storage
    target (/vsis3/ ...) is built in the local temporary folder, checked, and uploaded whole at the end.
    """

    def __init__(
        self,
        path,
        grid: Grid,
        raster_format: RasterFormat = RasterFormat(),
        bands: Sequence[BandInfo] = (),
        tags: Optional[Dict[str, str]] = None,
    ):
        if raster_format.compression not in COMPRESSIONS:
            raise OutputError(
                "Unknown compression {compression!r}; use one of {choices}.",
                compression=raster_format.compression,
                choices=", ".join(COMPRESSIONS),
            )
        self.path = StoragePath.parse(path)
        self.grid = grid
        self.compression = raster_format.compression
        self.cog = raster_format.cog
        # a COG gets its overviews from the COG driver
        self.overviews = None if raster_format.cog else raster_format.overviews
        try:
            self._staged = staged_output(self.path)
        except OSError as error:
            raise write_failure(self.path, error) from error
        try:
            self._dataset = _create(self._staged.path, grid, raster_format, list(bands) or [BandInfo()], tags or {})
        except (RuntimeError, OSError) as error:
            self._staged.discard()
            raise write_failure(self.path, error) from error
        except BaseException:
            self._staged.discard()
            raise
        self._rows_written = 0

    def append_rows(self, rows: np.ndarray) -> None:
        """The next rows, (rows, columns) for a one-band file or (bands, rows, columns). Each block row is
        flushed to disk (and freed) the moment its last row arrives, never before, so no block is compressed
        twice and memory holds at most one block row."""
        per_band = rows[None] if rows.ndim == 2 else rows
        height = per_band.shape[1]
        if self._rows_written + height > self.grid.height:
            raise ValueError("more rows written than the grid has")
        taken = 0
        while taken < height:
            to_boundary = BLOCK - self._rows_written % BLOCK
            count = min(to_boundary, height - taken)
            try:
                for index, band_rows in enumerate(per_band, start=1):
                    self._dataset.GetRasterBand(index).WriteArray(
                        band_rows[taken : taken + count], 0, self._rows_written
                    )
                if (self._rows_written + count) % BLOCK == 0:
                    self._dataset.FlushCache()
            except (RuntimeError, OSError) as error:  # GDAL says only "TIFFAppendToStrip..." on a full disk
                raise write_failure(self.path, error) from error
            self._rows_written += count
            taken += count

    def set_statistics(self, minimum: float, maximum: float, mean: float, std: float, band: int = 1) -> None:
        self._dataset.GetRasterBand(band).SetStatistics(minimum, maximum, mean, std)

    def __enter__(self):
        return self

    def __exit__(self, error_type, error, traceback):
        if error_type is None:
            self._finish()
        else:
            self._discard()
        return False

    def _finish(self) -> None:
        try:
            if self._rows_written != self.grid.height:
                raise ValueError(f"{self._rows_written} of {self.grid.height} rows were written")
            try:
                self._dataset.FlushCache()
                build_overviews(self._dataset, self.overviews)
                self._dataset = None
                if self.cog:
                    _rewrite_as_cog(self._staged.path, self.compression)
                if self.path.is_local:
                    remove_sidecars(self.path.local)
                else:
                    _check_readable(self._staged.path, self.grid)
                self._staged.put_in_place()
            except (RuntimeError, OSError) as error:
                raise write_failure(self.path, error) from error
        finally:
            self._discard()

    def _discard(self) -> None:
        self._dataset = None
        self._staged.discard()
        _cog_copy_of(self._staged.path).unlink(missing_ok=True)


def _check_readable(path: Path, grid: Grid) -> None:
    """Before an upload: the finished file opens and has the grid it was written on."""
    dataset = gdal.Open(str(path))
    if (dataset.RasterXSize, dataset.RasterYSize) != (grid.width, grid.height):
        raise ValueError(f"{path} does not have the size it was written with")


def geotiff_options(compression: str, data_type: int) -> List[str]:
    """Creation options of every tiled GeoTIFF FloodSR writes."""
    # Floating-point predictor for float rasters, horizontal differencing for integers.
    predictor = 3 if data_type in (gdal.GDT_Float32, gdal.GDT_Float64) else 2
    # NUM_THREADS: a flushed block row is compressed on all cores, while the model is not running; a batch
    # worker limits it to its share of the cores through GDAL_NUM_THREADS.
    return [
        "TILED=YES",
        f"BLOCKXSIZE={BLOCK}",
        f"BLOCKYSIZE={BLOCK}",
        f"COMPRESS={compression}",
        f"PREDICTOR={predictor}",
        "BIGTIFF=IF_SAFER",
        f"NUM_THREADS={gdal.GetConfigOption('GDAL_NUM_THREADS') or 'ALL_CPUS'}",
    ]


def cog_options(compression: str) -> List[str]:
    return [f"COMPRESS={compression}", "PREDICTOR=YES", f"BLOCKSIZE={BLOCK}", "BIGTIFF=IF_SAFER"]


def _create(
    path: Path, grid: Grid, raster_format: RasterFormat, bands: List[BandInfo], tags: Dict[str, str]
) -> gdal.Dataset:
    options = geotiff_options(raster_format.compression, raster_format.data_type) + list(raster_format.creation_options)
    try:
        dataset = gdal.GetDriverByName("GTiff").Create(
            str(path), grid.width, grid.height, len(bands), raster_format.data_type, options=options
        )
    except RuntimeError as error:
        raise write_failure(path, error) from error
    dataset.SetGeoTransform(grid.geotransform)
    dataset.SetProjection(grid.crs_wkt)
    dataset.SetMetadata({key: str(value) for key, value in tags.items()})
    for index, info in enumerate(bands, start=1):
        band = dataset.GetRasterBand(index)
        band.SetNoDataValue(raster_format.nodata)
        info.apply_to(band)
    return dataset


def _rewrite_as_cog(tiled: Path, compression: str) -> None:
    """`tiled` becomes a Cloud Optimized GeoTIFF of itself, through a copy beside it."""
    cog = _cog_copy_of(tiled)
    gdal.Translate(str(cog), str(tiled), format="COG", creationOptions=cog_options(compression))
    os.replace(cog, tiled)


def _cog_copy_of(tiled: Path) -> Path:
    return tiled.with_suffix(".cog.tif")
