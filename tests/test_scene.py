"""The scene layer every entry point shares: one default model, one checksum cache, one set of outcome words, and
the same model file whichever entry point builds the scene."""

import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from qgis.core import QgsApplication, QgsProcessingContext

from floodsr.engine.batch.manifest import read_manifest
from floodsr.engine.batch.plan import plan_batch
from floodsr.engine.errors import ModelError
from floodsr.engine.models import checksums
from floodsr.engine.progress import Progress
from floodsr.engine.scene import (
    MODEL_METHOD,
    Outcome,
    SceneSpec,
    default_model_name,
    resolve_model,
    run_scene,
)

from helpers.paths import CHECKOUT, SAMPLE

DEPTH, DEM = str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif")
DEFAULT_FILE = CHECKOUT / "resources" / "models" / "floodsr_surface.onnx"


def user_entry(cache: Path, name: str, sha256: str) -> None:
    record = dict(name=name, description="", file_name="model.onnx", sha256=sha256, size=1, contract="", licence="")
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "models.json").write_text(json.dumps({"models": [record]}))


def test_the_default_model_is_the_first_bundled_one_whatever_the_user_added(tmp_path):
    cache = tmp_path / "cache"
    user_entry(cache, "aaa_first_by_name", "0" * 64)
    assert default_model_name(cache) == default_model_name(None) == "FloodSR_surface_16x"
    model = resolve_model("", cache)
    assert (model.name, model.path, model.lineage) == ("FloodSR_surface_16x", DEFAULT_FILE, "")
    assert model.sha256 == checksums.sha256_of(DEFAULT_FILE)


def test_a_model_file_is_taken_by_path_only_where_the_entry_point_allows_files(tmp_path):
    shutil.copyfile(DEFAULT_FILE, tmp_path / "mine.onnx")
    model = resolve_model("mine.onnx", tmp_path / "cache", files_from=tmp_path)
    assert (model.name, model.path, model.sha256) == ("mine", tmp_path / "mine.onnx", "")
    with pytest.raises(ModelError, match="No model named 'mine.onnx' is registered"):
        resolve_model("mine.onnx", tmp_path / "cache")
    with pytest.raises(ModelError, match="Model file .*gone.onnx does not exist"):
        resolve_model("gone.onnx", tmp_path / "cache", files_from=tmp_path)


def test_a_registered_model_must_be_downloaded_and_intact(tmp_path):
    cache = tmp_path / "cache"
    user_entry(cache, "mine", "0" * 64)
    with pytest.raises(ModelError, match="The model mine is not downloaded yet: fetch it first"):
        resolve_model("mine", cache)
    (cache / "mine").mkdir()
    shutil.copyfile(DEFAULT_FILE, cache / "mine" / "model.onnx")
    with pytest.raises(ModelError, match="The file of the model mine .* does not match its registered sha256"):
        resolve_model("mine", cache)


def test_the_checksum_cache_hits_only_for_the_same_path_inode_size_and_times(tmp_path, monkeypatch):
    path, alias = tmp_path / "m.onnx", tmp_path / "alias.onnx"
    path.write_bytes(b"model")
    os.link(path, alias)
    hashed = []
    monkeypatch.setattr(checksums, "sha256_of", lambda file: hashed.append(Path(file).name) or "digest")
    status = {"st_ino": 1, "st_size": 5, "st_mtime_ns": 10, "st_ctime_ns": 20}
    real_stat = os.stat

    def sha256_with(**changes):
        status.update(changes)
        with monkeypatch.context() as patched:
            patched.setattr(os, "stat", lambda file: SimpleNamespace(**status) if file == path else real_stat(file))
            return checksums.sha256_of_unchanged_file(path)

    assert [sha256_with() for _ in range(3)] == ["digest"] * 3
    assert len(hashed) == 1
    for change in ({"st_ino": 2}, {"st_size": 6}, {"st_mtime_ns": 11}, {"st_ctime_ns": 21}):
        sha256_with(**change)
        sha256_with(**change)
    assert len(hashed) == 5  # once per change, then from the cache
    assert checksums.sha256_of_unchanged_file(alias) == "digest"  # another path to the same file
    assert hashed == ["m.onnx"] * 5 + ["alias.onnx"]


def test_each_outcome_has_its_word(tmp_path):
    assert [outcome.value for outcome in Outcome] == ["done", "skipped", "cancelled", "failed", "error", "crashed"]


def test_a_scene_runs_done_failed_or_cancelled(tmp_path):
    done = run_scene(SceneSpec(DEPTH, DEM, str(tmp_path / "done.tif"), "subgrid"))
    assert (done.outcome, done.tiles, done.message) == (Outcome.DONE, 0, None)
    assert (tmp_path / "done.tif").is_file()
    failed = run_scene(SceneSpec(str(tmp_path / "nowhere.tif"), DEM, str(tmp_path / "failed.tif"), "subgrid"))
    assert failed.outcome == Outcome.FAILED and "nowhere.tif" in str(failed.message)
    stopped = Progress(is_cancelled=lambda: True)
    cancelled = run_scene(SceneSpec(DEPTH, DEM, str(tmp_path / "cancelled.tif"), "subgrid"), stopped)
    assert (cancelled.outcome, str(cancelled.message)) == (
        Outcome.CANCELLED,
        "Cancelled by the user; no output was written.",
    )
    assert not (tmp_path / "failed.tif").exists() and not (tmp_path / "cancelled.tif").exists()


def test_a_batch_skips_a_scene_already_done_and_the_server_reports_errors_in_the_same_words(tmp_path, monkeypatch):
    (tmp_path / "manifest.csv").write_text(f"id,depth,dem,output,method\na,{DEPTH},{DEM},a.tif,subgrid\n")
    manifest = read_manifest(tmp_path / "manifest.csv", None)
    assert run_scene(manifest.items[0]).outcome == Outcome.DONE
    plan = plan_batch(manifest, tmp_path / "plan", False, 1, [])
    assert [(result.item_id, result.status) for result in plan.settled] == [("a", Outcome.SKIPPED)]

    monkeypatch.syspath_prepend(str(CHECKOUT))
    from server import worker

    sent = []
    results = SimpleNamespace(send=sent.append, close=lambda: None)
    worker._send_outcome(results, lambda: (_ for _ in ()).throw(RuntimeError("broken")))
    assert sent == [("error", "RuntimeError: broken")]


def test_every_entry_point_builds_a_scene_with_the_same_default_model_file(tmp_path, monkeypatch, floodsr_plugin):
    cache = tmp_path / "cache"
    monkeypatch.setenv("FLOODSR_CACHE_DIR", str(cache))
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("floodsr:superresolve")
    from_algorithm = algorithm._model({}, QgsProcessingContext()).path

    (tmp_path / "manifest.csv").write_text(f"id,depth,dem,output\na,{DEPTH},{DEM},a.tif\n")
    scene = read_manifest(tmp_path / "manifest.csv", cache).items[0]
    assert (scene.method, scene.model_name) == (MODEL_METHOD, "FloodSR_surface_16x")

    monkeypatch.syspath_prepend(str(CHECKOUT))
    from server.models import ModelResolver

    resolver = ModelResolver(cache)
    from_server = resolver.resolve(resolver.default_model).path
    assert [Path(from_algorithm), Path(scene.model_path), Path(from_server)] == [DEFAULT_FILE] * 3
