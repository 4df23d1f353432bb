"""The model cache: imports never shadow registered models and replace all their files, registered files are
verified before they run, and a damaged user registry is skipped with a clear problem instead of breaking
every algorithm. (Downloads: test_download.py.)"""

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from floodsr.engine.errors import ModelError
from floodsr.engine.models import checksums, registry
from floodsr.engine.models.importer import import_model
from floodsr.engine.models.registry import load_registry

from helpers.onnx_models import random_cnn_model

PAYLOAD = bytes(range(256)) * 4096  # 1 MiB
SHA = hashlib.sha256(PAYLOAD).hexdigest()


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


def test_an_import_never_replaces_a_published_model(cache_dir, tmp_path):
    mine = random_cnn_model(tmp_path / "model_infer.onnx", seed=3)
    with pytest.raises(ModelError, match="bundled or published"):
        import_model(mine, "ResUNet_16x_DEM", cache_dir)
    assert not (cache_dir / "ResUNet_16x_DEM").exists()


def test_a_re_import_replaces_every_file_of_the_previous_one(cache_dir, tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    random_cnn_model(first / "a.onnx", seed=3)
    (first / "train_config.json").write_text(json.dumps({"max_depth": 2.0}))
    import_model(first / "a.onnx", "mine", cache_dir)
    second = random_cnn_model(tmp_path / "b.onnx", seed=4)
    entry = import_model(second, "mine", cache_dir)
    assert sorted(path.name for path in (cache_dir / "mine").iterdir()) == ["b.onnx"]
    assert registry.verified_model_file(entry, cache_dir).read_bytes() == second.read_bytes()


def test_a_changed_cached_model_is_refused_before_it_runs(cache_dir, tmp_path):
    entry = import_model(random_cnn_model(tmp_path / "m.onnx", seed=3), "mine", cache_dir)
    path = registry.verified_model_file(entry, cache_dir)
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="no longer matches its registered sha256"):
        registry.verified_model_file(entry, cache_dir)


def test_the_checksum_of_an_unchanged_file_is_computed_once(tmp_path, monkeypatch):
    path = tmp_path / "m.onnx"
    path.write_bytes(PAYLOAD)
    hashed = []
    monkeypatch.setattr(checksums, "sha256_of", lambda file: hashed.append(file) or SHA)
    assert checksums.sha256_of_unchanged_file(path) == checksums.sha256_of_unchanged_file(path) == SHA
    path.write_bytes(PAYLOAD[:-1])
    checksums.sha256_of_unchanged_file(path)
    assert len(hashed) == 2


def write_user_registry(cache_dir: Path, content: str):
    cache_dir.mkdir(parents=True, exist_ok=True)
    (cache_dir / "models.json").write_text(content)


def good_record(**changes):
    record = dict(name="mine", description="", file_name="m.onnx", sha256=SHA, size=1, contract="", licence="", url="")
    record.update(changes)
    return record


def test_a_malformed_user_registry_is_skipped_with_a_clear_problem(cache_dir):
    write_user_registry(cache_dir, "{not json")
    problems = []
    names = [entry.name for entry in load_registry(cache_dir, problems)]
    assert names == ["FloodSR_surface_16x", "FloodSR_subgrid_16x", "FloodSR_small_16x", "ResUNet_16x_DEM"]
    assert len(problems) == 1 and "is not valid" in str(problems[0]) and "models.json" in str(problems[0])


def test_bad_user_entries_are_skipped_one_by_one(cache_dir):
    records = [
        good_record(),
        good_record(name="../evil"),
        good_record(name="sized", size="big"),
        good_record(name="linked", file_name="../../startup.py"),
        good_record(name="fake_bundled", bundled=True),
        "not an object",
    ]
    write_user_registry(cache_dir, json.dumps({"models": records}))
    problems = []
    names = [entry.name for entry in load_registry(cache_dir, problems)]
    assert names == ["FloodSR_surface_16x", "FloodSR_subgrid_16x", "FloodSR_small_16x", "ResUNet_16x_DEM", "mine"]
    assert [str(problem).split(":")[0] for problem in problems] == [
        f"Entry {position} of the model registry {cache_dir / 'models.json'} is skipped" for position in (2, 3, 4, 6)
    ]


def test_every_algorithm_loads_with_a_malformed_user_registry(cache_dir, monkeypatch, floodsr_plugin):
    import processing
    from qgis.core import QgsApplication

    write_user_registry(cache_dir, json.dumps({"models": [good_record(size="big")]}))
    monkeypatch.setenv("FLOODSR_CACHE_DIR", str(cache_dir))
    try:
        QgsApplication.processingRegistry().providerById("floodsr").refreshAlgorithms()
        report = cache_dir.parent / "diagnostics.html"
        processing.run("floodsr:listmodels", {"OUTPUT": str(cache_dir.parent / "models.html")})
        processing.run("floodsr:diagnostics", {"OUTPUT": str(report)})
        assert "Entry 1 of the model registry" in report.read_text()
    finally:
        monkeypatch.delenv("FLOODSR_CACHE_DIR")
        QgsApplication.processingRegistry().providerById("floodsr").refreshAlgorithms()
        shutil.rmtree(cache_dir)


def test_a_report_is_never_written_over_the_model_registry(cache_dir, monkeypatch, floodsr_plugin):
    import processing
    from qgis.core import QgsProcessingException

    write_user_registry(cache_dir, json.dumps({"models": [good_record()]}))
    before = (cache_dir / "models.json").read_text()
    monkeypatch.setenv("FLOODSR_CACHE_DIR", str(cache_dir))
    with pytest.raises(QgsProcessingException, match="never writes over its inputs"):
        processing.run("floodsr:listmodels", {"OUTPUT": str(cache_dir / "models.json")})
    assert (cache_dir / "models.json").read_text() == before


def test_an_import_of_a_file_whose_name_is_not_plain_is_stored_under_a_plain_one(cache_dir, tmp_path):
    source = random_cnn_model(tmp_path / "my model (v2).onnx", seed=3)
    entry = import_model(source, "mine", cache_dir)
    assert registry.verified_model_file(entry, cache_dir) == cache_dir / "mine" / "model.onnx"


def test_a_file_replaced_with_the_same_size_and_modification_time_is_hashed_again(tmp_path):
    """As `cp --preserve` or an unpacked archive does: only the file itself (inode, change time) differs."""
    path = tmp_path / "model.onnx"
    path.write_bytes(b"a" * 1000)
    first = checksums.sha256_of_unchanged_file(path)
    before = path.stat()
    replacement = tmp_path / "replacement.onnx"
    replacement.write_bytes(b"b" * 1000)
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, path)
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert first == hashlib.sha256(b"a" * 1000).hexdigest()
    assert checksums.sha256_of_unchanged_file(path) == hashlib.sha256(b"b" * 1000).hexdigest()
