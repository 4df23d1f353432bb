"""A local HTTP server for the tests: http.server on 127.0.0.1 and a free port, a thread per request, answering
with the handler each test writes, stopped when the block ends."""

import contextlib
import functools
import http.server
import threading
import time
from pathlib import Path
from typing import ContextManager, Iterator, Type


class QuietHandler(http.server.BaseHTTPRequestHandler):
    """The base of a test's handler: a line on stderr for every request would bury a failing test's own output."""

    def log_message(self, *args):
        pass


class _QuietFileHandler(QuietHandler, http.server.SimpleHTTPRequestHandler):
    pass


@contextlib.contextmanager
def local_http_server(handler: Type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Yields the server's base URL ("http://127.0.0.1:PORT")."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def serving_folder(folder: Path) -> ContextManager[str]:
    """The files in `folder` over HTTP, as a plain web server serves them."""
    return local_http_server(functools.partial(_QuietFileHandler, directory=str(folder)))


def write_slowly(handler: http.server.BaseHTTPRequestHandler, data: bytes, chunk: int, pause_s: float) -> None:
    """The body in chunks with a pause after each, as a slow server sends it."""
    for start in range(0, len(data), chunk):
        handler.wfile.write(data[start : start + chunk])
        handler.wfile.flush()
        time.sleep(pause_s)
