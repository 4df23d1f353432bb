"""Obstructions (buildings): their cells dry, each coarse cell's water kept on its other cells; by hand, in another
CRS, and with the Merewether benchmark's 60 building footprints."""

import csv
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.errors import InputError
from floodsr.engine.progress import Progress

from helpers.paths import SAMPLE
from helpers.polygons import polygons_file
from helpers.rasters import read_raster, write_raster
from helpers.real_terrain import MEREWETHER, merewether_inputs

X0, Y0 = 500000.0, 100000.0  # EPSG:3794, cells of 1 m, coarse cells of 2 m


def square(col0, row0, cols, rows):
    """The outline of fine cells [col0, col0 + cols) x [row0, row0 + rows) of the 1 m grid."""
    x0, x1, y0, y1 = X0 + col0, X0 + col0 + cols, Y0 - row0, Y0 - row0 - rows
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def run(tmp_path, coarse, dem, obstructions, method="subgrid"):
    output = tmp_path / f"out-{method}.tif"
    log = []
    downscale(
        DownscaleRequest(
            write_raster(tmp_path / "coarse.tif", coarse, X0, Y0, 2.0),
            write_raster(tmp_path / "dem.tif", dem, X0, Y0, 1.0),
            str(output),
            method=method,
            obstructions_path=obstructions,
        ),
        Progress(log=lambda line: log.append(str(line))),
    )
    return read_raster(output)[0], log


def test_water_off_a_building_goes_to_the_rest_of_its_coarse_cell(tmp_path):
    dem = np.full((2, 6), 100.0, np.float32)
    coarse = np.array([[1.0, 0.5, 0.3]], np.float32)
    # a building on fine cell (0, 0) of the first coarse cell; the second coarse cell built over entirely; a
    # polygon that misses every cell centre of the third (only its corner)
    buildings = polygons_file(tmp_path / "b.gpkg", [square(0, 0, 1, 1), square(2, 0, 2, 2), square(4, 0, 0.4, 0.4)])
    depth, log = run(tmp_path, coarse, dem, buildings)
    # first cell: 4 m3 on its 4 cells, 1 m3 off the building onto the other 3: 4/3 m each; second: lost
    expected = [[0, 4 / 3, 0, 0, 0.3, 0.3], [4 / 3, 4 / 3, 0, 0, 0.3, 0.3]]
    np.testing.assert_allclose(depth, expected, atol=1e-5)
    line = next(line for line in log if line.startswith("Obstructions"))
    assert "5 fine cells are obstructed; 1 m3 of water was moved" in line and "2 m3 was lost" in line


@pytest.mark.parametrize("method", ["subgrid_smooth", "basic", "costgrow"])
def test_every_method_keeps_each_coarse_cells_volume(tmp_path, method):
    rng = np.random.default_rng(5)
    dem = (100 + rng.random((8, 8)) * 0.5).astype(np.float32)
    coarse = np.full((4, 4), 0.2, np.float32)
    buildings = polygons_file(tmp_path / "b.gpkg", [square(1, 1, 2, 1), square(5, 4, 1, 3)])
    plain, _ = run(tmp_path, coarse, dem, "", method)
    kept, _ = run(tmp_path, coarse, dem, buildings, method)
    assert (kept[1, 1:3] == 0).all() and (kept[4:7, 5] == 0).all()
    blocks = lambda depth: depth.reshape(4, 2, 4, 2).sum(axis=(1, 3))  # noqa: E731
    np.testing.assert_allclose(blocks(kept), blocks(plain), atol=1e-5)


def test_buildings_in_another_crs_are_reprojected(tmp_path):
    to_geographic = osr.CoordinateTransformation(_srs(3794), _srs(4326))
    ring = [to_geographic.TransformPoint(x, y)[:2] for x, y in square(0, 0, 1, 1)]
    buildings = polygons_file(tmp_path / "b.gpkg", [ring], epsg=4326)
    depth, _ = run(tmp_path, np.array([[1.0]], np.float32), np.full((2, 2), 100.0, np.float32), buildings)
    np.testing.assert_allclose(depth, [[0, 4 / 3], [4 / 3, 4 / 3]], atol=1e-5)


def _srs(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def test_lines_and_unreadable_files_are_refused(tmp_path):
    lines = tmp_path / "lines.gpkg"
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(lines))
    source.CreateLayer("walls", _srs(3794), ogr.wkbLineString)
    source = None
    for path, message in ((str(lines), "not polygons"), (str(tmp_path / "none.gpkg"), "cannot be read")):
        with pytest.raises(InputError, match=message):
            run(tmp_path, np.array([[1.0]], np.float32), np.full((2, 2), 100.0, np.float32), path)
        assert not (tmp_path / "out-subgrid.tif").exists()


def merewether_houses():
    """The 60 building footprints: one ring of (x, y) per houses/*.csv."""
    houses = []
    for path in sorted((MEREWETHER / "houses").glob("*.csv")):
        with open(path, newline="") as handle:
            houses.append([(float(x), float(y)) for x, y in csv.reader(handle)])
    return houses


def inside(ring, xs, ys):
    """Even-odd rule: which points (xs, ys) lie inside the ring."""
    result = np.zeros(xs.shape, bool)
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        crosses = (y1 > ys) != (y2 > ys)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = x1 + (ys - y1) * (x2 - x1) / (y2 - y1)
        result ^= crosses & (xs < at)
    return result


def test_merewether_buildings_are_dry_and_every_coarse_cell_keeps_its_water(tmp_path):
    coarse, dem = merewether_inputs(tmp_path)  # the simulated flood's 16 m run
    houses = merewether_houses()
    assert len(houses) == 60
    buildings = polygons_file(tmp_path / "houses.gpkg", houses, epsg=32756)
    plain, with_houses = tmp_path / "plain.tif", tmp_path / "houses.tif"
    downscale(DownscaleRequest(coarse, dem, str(plain)))
    downscale(DownscaleRequest(coarse, dem, str(with_houses), obstructions_path=buildings))
    before, transform, _, nodata = read_raster(plain)
    after = read_raster(with_houses)[0]
    rows, cols = before.shape
    xs = transform[0] + (np.arange(cols) + 0.5) * transform[1]
    ys = transform[3] + (np.arange(rows) + 0.5) * transform[5]
    grid_x, grid_y = np.meshgrid(xs, ys)
    built = np.zeros(before.shape, bool)
    for ring in houses:
        built |= inside(ring, grid_x, grid_y)
    valid = before != nodata
    assert built.sum() > 5000  # the footprints cover thousands of 1 m cells
    assert (after[built & valid] == 0).all()
    assert (before[built & valid] > 0).sum() > 1000  # and the flood had water there
    volume = lambda depth: np.where(valid, depth, 0).reshape(rows // 16, 16, cols // 16, 16).sum(axis=(1, 3))  # noqa: E731
    coarse_built = built.reshape(rows // 16, 16, cols // 16, 16).all(axis=(1, 3))
    assert not coarse_built.any()  # no 16 m cell is built over entirely, so no water is lost
    np.testing.assert_allclose(volume(after), volume(before), rtol=1e-5, atol=1e-3)
    parameters = json.loads(gdal.Open(str(with_houses)).GetMetadataItem("FLOODSR_PARAMETERS"))
    assert parameters["obstructions"] == hashlib.sha256(Path(buildings).read_bytes()).hexdigest()


@pytest.mark.parametrize("conserve", [False, True])
def test_superresolve_moves_the_models_water_off_buildings(floodsr_plugin, pointwise_onnx, tmp_path, conserve):
    import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    sample = SAMPLE
    x0, y0 = gdal.Open(str(sample / "dem_2m.tif")).GetGeoTransform()[::3][:2]
    layer = QgsVectorLayer("Polygon?crs=EPSG:3794", "buildings", "memory")
    feature = QgsFeature()
    # fine cells 276-295 x 276-295: a 40 m square over 4 coarse cells, in the sample's flood
    feature.setGeometry(QgsGeometry.fromWkt(_square_wkt(x0 + 552, y0 - 552, 40)))
    layer.dataProvider().addFeature(feature)
    common = {
        "INPUT_DEPTH": str(sample / "depth_32m.tif"),
        "INPUT_DEM": str(sample / "dem_2m.tif"),
        "MODEL_FILE": pointwise_onnx,
        "CONSERVE_VOLUME": conserve,
    }
    plain = processing.run("floodsr:superresolve", {**common, "OUTPUT": str(tmp_path / "plain.tif")})["OUTPUT"]
    built = processing.run(
        "floodsr:superresolve", {**common, "OBSTRUCTIONS": layer, "OUTPUT": str(tmp_path / "built.tif")}
    )["OUTPUT"]
    before, after = read_raster(plain)[0].astype(np.float64), read_raster(built)[0].astype(np.float64)
    assert before[276:296, 276:296].sum() > 10  # the square had water
    assert (after[276:296, 276:296] == 0).all()
    np.testing.assert_array_equal(after[:272], before[:272])  # coarse rows without buildings are untouched
    blocks = lambda depth: np.where(depth < 0, 0, depth).reshape(31, 16, 31, 16).sum(axis=(1, 3))  # noqa: E731
    np.testing.assert_allclose(blocks(after), blocks(before), rtol=1e-4, atol=1e-3)


def _square_wkt(x0, y0, size):
    return f"POLYGON(({x0} {y0},{x0 + size} {y0},{x0 + size} {y0 - size},{x0} {y0 - size},{x0} {y0}))"
