"""A local HTTP server for the tests, on 127.0.0.1 and a free port, stopped when the block ends."""

import contextlib
import http.server
import threading
import time


@contextlib.contextmanager
def serving(handler):
    """Yields the server's base URL ("http://127.0.0.1:PORT")."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def write_slowly(handler: http.server.BaseHTTPRequestHandler, data: bytes, chunk: int, pause_s: float) -> None:
    """The body in chunks with a pause after each, as a slow server sends it."""
    for start in range(0, len(data), chunk):
        handler.wfile.write(data[start : start + chunk])
        handler.wfile.flush()
        time.sleep(pause_s)
