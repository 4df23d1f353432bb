"""Metrics against hand-computed values and independent formulas."""

import dataclasses
import math

import numpy as np
import pytest

from floodsr.engine.errors import InputError
from floodsr.engine.evaluation.metrics import ScoreAccumulator, confusion_codes


def scores_of(estimate, truth, **options):
    accumulator = ScoreAccumulator(**options)
    accumulator.add(np.asarray(estimate, float), np.asarray(truth, float))
    return accumulator.scores()


def test_error_metrics_by_hand():
    s = scores_of([1.0, 0.0, 2.0, 0.5], [0.5, 0.0, 3.0, 0.5])
    # diffs 0.5, 0, -1, 0 -> MAE 0.375, MSE 1.25/4, bias -0.125; truth wet (>= 1 mm) at cells 0, 2, 3
    assert s.mae == pytest.approx(0.375) and s.bias == pytest.approx(-0.125)
    assert s.rmse == pytest.approx(math.sqrt(0.3125))
    assert s.rmse_wet == pytest.approx(math.sqrt(1.25 / 3))
    assert s.psnr == pytest.approx(20 * math.log10(5) - 10 * math.log10(0.3125))


def test_ssim_of_two_constant_rasters_follows_the_formula():
    # constant x = 1, y = 2: variances and covariance 0 -> SSIM = (2*1*2 + C1) / (1 + 4 + C1)
    c1 = (0.01 * 5.0) ** 2
    assert scores_of([1.0] * 10, [2.0] * 10).ssim == pytest.approx((4 + c1) / (5 + c1))
    assert scores_of([1.5] * 10, [1.5] * 10).ssim == pytest.approx(1.0)


def test_ssim_matches_an_independent_population_statistics_computation():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(0, 3, 1000), rng.uniform(0, 3, 1000)
    c1, c2 = 0.05**2, 0.15**2
    cov = np.cov(x, y, bias=True)[0, 1]
    expected = ((2 * x.mean() * y.mean() + c1) * (2 * cov + c2)) / (
        (x.mean() ** 2 + y.mean() ** 2 + c1) * (x.var() + y.var() + c2)
    )
    accumulator = ScoreAccumulator()
    for part in range(4):  # block by block gives the whole-raster answer
        accumulator.add(x[part::4], y[part::4])
    assert accumulator.scores().ssim == pytest.approx(expected, rel=1e-9)


def test_wet_dry_skill_on_a_known_confusion_table():
    # 3 hits, 1 false alarm, 2 misses, 4 correct negatives at 0.01 m
    estimate = [0.5, 0.2, 0.01, 0.3, 0.0, 0.005, 0.0, 0.0, 0.0, 0.0]
    truth = [0.4, 0.1, 0.02, 0.0, 0.5, 0.2, 0.0, 0.0, 0.0, 0.009]
    s = scores_of(estimate, truth)
    assert (s.true_positive, s.false_positive, s.false_negative, s.true_negative) == (3, 1, 2, 4)
    assert (
        s.csi == pytest.approx(3 / 6)
        and s.hit_rate == pytest.approx(3 / 5)
        and s.false_alarm_rate == pytest.approx(1 / 4)
    )
    np.testing.assert_array_equal(
        confusion_codes(np.array(estimate), np.array(truth), 0.01), [1, 1, 1, 2, 3, 3, 0, 0, 0, 0]
    )


def test_perfect_estimate():
    s = scores_of([0.0, 1.0, 2.0], [0.0, 1.0, 2.0])
    assert s.mae == 0 and s.rmse == 0 and s.psnr == math.inf and s.csi == 1.0 and s.ssim == pytest.approx(1.0)


def test_scores_are_plain_python_numbers():
    s = scores_of(np.array([1.0, 2.0], np.float32), np.array([1.5, 2.0], np.float32))
    assert all(type(value) in (int, float) for value in dataclasses.asdict(s).values())


def test_no_scored_cell_is_an_input_error():
    with pytest.raises(InputError, match="No cell has valid values in both rasters"):
        scores_of([], [])
