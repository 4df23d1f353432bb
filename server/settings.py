"""The server's settings, read once from the environment (FLOODSR_*), with defaults for one machine."""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from engine.superresolution.session import usable_cpu_count


def _number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    try:
        return float(value) if value else default
    except ValueError:
        raise SystemExit(f"{name}={value!r} is not a number.") from None


def default_cache_dir() -> Path:
    """Where the server keeps models when FLOODSR_CACHE_DIR is unset: the user's cache folder."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "floodsr" / "models"


@dataclass(frozen=True)
class Settings:
    cache_dir: Path
    work_dir: Path
    default_model: str  # a registered name or a models:/ URI; empty: the first bundled model
    threads_per_job: int
    max_running: int
    max_queued: int
    max_upload_bytes: int
    rate_limit_per_minute: float  # per client and inference endpoint; 0: no limit
    result_ttl_s: float
    drain_s: float
    max_output_cells: int  # per job: a tiny upload may declare a huge grid
    job_timeout_s: float  # per job, from the moment it runs
    upload_timeout_s: float  # per request, for the whole body

    @classmethod
    def from_environment(cls) -> "Settings":
        threads = max(1, int(_number("FLOODSR_THREADS_PER_JOB", 1)))
        running = max(1, int(_number("FLOODSR_MAX_JOBS", max(1, usable_cpu_count() // threads))))
        return cls(
            cache_dir=Path(os.environ.get("FLOODSR_CACHE_DIR") or default_cache_dir()),
            work_dir=Path(os.environ.get("FLOODSR_WORK_DIR") or Path(tempfile.gettempdir()) / "floodsr-server"),
            default_model=os.environ.get("FLOODSR_MODEL", "").strip(),
            threads_per_job=threads,
            max_running=running,
            max_queued=max(0, int(_number("FLOODSR_QUEUE_SIZE", 2 * running))),
            max_upload_bytes=int(_number("FLOODSR_MAX_UPLOAD_MB", 512) * 1024 * 1024),
            rate_limit_per_minute=_number("FLOODSR_RATE_LIMIT", 0),
            result_ttl_s=_number("FLOODSR_RESULT_TTL_S", 3600),
            drain_s=_number("FLOODSR_DRAIN_S", 30),
            max_output_cells=int(_number("FLOODSR_MAX_OUTPUT_CELLS", 250_000_000)),
            job_timeout_s=_number("FLOODSR_JOB_TIMEOUT_S", 3600),
            upload_timeout_s=_number("FLOODSR_UPLOAD_TIMEOUT_S", 300),
        )
