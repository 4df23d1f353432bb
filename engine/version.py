"""The plugin version, read from metadata.txt so that it is written in one place only."""

import configparser

from .plugin_files import METADATA_FILE


def plugin_version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(METADATA_FILE, encoding="utf-8")
    return parser.get("general", "version", fallback="unknown")
