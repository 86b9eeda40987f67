#!/usr/bin/env bash
# Builds "Zoom Connections.app" on a Mac: the app (zoomconn-gui, through
# fyne package, which writes the bundle's Info.plist and turns
# assets/icon.png into its .icns) with zoomconn, the command line, beside it
# in Contents/MacOS, so `zoomconn` with no command finds the app.
# UNTESTED HERE: it needs macOS with Xcode's command line tools (Fyne's
# macOS driver links Cocoa and OpenGL through cgo, which needs Apple's SDK);
# it cannot run on Linux, where make release builds the macOS command line
# only. Written from fyne's documented `package -os darwin`.
# Usage (on a Mac, in the repository): scripts/macos-app.sh [DEST]
# DEST defaults to dist/; copy the .app to /Applications and, for the
# command line, link Contents/MacOS/zoomconn into a directory on PATH:
#   ln -s "/Applications/Zoom Connections.app/Contents/MacOS/zoomconn" /usr/local/bin/zoomconn
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -s)" = Darwin ] || { echo "macos-app: this builds the macOS app, and only runs on a Mac (Xcode command line tools: xcode-select --install)." >&2; exit 1; }
command -v go >/dev/null || { echo "macos-app: Go is missing: https://go.dev/dl/" >&2; exit 1; }
xcode-select -p >/dev/null 2>&1 || { echo "macos-app: Xcode's command line tools are missing: run xcode-select --install." >&2; exit 1; }
# shellcheck source=scripts/fyneapp.sh
. scripts/fyneapp.sh
version=$(fyneapp Version)
dest=${1:-dist}
app="$(fyneapp Name).app"
mkdir -p "$dest" bin
ld="-s -w -X main.version=$version"
CGO_ENABLED=0 go build -trimpath -ldflags "$ld" -o bin/zoomconn .
go build -trimpath -ldflags "$ld" -o bin/zoomconn-gui ./cmd/zoomconn-gui
# fyne package --release counts FyneApp.toml's Build up and saves it: put it back.
keep=$(mktemp)
cp FyneApp.toml "$keep"
trap 'cp "$keep" FyneApp.toml && rm -f "$keep"' EXIT
rm -rf "${app:?}" "${dest:?}/$app"
go tool -modfile=tools/go.mod fyne package -os darwin --release --executable bin/zoomconn-gui --icon assets/icon.png
cp bin/zoomconn "$app/Contents/MacOS/zoomconn"
mv "$app" "$dest/"
# Not signed or notarized: Gatekeeper asks on the first start (Control-click, Open).
echo "wrote $dest/$app (unsigned)"
