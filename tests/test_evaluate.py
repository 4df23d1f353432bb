"""Streaming evaluation: whole-raster scores from blocks, grid alignment, masks, output rasters and report."""

import numpy as np
import pytest

from floodsr.engine.errors import InputError
from floodsr.engine.evaluation.run import EvaluateRequest, evaluate

from helpers.rasters import read_raster, write_raster


@pytest.fixture
def truth_and_estimate(tmp_path):
    rng = np.random.default_rng(11)
    truth = np.where(rng.random((1100, 700)) < 0.3, rng.uniform(0, 2, (1100, 700)), 0).astype(np.float32)
    estimate = np.clip(truth + rng.normal(0, 0.1, truth.shape), 0, None).astype(np.float32)
    estimate[0, :5] = -9999
    return {
        "truth": truth,
        "estimate": estimate,
        "tmp": tmp_path,
        "truth_path": write_raster(tmp_path / "truth.tif", truth, 0.0, 2200.0, 2.0),
        "estimate_path": write_raster(tmp_path / "estimate.tif", estimate, 0.0, 2200.0, 2.0, nodata=-9999),
    }


def test_blockwise_scores_equal_whole_raster_numpy(truth_and_estimate):
    result = evaluate(EvaluateRequest(truth_and_estimate["estimate_path"], truth_and_estimate["truth_path"]))
    valid = truth_and_estimate["estimate"] != -9999
    x, y = truth_and_estimate["estimate"][valid].astype(float), truth_and_estimate["truth"][valid].astype(float)
    scores = result.scores
    assert scores.cells == valid.sum() == 1100 * 700 - 5
    assert scores.mae == pytest.approx(np.abs(x - y).mean(), rel=1e-9)
    assert scores.rmse == pytest.approx(np.sqrt(((x - y) ** 2).mean()), rel=1e-9)
    hits = ((x >= 0.01) & (y >= 0.01)).sum()
    assert scores.csi == pytest.approx(hits / (((x >= 0.01) | (y >= 0.01)).sum()), rel=1e-12)
    assert scores.volume_ratio == pytest.approx(x.sum() / y.sum(), rel=1e-9)
    assert scores.volume_ratio > 1, "clipping noise at 0 adds water"


def test_volume_ratio_of_a_half_deep_estimate_is_one_half(tmp_path):
    truth = np.array([[0.0, 1.0], [2.0, 3.0]], np.float32)
    truth_path = write_raster(tmp_path / "truth.tif", truth, 0.0, 4.0, 2.0)
    estimate_path = write_raster(tmp_path / "half.tif", truth / 2, 0.0, 4.0, 2.0)
    assert evaluate(EvaluateRequest(estimate_path, truth_path)).scores.volume_ratio == 0.5
    dry_truth = write_raster(tmp_path / "dry.tif", np.zeros((2, 2), np.float32), 0.0, 4.0, 2.0)
    assert np.isnan(evaluate(EvaluateRequest(estimate_path, dry_truth)).scores.volume_ratio)


def test_mask_limits_the_cells_scored(truth_and_estimate):
    mask = np.zeros(truth_and_estimate["truth"].shape, np.uint8)
    mask[100:200, 100:300] = 1
    mask_path = write_raster(truth_and_estimate["tmp"] / "mask.tif", mask.astype(np.int16), 0.0, 2200.0, 2.0)
    result = evaluate(
        EvaluateRequest(truth_and_estimate["estimate_path"], truth_and_estimate["truth_path"], mask_path=mask_path)
    )
    x, y = truth_and_estimate["estimate"][100:200, 100:300], truth_and_estimate["truth"][100:200, 100:300]
    assert result.scores.cells == 100 * 200
    assert result.scores.mae == pytest.approx(np.abs(x - y).mean(), rel=1e-6)


def test_estimate_on_another_grid_is_resampled_and_the_report_says_so(truth_and_estimate):
    coarse_path = write_raster(
        truth_and_estimate["tmp"] / "coarse.tif", truth_and_estimate["truth"][::2, ::2], 0.0, 2200.0, 4.0
    )
    result = evaluate(EvaluateRequest(coarse_path, truth_and_estimate["truth_path"]))
    assert any("resampled onto the reference grid" in str(note) for note in result.notes)
    assert result.scores.cells == 1100 * 700


def test_difference_and_confusion_rasters_and_html_report(truth_and_estimate):
    tmp = truth_and_estimate["tmp"]
    result = evaluate(
        EvaluateRequest(
            truth_and_estimate["estimate_path"],
            truth_and_estimate["truth_path"],
            html_path=str(tmp / "report.html"),
            difference_path=str(tmp / "diff.tif"),
            confusion_path=str(tmp / "confusion.tif"),
        )
    )
    diff, geotransform, _, diff_nodata = read_raster(tmp / "diff.tif")
    codes, _, _, code_nodata = read_raster(tmp / "confusion.tif")
    assert geotransform == (0.0, 2.0, 0.0, 2200.0, 0.0, -2.0)
    assert code_nodata == 255 and np.all(diff[0, :5] == diff_nodata) and np.all(codes[0, :5] == 255)
    np.testing.assert_allclose(diff[1:], (truth_and_estimate["estimate"] - truth_and_estimate["truth"])[1:], atol=1e-6)
    assert (codes == 1).sum() == result.scores.true_positive and (codes == 3).sum() == result.scores.false_negative
    page = (tmp / "report.html").read_text()
    assert f"{result.scores.mae:.4f}" in page and "data:image/png;base64," in page and "CSI" in page
    assert f"<td>Volume ratio</td><td class='value'>{result.scores.volume_ratio:.4f}</td>" in page
    # A colour bar labelled in metres, out to the 99th percentile of |difference| that the picture's colours reach.
    drawn = (truth_and_estimate["estimate"] != -9999)[::2, ::2]  # every other row and column, nodata not scored
    span = float(
        np.percentile(np.abs(truth_and_estimate["estimate"] - truth_and_estimate["truth"])[::2, ::2][drawn], 99)
    )
    assert f"-{span:.3g} m (too shallow)</span>" in page and f"+{span:.3g} m (too deep)</span>" in page
    assert "linear-gradient(to right,#0000ff,#ffffff,#ff0000)" in page and "cell(s)" not in page
    assert "The picture shows one cell in 2 across and down." in page  # 1100 x 700 cells, 600 a side at most


def test_rasters_that_do_not_overlap_are_refused(truth_and_estimate):
    far = write_raster(truth_and_estimate["tmp"] / "far.tif", truth_and_estimate["truth"], 90000.0, 2200.0, 2.0)
    with pytest.raises(InputError, match="does not overlap"):
        evaluate(EvaluateRequest(far, truth_and_estimate["truth_path"]))
