"""Flood-map accuracy metrics, defined as the FloodSR reference computes them, accumulated block by block.

Whole-raster scores from running float64 sums, so memory stays flat at any raster size:
diff = estimate - truth; MAE, RMSE, bias; RMSE over truly wet cells (truth >= 1 mm);
PSNR = 20 log10(max_depth) - 10 log10(MSE); SSIM with one global window (population
statistics, C1 = (0.01 max_depth)^2, C2 = (0.03 max_depth)^2); wet/dry skill at a threshold:
hit rate TP/(TP+FN), false alarm ratio FP/(TP+FP), critical success index TP/(TP+FP+FN);
volume ratio sum(estimate) / sum(truth) (both on the same cells, so the ratio of water volumes).
"""

import math
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..options import DEFAULT_MAX_DEPTH_M

TRUTH_WET_FOR_RMSE_M = 0.001
DEFAULT_WET_THRESHOLD_M = 0.01

TRUE_NEGATIVE, TRUE_POSITIVE, FALSE_POSITIVE, FALSE_NEGATIVE = 0, 1, 2, 3


@dataclass
class Scores:
    cells: int
    mae: float
    rmse: float
    bias: float
    rmse_wet: float
    psnr: float
    ssim: float
    csi: float
    hit_rate: float
    false_alarm_rate: float
    volume_ratio: float
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int


def confusion_codes(estimate: np.ndarray, truth: np.ndarray, threshold: float) -> np.ndarray:
    """0 both dry, 1 both wet, 2 estimate wet only (false alarm), 3 truth wet only (miss)."""
    estimate_wet, truth_wet = estimate >= threshold, truth >= threshold
    codes = np.full(estimate.shape, TRUE_NEGATIVE, np.uint8)
    codes[estimate_wet & truth_wet] = TRUE_POSITIVE
    codes[estimate_wet & ~truth_wet] = FALSE_POSITIVE
    codes[~estimate_wet & truth_wet] = FALSE_NEGATIVE
    return codes


class ScoreAccumulator:
    def __init__(self, max_depth: float = DEFAULT_MAX_DEPTH_M, wet_threshold: float = DEFAULT_WET_THRESHOLD_M):
        self.max_depth = max_depth
        self.wet_threshold = wet_threshold
        self._sums = dict.fromkeys(("n", "abs", "diff", "sq", "n_wet", "sq_wet", "x", "y", "xx", "yy", "xy"), 0.0)
        self._confusion = np.zeros(4, np.int64)

    def add(self, estimate: np.ndarray, truth: np.ndarray) -> None:
        """Score these cells (1-D arrays of the cells that count)."""
        x, y = estimate.astype(np.float64), truth.astype(np.float64)
        diff = x - y
        wet = y >= TRUTH_WET_FOR_RMSE_M
        sums = self._sums
        sums["n"] += x.size
        sums["abs"] += np.abs(diff).sum()
        sums["diff"] += diff.sum()
        sums["sq"] += np.square(diff).sum()
        sums["n_wet"] += wet.sum()
        sums["sq_wet"] += np.square(diff[wet]).sum()
        sums["x"] += x.sum()
        sums["y"] += y.sum()
        sums["xx"] += np.square(x).sum()
        sums["yy"] += np.square(y).sum()
        sums["xy"] += (x * y).sum()
        self._confusion += np.bincount(confusion_codes(x, y, self.wet_threshold), minlength=4)

    def scores(self) -> Scores:
        sums = {key: float(value) for key, value in self._sums.items()}  # plain floats travel through QVariant
        n = sums["n"]
        if n == 0:
            raise InputError(
                "No cell has valid values in both rasters (and inside the mask). "
                "Check that they cover the same area and their nodata values."
            )
        mse = sums["sq"] / n
        tn, tp, fp, fn = (int(count) for count in self._confusion)
        return Scores(
            cells=int(n),
            mae=sums["abs"] / n,
            rmse=math.sqrt(mse),
            bias=sums["diff"] / n,
            rmse_wet=math.sqrt(sums["sq_wet"] / sums["n_wet"]) if sums["n_wet"] else math.nan,
            psnr=20 * math.log10(self.max_depth) - 10 * math.log10(mse) if mse > 0 else math.inf,
            ssim=self._ssim(sums),
            csi=_ratio(tp, tp + fp + fn),
            hit_rate=_ratio(tp, tp + fn),
            false_alarm_rate=_ratio(fp, tp + fp),
            volume_ratio=sums["x"] / sums["y"] if sums["y"] > 0 else math.nan,
            true_positive=tp,
            false_positive=fp,
            false_negative=fn,
            true_negative=tn,
        )

    def _ssim(self, sums: dict) -> float:
        n = sums["n"]
        mean_x, mean_y = sums["x"] / n, sums["y"] / n
        var_x = max(sums["xx"] / n - mean_x**2, 0.0)
        var_y = max(sums["yy"] / n - mean_y**2, 0.0)
        covariance = sums["xy"] / n - mean_x * mean_y
        c1, c2 = (0.01 * self.max_depth) ** 2, (0.03 * self.max_depth) ** 2
        return ((2 * mean_x * mean_y + c1) * (2 * covariance + c2)) / (
            (mean_x**2 + mean_y**2 + c1) * (var_x + var_y + c2)
        )


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else math.nan
