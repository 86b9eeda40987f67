#!/usr/bin/env bash
# Prints a package's copyright file: packaging/copyright (zoomconn's own
# terms), then, for every Go module compiled into zoomconn or zoomconn-gui,
# its licence files, with those beside the package's code or the files it
# embeds (Fyne's fonts carry their own). Fails when a module has none, so no
# module ships without its notice.
# Usage: scripts/copyright.sh deb|rpm. GOOS, GOARCH and CGO_ENABLED choose the
# build whose modules are listed; COPYRIGHT_PROGRAMS the main packages (both
# programs' by default; make release's CLI-only archives: "."). Debian has
# the Apache License 2.0 in /usr/share/common-licenses, and its policy wants
# a reference, not a copy.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  deb|rpm) packager=$1 ;;
  *) echo "usage: $0 deb|rpm" >&2; exit 2 ;;
esac

cat packaging/copyright
echo
echo "zoomconn and zoomconn-gui are built with Go and contain the Go standard library and"
echo "runtime, and the Go modules below, each under its own licence, reproduced here."

section() {
  printf '\n%s\n%s\n' "-------------------------------------------------------------------------------" "$1"
}
show() { # FILE: a licence file, without carriage returns
  if [ "$packager" = deb ] && head -n 5 "$1" | grep -q 'Apache License' && head -n 5 "$1" | grep -q 'Version 2.0, January 2004'; then
    echo "Apache License 2.0: on Debian systems, see /usr/share/common-licenses/Apache-2.0."
  elif [ "$packager" = deb ] && grep -q 'Version 2.0, January 2004' "$1" && grep -q 'END OF TERMS AND CONDITIONS' "$1"; then
    # The licence's text among other words (a preamble, a second licence):
    # the words kept, the Apache terms referred to.
    tr -d '\r' < "$1" | awk '
      /^ *Apache License *$/ && !skip { skip = 1; print "Apache License 2.0: on Debian systems, see /usr/share/common-licenses/Apache-2.0."; next }
      skip == 1 { if (/END OF TERMS AND CONDITIONS/) skip = 2; next }
      { print }'
  else
    tr -d '\r' < "$1"
  fi
}

section "Go $(go env GOVERSION | sed 's/^go//') (the standard library and runtime)"
show "$(go env GOROOT)/LICENSE"

# One line per package compiled in: its module's path, version and root, the
# package's directory, then the files it embeds.
deps=$(mktemp) found=$(mktemp)
trap 'rm -f "$deps" "$found"' EXIT
go list -deps -f '{{if .Module}}{{if not .Module.Main}}{{.Module.Path}} {{.Module.Version}} {{.Module.Dir}} {{.Dir}}{{range .EmbedFiles}} {{$.Dir}}/{{.}}{{end}}{{end}}{{end}}' \
  ${COPYRIGHT_PROGRAMS:-. ./cmd/zoomconn-gui} | awk 'NF' > "$deps"
# The licence files in every module root, package directory and directory of
# an embedded file, found at once (module roots are path@version: no two nest).
awk '{ print $3; print $4; for (i = 5; i <= NF; i++) { d = $i; sub("/[^/]*$", "", d); print d } }' "$deps" | sort -u |
  xargs -d '\n' sh -c 'find "$@" -maxdepth 1 -type f \( -iname "licen[cs]e*" -o -iname "copying*" -o -iname "notice*" \)' sh |
  sort > "$found"

awk '{print $1, $2, $3}' "$deps" | sort -u | while read -r path version root; do
  own=$(awk -v r="$root" '{ d = $0; sub("/[^/]*$", "", d) } d == r' "$found")
  nested=$(awk -v r="$root" '{ d = $0; sub("/[^/]*$", "", d) } d != r && index(d, r "/") == 1' "$found")
  [ -n "$own$nested" ] || { echo "copyright: no licence file in $path $version ($root)" >&2; exit 1; }
  section "$path $version"
  [ -z "$own" ] || while read -r f; do show "$f"; done <<< "$own"
  [ -z "$nested" ] || while read -r f; do printf '\n(%s)\n' "${f#"$root"/}"; show "$f"; done <<< "$nested"
done
