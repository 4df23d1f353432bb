"""Credentials kept out of every text FloodSR shows, logs or stores: the values of the variables that hold them
(GDAL's cloud storage options, MLflow's password and token), and the user:password@ of any URL."""

import os
import re

SECRET_OPTIONS = (
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "GS_SECRET_ACCESS_KEY",
    "GS_ACCESS_KEY_ID",
    "GS_OAUTH2_REFRESH_TOKEN",
    "AZURE_STORAGE_ACCESS_KEY",
    "AZURE_STORAGE_CONNECTION_STRING",
    "AZURE_STORAGE_SAS_TOKEN",
    "AZURE_SAS",
    "MLFLOW_TRACKING_PASSWORD",
    "MLFLOW_TRACKING_TOKEN",
)
# scheme://userinfo@: the userinfo goes, whatever the scheme (http, https, s3, ...).
URL_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)[^/\s@]+@")
SHORTEST_SECRET = 4  # shorter values would blank out ordinary words


def redact(text: str) -> str:
    """`text` with every URL's user:password@ and the value of every credential in GDAL's configuration or the
    environment blanked out."""
    text = URL_USERINFO.sub(r"\g<scheme>***@", text)
    for secret in _secret_values():
        text = text.replace(secret, "***")
    return text


def _secret_values():
    try:
        from osgeo import gdal
    except ImportError:  # the server's or a tool's Python without GDAL: only the environment holds them
        gdal = None
    for name in SECRET_OPTIONS:
        value = (gdal.GetConfigOption(name) if gdal else None) or os.environ.get(name)
        if value and len(value) >= SHORTEST_SECRET:
            yield value
