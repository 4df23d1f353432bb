"""`python -m server --host 127.0.0.1 --port 8000` (what `make serve` runs); settings come from FLOODSR_*.

The first SIGTERM or SIGINT starts draining: /ready answers 503 and new jobs are refused while accepted jobs
finish, for up to FLOODSR_DRAIN_S seconds (counted once, from the signal); then uvicorn stops, and the rest are
cancelled together and their files deleted; finished results stay for the next server. A second signal stops at
once (running jobs are still cancelled and cleaned up).
"""

import argparse
import logging
import threading
import time

import uvicorn

from .app import create_app
from .settings import Settings

POLL_S = 0.1


class DrainingServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, jobs, drain_s: float):
        super().__init__(config)
        self.jobs = jobs
        self.drain_s = drain_s

    def handle_exit(self, sig, frame) -> None:
        if self.jobs.draining:
            super().handle_exit(sig, frame)
            return
        self.jobs.begin_draining(self.drain_s)
        threading.Thread(target=self._exit_when_drained, args=(sig, frame), daemon=True).start()

    def _exit_when_drained(self, sig, frame) -> None:
        deadline = time.monotonic() + self.drain_s
        while self.jobs.busy and time.monotonic() < deadline:
            time.sleep(POLL_S)
        super().handle_exit(sig, frame)


def main() -> None:
    parser = argparse.ArgumentParser(description="FloodSR inference server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    settings = Settings.from_environment()
    app = create_app(settings)
    config = uvicorn.Config(app, host=arguments.host, port=arguments.port, proxy_headers=True)
    DrainingServer(config, app.state.server.jobs, settings.drain_s).run()


if __name__ == "__main__":
    main()
