#!/usr/bin/env bash
# Runs `make test` and `make demo` on the QGIS of each Debian suite, as a user of that suite would: in a root
# filesystem per suite built by debootstrap from Debian's packages, on a fresh clone of the committed project
# with nothing beside it. Root filesystems are cached outside the checkout and reused; one is rebuilt
# when its package list changes (or with FLOODSR_MATRIX_REBUILD=1).
#
# Usage (as root): tools/test-matrix.sh [suite ...]      default: bookworm trixie sid
# Environment: FLOODSR_MATRIX_CACHE (root filesystems, default /var/cache/floodsr-matrix),
#   FLOODSR_MATRIX_MIRROR (Debian mirror), FLOODSR_MATRIX_SOURCE (git repository to clone, default this checkout),
#   FLOODSR_MATRIX_RESULTS (logs and summary, default build/matrix).
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
cache=${FLOODSR_MATRIX_CACHE:-/var/cache/floodsr-matrix}
mirror=${FLOODSR_MATRIX_MIRROR:-http://deb.debian.org/debian}
source=${FLOODSR_MATRIX_SOURCE:-$checkout}
results=${FLOODSR_MATRIX_RESULTS:-$checkout/build/matrix}
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(bookworm trixie sid)
# The project's own system packages, plus what a user needs to clone and build it.
packages="$(grep -v '^#' tools/system-packages.txt | xargs) git make ca-certificates"

[ "$(id -u)" = 0 ] || { echo "test-matrix: debootstrap, mount and chroot need root" >&2; exit 2; }
command -v debootstrap >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
}

mounted=()
unmount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount --lazy "${mounted[i]}"
    done
    mounted=()
}
trap unmount_all EXIT
trap 'echo "test-matrix: stopped by a failure at line $LINENO" >&2' ERR
trap 'exit 130' INT TERM

bind() {  # bind SOURCE TARGET
    mkdir -p "$2"
    mount --bind "$1" "$2"
    mounted+=("$2")
}

mount_system() {
    local dir
    for dir in proc sys dev dev/pts; do
        bind "/$dir" "$1/$dir"
    done
}

# Mounts a killed run left behind inside a root filesystem, deepest first.
unmount_leftovers() {
    local target
    for target in $(findmnt --list --noheadings --output TARGET | grep "^$1/" | sort -r || true); do
        umount "$target" 2>/dev/null || umount --lazy "$target"
    done
}

# Deletes a tree only when nothing is mounted inside it, and never crosses into another filesystem.
remove_tree() {
    if findmnt --list --noheadings --output TARGET | grep -q "^$1/"; then
        echo "test-matrix: refusing to delete $1: something is still mounted inside it" >&2
        exit 1
    fi
    rm -rf --one-file-system "$1"
}

in_root() {  # in_root ROOT COMMAND...: a clean login-like environment, nothing inherited from this shell
    local root=$1
    shift
    chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

build_root() {  # build_root SUITE ROOT
    local suite=$1 root=$2 building=$2.building
    echo "== $suite: building the root filesystem in $root"
    unmount_leftovers "$building"
    remove_tree "$building"
    debootstrap --variant=minbase "$suite" "$building" "$mirror"
    # sid's release file outlives its Valid-Until date on a cached root filesystem.
    echo 'Acquire::Check-Valid-Until "false";' >"$building/etc/apt/apt.conf.d/99floodsr-matrix"
    # A root filesystem that is rebuilt when in doubt needs no fsync after each of its ~300 packages.
    echo force-unsafe-io >"$building/etc/dpkg/dpkg.cfg.d/floodsr-matrix"
    # Certificate authorities this machine trusts (e.g. a proxy's), so pip reaches the package index: pip
    # in a virtual environment reads its own bundle unless told to use the system's.
    mkdir -p "$building/usr/local/share/ca-certificates"
    if [ -d /usr/local/share/ca-certificates ]; then
        find /usr/local/share/ca-certificates -name '*.crt' -exec cp -t "$building/usr/local/share/ca-certificates" {} +
    fi
    printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' >"$building/etc/pip.conf"
    mount_system "$building"
    in_root "$building" apt-get update -qq
    in_root "$building" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages
    in_root "$building" update-ca-certificates
    in_root "$building" apt-get clean
    unmount_all
    echo "$packages" >"$building/.floodsr-matrix-packages"
    remove_tree "$root"
    mv "$building" "$root"
}

ensure_root() {  # ensure_root SUITE ROOT: reuse the cached one when its package list is current
    if [ "${FLOODSR_MATRIX_REBUILD:-0}" != 1 ] && [ "$(cat "$2/.floodsr-matrix-packages" 2>/dev/null)" = "$packages" ]; then
        echo "== $1: reusing $2"
    else
        build_root "$1" "$2"
    fi
}

# Counts from pytest's JUnit report: passed failed skipped.
count_tests() {
    /usr/bin/python3 - "$1" <<'EOF'
import sys
import xml.etree.ElementTree as ET

try:
    suite = ET.parse(sys.argv[1]).getroot()
except (OSError, ET.ParseError):
    print("- - -")
    raise SystemExit
suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
tests, failures, errors, skipped = (int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped"))
print(tests - failures - errors - skipped, failures + errors, skipped)
EOF
}

run_suite() {  # run_suite SUITE ROOT LOG: fills the globals qgis_version, stack, test_status, demo_status
    local root=$2 log=$3 work=$2/floodsr-matrix
    unmount_leftovers "$root"
    remove_tree "$work"
    mkdir -p "$work"
    git clone --quiet "$source" "$work/floodsr"
    mount_system "$root"
    qgis_version=$(in_root "$root" dpkg-query --show --showformat '${Version}' qgis | sed 's/[+~-].*//')
    stack=$(in_root "$root" python3 -c 'import platform, numpy; from osgeo import gdal
print(platform.python_version(), numpy.__version__, gdal.__version__, sep=" | ")')
    test_status=ok
    # The report inside the clone (build/ is ignored): a test run that writes beside its checkout fails.
    in_root "$root" env PYTEST_ADDOPTS="--junitxml=/floodsr-matrix/floodsr/build/junit.xml -rs" FLOODSR_MATRIX_ROOT=1 \
        make -C /floodsr-matrix/floodsr test >>"$log" 2>&1 || test_status=failed
    demo_status=ok
    in_root "$root" make -C /floodsr-matrix/floodsr demo >>"$log" 2>&1 || demo_status=failed
    unmount_all
    cp "$work/floodsr/build/junit.xml" "$results/$1-junit.xml" 2>/dev/null || true
}

mkdir -p "$cache" "$results"
: >"$results/skips.txt"
summary=$results/summary.md
{
    echo "| suite | QGIS | Python | numpy | GDAL | passed | failed | skipped | make test | demo | build s | test s |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$summary"
overall=0 total_passed=0 total_failed=0 total_skipped=0
for suite in "${suites[@]}"; do
    log=$results/$suite.log
    : >"$log"
    rm -f "$results/$suite-junit.xml"
    start=$SECONDS
    echo "== $suite: root filesystem, then make test and make demo (log: $log)"
    ensure_root "$suite" "$cache/$suite" >>"$log" 2>&1
    built=$SECONDS
    run_suite "$suite" "$cache/$suite" "$log"
    read -r passed failed skipped < <(count_tests "$results/$suite-junit.xml")
    [ "$test_status" = ok ] && [ "$demo_status" = ok ] || overall=1
    total_passed=$((total_passed + ${passed/-/0})) total_failed=$((total_failed + ${failed/-/0}))
    total_skipped=$((total_skipped + ${skipped/-/0}))
    echo "| $suite | $qgis_version | $stack | $passed | $failed | $skipped | $test_status | $demo_status |" \
        "$((built - start)) | $((SECONDS - built)) |" >>"$summary"
    grep -E '^SKIPPED' "$log" | sed "s/^/$suite: /" >>"$results/skips.txt" || true
done
echo "Total: $SECONDS s" >>"$summary"
cat "$summary"
echo "matrix: $total_passed passed, $total_failed failed, $total_skipped skipped"
exit $overall
