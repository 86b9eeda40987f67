#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages zoomconn needs that are missing.
# Usage: scripts/install-deps.sh build|packages|test
set -euo pipefail
build=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
       libxinerama-dev libxi-dev libxxf86vm-dev)
# Never dbus-x11: it makes every process without a session bus start one.
test=(xvfb xdotool x11-utils imagemagick dbus gnome-keyring libsecret-tools chromium xdg-utils time)
# make packages: icon sizes (ImageMagick) and strip. make check-packages (run by make test)
# also needs the validators, lintian, dpkg-shlibdeps (dpkg-dev), rpm, man-db to render the man
# pages and bash-completion to run the completion.
packages=(imagemagick binutils)
check_packages=(desktop-file-utils appstream lintian dpkg-dev rpm man-db bash-completion)
case "${1:-build}" in
  build)    want=("${build[@]}") ;;
  packages) want=("${build[@]}" "${packages[@]}") ;;
  test)     want=("${build[@]}" "${test[@]}" "${packages[@]}" "${check_packages[@]}") ;;
  *) echo "usage: $0 build|packages|test" >&2; exit 2 ;;
esac
if ! command -v dpkg-query >/dev/null; then
  echo "Not a Debian/Ubuntu system: install a C compiler and the OpenGL/X11 headers yourself (see README)." >&2
  exit 0
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing packages: ${missing[*]}"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
