#!/bin/sh
# Writes PNG screenshots of the real desktop app into OUTDIR (light theme)
# and OUTDIR/dark (dark theme): the screenshot
# driver (internal/shots, a program of its own: the shipped zoomconn-gui
# holds no screenshot code) runs the app's window under Xvfb
# (scripts/with-keyring.sh) against the fake Zoom (cmd/fakezoom), seeded
# with demo connections, and grabs each window state with xdotool +
# ImageMagick. Nothing touches your own configuration or keyring.
#
# Usage: scripts/screenshots.sh OUTDIR
# Needs: the build and test packages (make deps-build deps-test). SHOTS_BIN
# names a driver built already (go build -tags shots ./internal/shots/cmd;
# without the tag it has no way into the window and only says so).
set -eu
out=${1:?usage: scripts/screenshots.sh OUTDIR}
root=$(cd "$(dirname "$0")/.." && pwd)
for tool in xvfb-run dbus-run-session gnome-keyring-daemon xdotool import; do
  command -v "$tool" >/dev/null 2>&1 || { echo "screenshots: $tool is missing; run make deps-test" >&2; exit 1; }
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

tmp=$(mktemp -d)
fz_pid=
cleanup() {
  if [ -n "$fz_pid" ]; then kill "$fz_pid" 2>/dev/null || true; wait "$fz_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# The driver, and the fake Zoom on a free port; it prints its endpoints as
# one JSON line.
bin=${SHOTS_BIN:-}
if [ -z "$bin" ]; then
  bin=$tmp/shots
  (cd "$root" && go build -tags shots -o "$bin" ./internal/shots/cmd)
fi
(cd "$root" && go build -o "$tmp/fakezoom" ./cmd/fakezoom)
"$tmp/fakezoom" --addr 127.0.0.1:0 >"$tmp/endpoints.json" 2>"$tmp/fakezoom.log" &
fz_pid=$!
i=0
while [ ! -s "$tmp/endpoints.json" ]; do
  i=$((i + 1))
  if [ $i -gt 200 ] || ! kill -0 "$fz_pid" 2>/dev/null; then
    echo "screenshots: the fake Zoom did not start:" >&2; cat "$tmp/fakezoom.log" >&2; exit 1
  fi
  sleep 0.05
done
base=$(sed -n 's|.*"token_url":"\(http://[^"]*\)/oauth/token".*|\1|p' "$tmp/endpoints.json")
[ -n "$base" ] || { echo "screenshots: cannot read the fake Zoom's URL from: $(cat "$tmp/endpoints.json")" >&2; exit 1; }

# A fresh display, session bus and keyring, and fresh XDG dirs so Fyne's
# preferences (window size) start from the defaults.
rm -f "$out"/[0-9][0-9]-*.png "$out"/dark/[0-9][0-9]-*.png
"$root/scripts/with-keyring.sh" "$bin" "$out" "$base"

count() {
  n=0
  for f in "$1"/[0-9][0-9]-*.png; do
    [ -e "$f" ] || continue
    size=$(wc -c <"$f")
    if [ "$size" -lt 10000 ]; then
      echo "screenshots: $f is only $size bytes: an empty window?" >&2; exit 1
    fi
    n=$((n + 1))
  done
  echo "$n"
}
light=$(count "$out")
dark=$(count "$out/dark")
[ "$light" -ge 20 ] || { echo "screenshots: only $light PNGs were written" >&2; exit 1; }
[ "$dark" -eq "$light" ] || { echo "screenshots: $light light but $dark dark PNGs" >&2; exit 1; }
echo "screenshots: $light PNGs in $out, as many in $out/dark"
