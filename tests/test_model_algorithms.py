"""Model registry algorithms through processing.run: import, list, fetch and diagnostics."""

import hashlib
import html
import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingException

from floodsr.engine.superresolution.applicability import FEATURES, training_range_document

from helpers.local_http import QuietHandler, local_http_server
from helpers.onnx_models import identity_model, random_cnn_model, version_2_model
from helpers.paths import SAMPLE


@pytest.fixture
def cache_dir(tmp_path, monkeypatch, floodsr_plugin):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FLOODSR_CACHE_DIR", str(folder))
    QgsApplication.processingRegistry().providerById("floodsr").refreshAlgorithms()
    yield folder
    monkeypatch.delenv("FLOODSR_CACHE_DIR")
    QgsApplication.processingRegistry().providerById("floodsr").refreshAlgorithms()


def model_options(algorithm_id="floodsr:superresolve"):
    algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    return algorithm.parameterDefinition("MODEL").options()


def test_import_copies_a_contract_model_with_its_checksum_and_makes_it_selectable(cache_dir, tmp_path):
    import processing

    model = random_cnn_model(tmp_path / "mine.onnx", seed=4)
    training_range = json.dumps(training_range_document([dict.fromkeys(FEATURES, 0.0)], "one dry flat tile"))
    (tmp_path / "mine.applicability.json").write_text(training_range)
    result = processing.run("floodsr:importmodel", {"MODEL_FILE": str(model), "NAME": "my_model"})
    stored = Path(result["OUTPUT"])
    assert stored == cache_dir / "my_model" / "mine.onnx" and stored.read_bytes() == model.read_bytes()
    assert (cache_dir / "my_model" / "mine.applicability.json").read_text() == training_range
    record = json.loads((cache_dir / "models.json").read_text())["models"][0]
    assert record["name"] == "my_model" and record["sha256"] == hashlib.sha256(model.read_bytes()).hexdigest()
    assert "x16" in record["contract"]
    assert "my_model" in model_options()

    sample = SAMPLE
    output = tmp_path / "out.tif"
    run = processing.run(
        "floodsr:superresolve",
        {
            "INPUT_DEPTH": str(sample / "depth_32m.tif"),
            "INPUT_DEM": str(sample / "dem_2m.tif"),
            "MODEL": "my_model",
            "OUTPUT": str(output),
        },
    )
    assert output.exists() and run["TILES"] == 1
    assert run["OUTSIDE_SHARE"] == 1.0  # the imported training range came along: the sample is not a dry flat tile


def test_import_refuses_a_model_without_the_contract_and_changes_nothing(cache_dir, tmp_path):
    import processing

    wrong = identity_model(
        tmp_path / "wrong.onnx",
        [("dem_hr", ["N", 1, 512, 512]), ("depth_lr", ["N", 1, 32, 32])],
        ("out", ["N", 1, 512, 512]),
    )
    with pytest.raises(QgsProcessingException, match="does not follow the FloodSR contract.*channels-first"):
        processing.run("floodsr:importmodel", {"MODEL_FILE": str(wrong), "NAME": "wrong"})
    assert not cache_dir.exists() or not any(cache_dir.iterdir())


def test_import_and_listmodels_tell_the_two_contract_versions_apart(cache_dir, tmp_path):
    import processing

    processing.run("floodsr:importmodel", {"MODEL_FILE": str(version_2_model(tmp_path / "v2.onnx")), "NAME": "v2"})
    record = json.loads((cache_dir / "models.json").read_text())["models"][0]
    assert record["contract"].startswith("version 2: depth_lr [N,32,32,1] m + dem_hr [N,512,512,1] m above the tile")
    report = Path(processing.run("floodsr:listmodels", {"OUTPUT": str(tmp_path / "models.html")})["OUTPUT"]).read_text()
    assert "<td>v2</td><td>imported</td><td>yes</td>" in report
    assert f"<td>{html.escape(record['contract'])}</td>" in report
    assert "<td>version 1: depth_lr [N,32,32,1] + dem_hr [N,512,512,1] -&gt; depth_hr_pred" in report


def test_import_refuses_unusable_names(cache_dir, tmp_path):
    import processing

    model = random_cnn_model(tmp_path / "m.onnx", seed=4)
    with pytest.raises(QgsProcessingException, match="not usable"):
        processing.run("floodsr:importmodel", {"MODEL_FILE": str(model), "NAME": "../escape"})


def test_superresolve_says_how_to_get_a_model_that_is_not_downloaded(cache_dir, tmp_path):
    import processing

    sample = SAMPLE
    with pytest.raises(QgsProcessingException, match="not downloaded yet.*floodsr:fetchmodel"):
        processing.run(
            "floodsr:superresolve",
            {
                "INPUT_DEPTH": str(sample / "depth_32m.tif"),
                "INPUT_DEM": str(sample / "dem_2m.tif"),
                "MODEL": "ResUNet_16x_DEM",
                "OUTPUT": str(tmp_path / "o.tif"),
            },
        )
    assert not (tmp_path / "o.tif").exists()


class _ModelServer(QuietHandler):
    payload = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.payload)))
        self.end_headers()
        self.wfile.write(self.payload)


def test_fetch_downloads_a_registered_model_and_listmodels_reports_it(cache_dir, tmp_path):
    import processing

    _ModelServer.payload = random_cnn_model(tmp_path / "served.onnx", seed=9).read_bytes()
    with local_http_server(_ModelServer) as url:
        cache_dir.mkdir(parents=True)
        (cache_dir / "models.json").write_text(
            json.dumps(
                {
                    "models": [
                        {
                            "name": "served",
                            "description": "test",
                            "file_name": "served.onnx",
                            "sha256": hashlib.sha256(_ModelServer.payload).hexdigest(),
                            "size": len(_ModelServer.payload),
                            "contract": "x16",
                            "licence": "test",
                            "url": f"{url}/served.onnx",
                        }
                    ]
                }
            )
        )
        QgsApplication.processingRegistry().providerById("floodsr").refreshAlgorithms()
        fetched = processing.run("floodsr:fetchmodel", {"MODEL": "served"})
        assert Path(fetched["OUTPUT"]).read_bytes() == _ModelServer.payload
    report = Path(processing.run("floodsr:listmodels", {"OUTPUT": str(tmp_path / "models.html")})["OUTPUT"]).read_text()
    assert "<td>served</td><td>download</td><td>yes</td>" in report
    assert "<td>ResUNet_16x_DEM</td><td>download</td><td>no</td>" in report


def test_diagnostics_reports_versions_providers_and_folders(cache_dir, tmp_path):
    import numpy
    import onnxruntime
    import processing

    report = Path(processing.run("floodsr:diagnostics", {"OUTPUT": str(tmp_path / "diag.html")})["OUTPUT"]).read_text()
    assert f"<td>numpy</td><td>{numpy.__version__}</td>" in report
    assert f"<td>onnxruntime</td><td>{onnxruntime.__version__}" in report
    assert "<td>CPUExecutionProvider</td><td>available</td>" in report
    assert str(cache_dir) in report


def registry_with(cache_dir, name, url, payload):
    cache_dir.mkdir(parents=True, exist_ok=True)
    record = {
        "name": name,
        "description": "test",
        "file_name": f"{name}.onnx",
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size": len(payload),
        "contract": "x16",
        "licence": "test",
        "url": url,
    }
    (cache_dir / "models.json").write_text(json.dumps({"models": [record]}))
    QgsApplication.processingRegistry().providerById("floodsr").refreshAlgorithms()


def model_label():
    return QgsApplication.processingRegistry().algorithmById("floodsr:superresolve").parameterDefinition("MODEL")


def test_the_model_list_marks_models_not_downloaded_until_they_are(cache_dir, tmp_path):
    import processing

    assert model_label().description() == "Model (ResUNet_16x_DEM must be downloaded before use)"
    assert "'Import a model file'" in model_label().help()
    processing.run(
        "floodsr:importmodel", {"MODEL_FILE": str(random_cnn_model(tmp_path / "m.onnx", seed=4)), "NAME": "mine"}
    )
    assert model_label().options() == [
        "FloodSR_surface_16x",
        "FloodSR_subgrid_16x",
        "FloodSR_small_16x",
        "ResUNet_16x_DEM",
        "mine",
    ]
    assert model_label().description() == "Model (ResUNet_16x_DEM must be downloaded before use)"


def test_a_model_is_chosen_by_name_and_a_position_is_refused(cache_dir, tmp_path):
    import processing

    sample = SAMPLE
    parameters = {
        "INPUT_DEPTH": str(sample / "depth_32m.tif"),
        "INPUT_DEM": str(sample / "dem_2m.tif"),
        "OUTPUT": str(tmp_path / "o.tif"),
    }
    with pytest.raises(QgsProcessingException, match="Incorrect parameter value for MODEL"):
        processing.run("floodsr:superresolve", {**parameters, "MODEL": 1})
    assert processing.run("floodsr:superresolve", {**parameters, "MODEL": "FloodSR_small_16x"})["TILES"] == 1


def test_offline_fetch_says_how_to_download_by_hand_and_import(cache_dir):
    import processing

    registry_with(cache_dir, "unreachable", "http://models.floodsr.invalid/unreachable.onnx", b"x")
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("floodsr:fetchmodel", {"MODEL": "unreachable"})
    message = str(raised.value)
    assert "from http://models.floodsr.invalid/unreachable.onnx failed" in message
    assert "'Import a model file' (floodsr:importmodel) under the name unreachable" in message
    assert not (cache_dir / "unreachable").exists()


class _CountingProxy(QuietHandler):
    """An HTTP proxy: takes absolute URLs, counts them, and fetches them from the local model server."""

    seen = []
    upstream = ""

    def do_GET(self):
        type(self).seen.append(self.path)
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with direct.open(self.upstream + urllib.parse.urlsplit(self.path).path) as answer:
            body = answer.read()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def qgis_proxy():
    from qgis.core import QgsNetworkAccessManager, QgsSettings

    with local_http_server(_CountingProxy) as proxy_url:
        settings = QgsSettings()
        values = {
            "proxy/proxyEnabled": True,
            "proxy/proxyType": "HttpProxy",
            "proxy/proxyHost": "127.0.0.1",
            "proxy/proxyPort": str(urllib.parse.urlsplit(proxy_url).port),
        }
        for key, value in values.items():
            settings.setValue(key, value)
        QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
        _CountingProxy.seen = []
        yield _CountingProxy
        for key in values:
            settings.remove(key)
        QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()


def test_fetch_goes_through_the_proxy_set_in_qgis(cache_dir, tmp_path, qgis_proxy):
    """The model's host does not resolve: only a download through QGIS's proxy setting can reach it."""
    import processing

    _ModelServer.payload = random_cnn_model(tmp_path / "served.onnx", seed=9).read_bytes()
    with local_http_server(_ModelServer) as model_server_url:
        qgis_proxy.upstream = model_server_url
        registry_with(cache_dir, "proxied", "http://models.floodsr.invalid/proxied.onnx", _ModelServer.payload)
        fetched = processing.run("floodsr:fetchmodel", {"MODEL": "proxied"})
    assert Path(fetched["OUTPUT"]).read_bytes() == _ModelServer.payload
    assert qgis_proxy.seen == ["http://models.floodsr.invalid/proxied.onnx"]
