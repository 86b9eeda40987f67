#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages zoomconn needs that are missing, and
# only those (apt-get, with sudo when not root).
# Usage: scripts/install-deps.sh [--check] build|packages|windows|test
# With --check it installs nothing: when a package is missing it says which,
# and the command that installs them, and fails (make build, lint and
# check-fast, which never run apt-get).
set -euo pipefail
check=false
if [ "${1:-}" = --check ]; then check=true; shift; fi
build=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
       libxinerama-dev libxi-dev libxxf86vm-dev)
# Never dbus-x11: it makes every process without a session bus start one.
test=(xvfb xdotool x11-utils imagemagick dbus gnome-keyring libsecret-tools chromium xdg-utils time)
# make packages: icon sizes (ImageMagick) and strip. make check-packages (run by make test)
# also needs the validators, lintian, dpkg-shlibdeps (dpkg-dev), rpm, man-db to render the man
# pages and bash-completion to run the completion.
packages=(imagemagick binutils)
check_packages=(desktop-file-utils appstream lintian dpkg-dev rpm man-db bash-completion)
# make windows: cgo for Windows (mingw-w64), the MSI (wixl, msibuild), the zip and the
# icon; make test-windows runs them under Wine (64-bit only: no wine32) and Xvfb.
# faketime: wixl stamps the MSI with the time, and a release takes the commit's.
windows=(gcc-mingw-w64-x86-64 msitools wixl faketime zip imagemagick wine wine64 xvfb xdotool x11-utils)
set_=${1:-build}
case "$set_" in
  build)    want=("${build[@]}") ;;
  packages) want=("${build[@]}" "${packages[@]}") ;;
  windows)  want=("${windows[@]}") ;;
  test)     want=("${build[@]}" "${test[@]}" "${packages[@]}" "${check_packages[@]}" "${windows[@]}") ;;
  *) echo "usage: $0 [--check] build|packages|windows|test" >&2; exit 2 ;;
esac
if ! command -v dpkg-query >/dev/null; then
  $check && exit 0 # the build itself says what is missing
  echo "Not a Debian/Ubuntu system: install a C compiler and the OpenGL/X11 headers yourself (see README)." >&2
  exit 0
fi
# One dpkg-query for all: it prints the installed ones (and complains, on
# stderr, of those it has never heard of).
installed=" $(dpkg-query -W -f='${Package} ${Status}\n' "${want[@]}" 2>/dev/null |
  awk '/ install ok installed$/ {printf "%s ", $1}') "
missing=()
for p in "${want[@]}"; do
  case $installed in *" $p "*) ;; *) missing+=("$p") ;; esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if $check; then
  echo "Building zoomconn needs these Debian packages, which are not installed: ${missing[*]}." >&2
  echo "Install them with 'make deps-$set_' (or: sudo apt-get install --no-install-recommends ${missing[*]}), then run this again." >&2
  exit 1
fi
echo "Installing missing packages: ${missing[*]}"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
