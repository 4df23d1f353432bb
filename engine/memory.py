"""How much memory the machine has free, and refusing a job that would not fit, before it starts.

QGIS's Python has no psutil: the figure comes from the operating system directly (/proc/meminfo on Linux,
GlobalMemoryStatusEx on Windows, sysconf elsewhere)."""

import os
import sys
from typing import Optional

from .errors import InputError
from .messages import Message

GIB = 1 << 30
FLOAT32_BYTES = 4


def available_memory_bytes() -> Optional[int]:
    """Memory the machine can give a job now without swapping; None when the OS does not say."""
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/meminfo", encoding="ascii") as meminfo:
                for line in meminfo:
                    if line.startswith("MemAvailable:"):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
    if sys.platform == "win32":
        return _windows_available_bytes()
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def _windows_available_bytes() -> Optional[int]:
    import ctypes

    class MemoryStatus(ctypes.Structure):
        _fields_ = [
            ("length", ctypes.c_ulong),
            ("load", ctypes.c_ulong),
            ("total_physical", ctypes.c_ulonglong),
            ("available_physical", ctypes.c_ulonglong),
            ("total_page_file", ctypes.c_ulonglong),
            ("available_page_file", ctypes.c_ulonglong),
            ("total_virtual", ctypes.c_ulonglong),
            ("available_virtual", ctypes.c_ulonglong),
            ("available_extended_virtual", ctypes.c_ulonglong),
        ]

    status = MemoryStatus(length=ctypes.sizeof(MemoryStatus))
    if not ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
        return None
    return int(status.available_physical)


def require_memory(needed_bytes: float, job: Message) -> None:
    """Refuse `job` when its working set exceeds the memory available now, saying how much it would need."""
    available = available_memory_bytes()
    if available is not None and needed_bytes > available:
        raise InputError(
            "{job} would need about {needed:.1f} GB of memory, but this machine has {available:.1f} GB available. "
            "Split the area into smaller rasters (Clip Raster by Extent), use coarser cells, or free memory first.",
            job=job,
            needed=needed_bytes / GIB,
            available=available / GIB,
        )
