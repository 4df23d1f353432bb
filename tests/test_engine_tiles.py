import numpy as np
import pytest

from floodsr.engine.superresolution.blend import StripAccumulator
from floodsr.engine.superresolution.tiles import feather_weight, plan_axis, tile_starts


@pytest.mark.parametrize(
    "size, starts",
    [
        (512, [0]),
        (1024, [0, 384, 512]),
        (1280, [0, 384, 768]),
        (1536, [0, 384, 768, 1024]),
        (2000, [0, 384, 768, 1152, 1488]),
    ],
)
def test_tile_starts_step_by_stride_and_end_flush_with_the_edge(size, starts):
    assert tile_starts(size, 512, 384) == starts


def test_feather_weight_ramps_k_over_129_inside_and_is_flat_at_raster_edges():
    inner = feather_weight(512, 128, first=False, last=False)
    assert inner[0] == pytest.approx(1 / 129) and inner[127] == pytest.approx(128 / 129)
    assert np.all(inner[128:384] == 1.0)
    assert inner[384] == pytest.approx(128 / 129) and inner[511] == pytest.approx(1 / 129)
    first = feather_weight(512, 128, first=True, last=False)
    assert np.all(first[:384] == 1.0) and first[511] == pytest.approx(1 / 129)
    last = feather_weight(512, 128, first=False, last=True)
    assert last[0] == pytest.approx(1 / 129) and np.all(last[128:] == 1.0)


def test_hard_blend_gives_every_pixel_to_exactly_one_tile():
    plan = plan_axis(1300, 512, 128, "hard")
    assert plan.starts == [0, 512, 788]
    coverage = np.zeros(1300)
    for start, weight in zip(plan.starts, plan.weights):
        coverage[start : start + 512] += weight
    assert np.all(coverage == 1.0)
    assert plan.weights[2][:236].sum() == 0 and np.all(plan.weights[2][236:] == 1)


def test_axis_totals_sum_every_tile_weight():
    plan = plan_axis(1024, 512, 128, "feather")  # starts 0, 384, 512
    expected = np.zeros(1024)
    for start, weight in zip(plan.starts, plan.weights):
        expected[start : start + 512] += weight
    np.testing.assert_allclose(plan.totals, expected)
    assert plan.totals[0] == 1.0 and plan.totals[450] == pytest.approx(1.0)  # ramps 62/129 + 67/129
    assert plan.totals[520] == pytest.approx(1 + 9 / 129)  # the flush-last tile adds its ramp on top


def test_strip_accumulator_blends_weighted_mean_and_shifts_rows():
    # 2 x 2 tiles of 4 x 4 cells: columns start at 0 and 2 (weights 1 and 2), rows at 0 and 3 (weights 1)
    ones, twos = np.ones(4, np.float32), np.full(4, 2.0, np.float32)
    totals_x = np.array([1, 1, 3, 3, 2, 2], np.float32)
    totals_y = np.array([1, 1, 1, 2, 1, 1, 1], np.float32)
    accumulator = StripAccumulator(4, totals_y, totals_x)
    accumulator.add(np.full((4, 4), 2.0, np.float32), 0, np.outer(ones, ones))
    accumulator.add(np.full((4, 4), 5.0, np.float32), 2, np.outer(ones, twos))
    top = accumulator.take(3)
    np.testing.assert_allclose(top, [[2, 2, 4, 4, 5, 5]] * 3)  # (2*1 + 5*2) / 3 = 4 where both overlap
    accumulator.add(np.full((4, 4), 1.0, np.float32), 0, np.outer(ones, ones))
    accumulator.add(np.full((4, 4), 1.0, np.float32), 2, np.outer(ones, twos))
    # row 3 blends both tile rows: (2 + 1) / 2 = 1.5, (2 + 10 + 1 + 2) / 6 = 2.5, (10 + 2) / 4 = 3
    np.testing.assert_allclose(accumulator.take(4), [[1.5, 1.5, 2.5, 2.5, 3, 3]] + [[1] * 6] * 3)
