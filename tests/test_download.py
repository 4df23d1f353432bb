"""Model downloads against a local HTTP server: each failure leaves the cache exactly as it was."""

import hashlib
import http.server
import threading
import time
from pathlib import Path

import pytest

from floodsr.engine.errors import CancelledError, FloodSRError
from floodsr.engine.models.download import fetch_model
from floodsr.engine.models.registry import ModelEntry
from floodsr.engine.progress import Progress

PAYLOAD = bytes(range(256)) * 4096  # 1 MiB


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/missing.onnx":
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(PAYLOAD)))
        self.end_headers()
        if self.path == "/dropped.onnx":
            self.wfile.write(PAYLOAD[: len(PAYLOAD) // 3])
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        if self.path == "/slow.onnx":
            for start in range(0, len(PAYLOAD), 65536):
                self.wfile.write(PAYLOAD[start : start + 65536])
                self.wfile.flush()
                time.sleep(0.05)
            return
        self.wfile.write(PAYLOAD)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def entry(url, sha=hashlib.sha256(PAYLOAD).hexdigest()):
    return ModelEntry(
        name="test_model",
        description="",
        file_name="model.onnx",
        sha256=sha,
        size=len(PAYLOAD),
        contract="",
        licence="",
        url=url,
    )


def snapshot(folder: Path):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@pytest.fixture
def cache(tmp_path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "keep.onnx").write_bytes(b"x")
    return tmp_path


def test_good_file_is_verified_and_stored(server, cache):
    progress_calls = []
    path = fetch_model(entry(f"{server}/good.onnx"), cache, Progress(report=progress_calls.append))
    assert path == cache / "test_model" / "model.onnx" and path.read_bytes() == PAYLOAD
    assert progress_calls[-1] == 1.0 and progress_calls == sorted(progress_calls)
    assert snapshot(cache) == ["other", "other/keep.onnx", "test_model", "test_model/model.onnx"]


@pytest.mark.parametrize(
    "path, sha, error",
    [
        ("/good.onnx", "0" * 64, "sha256 is"),
        ("/missing.onnx", None, "HTTP 404"),
        ("/dropped.onnx", None, "Try again"),
    ],
)
def test_failures_leave_the_cache_as_it_was(server, cache, path, sha, error):
    before = snapshot(cache)
    model = entry(f"{server}{path}") if sha is None else entry(f"{server}{path}", sha)
    with pytest.raises(FloodSRError, match=error):
        fetch_model(model, cache, Progress())
    assert snapshot(cache) == before


def test_a_failed_update_keeps_the_previous_good_file(server, cache):
    fetch_model(entry(f"{server}/good.onnx"), cache, Progress())
    with pytest.raises(FloodSRError):
        fetch_model(entry(f"{server}/dropped.onnx"), cache, Progress())
    assert (cache / "test_model" / "model.onnx").read_bytes() == PAYLOAD
    assert snapshot(cache) == ["other", "other/keep.onnx", "test_model", "test_model/model.onnx"]


def test_cancel_during_a_slow_download_stops_and_leaves_nothing(server, cache):
    before = snapshot(cache)
    reports = []
    with pytest.raises(CancelledError):
        fetch_model(
            entry(f"{server}/slow.onnx"), cache, Progress(report=reports.append, is_cancelled=lambda: len(reports) >= 2)
        )
    assert len(reports) == 2 and reports[-1] < 0.5, "the download must stop at the first chunk after the cancel"
    assert snapshot(cache) == before


def test_a_server_that_does_not_answer_in_time_is_a_clear_timeout(cache):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        with pytest.raises(FloodSRError, match="timed out"):
            fetch_model(entry(f"http://127.0.0.1:{silent.getsockname()[1]}/x.onnx"), cache, Progress(), timeout=(1, 1))
    finally:
        silent.close()
    assert snapshot(cache) == ["other", "other/keep.onnx"]
