#!/usr/bin/env bash
# Installs what building digitscan needs and is missing; does nothing (quickly) when all is there.
#
#   scripts/setup.sh
#
# Debian/Ubuntu: the libjpeg, libpng and zlib headers, pkg-config and make, via apt-get (with sudo
# when not root; `apt-get update` only if a package cannot be found without it).
# Elsewhere: checks the libraries with pkg-config and says what is missing.
# The Swift toolchain (6.0 or later) is checked, not installed: it is not a Debian package.
set -euo pipefail

packages=(libjpeg-dev libpng-dev zlib1g-dev pkg-config make)

die() { printf 'setup.sh: %s\n' "$*" >&2; exit 1; }

installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

install_debian_packages() {
    local missing=() p
    for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0

    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "need root to install ${missing[*]}: run as root, or install sudo"
        sudo=(sudo)
    fi
    echo "setup.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # A fresh image often has empty package lists; update only when the install cannot go ahead.
    if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
        "${sudo[@]}" apt-get update
        "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
    fi
}

check_libraries_elsewhere() {
    command -v pkg-config >/dev/null || die "pkg-config not found: install pkg-config, libjpeg(-turbo), libpng and zlib"
    pkg-config --exists libjpeg libpng zlib \
        || die "libjpeg, libpng or zlib not found by pkg-config: install their development packages"
}

check_swift() {
    command -v swift >/dev/null \
        || die "swift not found on PATH: install the Swift 6 toolchain (https://www.swift.org/install/linux/) and re-run"
    local version
    version=$(swift --version 2>&1 | sed -n 's/.*Swift version \([0-9][0-9]*\)\..*/\1/p' | head -n 1)
    [ -n "$version" ] || die "could not read the version from 'swift --version'"
    [ "$version" -ge 6 ] || die "Swift $version found; digitscan needs Swift 6.0 or later"
}

if command -v dpkg-query >/dev/null; then
    install_debian_packages
else
    check_libraries_elsewhere
fi
check_swift
