#!/usr/bin/env bash
# Installs Debian's QGIS (PyQGIS, processing, GDAL, qgis_process) and venv support when missing.
set -euo pipefail
packages="python3-qgis qgis python3-venv python3-pip"
if dpkg -s $packages >/dev/null 2>&1; then
    exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    sudo=sudo
fi
echo "Installing Debian packages: $packages"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $packages
