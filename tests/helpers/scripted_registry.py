"""An MLflow tracking server that says what a test scripts, on 127.0.0.1: garbage, huge or lying answers."""

import contextlib

from helpers.local_http import QuietHandler, local_http_server


class ScriptedRegistry:
    """Answers each endpoint (the path after /api/2.0/) with (status, body), a body of bytes or an iterable of
    chunks sent without a length; records every request it gets. Serves from its creation until close()."""

    def __init__(self, answers):
        self.answers = answers
        self.requests = []
        self.sent = 0
        self._serving = contextlib.ExitStack()
        self.url = self._serving.enter_context(local_http_server(self._handler()))

    def close(self):
        self._serving.close()

    def _handler(self):
        registry = self

        class Handler(QuietHandler):
            def do_GET(self):
                registry.requests.append((self.path, self.headers.get("Authorization")))
                endpoint = self.path.split("?", 1)[0].split("/api/2.0/", 1)[-1]
                status, body = registry.answers.get(endpoint, (404, b'{"message": "no such endpoint"}'))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if isinstance(body, bytes):
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self.end_headers()  # a body of unknown length: sent until done, or until the client hangs up
                try:
                    for chunk in body:
                        self.wfile.write(chunk)
                        registry.sent += len(chunk)
                except OSError:
                    return

        return Handler
