"""The minimum depth, connectivity and obstructions through the server's app (in this process): the bytes the engine
writes with the same options."""

from pathlib import Path

import pytest

from floodsr.engine.downscaling.run import DownscaleRequest, downscale

from helpers.polygons import polygons_file, sample_house_ring
from helpers.polygons import sample_house as house
from helpers.server_app import app_client, work_files
from helpers.server_process import SAMPLE, upload, wait_until


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # the downscaling methods need no model: the server takes them while it still warms its default model up
    with app_client(tmp_path_factory.mktemp("server"), max_jobs=1, queue_size=2, drain_s=0) as client:
        yield client


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


def houses_upload(folder):
    """The form's files with the house GeoPackage, and what the engine writes for them with subgrid_smooth."""
    obstructions = house(folder)
    depth, dem = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
    expected, plain = folder / "expected.tif", folder / "plain.tif"
    downscale(DownscaleRequest(depth, dem, str(expected), method="subgrid_smooth", obstructions_path=obstructions))
    downscale(DownscaleRequest(depth, dem, str(plain), method="subgrid_smooth"))
    assert expected.read_bytes() != plain.read_bytes()  # the house changes the flood
    return {**upload(), "obstructions": ("houses.gpkg", Path(obstructions).read_bytes())}, expected.read_bytes()


def test_infer_takes_obstructions_as_a_geopackage(server, tmp_path):
    files, expected = houses_upload(tmp_path)
    answer = server.post("/infer", files=files, data={"method": "subgrid_smooth"})
    assert answer.status_code == 200 and answer.content == expected


def test_a_job_takes_obstructions_too(server, tmp_path):
    files, expected = houses_upload(tmp_path)
    url = server.post("/jobs", files=files, data={"method": "subgrid_smooth"}).json()["url"]
    wait_until(lambda: server.get(url).json()["state"] == "done", 60, "the job to finish")
    assert server.get(url + "/result").content == expected


@pytest.mark.parametrize(
    "obstructions, message",
    [
        (
            ("houses.gpkg", (SAMPLE / "dem_2m.tif").read_bytes()),
            "The uploaded 'obstructions' is not a GeoPackage; send the polygons as a GeoPackage (.gpkg) file.",
        ),
        (
            ("houses.gpkg", b"<OGRVRTDataSource><OGRVRTLayer name='x'><SrcDataSource>/etc/passwd</SrcDataSource>"),
            "The uploaded 'obstructions' is not a GeoPackage; send the polygons as a GeoPackage (.gpkg) file.",
        ),
    ],
)
def test_obstructions_other_than_a_geopackage_are_400(server, obstructions, message):
    answer = server.post("/infer", files={**upload(), "obstructions": obstructions}, data={"method": "subgrid"})
    assert answer.status_code == 400 and answer.json() == {"error": message}


def test_obstructions_sent_as_text_are_400(server):
    answer = server.post("/infer", files=upload(), data={"method": "subgrid", "obstructions": "/etc/passwd.gpkg"})
    assert answer.status_code == 400
    assert answer.json() == {"error": "The form field 'obstructions' must be a file: a GeoPackage of polygons."}


def two_layers_upload(folder):
    """The form's files with a GeoPackage whose first layer ("buildings") is empty and whose second ("houses")
    holds the house, and what the engine writes with the houses layer."""
    obstructions = polygons_file(folder / "two.gpkg", [])
    polygons_file(obstructions, [sample_house_ring()], layer_name="houses")
    depth, dem, expected = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif"), folder / "expected.tif"
    request = DownscaleRequest(
        depth, dem, str(expected), method="subgrid", obstructions_path=obstructions, obstructions_layer="houses"
    )
    downscale(request)
    return {**upload(), "obstructions": ("two.gpkg", Path(obstructions).read_bytes())}, expected.read_bytes()


def test_the_obstructions_layer_field_names_the_layer_of_a_geopackage_of_several(server, tmp_path):
    files, expected = two_layers_upload(tmp_path)
    answer = server.post("/infer", files=files, data={"method": "subgrid", "obstructions_layer": "houses"})
    assert answer.status_code == 200 and answer.content == expected
    plain = server.post("/infer", files=upload(), data={"method": "subgrid"})
    assert plain.status_code == 200 and plain.content != expected  # the house, not the empty first layer


@pytest.mark.parametrize(
    "layer, message",
    [
        (
            None,
            "The obstructions 'obstructions' (uploaded) hold 2 layers (buildings, houses); name the one to use in the "
            "form field 'obstructions_layer'.",
        ),
        ("roads", "The obstructions 'obstructions' (uploaded) have no layer 'roads'; choose a polygon layer."),
    ],
)
def test_a_geopackage_of_several_layers_needs_one_it_holds_named_as_batch_does(server, tmp_path, layer, message):
    files, _ = two_layers_upload(tmp_path)
    fields = {"method": "subgrid", **({"obstructions_layer": layer} if layer else {})}
    before = work_files(server)
    answer = server.post("/infer", files=files, data=fields)
    assert answer.status_code == 400 and answer.json() == {"error": message}
    assert work_files(server) == before  # a refused upload leaves nothing behind


def test_an_obstructions_layer_without_obstructions_or_sent_as_a_file_is_400(server):
    answer = server.post("/infer", files=upload(), data={"method": "subgrid", "obstructions_layer": "houses"})
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "The form field 'obstructions_layer' names a layer, but no 'obstructions' file was sent."
    }
    answer = server.post("/infer", files={**upload(), "obstructions_layer": ("layer.txt", b"houses")})
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "The form field 'obstructions_layer' must be text: the name of a layer of 'obstructions'."
    }
