"""Model downloads against a local HTTP server: each failure leaves the cache exactly as it was, nothing is
written or deleted outside the cache, one fetch of a model runs at a time, and bodies are capped and cancellable."""

import hashlib
import threading
import time
from pathlib import Path

import pytest

from floodsr.engine import files
from floodsr.engine.errors import CancelledError, DownloadError, ModelError
from floodsr.engine.models.download import Transport, fetch_model
from floodsr.engine.models.registry import ModelEntry
from floodsr.engine.progress import Progress

from helpers.local_http import QuietHandler, local_http_server, write_slowly

PAYLOAD = bytes(range(256)) * 4096  # 1 MiB
SHA = hashlib.sha256(PAYLOAD).hexdigest()
DRIP_BYTES = 400


class Handler(QuietHandler):
    dripped = 0
    drip_finished = threading.Event()

    def do_GET(self):
        if self.path == "/private.onnx" and self.headers.get("Authorization") != "Bearer secret":
            self.send_error(401, "Unauthorized")
            return
        if self.path == "/missing.onnx":
            self.send_error(404, "Not Found")
            return
        if self.path == "/endless.onnx":  # no Content-Length: the body ends when the server closes
            self.send_response(200)
            self.end_headers()
            for _ in range(40):  # 40 MiB, bounded so that a test of the old behaviour still ends
                self.wfile.write(PAYLOAD)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(40 * len(PAYLOAD) if self.path == "/huge.onnx" else len(PAYLOAD)))
        self.end_headers()
        if self.path == "/drip.onnx":
            Handler.drip_finished.clear()
            for _ in range(DRIP_BYTES):
                write_slowly(self, b"x", 1, 0.02)
                Handler.dripped += 1
            Handler.drip_finished.set()
            return
        if self.path == "/dropped.onnx":
            self.wfile.write(PAYLOAD[: len(PAYLOAD) // 3])
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        if self.path == "/slow.onnx":
            write_slowly(self, PAYLOAD, 65536, 0.05)
            return
        if self.path == "/slow-then-drop.onnx":
            write_slowly(self, PAYLOAD[: len(PAYLOAD) // 2], 65536, 0.1)
            self.connection.shutdown(2)
            return
        self.wfile.write(PAYLOAD)


@pytest.fixture(scope="module")
def model_server_url():
    with local_http_server(Handler) as url:
        yield url


def entry(url, name="test_model", file_name="model.onnx", sha=SHA):
    return ModelEntry(
        name=name,
        description="",
        file_name=file_name,
        sha256=sha,
        size=len(PAYLOAD),
        contract="",
        licence="",
        url=url,
    )


def snapshot(folder: Path):
    """The cache's files; the per-model lock files stay, as locks must."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if ".locks" not in path.parts)


@pytest.fixture
def cache_dir(tmp_path):
    folder = tmp_path / "cache"
    (folder / "other").mkdir(parents=True)
    (folder / "other" / "keep.onnx").write_bytes(b"x")
    return folder


def test_good_file_is_verified_and_stored(model_server_url, cache_dir):
    progress_calls = []
    path = fetch_model(entry(f"{model_server_url}/good.onnx"), cache_dir, Progress(report=progress_calls.append))
    assert path == cache_dir / "test_model" / "model.onnx" and path.read_bytes() == PAYLOAD
    assert progress_calls[-1] == 1.0 and progress_calls == sorted(progress_calls)
    assert snapshot(cache_dir) == ["other", "other/keep.onnx", "test_model", "test_model/model.onnx"]


@pytest.mark.parametrize(
    "path, sha, error",
    [
        ("/good.onnx", "0" * 64, "sha256 is"),
        ("/missing.onnx", None, "HTTP 404"),
        ("/dropped.onnx", None, "(?i)try again"),  # the read fails, or ends short, by urllib3 version
    ],
)
def test_failures_leave_the_cache_as_it_was(model_server_url, cache_dir, path, sha, error):
    before = snapshot(cache_dir)
    model = entry(f"{model_server_url}{path}") if sha is None else entry(f"{model_server_url}{path}", sha=sha)
    with pytest.raises(DownloadError, match=error):
        fetch_model(model, cache_dir, Progress())
    assert snapshot(cache_dir) == before


def test_credentials_go_with_the_request_and_an_unpublished_checksum_is_not_compared(model_server_url, cache_dir):
    private = entry(f"{model_server_url}/private.onnx", sha="")
    with pytest.raises(DownloadError, match="HTTP 401"):
        fetch_model(private, cache_dir, Progress(), verify_sha256=False)
    with pytest.raises(DownloadError, match="sha256 is"):
        fetch_model(private, cache_dir, Progress(), Transport(headers={"Authorization": "Bearer secret"}))
    path = fetch_model(
        private, cache_dir, Progress(), Transport(headers={"Authorization": "Bearer secret"}), verify_sha256=False
    )
    assert path.read_bytes() == PAYLOAD


def test_a_failed_update_keeps_the_previous_good_file(model_server_url, cache_dir):
    fetch_model(entry(f"{model_server_url}/good.onnx"), cache_dir, Progress())
    with pytest.raises(DownloadError):
        fetch_model(entry(f"{model_server_url}/dropped.onnx"), cache_dir, Progress())
    assert (cache_dir / "test_model" / "model.onnx").read_bytes() == PAYLOAD
    assert snapshot(cache_dir) == ["other", "other/keep.onnx", "test_model", "test_model/model.onnx"]


def test_cancel_during_a_slow_download_stops_and_leaves_nothing(model_server_url, cache_dir):
    before = snapshot(cache_dir)
    reports = []
    with pytest.raises(CancelledError):
        fetch_model(
            entry(f"{model_server_url}/slow.onnx"),
            cache_dir,
            Progress(report=reports.append, is_cancelled=lambda: len(reports) >= 2),
        )
    assert len(reports) == 2 and reports[-1] < 0.5, "the download must stop at the first chunk after the cancel"
    assert snapshot(cache_dir) == before


def test_a_server_that_does_not_answer_in_time_is_a_clear_timeout(cache_dir):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        with pytest.raises(DownloadError, match="timed out"):
            fetch_model(
                entry(f"http://127.0.0.1:{silent.getsockname()[1]}/x.onnx"),
                cache_dir,
                Progress(),
                Transport(timeout=(1, 1)),
            )
    finally:
        silent.close()
    assert snapshot(cache_dir) == ["other", "other/keep.onnx"]


@pytest.mark.parametrize(
    "name, file_name",
    [("../work", "model.onnx"), ("test_model", "../../startup.py"), ("test_model", "/tmp/startup.py"), ("..", "m")],
)
def test_names_that_climb_out_of_the_cache_are_refused_and_nothing_is_written_or_deleted(
    model_server_url, cache_dir, name, file_name
):
    (cache_dir.parent / "work").mkdir()
    (cache_dir.parent / "work" / "data.txt").write_text("precious")
    before = snapshot(cache_dir.parent)
    with pytest.raises(ModelError):
        fetch_model(entry(f"{model_server_url}/missing.onnx", name, file_name), cache_dir, Progress())
    assert snapshot(cache_dir.parent) == before


def test_a_model_folder_linked_out_of_the_cache_is_refused(model_server_url, cache_dir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (cache_dir / "test_model").symlink_to(outside)
    with pytest.raises(ModelError, match="outside the model folder"):
        fetch_model(entry(f"{model_server_url}/good.onnx"), cache_dir, Progress())
    assert list(outside.iterdir()) == []


def test_a_failed_fetch_never_deletes_a_file_that_another_fetch_verified_meanwhile(model_server_url, cache_dir):
    """The failing fetch started first, while the folder did not exist; the good one finishes during it."""
    results = {}

    def failing():
        try:
            fetch_model(entry(f"{model_server_url}/slow-then-drop.onnx"), cache_dir, Progress())
        except DownloadError as error:
            results["failing"] = error

    thread = threading.Thread(target=failing)
    thread.start()
    while not (cache_dir / "test_model").exists():
        time.sleep(0.01)
    results["good"] = fetch_model(entry(f"{model_server_url}/good.onnx"), cache_dir, Progress())
    thread.join()
    assert isinstance(results["failing"], DownloadError)
    assert results["good"].read_bytes() == PAYLOAD
    assert snapshot(cache_dir) == ["other", "other/keep.onnx", "test_model", "test_model/model.onnx"]


def test_an_endless_body_is_cut_off_at_the_registered_size(model_server_url, cache_dir):
    before = snapshot(cache_dir)
    with pytest.raises(DownloadError, match="larger than the registered 1,048,576 bytes"):
        fetch_model(entry(f"{model_server_url}/endless.onnx"), cache_dir, Progress())
    assert snapshot(cache_dir) == before


def test_a_body_announced_far_larger_than_registered_is_refused_before_download(model_server_url, cache_dir):
    received = []
    with pytest.raises(DownloadError, match="announces 41,943,040 bytes"):
        fetch_model(entry(f"{model_server_url}/huge.onnx"), cache_dir, Progress(report=received.append))
    assert received == []


def test_cancel_stops_a_download_from_a_server_that_drips_bytes(model_server_url, cache_dir):
    before = snapshot(cache_dir)
    Handler.dripped = 0
    with pytest.raises(CancelledError):
        fetch_model(
            entry(f"{model_server_url}/drip.onnx"), cache_dir, Progress(is_cancelled=lambda: Handler.dripped >= 20)
        )
    assert not Handler.drip_finished.is_set(), "the download waited for the server instead of stopping"
    assert snapshot(cache_dir) == before


def test_a_full_disk_during_a_fetch_says_so_and_leaves_the_cache_as_it_was(model_server_url, cache_dir, monkeypatch):
    def full_disk(target, suffix=""):
        link = Path(target).with_name(".full")
        link.symlink_to("/dev/full")
        return link

    monkeypatch.setattr(files, "temporary_path", full_disk)
    before = snapshot(cache_dir)
    with pytest.raises(DownloadError, match="no space left on the disk holding"):
        fetch_model(entry(f"{model_server_url}/good.onnx"), cache_dir, Progress())
    assert snapshot(cache_dir) == before


def test_offline_the_error_says_how_to_get_the_file_by_hand_without_connection_pool_internals(cache_dir):
    before = snapshot(cache_dir)
    with pytest.raises(DownloadError) as raised:
        fetch_model(entry("http://models.floodsr.invalid/model.onnx"), cache_dir, Progress(), Transport(timeout=(5, 5)))
    message = str(raised.value)
    assert message.startswith("Downloading test_model from http://models.floodsr.invalid/model.onnx failed: ")
    assert "'Import a model file' (floodsr:importmodel) under the name test_model" in message
    assert "ConnectionPool" not in message and "Max retries" not in message
    assert snapshot(cache_dir) == before
