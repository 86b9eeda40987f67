#!/usr/bin/env bash
# Cross-compiles zoomconn for Windows and packs it (run through `make windows`):
#   bin/windows_ARCH/zoomconn.exe      the command line, a console program, no cgo
#   bin/windows_amd64/zoomconn-gui.exe the app: -H windowsgui, cgo through mingw-w64
#   dist/zoomconn_VERSION_windows_amd64.zip  both programs, LICENSE.txt, notices
#   dist/zoomconn_VERSION_windows_amd64.msi  the per-user installer (wixl)
# Both programs carry the icon, a version resource and a manifest (DPI aware
# per monitor, Windows 10 compatible; packaging/windows/winres-*.json, made
# into .syso files by go-winres, pinned in tools/go.mod). The .syso files
# are written beside the packages for the build and removed after it.
# Usage: scripts/windows.sh [--cli-only ARCH... | --msi VERSION OUT]: with
# --cli-only, only zoomconn.exe for each ARCH (make release's windows/arm64),
# no app or package; with --msi, only an MSI of the staged programs as
# VERSION (make test-windows's upgrade).
#
# Reproducible: -trimpath, no build ID, no VCS stamp, and every file's time
# in the zip and MSI is the last commit's (SOURCE_DATE_EPOCH); the MSI's
# product and package codes are derived from the version.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/fyneapp.sh
. scripts/fyneapp.sh
version=$(fyneapp Version)
[ -n "$version" ] || { echo "windows: FyneApp.toml has no Version." >&2; exit 1; }
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH TZ=UTC
GO=${GO:-go}
winres=("$GO" tool -modfile=tools/go.mod go-winres)
ldflags="-s -w -buildid= -X main.version=$version"

# Removes the .syso files this script writes, whatever happens.
sysos=()
trap 'rm -f "${sysos[@]}"' EXIT
resources() { # JSON PKGDIR NAME ARCH: the resources of one program, for go build in PKGDIR
  local out=$2/$3_windows_$4.syso
  "${winres[@]}" make --in "$1" --arch "$4" --out "$2/$3" \
    --product-version "$version.0" --file-version "$version.0"
  sysos+=("$out")
}

cli() { # ARCH: bin/windows_ARCH/zoomconn.exe
  resources packaging/windows/winres-cli.json . zoomconn "$1"
  CGO_ENABLED=0 GOOS=windows GOARCH=$1 "$GO" build -trimpath -buildvcs=false -ldflags "$ldflags" \
    -o "bin/windows_$1/zoomconn.exe" .
}

stage=dist/windows-stage
# guid NAME: a GUID derived from NAME (the same version gives the same codes).
guid() {
  local h
  h=$(printf '%s' "$1" | sha256sum | tr 'a-f' 'A-F')
  echo "${h:0:8}-${h:8:4}-5${h:13:3}-A${h:17:3}-${h:20:12}"
}
# wixl stamps the MSI with the time and a random package code, whatever
# SOURCE_DATE_EPOCH says: it runs at the commit's time (faketime), and the
# code is replaced below.
frozen=(faketime "$(date -u -d "@$SOURCE_DATE_EPOCH" '+%Y-%m-%d %H:%M:%S')")
msi() { # VERSION OUT: the MSI of the staged programs, as version VERSION
  local version=$1 out=$2 abs idt packagecode random
  "${frozen[@]}" wixl -a x64 -o "$out" \
    -D Version="$version" -D StageDir="$stage" \
    -D ProductCode="$(guid "zoomconn product $version")" -D PackageCode="$(guid "zoomconn package $version")" \
    packaging/windows/zoomconn.wxs
  abs=$(realpath "$out")
  # The install folder on the user's PATH: this wixl has no <Environment>, so
  # its table is added with msibuild. "=-" sets the variable at install and
  # removes the part added at uninstall; "[~];" appends to the user's PATH.
  # WriteEnvironmentStrings and RemoveEnvironmentStrings run between
  # InstallFiles (4000) and InstallFinalize, as Windows Installer documents.
  idt=$(mktemp -d)
  printf 'Environment\tName\tValue\tComponent_\ns72\tl255\tL255\ts72\nEnvironment\tEnvironment\nPathEntry\t=-PATH\t[~];[INSTALLDIR]\tPrograms\n' \
    > "$idt/Environment.idt"
  # msidump writes the tables' binary streams (the Icon) into the current directory.
  (cd "$idt" && msidump -d . -t "$abs" >/dev/null)
  printf 'WriteEnvironmentStrings\t\t5200\nRemoveEnvironmentStrings\t\t3300\n' >> "$idt/InstallExecuteSequence.idt"
  awk '!seen[$1]++' "$idt/InstallExecuteSequence.idt" > "$idt/seq" && mv "$idt/seq" "$idt/InstallExecuteSequence.idt"
  "${frozen[@]}" msibuild "$out" -i "$idt/Environment.idt" -i "$idt/InstallExecuteSequence.idt"
  # The package code (the summary's revision number; wixl ignores Package/@Id),
  # replaced in place: same length, and msiinfo must read the new one back.
  packagecode="{$(guid "zoomconn package $version")}"
  random=$(msiinfo suminfo "$out" | sed -n 's/^Revision number (UUID): //p')
  [ ${#random} -eq 38 ] || { echo "windows: no package code in the MSI's summary: '$random'" >&2; exit 1; }
  OLD=$random NEW=$packagecode perl -0777 -pi -e 's/\Q$ENV{OLD}\E/$ENV{NEW}/g' "$out"
  rm -rf "$idt"
  [ "$(msiinfo suminfo "$out" | sed -n 's/^Revision number (UUID): //p')" = "$packagecode" ] ||
    { echo "windows: could not set the MSI's package code" >&2; exit 1; }
}

# --msi VERSION OUT: only the MSI, from the programs make windows staged, as
# another version (make test-windows's upgrade).
if [ "${1:-}" = --msi ]; then
  [ -f "$stage/zoomconn.exe" ] || { echo "windows: $stage is empty: run 'make windows' first." >&2; exit 1; }
  msi "$2" "$3"
  exit 0
fi
if [ "${1:-}" = --cli-only ]; then
  shift
  for arch in "$@"; do cli "$arch"; done
  exit 0
fi

command -v x86_64-w64-mingw32-gcc >/dev/null || {
  echo "windows: x86_64-w64-mingw32-gcc is missing: run 'make deps-windows' (apt: gcc-mingw-w64-x86-64)." >&2; exit 1; }
for t in wixl msibuild msiinfo faketime perl zip convert; do
  command -v "$t" >/dev/null || { echo "windows: $t is missing: run 'make deps-windows'." >&2; exit 1; }
done

cli amd64
resources packaging/windows/winres-gui.json cmd/zoomconn-gui zoomconn-gui amd64
# The cgo part (Fyne's GLFW driver) takes ~5 min cold on 2 cores; the Go
# cache keeps it, so later builds take seconds.
CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 "$GO" build -trimpath -buildvcs=false \
  -ldflags "$ldflags -H windowsgui" -o bin/windows_amd64/zoomconn-gui.exe ./cmd/zoomconn-gui

# What the zip and the MSI hold, with Windows line ends for the text files.
rm -rf "$stage" && mkdir -p "$stage"
cp bin/windows_amd64/zoomconn.exe bin/windows_amd64/zoomconn-gui.exe "$stage/"
sed 's/$/\r/' LICENSE > "$stage/LICENSE.txt"
# The notices of every Go module compiled into the Windows programs.
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 scripts/copyright.sh rpm | sed 's/$/\r/' > "$stage/THIRD-PARTY-NOTICES.txt"
convert assets/icon.png -strip -define icon:auto-resize=256,64,48,32,16 "$stage/zoomconn.ico"
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

base=zoomconn_${version}_windows_amd64
rm -f "dist/$base.zip" "dist/$base.msi"
# Sorted names, no extra fields (-X: no Unix times or owners), fixed times.
(cd "$stage" && printf '%s\n' zoomconn.exe zoomconn-gui.exe LICENSE.txt THIRD-PARTY-NOTICES.txt | LC_ALL=C sort |
  zip -X -D -q -9 "../$base.zip" -@)

msi "$version" "dist/$base.msi"
echo "wrote bin/windows_amd64/zoomconn.exe, bin/windows_amd64/zoomconn-gui.exe, dist/$base.zip, dist/$base.msi"
