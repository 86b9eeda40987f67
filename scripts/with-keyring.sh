#!/bin/sh
# Runs a command under Xvfb, a private D-Bus session and a fresh, unlocked
# gnome-keyring, so tests use the real Secret Service and never the
# developer's own keyring. Usage: scripts/with-keyring.sh COMMAND ARGS...
set -eu
export GOCACHE="$(go env GOCACHE)"   # pin it before XDG_CACHE_HOME moves
T=$(mktemp -d)
mkdir -p "$T/run" "$T/data" "$T/config" "$T/cache" "$T/home"
chmod 700 "$T/run"
export XDG_RUNTIME_DIR="$T/run" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache"
export ZOOMCONN_TEST_HOME="$T/home"
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION GNOME_KEYRING_CONTROL DBUS_SESSION_BUS_ADDRESS
export LANG=en_US.UTF-8
export ZOOMCONN_REQUIRE_KEYRING=1
rc=0
# A random first display number: a server still shutting down from an
# earlier run on :99 can remove the new one's socket.
xvfb-run -a -n "$(( $$ % 400 + 100 ))" -s "-screen 0 1280x1024x24 -nolisten tcp" \
  dbus-run-session -- sh -c '
    eval "$(printf %s "${KEYRING_PASS:-ci}" | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    # The daemon takes its bus name a moment after it returns; a call before
    # that would make D-Bus start a second, locked daemon.
    i=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
        org.freedesktop.DBus.GetNameOwner string:org.freedesktop.secrets >/dev/null 2>&1; do
      i=$((i + 1)); [ $i -lt 500 ] || { echo "with-keyring: gnome-keyring did not take org.freedesktop.secrets" >&2; exit 1; }
      sleep 0.01
    done
    "$@"' sh "$@" || rc=$?
rm -rf "$T"
exit $rc
