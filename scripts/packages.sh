#!/usr/bin/env bash
# Builds dist/zoomconn_VERSION-1_ARCH.deb and dist/zoomconn-VERSION-1.ARCH.rpm
# with nfpm (pinned in tools/go.mod) from packaging/nfpm.yaml. Everything
# the packages hold that is not in the repository is generated here, in
# dist/stage, from the programs `make build` just wrote (bin/), so that what
# is packaged is what was built and tested:
#   - stripped copies of bin/zoomconn and bin/zoomconn-gui (Debian ships
#     binaries stripped; a Go panic's stack trace needs no symbol table)
#   - the desktop entry, from FyneApp.toml, as fyne's own bundle does
#   - the icon at every hicolor size, scaled from assets/icon.png by
#     ImageMagick, so the one committed icon stays the only source
#   - the man pages (internal/mangen, plus packaging/zoomconn-gui.1 with its
#     version and date filled in), gzipped
#   - the shell completions, from the built `zoomconn completion SHELL`
#   - the copyright file: the project's, then the licence of every Go module
#     compiled into the programs (their licences ask for it in binaries)
#   - the changelog (Debian's and rpm's), from the metainfo's <release>s
# Run through `make packages`, which builds both programs first.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/fyneapp.sh
. scripts/fyneapp.sh

for f in bin/zoomconn bin/zoomconn-gui; do
  [ -x "$f" ] || { echo "packages: $f is missing: run 'make packages', which builds it first." >&2; exit 1; }
done
version=$(fyneapp Version)
id=$(fyneapp ID)
if [ -z "$version" ] || [ -z "$id" ]; then echo "packages: FyneApp.toml has no Version or ID." >&2; exit 1; fi

# Reproducible: the man pages' date and every packaged file's time are the
# last commit's.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH

stage=dist/stage # packaging/nfpm.yaml takes the files from there
rm -rf "$stage" dist/zoomconn_*.deb dist/zoomconn-*.rpm
mkdir -p "$stage"/{bin,icons,man,completions}

install -m 0755 bin/zoomconn bin/zoomconn-gui "$stage/bin/"
strip --strip-unneeded --remove-section=.comment "$stage/bin/zoomconn" "$stage/bin/zoomconn-gui"

# The desktop entry. One main category, so the app is in one menu.
# StartupWMClass is the main window's X11 class (GLFW takes it from the
# window's title, gui.AppName) so that docks show the app under its entry.
{
  echo "[Desktop Entry]"
  echo "Type=Application"
  echo "Name=$(fyneapp Name)"
  echo "GenericName=$(fyneapp GenericName)"
  echo "Comment=$(fyneapp Comment)"
  echo "Exec=zoomconn-gui"
  echo "Icon=$id"
  echo "Terminal=false"
  echo "Categories=$(fyneapp Categories);"
  echo "Keywords=$(fyneapp Keywords);"
  echo "StartupWMClass=$(fyneapp Name)"
} > "$stage/$id.desktop"

# -strip and no date chunks: the same icon gives the same bytes every time.
for size in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "$stage/icons/${size}x${size}/apps"
  convert assets/icon.png -resize "${size}x${size}" -depth 8 -strip \
    -define png:exclude-chunks=date,time "$stage/icons/${size}x${size}/apps/$id.png"
done

go run ./internal/mangen "$stage/man"
sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$(date -u -d "@$SOURCE_DATE_EPOCH" '+%b %Y')/" \
  packaging/zoomconn-gui.1 > "$stage/man/zoomconn-gui.1"
ls "$stage"/man/*.1 >/dev/null || { echo "packages: internal/mangen wrote no man page." >&2; exit 1; }
gzip -9n "$stage"/man/*.1

# The completions run the packaged program, `zoomconn __complete ...`, at
# the user's TAB.
bin/zoomconn completion bash > "$stage/completions/zoomconn.bash"
bin/zoomconn completion zsh > "$stage/completions/_zoomconn"
bin/zoomconn completion fish > "$stage/completions/zoomconn.fish"

scripts/copyright.sh deb > "$stage/copyright.deb"
scripts/copyright.sh rpm > "$stage/copyright.rpm"

# nfpm's changelog (chglog's YAML): one entry per <release> of the metainfo,
# its notes the release's one-line <p> and <li> elements; "-1" is
# packaging/nfpm.yaml's release.
maintainer=$(sed -n 's/^maintainer: *//p' packaging/nfpm.yaml)
awk -v packager="$maintainer" '
  function text(s) { gsub(/<[^>]*>/, "", s); gsub(/^ +| +$/, "", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&amp;/, "\\&", s); gsub(/"/, "\\\"", s); return s }
  /<release / {
    match($0, /version="[^"]*"/); v = substr($0, RSTART + 9, RLENGTH - 10)
    match($0, /date="[^"]*"/); d = substr($0, RSTART + 6, RLENGTH - 7)
    printf "- semver: \"%s-1\"\n  date: \"%sT00:00:00Z\"\n  packager: \"%s\"\n", v, d, packager
    printf "  deb:\n    distributions: [stable]\n    urgency: medium\n  changes:\n"
    n++
  }
  n && /<(p|li)>.*<\/(p|li)>/ { printf "    - note: \"%s\"\n", text($0) }
' packaging/io.github.zoomconn.metainfo.xml > "$stage/changelog.yml"
grep -q 'note:' "$stage/changelog.yml" || { echo "packages: no release notes found in the metainfo's <release>s." >&2; exit 1; }

VERSION=$version ARCH=$(go env GOARCH)
export VERSION ARCH
for packager in deb rpm; do
  go tool -modfile=tools/go.mod nfpm package --config packaging/nfpm.yaml --packager "$packager" --target dist/
done
