#!/usr/bin/env bash
# Makes the Containerfiles' base image without a registry: a Debian root filesystem from Debian's own packages
# (debootstrap --variant=minbase), imported into podman under the name the Containerfiles' FROM uses, so the
# same files build unchanged where a registry is reachable (there, podman pulls that name instead).
# The root filesystem is cached as a tarball and rebuilt when older than FLOODSR_BASE_MAX_AGE_DAYS, so that
# security updates reach the images.
#
# Usage (root): deploy/base-image.sh
# Environment: FLOODSR_BASE_SUITE (bookworm), FLOODSR_BASE_IMAGE (docker.io/library/debian:<suite>-slim),
#   FLOODSR_IMAGE_CACHE (/var/cache/floodsr-images), FLOODSR_BASE_MIRROR (http://deb.debian.org/debian),
#   FLOODSR_BASE_MAX_AGE_DAYS (7), PODMAN (the podman command line).
set -euo pipefail
suite=${FLOODSR_BASE_SUITE:-bookworm}
image=${FLOODSR_BASE_IMAGE:-docker.io/library/debian:$suite-slim}
cache=${FLOODSR_IMAGE_CACHE:-/var/cache/floodsr-images}
mirror=${FLOODSR_BASE_MIRROR:-http://deb.debian.org/debian}
max_age_days=${FLOODSR_BASE_MAX_AGE_DAYS:-7}
podman=${PODMAN:-podman}
tarball=$cache/$suite-minbase.tar

[ "$(id -u)" = 0 ] || { echo "base-image: debootstrap needs root" >&2; exit 2; }

build_tarball() {
    root=$(mktemp -d "$cache/$suite.XXXXXX")  # global: the EXIT trap deletes it, whether the build ends or fails
    trap 'rm -rf --one-file-system "$root" "$root.log" "$tarball.partial"' EXIT
    echo "base-image: debootstrap $suite into $root"
    debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.log" 2>&1 || {
        tail -20 "$root.log" >&2
        exit 1
    }
    # The suite's updates and security fixes, as Debian's own images list them.
    cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
deb http://deb.debian.org/debian-security $suite-security main
SOURCES
    # As in Debian's own slim images: no fsync after each unpacked file (an image layer is rebuilt when in doubt),
    # no translated package descriptions.
    echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/floodsr-unsafe-io"
    echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/floodsr-no-languages"
    # Certificate authorities this machine trusts beyond Debian's (a proxy's): ca-certificates, once installed
    # in an image, adds them, and pip reads the system's bundle.
    mkdir -p "$root/usr/local/share/ca-certificates"
    if [ -d /usr/local/share/ca-certificates ]; then
        find /usr/local/share/ca-certificates -name '*.crt' -exec cp -t "$root/usr/local/share/ca-certificates" {} +
    fi
    printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' >"$root/etc/pip.conf"
    # What a slim image leaves out: apt's downloaded lists and archives, documentation, manual pages.
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
        "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/*
    tar -C "$root" --numeric-owner --exclude=./proc --exclude=./sys --exclude=./dev -cf "$tarball.partial" .
    mv "$tarball.partial" "$tarball"
}

mkdir -p "$cache"
if [ ! -s "$tarball" ] || [ -n "$(find "$tarball" -mtime +"$max_age_days")" ]; then
    command -v debootstrap >/dev/null || {
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
    }
    build_tarball
fi
# Imported again only when the tarball changed since the last import (its checksum is the image's label).
checksum=$(sha256sum "$tarball" | cut -c1-64)
if [ "$($podman image inspect --format '{{ index .Labels "org.floodsr.base-sha256" }}' "$image" 2>/dev/null)" != "$checksum" ]; then
    $podman import --change "LABEL org.floodsr.base-sha256=$checksum" --change 'CMD ["/bin/bash"]' "$tarball" "$image" >/dev/null
fi
echo "$image"
