#!/usr/bin/env bash
# Runs zoomconn against the fake Zoom (cmd/fakezoom) with sample
# connections, in a throwaway config dir, so every flow can be tried
# without a Zoom account. Usage: scripts/demo.sh [COMMAND...]
# With no command it opens the app; otherwise it runs COMMAND with the demo
# environment (e.g. scripts/demo.sh bin/zoomconn list).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${FAKEZOOM_PORT:-8765}
export ZOOMCONN_CONFIG_DIR
ZOOMCONN_CONFIG_DIR=$(mktemp -d)/zoomconn
log=$(mktemp)
bin/fakezoom --addr "127.0.0.1:$port" >"$log" 2>&1 &
fake=$!
cleanup() {
  # Remove the demo's keyring items, then the fake and the config dir.
  for c in "Sales reports (S2S)" "Ada (OAuth, public client)" "Grace (OAuth, confidential)" "Broken secret (S2S)" "ZoomGov reports" \
           "All 1,000 users (S2S)" "Scope error on /users (S2S)"; do
    bin/zoomconn remove "$c" >/dev/null 2>&1 || true
  done
  for c in "Demo General app" "Demo public app"; do bin/zoomconn remove-client "$c" >/dev/null 2>&1 || true; done
  kill "$fake" 2>/dev/null || true
  rm -rf "$(dirname "$ZOOMCONN_CONFIG_DIR")" "$log" "$log.err"
}
trap cleanup EXIT
for _ in $(seq 100); do grep -q token_url "$log" && break; sleep 0.05; done
eps=$(grep token_url "$log")
field() { printf '%s' "$eps" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
custom=(--endpoints custom --authorize-url "$(field authorize_url)" --token-url "$(field token_url)"
        --revoke-url "$(field revoke_url)" --api-url "$(field api_url)")
z() { bin/zoomconn "$@" >/dev/null 2>"$log.err" || { cat "$log.err" >&2; exit 1; }; }
echo demo-s2s-secret | z add-s2s "Sales reports (S2S)" --account-id demo-account --client-id demoS2SClientID "${custom[@]}"
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
echo "Fake Zoom on 127.0.0.1:$port; demo config in $ZOOMCONN_CONFIG_DIR" >&2
if [ $# -eq 0 ]; then bin/zoomconn; else "$@"; fi
