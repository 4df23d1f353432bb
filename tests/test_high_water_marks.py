"""High-water marks in floodsr:evaluate: scores by hand on a 3 x 3 raster, the point layer and report they give,
and the Merewether benchmark's observed peak levels against a flood simulated there and downscaled."""

import csv
import math

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer

from floodsr.engine.errors import InputError
from floodsr.engine.evaluation.marks import MISSED, OUTSIDE, SCORED, HighWaterMark
from floodsr.engine.evaluation.run import EvaluateRequest, evaluate

from helpers.rasters import read_raster, write_raster
from helpers.real_terrain import MEREWETHER, merewether_inputs
from helpers.real_terrain import SIMULATED_MEREWETHER as SIMULATED

X0, Y0 = 1000.0, 2000.0  # the 3 x 3 case's north-west corner; cells of 1 m
DEPTH = np.array([[0.5, 0.0, 0.2], [1.0, 0.005, 0.3], [0.0, 0.0, 0.0]], np.float32)
DEM = np.full((3, 3), 10.0, np.float32)
# (column, row) of the cell holding each mark, and its observed level: A -0.1, B dry, C +0.2, D +0.5, F 5 mm
# (under the 1 cm wet threshold: missed), E outside the rasters.
MARKS = [
    ("A", 0, 0, 10.6),
    ("B", 1, 0, 10.3),
    ("C", 2, 0, 10.0),
    ("D", 0, 1, 10.5),
    ("E", 7, 7, 10.0),
    ("F", 1, 1, 9.9),
]


def centre(col, row):
    return X0 + col + 0.5, Y0 - row - 0.5


@pytest.fixture
def estimate_and_dem_paths(tmp_path):
    return (
        write_raster(tmp_path / "estimate.tif", DEPTH, X0, Y0, 1.0, nodata=-9999),
        write_raster(tmp_path / "dem.tif", DEM, X0, Y0, 1.0, nodata=-9999),
    )


def engine_marks():
    return [HighWaterMark(*centre(col, row), level) for _, col, row, level in MARKS]


def test_water_levels_are_scored_by_hand(estimate_and_dem_paths):
    estimate, dem = estimate_and_dem_paths
    marks = evaluate(EvaluateRequest(estimate, marks=engine_marks(), dem_path=dem)).marks
    assert [mark.status for mark in marks.marks] == [SCORED, MISSED, SCORED, SCORED, OUTSIDE, MISSED]
    assert [mark.error for mark in marks.marks] == pytest.approx([-0.1, None, 0.2, 0.5, None, None], abs=1e-6)
    assert marks.bias == pytest.approx(0.2, abs=1e-6)  # (-0.1 + 0.2 + 0.5) / 3
    assert marks.mae == pytest.approx(0.8 / 3, abs=1e-6)
    assert marks.rmse == pytest.approx(math.sqrt(0.1), abs=1e-6)  # (0.01 + 0.04 + 0.25) / 3
    # over the 3 scored and the 2 missed marks: A within 0.1 m; A and C within 0.3 m
    assert marks.share_within(0.1) == pytest.approx(1 / 5)
    assert marks.share_within(0.3) == pytest.approx(2 / 5)


def test_observed_depths_need_no_dem(estimate_and_dem_paths):
    estimate, _ = estimate_and_dem_paths
    marks = [HighWaterMark(*centre(0, 0), 0.4), HighWaterMark(*centre(2, 1), 0.35)]
    scores = evaluate(EvaluateRequest(estimate, marks=marks, mark_kind="depth")).marks
    assert [mark.error for mark in scores.marks] == pytest.approx([0.1, -0.05], abs=1e-6)
    assert scores.rmse == pytest.approx(math.sqrt((0.01 + 0.0025) / 2), abs=1e-6)


def test_levels_without_a_dem_and_a_run_with_nothing_to_score_are_refused(estimate_and_dem_paths):
    estimate, _ = estimate_and_dem_paths
    with pytest.raises(InputError, match="give the DEM"):
        evaluate(EvaluateRequest(estimate, marks=engine_marks()))
    with pytest.raises(InputError, match="reference raster, high-water marks, or both"):
        evaluate(EvaluateRequest(estimate))


def marks_layer(crs="EPSG:3794"):
    layer = QgsVectorLayer(f"Point?crs={crs}&field=name:string&field=level:double", "marks", "memory")
    features = []
    for name, col, row, level in MARKS:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*centre(col, row))))
        feature.setAttributes([name, level])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_evaluate_gives_the_scored_marks_as_a_layer_and_in_the_report(floodsr_plugin, estimate_and_dem_paths, tmp_path):
    import processing

    estimate, dem = estimate_and_dem_paths
    result = processing.run(
        "floodsr:evaluate",
        {
            "ESTIMATE": estimate,
            "MARKS": marks_layer(),
            "MARK_FIELD": "level",
            "INPUT_DEM": dem,
            "OUTPUT_MARKS": str(tmp_path / "scored.gpkg"),
            "OUTPUT_HTML": str(tmp_path / "report.html"),
        },
    )
    assert result["MARKS_BIAS"] == pytest.approx(0.2, abs=1e-6)
    assert result["MARKS_RMSE"] == pytest.approx(math.sqrt(0.1), abs=1e-6)
    assert result["MARKS_WITHIN_0_1_M"] == pytest.approx(0.2)
    assert result["MARKS_WITHIN_0_3_M"] == pytest.approx(0.4)
    assert (result["MARKS_SCORED"], result["MARKS_MISSED"]) == (3, 2)
    assert result.get("RMSE") is None  # no reference raster, no raster scores
    scored = QgsVectorLayer(result["OUTPUT_MARKS"], "scored", "ogr")
    rows = {feature["name"]: feature for feature in scored.getFeatures()}
    assert rows["A"]["estimate_m"] == pytest.approx(10.5) and rows["A"]["error_m"] == pytest.approx(-0.1, abs=1e-6)
    assert rows["B"]["status"] == "missed" and rows["E"]["status"] == "outside" and rows["D"]["status"] == "scored"
    assert rows["D"]["level"] == 10.5 and rows["D"].geometry().asPoint() == QgsPointXY(*centre(0, 1))
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "High-water marks" in report and "0.3162" in report and "Difference map" not in report


def test_marks_in_another_crs_are_brought_onto_the_estimate(floodsr_plugin, estimate_and_dem_paths, tmp_path):
    import processing

    estimate, dem = estimate_and_dem_paths
    layer = marks_layer()
    geographic = processing.run(
        "native:reprojectlayer", {"INPUT": layer, "TARGET_CRS": "EPSG:4326", "OUTPUT": "memory:"}
    )
    result = processing.run(
        "floodsr:evaluate",
        {"ESTIMATE": estimate, "MARKS": geographic["OUTPUT"], "MARK_FIELD": "level", "INPUT_DEM": dem},
    )
    assert result["MARKS_BIAS"] == pytest.approx(0.2, abs=1e-6) and result["MARKS_SCORED"] == 3


def test_marks_without_their_field_are_refused(floodsr_plugin, estimate_and_dem_paths):
    import processing

    estimate, dem = estimate_and_dem_paths
    with pytest.raises(QgsProcessingException, match="field of the high-water marks"):
        processing.run("floodsr:evaluate", {"ESTIMATE": estimate, "MARKS": marks_layer(), "INPUT_DEM": dem})


def merewether_observations():
    """(x, y, ID, peak level of the ARR final report) of the benchmark's five observation points."""
    with open(MEREWETHER / "ObservationPoints.csv", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    return [(float(row[0]), float(row[1]), int(row[2]), float(row[4])) for row in rows]


def merewether_layer():
    layer = QgsVectorLayer("Point?crs=EPSG:32756&field=ID:integer&field=stage:double", "observations", "memory")
    for x, y, identifier, level in merewether_observations():
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feature.setAttributes([identifier, level])
        layer.dataProvider().addFeature(feature)
    return layer


def levels_at_observations(depth_path, dem):
    """By hand, observation point ID -> DEM + depth in the cell holding it - observed level; None where the depth
    there is under the 1 cm wet threshold. `dem` is an array on the depth's grid."""
    depth, transform, _, _ = read_raster(depth_path)
    errors = {}
    for x, y, identifier, level in merewether_observations():
        col, row = int((x - transform[0]) // transform[1]), int((transform[3] - y) // -transform[5])
        wet = depth[row, col] >= 0.01
        errors[identifier] = float(dem[row, col]) + float(depth[row, col]) - level if wet else None
    return errors


def test_the_simulated_merewether_truth_is_near_the_observed_peak_levels():
    """The 2 m itzi run (tools/floodgen/merewether.py) on the 1 m DEM averaged onto its cells: within 0.3 m of the
    ARR final report's level at every point, as the benchmark's published models are."""
    dem = read_raster(MEREWETHER / "topography1.asc")[0].astype(np.float64)[:416, :320]
    ground = dem.reshape(208, 2, 160, 2).mean(axis=(1, 3))  # no void in the cells of the points
    errors = levels_at_observations(SIMULATED / "depth_2m.tif", ground)
    assert errors == pytest.approx({4: -0.14, 3: -0.01, 0: -0.01, 1: -0.01, 2: 0.27}, abs=0.01)


def test_merewether_observed_peak_levels_against_the_simulated_flood_downscaled_there(floodsr_plugin, tmp_path):
    """The 16 m run of the same event downscaled (default method) onto the 1 m DEM, scored against the observed
    peak levels; every score checked against the rasters' values at the points."""
    import processing

    coarse, dem = merewether_inputs(tmp_path)
    estimate = processing.run(
        "floodsr:downscale", {"INPUT_DEPTH": coarse, "INPUT_DEM": dem, "OUTPUT": str(tmp_path / "estimate.tif")}
    )["OUTPUT"]
    result = processing.run(
        "floodsr:evaluate",
        {
            "ESTIMATE": estimate,
            "MARKS": merewether_layer(),
            "MARK_FIELD": "stage",
            "INPUT_DEM": dem,
            "OUTPUT_MARKS": "memory:",
        },
    )
    by_hand = levels_at_observations(estimate, read_raster(dem)[0])
    errors = np.array([error for error in by_hand.values() if error is not None])
    missed = sorted(identifier for identifier, error in by_hand.items() if error is None)
    rows = {feature["ID"]: feature for feature in result["OUTPUT_MARKS"].getFeatures()}
    assert sorted(rows) == [0, 1, 2, 3, 4]
    for identifier, error in by_hand.items():
        assert rows[identifier]["status"] == ("missed" if error is None else "scored")
        assert rows[identifier]["error_m"] == (None if error is None else pytest.approx(error, abs=1e-5))
    assert (result["MARKS_SCORED"], result["MARKS_MISSED"]) == (len(errors), len(missed))
    assert result["MARKS_BIAS"] == pytest.approx(errors.mean(), abs=1e-5)
    assert result["MARKS_MAE"] == pytest.approx(np.abs(errors).mean(), abs=1e-5)
    assert result["MARKS_RMSE"] == pytest.approx(math.sqrt(np.mean(errors**2)), abs=1e-5)
    assert result["MARKS_WITHIN_0_1_M"] == pytest.approx(np.sum(np.abs(errors) <= 0.1) / 5)
    assert result["MARKS_WITHIN_0_3_M"] == pytest.approx(np.sum(np.abs(errors) <= 0.3) / 5)
    # What the coarse run gives there (README.md, flood analysis): every point wet, four within 0.21 m, and the
    # point nearest the inflow (76 m downstream, where the 2 m truth too is 0.27 m high) 0.57 m too high.
    assert missed == [] and result["MARKS_WITHIN_0_3_M"] == pytest.approx(0.8)
    assert by_hand == pytest.approx({4: -0.19, 3: 0.21, 0: -0.14, 1: -0.07, 2: 0.57}, abs=0.02)


def test_a_reference_and_marks_together_give_both_scores_and_report_sections(estimate_and_dem_paths, tmp_path):
    estimate, dem = estimate_and_dem_paths
    truth = write_raster(tmp_path / "truth.tif", DEPTH + np.float32(0.1), X0, Y0, 1.0, nodata=-9999)
    report = tmp_path / "report.html"
    result = evaluate(EvaluateRequest(estimate, truth, marks=engine_marks(), dem_path=dem, html_path=str(report)))
    assert result.scores.bias == pytest.approx(-0.1, abs=1e-6)  # the estimate is 0.1 m shallower everywhere
    assert result.marks.bias == pytest.approx(0.2, abs=1e-6)
    page = report.read_text(encoding="utf-8")
    assert "Difference map" in page and "High-water marks" in page and "truth.tif" in page
