"""The plugin version, read from metadata.txt so that it is written in one place only."""

import configparser
from pathlib import Path

_METADATA = Path(__file__).resolve().parent.parent / "metadata.txt"


def plugin_version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(_METADATA, encoding="utf-8")
    return parser.get("general", "version", fallback="unknown")
