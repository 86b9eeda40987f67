#!/usr/bin/env bash
# Runs zoomconn against the fake Zoom (cmd/fakezoom) with sample
# connections, so every flow can be tried without a Zoom account.
# Usage: scripts/demo.sh [COMMAND...]
# With no command it opens the app; otherwise it runs COMMAND in the demo
# (e.g. scripts/demo.sh bin/zoomconn list).
#
# The demo keeps to itself: its config dir is a temporary dir, and its
# keyring items are under a service name of its own, zoomconn-demo
# ($ZOOMCONN_KEYRING_SERVICE), never with your zoomconn items. When it ends,
# by Ctrl-C or kill too, it deletes every item of that service, the config
# dir and the fake. Only a demo killed with SIGKILL leaves them: the next
# demo deletes them before it starts.
#
# While a demo runs, scripts/demo.sh joins it instead of starting another:
# COMMAND (or another window of the app) runs with the running demo's
# config, keyring service and fake Zoom, which that demo removes when it
# ends. They are found through a state file in $XDG_RUNTIME_DIR/zoomconn-demo
# (else /tmp/zoomconn-demo-UID).
set -euo pipefail
cd "$(dirname "$0")/.."
service=zoomconn-demo
for f in bin/zoomconn bin/zoomconn-gui bin/fakezoom; do
  [ -x "$f" ] || { echo "demo: $f is missing: run 'make demo', which builds it first." >&2; exit 1; }
done
if [ -n "${XDG_RUNTIME_DIR:-}" ]; then run=$XDG_RUNTIME_DIR/zoomconn-demo; else run=/tmp/zoomconn-demo-$(id -u); fi
[ -d "$run" ] || mkdir -m 700 "$run"
if [ -L "$run" ] || [ ! -d "$run" ] || [ ! -O "$run" ]; then
  echo "demo: $run is not a directory of yours; remove it and run the demo again." >&2; exit 1
fi
state=$run/state

# state_get KEY: a value of the state file (lines KEY=VALUE).
state_get() { if [ -f "$state" ]; then sed -n "s/^$1=//p" "$state" | head -n 1; fi; }
# is_fake PID: PID is a fake Zoom this script started (not a reused PID).
is_fake() { [ -n "$1" ] && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q '^bin/fakezoom --addr 127\.0\.0\.1:'; }
# answers URL: something listens at URL's host and port.
answers() {
  local hostport=${1#http://}; hostport=${hostport%%/*}
  (exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}") 2>/dev/null
}

# remove_items CONFIG: deletes every keyring item of the demo's service:
# zoomconn removes the connections and clients CONFIG names (the samples and
# any added in the demo), then secret-tool (libsecret-tools), when
# installed, whatever is left under the service name.
remove_items() {
  local config=$1 kind name
  if [ -d "$config" ]; then
    # list --json, pretty-printed: each name on a line of its own, under
    # "connections" or "oauth_clients"; connections go first, as a client
    # in use cannot be removed. JSON's escapes become printf %b's.
    while IFS=$'\t' read -r kind name; do
      name=$(printf '%b' "$(printf '%s' "$name" | sed 's/\\"/"/g; s/\\\//\//g')")
      ZOOMCONN_CONFIG_DIR=$config ZOOMCONN_KEYRING_SERVICE=$service \
        bin/zoomconn "$kind" "$name" </dev/null >/dev/null 2>&1 || true
    done < <(ZOOMCONN_CONFIG_DIR=$config bin/zoomconn list --json 2>/dev/null | awk '
      /^  "connections"/ { k = "remove" } /^  "oauth_clients"/ { k = "remove-client" }
      k != "" && sub(/^      "name": "/, "") { sub(/",?$/, ""); print k "\t" $0 }')
  fi
  if command -v secret-tool >/dev/null; then
    secret-tool clear service "$service" >/dev/null 2>&1 || true
  fi
}

# Under a lock, either join a running demo or start one, so that two demos
# started at once never both start. Descriptor 9 stays open for flock and
# unlock; the programs started for good get it closed (9>&-), so none can
# hold the lock after this script is gone.
exec 9>>"$run/lock"
flock -w 60 9 || { echo "demo: another scripts/demo.sh has held $run/lock for a minute; is it stuck?" >&2; exit 1; }

owner=$(state_get pid)
if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null && answers "$(state_get fake_url)" && [ -d "$(state_get config)" ]; then
  export ZOOMCONN_CONFIG_DIR ZOOMCONN_KEYRING_SERVICE
  ZOOMCONN_CONFIG_DIR=$(state_get config) ZOOMCONN_KEYRING_SERVICE=$(state_get service)
  echo "demo: joining the running demo (fake Zoom at $(state_get fake_url), config in $ZOOMCONN_CONFIG_DIR)" >&2
  exec 9>&-
  if [ $# -eq 0 ]; then exec bin/zoomconn; else exec "$@"; fi
fi
# No demo runs. One killed with SIGKILL left its state: remove what it left.
if [ -f "$state" ]; then
  if is_fake "$(state_get fake_pid)"; then kill "$(state_get fake_pid)" 2>/dev/null || true; fi
  remove_items "$(state_get config)"
  old=$(state_get tmp)
  case $old in /tmp/*|"${TMPDIR:-/tmp}"/*) rm -rf "$old" ;; esac
  rm -f "$state"
fi
remove_items "" # any item under the demo's service name

tmp=$(mktemp -d)
export ZOOMCONN_CONFIG_DIR=$tmp/config ZOOMCONN_KEYRING_SERVICE=$service
fake='' child=''
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  trap '' INT TERM HUP
  if [ -n "$child" ]; then kill "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi
  # The state file first, so no demo.sh joins while this one is going away
  # (the lock is held to the end: one starting now waits for the cleaning).
  flock -w 30 9 || true
  if [ "$(state_get pid)" = $$ ]; then rm -f "$state"; fi
  remove_items "$ZOOMCONN_CONFIG_DIR"
  if [ -n "$fake" ]; then kill "$fake" 2>/dev/null || true; wait "$fake" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

port=${FAKEZOOM_PORT:-0} # 0: a free port
bin/fakezoom --addr "127.0.0.1:$port" --emit-every 4s >"$tmp/fake.json" 2>"$tmp/fake.log" 9>&- &
fake=$!
for _ in $(seq 100); do
  grep -q token_url "$tmp/fake.json" && break
  kill -0 "$fake" 2>/dev/null || break
  sleep 0.05
done
if ! grep -q token_url "$tmp/fake.json"; then
  echo "demo: the fake Zoom (bin/fakezoom) did not start on 127.0.0.1:$port: $(cat "$tmp/fake.log")" >&2
  [ "$port" = 0 ] || echo "Set FAKEZOOM_PORT to a free port, or leave it unset for any free one." >&2
  exit 1
fi
eps=$(grep token_url "$tmp/fake.json")
field() { printf '%s' "$eps" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
fake_url=${eps#*\"token_url\":\"}; fake_url=${fake_url%%/oauth/*}
custom=(--endpoints custom --authorize-url "$(field authorize_url)" --token-url "$(field token_url)"
        --revoke-url "$(field revoke_url)" --api-url "$(field api_url)" --events-url "$(field events_url)")
z() { bin/zoomconn "$@" >/dev/null 2>"$tmp/z.err" || { echo "demo: zoomconn $1 failed:" >&2; cat "$tmp/z.err" >&2; exit 1; }; }
# Events › Listen on it shows a sample event every 4 s (fakezoom --emit-every).
echo demo-s2s-secret | z add-s2s "Sales reports (S2S)" --account-id demo-account --client-id demoS2SClientID "${custom[@]}" \
  --events-subscription demo-subscription
echo demo-secret-token | z events secret "Sales reports (S2S)"
echo not-the-secret  | z add-s2s "Broken secret (S2S)" --account-id demo-account --client-id demoS2SClientID "${custom[@]}"
# For the API console: an account of 1,000 users to page through (GET /users,
# Paginate), and an app lacking the scope /users needs (Zoom error 4711).
echo demo-s2s-secret | z add-s2s "All 1,000 users (S2S)" --account-id demo-account --client-id demoS2SClientID "${custom[@]}"
echo demo-s2s-secret | z add-s2s "Scope error on /users (S2S)" --account-id demo-account --client-id demoNarrowS2SClientID "${custom[@]}"
echo demo-s2s-secret | z add-s2s "ZoomGov reports" --account-id demo-account --client-id demoS2SClientID --endpoints zoomgov
z add-client "Demo public app" --client-id demoPublicClientID --public "${custom[@]}"
echo demo-general-secret | z add-client "Demo General app" --client-id demoGeneralClientID "${custom[@]}"
z add-oauth "Ada (OAuth, public client)" --client "Demo public app"
z add-oauth "Grace (OAuth, confidential)" --client "Demo General app"
bin/zoomconn test "Sales reports (S2S)" >/dev/null 2>&1 || true
bin/zoomconn test "Broken secret (S2S)" >/dev/null 2>&1 || true
bin/zoomconn test "All 1,000 users (S2S)" >/dev/null 2>&1 || true
bin/zoomconn test "Scope error on /users (S2S)" >/dev/null 2>&1 || true

# Found by the next demo.sh: it joins this demo while it runs.
printf 'pid=%s\ntmp=%s\nconfig=%s\nservice=%s\nfake_url=%s\nfake_pid=%s\n' \
  $$ "$tmp" "$ZOOMCONN_CONFIG_DIR" "$service" "$fake_url" "$fake" >"$state.new"
mv "$state.new" "$state"
flock -u 9
echo "Fake Zoom at $fake_url; demo config in $ZOOMCONN_CONFIG_DIR, keyring service $service." >&2
echo "While the demo runs, scripts/demo.sh COMMAND runs COMMAND in it (e.g. scripts/demo.sh bin/zoomconn list)." >&2
# In the background with a wait, so that a TERM or INT reaches the trap at
# once, not when the command ends; stdin stays the terminal's.
if [ $# -eq 0 ]; then set -- bin/zoomconn; fi
"$@" <&0 9>&- &
child=$!
rc=0
wait "$child" || rc=$?
child=
exit $rc
