"""The minimum depth and connectivity over HTTP: the bytes the engine writes with the same options."""

import pytest
from serving import SAMPLE, running_server, upload

from floodsr.engine.downscaling.run import DownscaleRequest, downscale


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # the downscaling methods need no model: the server takes them while it still warms its default model up
    with running_server(tmp_path_factory.mktemp("server"), max_jobs=1, queue_size=2, drain_s=0) as running:
        yield running


def test_infer_takes_the_minimum_depth_and_connectivity(server, tmp_path):
    answer = server.post(
        "/infer", files=upload(), data={"method": "subgrid", "min_depth": "0.05", "connected_only": "true"}
    )
    assert answer.status_code == 200
    expected = tmp_path / "expected.tif"
    downscale(
        DownscaleRequest(
            str(SAMPLE / "depth_32m.tif"),
            str(SAMPLE / "dem_2m.tif"),
            str(expected),
            method="subgrid",
            min_depth=0.05,
            connected_only=True,
        )
    )
    assert answer.content == expected.read_bytes()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("min_depth", "deep", "The form field 'min_depth' must be a number."),
        ("min_depth", "5", "The minimum depth must be from 0 to 1 m (got 5); 0.05 m is a common choice."),
        ("connected_only", "yes", "The form field 'connected_only' must be true or false."),
    ],
)
def test_bad_options_are_400_with_what_to_do(server, field, value, message):
    answer = server.post("/infer", files=upload(), data={"method": "subgrid", field: value})
    assert answer.status_code == 400 and answer.json() == {"error": message}
