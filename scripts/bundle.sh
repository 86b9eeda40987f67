#!/usr/bin/env bash
# Builds dist/Zoom Connections.tar.xz: fyne's Linux bundle of the desktop
# app (bin/zoomconn-gui, its icon and .desktop entry), with the command line
# (bin/zoomconn) added beside it and to the bundle's install targets.
# Run through `make bundle`, which builds both programs first. The fyne
# command is the one pinned in tools/go.mod unless FYNE names another.
set -euo pipefail
cd "$(dirname "$0")/.."
read -ra fyne <<< "${FYNE:-go tool -modfile=tools/go.mod fyne}"
# Only this script's own outputs: dist/ also holds make packages' .deb and .rpm.
rm -rf dist/bundle "dist/Zoom Connections.tar.xz" && mkdir -p dist/bundle
# fyne package --release counts FyneApp.toml's Build up and saves it; a
# bundle must not change the tree, so the file is put back.
keep=$(mktemp)
cp FyneApp.toml "$keep"
trap 'cp "$keep" FyneApp.toml && rm -f "$keep"' EXIT
"${fyne[@]}" package -os linux --release --executable bin/zoomconn-gui
tar -xJf "Zoom Connections.tar.xz" -C dist/bundle && rm "Zoom Connections.tar.xz"
top=dist/bundle/zoomconn-gui
cp bin/zoomconn "$top/usr/local/bin/zoomconn"
# Every install/uninstall line of the app's binary gets a twin for zoomconn.
sed -i '/^\t\(install -Dm00755\|-rm\) .*bin\/\$(Exec)/{p;s/\$(Exec)/zoomconn/g}' "$top/Makefile"
grep -q 'bin/zoomconn ' "$top/Makefile" || { echo "bundle: could not add zoomconn to the bundle's Makefile" >&2; exit 1; }
tar -cJf "dist/Zoom Connections.tar.xz" -C dist/bundle zoomconn-gui
rm -rf dist/bundle
echo "wrote dist/Zoom Connections.tar.xz"
