#!/bin/sh
# qgis_process with FloodSR: Debian 12's qgis_process wrapper script is broken (qgis/QGIS#57683), so the real
# binary runs when the wrapper fails.
if qgis_process --version >/dev/null 2>&1; then
    exec qgis_process "$@"
fi
exec qgis_process.bin "$@"
