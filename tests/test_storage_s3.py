"""Cloud storage: /vsis3/ inputs and outputs through a local S3 endpoint (moto_server on 127.0.0.1)."""

import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from osgeo import gdal

from floodsr.engine.batch.run import BatchRequest, run_batch
from floodsr.engine.downscaling.run import DownscaleRequest, downscale
from floodsr.engine.errors import OutputError
from floodsr.engine.progress import Progress
from floodsr.engine.superresolution.run import SuperResolveRequest, superresolve

from helpers.batch_manifests import SAMPLE, pixels, write_manifest

BUCKET = "floods"
ACCESS_KEY = "AKIAFLOODSRTESTKEY01"
SECRET = "s3cr3t-Do-Not-Leak-6f1c9a"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    moto = Path(sys.executable).with_name("moto_server")
    server = subprocess.Popen(
        [str(moto), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("moto_server did not start")
            time.sleep(0.2)
    yield f"127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture
def s3_client(s3_endpoint, monkeypatch):
    """A bucket holding the sample's depth and DEM; GDAL reaches it through the environment, as QGIS users do."""
    import boto3

    for name, value in {
        "AWS_S3_ENDPOINT": s3_endpoint,
        "AWS_HTTPS": "NO",
        "AWS_VIRTUAL_HOSTING": "FALSE",
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3",
        endpoint_url=f"http://{s3_endpoint}",
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET,
        region_name="us-east-1",
    )
    for bucket in client.list_buckets()["Buckets"]:
        for listed in client.list_objects_v2(Bucket=bucket["Name"]).get("Contents", []):
            client.delete_object(Bucket=bucket["Name"], Key=listed["Key"])
        client.delete_bucket(Bucket=bucket["Name"])
    client.create_bucket(Bucket=BUCKET)
    for name in ("depth_32m.tif", "dem_2m.tif"):
        client.upload_file(str(SAMPLE / name), BUCKET, f"in/{name}")
    client.put_object(Bucket=BUCKET, Key="in/broken.tif", Body=b"not a GeoTIFF")
    gdal.VSICurlClearCache()
    yield client
    gdal.VSICurlClearCache()


def vsis3(key: str) -> str:
    return f"/vsis3/{BUCKET}/{key}"


def _download(client, key: str, folder: Path) -> Path:
    path = folder / Path(key).name
    client.download_file(BUCKET, key, str(path))
    return path


def test_superresolve_reads_and_writes_s3_like_local_files(s3_client, pointwise_onnx, tmp_path):
    depth, dem = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
    superresolve(SuperResolveRequest(depth, dem, pointwise_onnx, str(tmp_path / "sr.tif")))
    superresolve(
        SuperResolveRequest(vsis3("in/depth_32m.tif"), vsis3("in/dem_2m.tif"), pointwise_onnx, vsis3("out/sr.tif"))
    )
    (tmp_path / "down").mkdir()
    assert pixels(_download(s3_client, "out/sr.tif", tmp_path / "down")) == pixels(tmp_path / "sr.tif")
    assert not list(Path(tempfile.gettempdir()).glob(f"floodsr-*-{os.getpid()}-*"))  # the staged file is gone


def test_a_multi_band_product_is_written_to_s3_whole_and_again_whole_on_a_rerun(s3_client, pointwise_onnx, tmp_path):
    depth, dem = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
    superresolve(SuperResolveRequest(depth, dem, pointwise_onnx, str(tmp_path / "product.tif"), augmentations=4))
    remote = SuperResolveRequest(
        vsis3("in/depth_32m.tif"), vsis3("in/dem_2m.tif"), pointwise_onnx, vsis3("out/product.tif"), augmentations=4
    )
    superresolve(remote)
    # A rerun cannot add bands to an object in the bucket: it writes and uploads the whole product again.
    assert superresolve(remote).added_bands == ["depth:1", "spread:1"]
    (tmp_path / "down").mkdir()
    uploaded = gdal.Open(str(_download(s3_client, "out/product.tif", tmp_path / "down")))
    local = gdal.Open(str(tmp_path / "product.tif"))
    assert uploaded.RasterCount == local.RasterCount == 2
    for band in (1, 2):
        assert uploaded.GetRasterBand(band).ReadRaster() == local.GetRasterBand(band).ReadRaster()
        assert uploaded.GetRasterBand(band).GetDescription() == local.GetRasterBand(band).GetDescription()
    assert not list(Path(tempfile.gettempdir()).glob(f"floodsr-*-{os.getpid()}-*"))  # nothing staged is left


def test_downscale_writes_s3_and_leaves_nothing_when_the_bucket_does_not_exist(s3_client, tmp_path):
    downscale(DownscaleRequest(vsis3("in/depth_32m.tif"), vsis3("in/dem_2m.tif"), vsis3("out/cg.tif")))
    downscale(DownscaleRequest(str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif"), str(tmp_path / "cg.tif")))
    (tmp_path / "down").mkdir()
    assert pixels(_download(s3_client, "out/cg.tif", tmp_path / "down")) == pixels(tmp_path / "cg.tif")
    with pytest.raises(OutputError, match="/vsis3/no-such-bucket of the output cannot be reached"):
        downscale(DownscaleRequest(vsis3("in/depth_32m.tif"), vsis3("in/dem_2m.tif"), "/vsis3/no-such-bucket/x.tif"))


def test_a_batch_on_s3_runs_resumes_and_never_shows_the_credentials(s3_client, tmp_path):
    depth, dem = vsis3("in/depth_32m.tif"), vsis3("in/dem_2m.tif")
    rows = [
        ("cg", depth, dem, vsis3("out/cg.tif"), "costgrow", ""),
        ("model", depth, dem, vsis3("out/model.tif"), "model", ""),
        ("missing", vsis3("in/nothing.tif"), dem, vsis3("out/missing.tif"), "basic", ""),
        ("broken", vsis3("in/broken.tif"), dem, vsis3("out/broken.tif"), "basic", ""),
    ]
    manifest = write_manifest(tmp_path, rows)
    lines = []
    run_batch(BatchRequest(str(manifest), str(tmp_path / "report.csv"), workers=2), Progress(log=lines.append))
    run_batch(BatchRequest(str(manifest), str(tmp_path / "report2.csv"), workers=2), Progress(log=lines.append))
    assert _statuses(tmp_path / "report.csv") == ["done", "done", "failed", "failed"]
    assert _statuses(tmp_path / "report2.csv") == ["skipped", "skipped", "failed", "failed"]
    keys = {item["Key"] for item in s3_client.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert {"out/cg.tif", "out/model.tif"} <= keys and "out/broken.tif" not in keys
    texts = lines + [(tmp_path / name).read_text() for name in ("report.csv", "report2.csv")]
    texts += [log.read_text() for log in tmp_path.rglob("*.log")]  # the failed items' worker logs
    (tmp_path / "down").mkdir()
    for key in ("out/cg.tif", "out/model.tif"):
        dataset = gdal.Open(str(_download(s3_client, key, tmp_path / "down")))
        texts += [str(dataset.GetMetadata()), str(dataset.GetRasterBand(1).GetMetadata())]
        texts += [Path(path).read_bytes().decode("latin-1") for path in dataset.GetFileList()]
    assert any("broken.tif" in text for text in texts)  # the scan does see the logs and reports
    for text in texts:
        assert SECRET not in text and ACCESS_KEY not in text


def _statuses(report: Path):
    with open(report, newline="", encoding="utf-8") as handle:
        return [row["status"] for row in csv.DictReader(handle)]


def test_the_processing_algorithms_take_s3_layers_and_write_an_s3_output(s3_client, floodsr_plugin, tmp_path):
    """Inputs as layers opened from S3 (as QGIS's Data Source Manager adds them: QGIS 3.22's Processing loads
    only files on disk from a plain string), the output as a /vsis3/ path."""
    import processing
    from qgis.core import QgsRasterLayer

    depth = QgsRasterLayer(vsis3("in/depth_32m.tif"), "depth", "gdal")
    dem = QgsRasterLayer(vsis3("in/dem_2m.tif"), "dem", "gdal")
    outputs = processing.run(
        "floodsr:downscale",
        {
            "INPUT_DEPTH": depth,
            "INPUT_DEM": dem,
            "METHOD": "basic",
            "OUTPUT": vsis3("out/alg.tif"),
        },
    )
    assert outputs["OUTPUT"] == vsis3("out/alg.tif")
    downscale(
        DownscaleRequest(str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif"), str(tmp_path / "b.tif"), "basic")
    )
    (tmp_path / "down").mkdir()
    assert pixels(_download(s3_client, "out/alg.tif", tmp_path / "down")) == pixels(tmp_path / "b.tif")
