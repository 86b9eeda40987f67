#!/bin/sh
# Runs a command under Xvfb, a private D-Bus session and a fresh, unlocked
# gnome-keyring, so tests use the real Secret Service and never the
# developer's own keyring. Usage: scripts/with-keyring.sh COMMAND ARGS...
#
# The session bus knows one service only, the keyring, and starts it itself
# (D-Bus activation) already unlocked with the password of this run. So a
# keyring daemon that exits mid-run comes back unlocked at the next call,
# where the system's own service file would start a locked one whose
# unlock prompt (no prompter here) makes every call wait out its timeout.
# Each start is counted and said at the end.
set -eu
export GOCACHE="$(go env GOCACHE)"   # pin it before XDG_CACHE_HOME moves
T=$(mktemp -d)
mkdir -p "$T/run" "$T/data" "$T/config" "$T/cache" "$T/home" "$T/dbus/services"
chmod 700 "$T/run"
export XDG_RUNTIME_DIR="$T/run" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache"
export ZOOMCONN_TEST_HOME="$T/home"
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION GNOME_KEYRING_CONTROL DBUS_SESSION_BUS_ADDRESS
export LANG=en_US.UTF-8
export ZOOMCONN_REQUIRE_KEYRING=1
export WITH_KEYRING_PASS="${KEYRING_PASS:-ci}" WITH_KEYRING_STARTS="$T/keyring-starts"

# The keyring as D-Bus starts it: the bus's address from the activation
# environment, the password on stdin (it creates or unlocks "login").
cat > "$T/dbus/keyring.sh" <<'EOF'
#!/bin/sh
export DBUS_SESSION_BUS_ADDRESS="${DBUS_SESSION_BUS_ADDRESS:-$DBUS_STARTER_ADDRESS}"
date +%T >> "$WITH_KEYRING_STARTS"
printf %s "$WITH_KEYRING_PASS" | exec gnome-keyring-daemon --foreground --unlock --components=secrets
EOF
cat > "$T/dbus/services/org.freedesktop.secrets.service" <<EOF
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=/bin/sh $T/dbus/keyring.sh
EOF
# Debian's session.conf with our service directory in place of the
# standard ones.
sed "s|<standard_session_servicedirs */>|<servicedir>$T/dbus/services</servicedir>|" \
  /usr/share/dbus-1/session.conf > "$T/dbus/session.conf"
grep -q "<servicedir>$T/dbus/services</servicedir>" "$T/dbus/session.conf" ||
  { echo "with-keyring: could not make a session bus configuration from /usr/share/dbus-1/session.conf" >&2; exit 1; }

rc=0
# A random first display number: a server still shutting down from an
# earlier run on :99 can remove the new one's socket.
xvfb-run -a -n "$(( $$ % 400 + 100 ))" -s "-screen 0 1280x1024x24 -nolisten tcp" \
  dbus-run-session --config-file="$T/dbus/session.conf" -- sh -c '
    # Start the keyring now and wait until it owns its name, so the first
    # test does not pay for its start.
    dbus-send --session --print-reply --reply-timeout=20000 --dest=org.freedesktop.DBus / \
        org.freedesktop.DBus.StartServiceByName string:org.freedesktop.secrets uint32:0 >/dev/null ||
      { echo "with-keyring: gnome-keyring did not start on the session bus" >&2; exit 1; }
    rc=0; "$@" || rc=$?
    # Said for the log when something failed: a keyring that locked itself
    # mid-run fails every later test the same way.
    if dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets/collection/login \
        org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null |
        grep -q "boolean true"; then
      echo "with-keyring: the login keyring was locked at the end of the run" >&2
    fi
    exit $rc' sh "$@" || rc=$?
starts=$(wc -l < "$T/keyring-starts" 2>/dev/null || echo 0)
if [ "$starts" -gt 1 ]; then
  echo "with-keyring: gnome-keyring-daemon exited during the run and was started again $((starts - 1)) time(s), at $(tr '\n' ' ' < "$T/keyring-starts")" >&2
fi
rm -rf "$T"
exit $rc
