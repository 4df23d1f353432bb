"""The guard: where a model is outside its training range, floodsr:superresolve's default output is the
model-free subgrid_smooth estimate of floodsr:downscale, cell for cell; the raw model only when asked for."""

import shutil

import numpy as np
import pytest

from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.progress import Progress
from floodsr.engine.scene import resolve_model
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.onnx_models import pointwise_model
from helpers.paths import CHECKOUT
from helpers.real_terrain import REAL_DEMS, level_depth, read_depth, real_dem, tilted_level, write_case
from helpers.training_ranges import WIDE_TRAINING_RANGE, write_training_range

BUNDLED = CHECKOUT / "resources" / "models" / "floodsr_subgrid.onnx"
# No tile has a negative maximum depth: every tile is outside.
NOWHERE = dict(WIDE_TRAINING_RANGE, depth_max_m=(-2.0, -1.0))


class Log(Progress):
    def __init__(self):
        super().__init__()
        self.lines = []

    def log(self, message):
        self.lines.append(message.render(None) if hasattr(message, "render") else str(message))


def rmse(estimate, truth):
    valid = ~np.isnan(truth)
    return float(np.sqrt(np.mean((np.nan_to_num(estimate[valid]) - truth[valid]) ** 2)))


def super_resolved(dem_path, depth_path, model, output, **options):
    log = Log()
    result = superresolve(SuperResolveRequest(depth_path, dem_path, str(model), str(output), **options), log)
    return read_depth(output), result, log.lines


def subgrid_smooth(dem_path, depth_path, output, window=None):
    downscale(DownscaleRequest(depth_path, dem_path, str(output), window=window))
    return read_depth(output)


@pytest.fixture(scope="module")
def slovenia_tilted_flood(tmp_path_factory):
    """992 x 992 cells of the Slovenian LiDAR tile (3 x 3 overlapping model tiles) under a tilted water surface."""
    folder = tmp_path_factory.mktemp("guard")
    dem, epsg, cell = real_dem("slovenia")
    truth = level_depth(dem, tilted_level(dem, 45, 0.004))
    dem_path, depth_path = write_case(folder, "slovenia", dem, epsg, cell, truth)
    return dict(folder=folder, dem=dem, truth=truth, dem_path=dem_path, depth_path=depth_path)


def model_with_range(folder, name, limits):
    model = folder / f"{name}.onnx"
    shutil.copyfile(BUNDLED, model)
    write_training_range(model, limits)
    return model


def test_outside_the_training_range_the_output_is_subgrid_smooth_and_the_raw_model_only_when_asked(
    slovenia_tilted_flood,
):
    folder = slovenia_tilted_flood["folder"]
    reference = subgrid_smooth(
        slovenia_tilted_flood["dem_path"], slovenia_tilted_flood["depth_path"], folder / "smooth.tif"
    )
    outside = model_with_range(folder, "outside", NOWHERE)
    guarded, result, lines = super_resolved(
        slovenia_tilted_flood["dem_path"], slovenia_tilted_flood["depth_path"], outside, folder / "g.tif"
    )
    np.testing.assert_allclose(guarded, reference, atol=1e-6, equal_nan=True)
    assert result.guarded_share == 1.0 and result.outside_share == 1.0
    assert (
        "Guard: 100.0% of the output cells took the model-free subgrid_smooth estimate, where the model is outside "
        "its training range; 0.0% took the model's output." in lines
    )
    raw, raw_result, raw_lines = super_resolved(
        slovenia_tilted_flood["dem_path"],
        slovenia_tilted_flood["depth_path"],
        outside,
        folder / "raw.tif",
        raw_model=True,
    )
    inside = model_with_range(folder, "inside", WIDE_TRAINING_RANGE)
    unguarded, inside_result, _ = super_resolved(
        slovenia_tilted_flood["dem_path"], slovenia_tilted_flood["depth_path"], inside, folder / "i.tif"
    )
    # Forced raw, the output is the model's, exactly as where the model is inside its range.
    np.testing.assert_array_equal(raw, unguarded)
    assert raw_result.guarded_share is None and not any(line.startswith("Guard:") for line in raw_lines)
    assert inside_result.guarded_share == 0.0
    assert np.nanmax(np.abs(raw - guarded)) > 0.01  # the bundled network does change subgrid_smooth here


def test_only_the_cells_of_tiles_outside_the_range_take_subgrid_smooth(slovenia_tilted_flood):
    """The pointwise test model's output differs from subgrid_smooth everywhere it is wet: which tiles are
    flagged is read off each cell of the output."""
    folder, dem = slovenia_tilted_flood["folder"], slovenia_tilted_flood["dem"]
    depth = read_depth(slovenia_tilted_flood["depth_path"]).astype(np.float32)
    starts = (0, 384, 480)  # the model grid's 3 x 3 tiles on 992 cells a side: stride 384, the last one flush
    maxima = {
        (y0, x0): float(depth[y0 // 16 : y0 // 16 + 32, x0 // 16 : x0 // 16 + 32].max())
        for y0 in starts
        for x0 in starts
    }
    threshold = float(np.median(list(maxima.values())))
    flagged = [tile for tile, maximum in maxima.items() if maximum > threshold]
    assert 0 < len(flagged) < len(maxima)
    model = pointwise_model(folder / "pointwise.onnx")
    write_training_range(model, dict(WIDE_TRAINING_RANGE, depth_max_m=(0.0, threshold)))
    guarded, result, _ = super_resolved(
        slovenia_tilted_flood["dem_path"], slovenia_tilted_flood["depth_path"], model, folder / "pg.tif"
    )
    raw, _, _ = super_resolved(
        slovenia_tilted_flood["dem_path"], slovenia_tilted_flood["depth_path"], model, folder / "pr.tif", raw_model=True
    )
    reference = subgrid_smooth(
        slovenia_tilted_flood["dem_path"], slovenia_tilted_flood["depth_path"], folder / "ps.tif"
    )
    covered = np.zeros(dem.shape, bool)
    for y0, x0 in flagged:
        covered[y0 : y0 + 512, x0 : x0 + 512] = True
    np.testing.assert_allclose(guarded[covered], reference[covered], atol=1e-6)
    np.testing.assert_array_equal(guarded[~covered], raw[~covered])
    valid = ~np.isnan(dem)
    assert result.guarded_share == pytest.approx(np.count_nonzero(covered & valid) / np.count_nonzero(valid))


def test_a_guarded_preview_equals_the_same_cells_of_a_full_run(slovenia_tilted_flood):
    folder = slovenia_tilted_flood["folder"]
    outside = model_with_range(folder, "outside_preview", NOWHERE)
    full, _, _ = super_resolved(
        slovenia_tilted_flood["dem_path"], slovenia_tilted_flood["depth_path"], outside, folder / "full.tif"
    )
    window = (500000.0 + 320, 6000000.0 - 960, 500000.0 + 1280, 6000000.0 - 320)  # coarse cells 10-40, 10-30
    preview, _, _ = super_resolved(
        slovenia_tilted_flood["dem_path"],
        slovenia_tilted_flood["depth_path"],
        outside,
        folder / "preview.tif",
        window=window,
    )
    np.testing.assert_allclose(preview, full[160:480, 160:640], atol=1e-6, equal_nan=True)


@pytest.mark.parametrize("name", sorted(REAL_DEMS))
@pytest.mark.parametrize("flood", ["flat deep", "flat shallow", "tilted"])
def test_the_default_output_is_never_worse_than_subgrid_smooth_on_real_terrain(tmp_path, name, flood):
    """The bundled default model as it ships (its own training range), on every real DEM in the repository."""
    dem, epsg, cell = real_dem(name, size=512)
    level = {
        "flat deep": np.nanpercentile(dem, 90),
        "flat shallow": np.nanpercentile(dem, 10) + 0.3,
        "tilted": tilted_level(dem, 40, 0.004),
    }[flood]
    truth = level_depth(dem, level)
    dem_path, depth_path = write_case(tmp_path, name, dem, epsg, cell, truth)
    default_model = resolve_model("", tmp_path / "cache").path  # what every entry point runs when none is named
    default, _, _ = super_resolved(dem_path, depth_path, default_model, tmp_path / "default.tif")
    reference = subgrid_smooth(dem_path, depth_path, tmp_path / "smooth.tif")
    assert rmse(default, truth) <= rmse(reference, truth) * 1.02 + 1e-4
