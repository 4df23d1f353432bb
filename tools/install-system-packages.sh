#!/usr/bin/env bash
# Installs the Debian packages in tools/system-packages.txt (QGIS, PyQGIS, scipy, venv support) when missing.
set -euo pipefail
packages=$(grep -v '^#' "$(dirname "$0")/system-packages.txt" | xargs)
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
