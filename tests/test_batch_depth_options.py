"""floodsr:batch with the depth options in the manifest: minimum depth, connectivity, obstructions, water surface."""

import numpy as np
import pytest
from osgeo import gdal

from floodsr.engine.batch.manifest import read_manifest
from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.errors import FloodSRError
from floodsr.engine.rasters.writer import OUTPUT_NODATA
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.batch_manifests import SAMPLE, pixels, report_rows, run_manifest, write_manifest
from helpers.polygons import SAMPLE_HOUSE_CELLS, SAMPLE_X0, SAMPLE_Y0, polygons_file, sample_house
from helpers.rasters import read_raster

DEPTH, DEM = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
HEADER = "id,depth,dem,output,method,model,min_depth,connected_only,obstructions,wse"
SHED_CELLS = (slice(324, 332), slice(260, 268))  # inside the wet coarse cell (20, 16)


def two_layers(folder):
    """A GeoPackage whose first layer ("buildings") holds a shed and whose second ("houses") holds the house."""
    path = polygons_file(folder / "two.gpkg", [square(SHED_CELLS)])
    return polygons_file(path, [square(SAMPLE_HOUSE_CELLS)], layer_name="houses")


def square(cells):
    """The outline of the fine cells (rows, columns) of the sample's 2 m grid."""
    rows, columns = cells
    x0, x1 = SAMPLE_X0 + 2 * columns.start, SAMPLE_X0 + 2 * columns.stop
    y0, y1 = SAMPLE_Y0 - 2 * rows.start, SAMPLE_Y0 - 2 * rows.stop
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def row(item_id, output, method="subgrid_smooth", min_depth="", connected="", obstructions="", wse="", model=""):
    return (item_id, DEPTH, DEM, output, method, model, min_depth, connected, obstructions, wse)


def direct(folder, name, **options):
    path = folder / f"direct_{name}.tif"
    downscale(DownscaleRequest(DEPTH, DEM, str(path), method="subgrid_smooth", **options))
    return path


def test_each_option_gives_what_the_engine_gives_for_it(tmp_path):
    obstructions = sample_house(tmp_path)
    rows = [
        row("plain", "out/plain.tif"),
        row("shallow", "out/shallow.tif", min_depth="0.25"),
        row("connected", "out/connected.tif", connected="true"),
        row("houses", "out/houses.tif", obstructions="house.gpkg"),
        row("surface", "out/surface.tif", min_depth="0.05", wse="out/surface_wse.tif"),
    ]
    run_manifest(write_manifest(tmp_path, rows, HEADER), tmp_path / "report.csv", workers=2)
    assert [status for _, status, _, _ in report_rows(tmp_path / "report.csv")] == ["done"] * 5
    out = tmp_path / "out"
    plain, shallow = read_raster(out / "plain.tif")[0], read_raster(out / "shallow.tif")[0]
    assert ((plain > 0) & (plain < 0.25)).sum() > 1000  # the flood has shallow cells, which become dry
    np.testing.assert_array_equal(shallow, np.where(plain < 0.25, 0, plain))
    assert pixels(out / "shallow.tif") == pixels(direct(tmp_path, "shallow", min_depth=0.25))
    assert pixels(out / "connected.tif") == pixels(direct(tmp_path, "connected", connected_only=True))
    assert pixels(out / "connected.tif") != pixels(out / "plain.tif")  # some puddles were dropped
    houses = read_raster(out / "houses.tif")[0]
    assert (plain[SAMPLE_HOUSE_CELLS] > 0).all() and (houses[SAMPLE_HOUSE_CELLS] == 0).all()
    assert pixels(out / "houses.tif") == pixels(direct(tmp_path, "houses", obstructions_path=obstructions))
    depth = read_raster(out / "surface.tif")[0]
    dem = read_raster(DEM)[0]
    surface, _, _, nodata = read_raster(out / "surface_wse.tif")
    assert nodata == OUTPUT_NODATA and (depth > 0).sum() > 20000
    np.testing.assert_array_equal(surface, np.where(depth > 0, dem + depth, OUTPUT_NODATA).astype(np.float32))
    assert depth[depth > 0].min() >= 0.05


def test_the_obstructions_layer_is_named_as_qgis_writes_a_layer_source(tmp_path):
    two = two_layers(tmp_path)
    rows = [
        row("plain", "plain.tif"),
        row("houses", "houses.tif", obstructions="two.gpkg|layername=houses"),
        row("buildings", "buildings.tif", obstructions="two.gpkg|layername=buildings"),
        row("unnamed", "unnamed.tif", obstructions="two.gpkg"),
        row("unknown", "unknown.tif", obstructions="two.gpkg|layername=roads"),
        row("one_layer", "one_layer.tif", obstructions="house.gpkg"),
    ]
    sample_house(tmp_path)
    run_manifest(write_manifest(tmp_path, rows, HEADER), tmp_path / "report.csv")
    results = {item_id: (status, message) for item_id, status, _, message in report_rows(tmp_path / "report.csv")}
    assert results == {
        "plain": ("done", ""),
        "houses": ("done", ""),
        "buildings": ("done", ""),
        "unnamed": (
            "failed",
            f"Line 5: The obstructions {two} hold 2 layers (buildings, houses); name the one to use as "
            f"{two}|layername=NAME.",
        ),
        "unknown": (
            "failed",
            f"Line 6: The obstructions {two} have no layer 'roads'; choose a polygon layer.",
        ),
        "one_layer": ("done", ""),
    }
    plain = read_raster(tmp_path / "plain.tif")[0]
    houses, buildings = read_raster(tmp_path / "houses.tif")[0], read_raster(tmp_path / "buildings.tif")[0]
    assert (plain[SAMPLE_HOUSE_CELLS] > 0).all() and (plain[SHED_CELLS] > 0).all()
    assert (houses[SAMPLE_HOUSE_CELLS] == 0).all() and (houses[SHED_CELLS] > 0).all()
    assert (buildings[SHED_CELLS] == 0).all() and (buildings[SAMPLE_HOUSE_CELLS] > 0).all()
    direct_houses = direct(tmp_path, "houses", obstructions_path=two, obstructions_layer="houses")
    assert pixels(tmp_path / "houses.tif") == pixels(direct_houses)
    assert pixels(tmp_path / "one_layer.tif") == pixels(tmp_path / "houses.tif")  # the same house, on its own


def test_a_resume_redoes_an_item_whose_obstructions_layer_changed(tmp_path):
    two_layers(tmp_path)

    def status(report, layer):
        rows = [row("a", "a.tif", obstructions=f"two.gpkg|layername={layer}")]
        run_manifest(write_manifest(tmp_path, rows, HEADER), tmp_path / report)
        return report_rows(tmp_path / report)[0][1]

    assert [status("1.csv", "houses"), status("2.csv", "houses"), status("3.csv", "buildings")] == [
        "done",
        "skipped",
        "done",
    ]
    assert (read_raster(tmp_path / "a.tif")[0][SHED_CELLS] == 0).all()


def test_a_model_row_takes_the_options_as_the_engine_does(tmp_path):
    obstructions = sample_house(tmp_path)
    rows = [row("model", "model.tif", "model", "0.1", "true", "house.gpkg", "model_wse.tif")]
    manifest = write_manifest(tmp_path, rows, HEADER)
    run_manifest(manifest, tmp_path / "report.csv")
    bundled = read_manifest(manifest, None).items[0].model_path  # no model given: the bundled one
    direct_wse = str(tmp_path / "direct_wse.tif")
    options = {"min_depth": 0.1, "connected_only": True, "obstructions_path": obstructions, "wse_path": direct_wse}
    superresolve(SuperResolveRequest(DEPTH, DEM, bundled, str(tmp_path / "direct.tif"), **options))
    assert pixels(tmp_path / "model.tif") == pixels(tmp_path / "direct.tif")
    assert pixels(tmp_path / "model_wse.tif") == pixels(tmp_path / "direct_wse.tif")
    depth = read_raster(tmp_path / "model.tif")[0]
    assert (depth[SAMPLE_HOUSE_CELLS] == 0).all() and depth[depth > 0].min() >= 0.1


def test_bad_option_values_fail_their_row_only(tmp_path):
    (tmp_path / "raster.tif").write_bytes((SAMPLE / "dem_2m.tif").read_bytes())
    rows = [
        row("good", "good.tif", min_depth="0.05", connected="yes"),
        row("word", "new/word.tif", min_depth="deep"),
        row("negative", "negative.tif", min_depth="-0.1"),
        row("too_deep", "too_deep.tif", min_depth="5"),
        row("maybe", "maybe.tif", connected="maybe"),
        row("missing", "missing.tif", obstructions="nowhere.gpkg"),
        row("not_vector", "not_vector.tif", obstructions="raster.tif"),
        row("png", "png.tif", wse="surface.png"),
        row("own", "own.tif", wse="own.tif"),
        row("others_output", "others_output.tif", wse="good.tif"),
        row("others_input", "others_input.tif", wse="raster.tif"),
        row("input", "input.tif", wse=DEM),
    ]
    run_manifest(write_manifest(tmp_path, rows, HEADER), tmp_path / "report.csv")
    results = {item_id: (status, message) for item_id, status, _, message in report_rows(tmp_path / "report.csv")}
    assert results.pop("good") == ("done", "")
    number = "is not a depth in metres from 0 to 1; give a number such as 0.05, or leave it empty for none."
    neither = "is neither true nor false; write true or false, or leave it empty for false."
    no_vector = "do not exist or are not a vector file GDAL reads (such as a GeoPackage or a shapefile)."
    assert {item_id: message for item_id, (_, message) in results.items()} == {
        "word": f"Line 3: the min_depth 'deep' {number}",
        "negative": f"Line 4: the min_depth '-0.1' {number}",
        "too_deep": f"Line 5: the min_depth '5' {number}",
        "maybe": f"Line 6: the connected_only 'maybe' {neither}",
        "missing": f"Line 7: the obstructions {tmp_path / 'nowhere.gpkg'} {no_vector}",
        "not_vector": f"Line 8: the obstructions {tmp_path / 'raster.tif'} {no_vector}",
        "png": f"Line 9: the wse {tmp_path / 'surface.png'} must end in .tif.",
        "own": f"Line 10: the wse {tmp_path / 'own.tif'} is already used on line 10; each item needs its own.",
        "others_output": f"Line 11: the wse {tmp_path / 'good.tif'} is already used on line 2; each item needs its "
        "own.",
        "others_input": f"Line 12: the wse {tmp_path / 'raster.tif'} is the obstructions input of line 8 "
        f"({tmp_path / 'raster.tif'}); FloodSR never writes over an input. Give the output its own name, or run the "
        "items one batch after the other.",
        "input": f"Line 13: the wse {DEM} is the dem input of line 2 ({DEM}); FloodSR never writes over an input. "
        "Give the output its own name, or run the items one batch after the other.",
    }
    assert {status for status, _ in results.values()} == {"failed"}
    assert not (tmp_path / "own.tif").exists() and not (tmp_path / "others_output.tif").exists()
    assert not (tmp_path / "new").exists()  # a row refused for its values leaves no folder behind
    assert pixels(tmp_path / "raster.tif") == pixels(DEM)  # never written over


def test_an_output_that_is_a_later_rows_wse_fails_that_row(tmp_path):
    rows = [row("first", "first.tif"), row("second", "second.tif", wse="first.tif")]
    run_manifest(write_manifest(tmp_path, rows, HEADER), tmp_path / "report.csv")
    assert report_rows(tmp_path / "report.csv")[1][1:] == (
        "failed",
        str(tmp_path / "second.tif"),
        f"Line 3: the wse {tmp_path / 'first.tif'} is already used on line 2; each item needs its own.",
    )


def test_a_manifest_separated_by_semicolons_takes_a_decimal_comma(tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(f"id;depth;dem;output;min_depth\na;{DEPTH};{DEM};a.tif;0,05\n", encoding="utf-8")
    assert read_manifest(manifest, None).items[0].min_depth == 0.05


def test_a_report_that_is_a_wse_output_is_refused(tmp_path):
    manifest = write_manifest(tmp_path, [row("a", "a.tif", wse="a_wse.tif")], HEADER)
    with pytest.raises(FloodSRError, match="which the batch reads or writes"):
        run_manifest(manifest, tmp_path / "a_wse.tif")
    assert not (tmp_path / "a.tif").exists()


def test_a_resume_redoes_an_item_whose_options_changed(tmp_path):
    obstructions = sample_house(tmp_path)
    options = {"min_depth": "0.05", "connected": "true", "obstructions": "house.gpkg", "wse": "a_wse.tif"}

    def statuses(report, **changed):
        run_manifest(write_manifest(tmp_path, [row("a", "a.tif", **{**options, **changed})], HEADER), tmp_path / report)
        return report_rows(tmp_path / report)[0][1]

    assert statuses("1.csv") == "done"
    assert statuses("2.csv") == "skipped"
    assert statuses("3.csv", min_depth="0.1") == "done"
    assert statuses("4.csv", min_depth="0.1", connected="false") == "done"
    assert statuses("5.csv", min_depth="0.1", connected="false") == "skipped"
    (tmp_path / "a_wse.tif").unlink()
    assert statuses("6.csv", min_depth="0.1", connected="false") == "done"
    x0, y0 = SAMPLE_X0, SAMPLE_Y0
    ring = [(x0 + 2 * 100, y0 - 2 * 100), (x0 + 2 * 120, y0 - 2 * 100), (x0 + 2 * 120, y0 - 2 * 120)]
    polygons_file(tmp_path / "other.gpkg", [ring])
    (tmp_path / "house.gpkg").write_bytes((tmp_path / "other.gpkg").read_bytes())  # the buildings were redrawn
    assert statuses("7.csv", min_depth="0.1", connected="false") == "done"
    assert statuses("8.csv", min_depth="0.1", connected="false", obstructions="") == "done"
    assert statuses("9.csv", min_depth="0.1", connected="false", obstructions="", wse="") == "skipped"
    assert gdal.Open(str(tmp_path / "a.tif")).GetMetadataItem("FLOODSR_MIN_DEPTH_M") == "0.1"
    assert obstructions == str(tmp_path / "house.gpkg")
