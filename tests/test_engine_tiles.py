import numpy as np
import pytest

from floodsr.engine.blend import StripAccumulator
from floodsr.engine.tiles import feather_weight, plan_axis, tile_starts


@pytest.mark.parametrize("size, starts", [
    (512, [0]),
    (1024, [0, 384, 512]),
    (1280, [0, 384, 768]),
    (1536, [0, 384, 768, 1024]),
    (2000, [0, 384, 768, 1152, 1488]),
])
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
        coverage[start:start + 512] += weight
    assert np.all(coverage == 1.0)
    assert plan.weights[2][:236].sum() == 0 and np.all(plan.weights[2][236:] == 1)


def test_strip_accumulator_blends_weighted_mean_and_shifts_rows():
    accumulator = StripAccumulator(4, 6)
    accumulator.add(np.full((4, 4), 2.0, np.float32), 0, np.full((4, 4), 1.0, np.float32))
    accumulator.add(np.full((4, 4), 5.0, np.float32), 2, np.full((4, 4), 2.0, np.float32))
    top = accumulator.take(3)
    np.testing.assert_allclose(top[0], [2, 2, 4, 4, 5, 5])  # (2*1 + 5*2) / 3 = 4 where both overlap
    accumulator.add(np.full((4, 6), 1.0, np.float32), 0, np.full((4, 6), 1.0, np.float32))
    # the last row of the first strip now blends with the new tile; the rest is the new tile only
    np.testing.assert_allclose(accumulator.take(2), [[1.5, 1.5, 13 / 4, 13 / 4, 11 / 3, 11 / 3], [1, 1, 1, 1, 1, 1]])
