#!/usr/bin/env bash
# Tests the Windows build under Wine, as a Windows user would meet it (run
# through `make test-windows`, part of `make test`, after `make windows`):
#   - a fresh Wine prefix, with the test-only bcryptprimitives.dll shim
#     (scripts/wine: Go 1.26 needs ProcessPrng, which Wine 8.0 lacks;
#     Windows 10+ ships the real DLL, so it is never in the MSI or zip);
#   - the MSI installed per user with msiexec /i /qn: programs, Start menu
#     shortcut, PATH;
#   - the installed zoomconn.exe against the fake Zoom (bin/fakezoom) on
#     127.0.0.1: add-s2s (secret on stdin, into Wine's Credential Manager),
#     token, test, api, exec (environment, exit codes), parallel tokens under
#     the lock, secrets over Credential Manager's 2,560-byte item limit, an
#     OAuth 2.0 login through the loopback with a scripted browser, remove
#     (its Credential Manager items gone);
#   - the installed zoomconn-gui.exe under Xvfb, started by zoomconn.exe
#     with no command (the launcher finds it beside itself) and directly:
#     its "Zoom Connections" window maps, and a screenshot goes to
#     dist/test-windows/ (WINDOWS_SHOTS_DIR; `make screenshots-windows`
#     writes docs/screenshots/windows/ instead, so a test run leaves the
#     checkout as it was);
#   - a newer MSI replaces the installed one (the upgrade code);
#   - msiexec /x: the programs go, connections and Credential Manager items stay.
# Every wait is bounded and says what it waited for. Needs no stdin and no
# display of its own. Prints one line per check and
# "windows: N passed, N failed"; exits 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source=scripts/fyneapp.sh
. scripts/fyneapp.sh
version=$(fyneapp Version)
msi=$PWD/dist/zoomconn_${version}_windows_amd64.msi
shots=${WINDOWS_SHOTS_DIR:-dist/test-windows}
for f in "$msi" bin/fakezoom; do
  [ -e "$f" ] || { echo "test-windows: $f is missing: run 'make test-windows', which builds it first." >&2; exit 1; }
done
for t in wine wineboot wineserver msiexec x86_64-w64-mingw32-gcc Xvfb xdotool import; do
  command -v "$t" >/dev/null || { echo "test-windows: $t is missing: run 'make deps-windows'." >&2; exit 1; }
done

passed=0 failed=0
pass() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; shift; printf '     %s\n' "$@"; failed=$((failed + 1)); }
result() { if [ -z "$2" ]; then pass "$1"; else fail "$1" "$2"; fi; }

work=$(mktemp -d)
fake_pid='' xvfb_pid='' gui_pid=''
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko installer prompts: nothing here needs .NET or a web view.
export WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY BROWSER
cleanup() {
  [ -z "$gui_pid" ] || kill "$gui_pid" 2>/dev/null
  timeout 30 wineserver -k 2>/dev/null
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null
  [ -z "$fake_pid" ] || kill "$fake_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
# abort MESSAGE: a step the others depend on failed.
abort() { fail "$1" "${@:2}"; echo "windows: $passed passed, $failed failed (stopped)"; exit 1; }

# --- the programs as built ----------------------------------------------------
# The app is a windowed program (no console window behind it), the command
# line a console one; the app's manifest declares per-monitor DPI awareness
# and Windows 10 (its compatibility GUID); both carry the icon and a version.
stage=dist/windows-stage
result "zoomconn-gui.exe is a windowed program with a DPI-aware, Windows 10 manifest; zoomconn.exe a console one; both with icon and version $version" "$(
  # Not objdump | grep -q: grep's early exit would fail the pipe (pipefail).
  [[ $(x86_64-w64-mingw32-objdump -p "$stage/zoomconn-gui.exe") == *"(Windows GUI)"* ]] || echo "zoomconn-gui.exe is not a Windows GUI program"
  [[ $(x86_64-w64-mingw32-objdump -p "$stage/zoomconn.exe") == *"(Windows CUI)"* ]] || echo "zoomconn.exe is not a console program"
  grep -aq '8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a' "$stage/zoomconn-gui.exe" || echo "no Windows 10 compatibility GUID in the app's manifest"
  grep -aq '<dpiAwareness[^>]*>permonitorv2' "$stage/zoomconn-gui.exe" || echo "the app's manifest is not per-monitor DPI aware"
  for f in zoomconn.exe zoomconn-gui.exe; do
    res=$work/res-$f
    ${GO:-go} tool -modfile=tools/go.mod go-winres extract --dir "$res" "$stage/$f" >/dev/null 2>&1
    grep -q "\"ProductVersion\": \"$version.0\"" "$res/winres.json" 2>/dev/null || echo "$f has no version $version resource"
    ls "$res"/*.ico >/dev/null 2>&1 || echo "$f has no icon"
  done)"

# --- the prefix --------------------------------------------------------------
start=$SECONDS
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32 ||
  abort "the Wine shim (scripts/wine/bcryptprimitives.c) compiles"
out=$(timeout 300 wineboot -i 2>&1 && timeout 120 wineserver -w 2>&1) ||
  abort "a fresh Wine prefix (wineboot -i, within 300 s)" "$out"
sys32=$WINEPREFIX/drive_c/windows/system32
cp "$work/bcryptprimitives.dll" "$sys32/" || abort "the shim in the prefix's system32"
pass "a fresh Wine prefix with the ProcessPrng shim ($((SECONDS - start)) s)"

# w SECONDS PROGRAM ARGS...: a Windows program, bounded.
w() { local t=$1; shift; timeout "$t" wine "$@"; }
users=$WINEPREFIX/drive_c/users/$(id -un)
appdata=$users/AppData/Roaming
progdir=$users/AppData/Local/Programs/zoomconn
menu="$appdata/Microsoft/Windows/Start Menu/Programs"

# --- install -------------------------------------------------------------------
start=$SECONDS
out=$(w 180 msiexec /i "$(winepath -w "$msi" 2>/dev/null)" /qn 2>&1)
rc=$?
timeout 60 wineserver -w
result "msiexec /i $(basename "$msi") /qn installs per user ($((SECONDS - start)) s)" "$(
  [ $rc -eq 0 ] || echo "msiexec exited $rc: $out"
  for f in zoomconn.exe zoomconn-gui.exe LICENSE.txt THIRD-PARTY-NOTICES.txt; do
    [ -f "$progdir/$f" ] || echo "missing: %LocalAppData%\\Programs\\zoomconn\\$f"
  done
  [ ! -e "$sys32/../../Program Files/zoomconn" ] || echo "something went to Program Files"
  [ ! -e "$progdir/bcryptprimitives.dll" ] || echo "the test shim was installed")"
[ -f "$progdir/zoomconn.exe" ] || abort "the installed zoomconn.exe is there"
result "the Start menu has a shortcut to the app" \
  "$([ -f "$menu/Zoom Connections.lnk" ] || echo "no $menu/Zoom Connections.lnk; the menu holds: $(ls "$menu" 2>&1)")"
path=$(w 60 reg query 'HKCU\Environment' /v PATH 2>&1 | tr -d '\r')
result "the install folder is on the user's PATH (HKCU\\Environment)" \
  "$(grep -qiF 'AppData\Local\Programs\zoomconn' <<< "$path" || echo "PATH: $path")"
# A new session reads the user's PATH from the registry: zoomconn by name.
timeout 60 wineserver -k
out=$(w 60 cmd /c 'zoomconn --version' 2>&1 | tr -d '\r')
result "a new command prompt finds zoomconn on PATH" "$([[ $out == "zoomconn $version" ]] || echo "it says: $out")"

# --- the fake Zoom -----------------------------------------------------------------
bin/fakezoom --addr 127.0.0.1:0 >"$work/fake.json" 2>"$work/fake.log" &
fake_pid=$!
for _ in $(seq 100); do [ -s "$work/fake.json" ] && break; sleep 0.1; done
[ -s "$work/fake.json" ] || abort "the fake Zoom starts within 10 s" "$(cat "$work/fake.log")"
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$work/fake.json"; }
custom=(--endpoints custom --authorize-url "$(field authorize_url)" --token-url "$(field token_url)"
        --revoke-url "$(field revoke_url)" --api-url "$(field api_url)")

exe=$progdir/zoomconn.exe
# z ARGS...: the installed zoomconn.exe, bounded, stdin from nowhere unless given.
z() { w 90 "$exe" "$@"; }
crlf() { tr -d '\r'; }
creds() { w 60 reg query 'HKCU\Software\Wine\Credential Manager' 2>/dev/null | crlf | sed -n 's/.*Generic: \(zoomconn:.*\)$/\1/p' | sort; }

# --- the command line ------------------------------------------------------------------
out=$(echo demo-s2s-secret | z add-s2s Reports --account-id demo-account --client-id demoS2SClientID "${custom[@]}" 2>&1)
rc=$?
result "add-s2s, the secret on stdin: the connection saved in %AppData%\\zoomconn, the secret in Credential Manager" "$(
  [ $rc -eq 0 ] || echo "exit $rc: $out"
  [ -f "$appdata/zoomconn/connections.json" ] || echo "no %AppData%\\zoomconn\\connections.json: $(ls -R "$appdata" 2>&1 | head -n 20)"
  ! grep -rqF demo-s2s-secret "$appdata/zoomconn" || echo "the secret is in a file in %AppData%\\zoomconn"
  grep -q '^zoomconn:connection/.*/client-secret$' <<< "$(creds)" || echo "no client-secret item in Credential Manager: $(creds)")"
token=$(z token Reports 2>"$work/err" | crlf)
rc=$?
result "token prints a token" "$([ $rc -eq 0 ] && [ -n "$token" ] || echo "exit $rc: $token $(cat "$work/err")")"
out=$(z test Reports 2>&1 | crlf)
result "test says OK, the user and account" "$(
  grep -q '^OK' <<< "$out" && grep -q 'demo-account' <<< "$out" || echo "$out")"
out=$(z api Reports /users/me 2>&1 | crlf)
result "api /users/me answers with the demo user" "$(grep -qF '"email":"demo.user@example.com"' <<< "$out" || echo "$out")"
out=$(z exec Reports -- cmd /c 'echo %ZOOM_CONNECTION% %ZOOM_API_URL% %ZOOM_ACCOUNT_ID% %ZOOM_ACCESS_TOKEN%' 2>&1 | crlf)
result "exec hands the program the connection, API URL, account and the same token" \
  "$([[ $out == "Reports $(field api_url) demo-account $token" ]] || echo "got: $out")"
z exec Reports -- cmd /c 'exit 7' >/dev/null 2>&1
rc=$?
z exec Reports -- cmd /c 'exit 0' >/dev/null 2>&1
rc0=$?
out=$(z exec Reports -- no-such-program.exe 2>&1)
rc127=$?
result "exec passes exit codes through (7, 0; 127 for a program not found)" "$(
  [ $rc -eq 7 ] || echo "exit 7 came back as $rc"
  [ $rc0 -eq 0 ] || echo "exit 0 came back as $rc0"
  [ $rc127 -eq 127 ] || echo "not found came back as $rc127: $out")"
# Three processes want a fresh token at once: the lock lets one refresh
# and the others read what it saved.
z revoke Reports >/dev/null 2>&1
for i in 1 2 3; do z token Reports >"$work/tok$i" 2>"$work/tokerr$i" & done
wait_ok=true
for job in $(jobs -p); do [ "$job" = "$fake_pid" ] && continue; wait "$job" || wait_ok=false; done
result "three token calls at once (the lock): all succeed with one token" "$(
  $wait_ok || echo "one failed: $(cat "$work"/tokerr*)"
  [ "$(cat "$work"/tok1 "$work"/tok2 "$work"/tok3 | crlf | sort -u | grep -c .)" -eq 1 ] || echo "different tokens: $(cat "$work"/tok*)")"

# A secret longer than one Credential Manager item holds (2,560 bytes; an
# access token with many scopes can be): the keyring package's own tests,
# built for Windows, against Wine's Credential Manager.
out=$(CGO_ENABLED=0 GOOS=windows GOARCH=amd64 ${GO:-go} test -c -o "$work/keyring.test.exe" ./auth/secret/keyring 2>&1) &&
  out=$(ZOOMCONN_REQUIRE_KEYRING=1 w 120 "$work/keyring.test.exe" -test.run 'Contract|LongSecret' -test.v 2>&1 | crlf)
result "the keyring tests in Credential Manager: the contract, a 7,350-byte secret in parts" "$(
  grep -q '^--- PASS: TestLongSecretInTheRealKeyring' <<< "$out" && grep -q '^--- PASS: TestKeyringContract' <<< "$out" &&
    ! grep -q -e '^--- FAIL' -e '^--- SKIP' <<< "$out" || echo "$out" | tail -n 30)"
# Windows will not replace a file another process has open: the atomic
# writer's Windows test (a reader holding connections.json) under Wine,
# which enforces that as Windows does.
out=$(CGO_ENABLED=0 GOOS=windows GOARCH=amd64 ${GO:-go} test -c -o "$work/atomicfile.test.exe" ./internal/atomicfile 2>&1) &&
  out=$(w 60 "$work/atomicfile.test.exe" -test.v 2>&1 | crlf)
result "the atomic replace waits for a reader to close the file instead of failing" "$(
  grep -q '^--- PASS: TestWriteWaitsForAReaderToClose' <<< "$out" && ! grep -q '^--- FAIL' <<< "$out" || echo "$out" | tail -n 20)"
# The configuration directory's check means its owner and access list on
# Windows (Wine reads them; it does not keep a new list, see the test).
out=$(CGO_ENABLED=0 GOOS=windows GOARCH=amd64 ${GO:-go} test -c -o "$work/store.test.exe" ./auth/store 2>&1) &&
  out=$(w 60 "$work/store.test.exe" -test.run 'PrivateDirOnWindows' -test.v 2>&1 | crlf)
result "the configuration directory's check reads owner and DACL (Everyone's access is not private)" "$(
  grep -q '^--- PASS: TestPrivateDirOnWindowsMeansOwnerAndDACL' <<< "$out" && ! grep -q '^--- FAIL' <<< "$out" || echo "$out" | tail -n 20)"

# OAuth 2.0 through the loopback: zoomconn login opens the browser with
# rundll32 url.dll; Wine hands the URL to the Unix side (winebrowser, then
# xdg-open), where a scripted browser (curl) follows the fake Zoom's
# approval to zoomconn's loopback listener.
mkdir -p "$work/browser"
cat > "$work/browser/xdg-open" <<'EOF'
#!/bin/sh
echo "$1" >> "$(dirname "$0")/visited"
exec curl -fsSL --max-time 30 -o /dev/null "$1"
EOF
chmod +x "$work/browser/xdg-open"
z add-client Demo --client-id demoPublicClientID --public "${custom[@]}" >/dev/null 2>&1
z add-oauth Ada --client Demo >/dev/null 2>&1
timeout 60 wineserver -k # the next session's environment carries the scripted browser's PATH
out=$(PATH="$work/browser:$PATH" z login Ada 2>&1 | crlf)
rc=$?
result "login: the browser opened through Wine, the loopback got the code, Ada is authorized" "$(
  [ $rc -eq 0 ] || echo "exit $rc: $out"
  [ -s "$work/browser/visited" ] || echo "the scripted browser was not opened"
  grep -q '^zoomconn:connection/.*/refresh-token$' <<< "$(creds)" || echo "no refresh-token item: $(creds)")"
out=$(z api Ada /users/me 2>&1 | crlf)
result "the OAuth 2.0 connection calls the API" "$(grep -qF '"email":' <<< "$out" || echo "$out")"

# Remove: the connection's Credential Manager items go with it.
before=$(creds)
ada_id=$(sed -n 's|^zoomconn:connection/\([^/]*\)/refresh-token$|\1|p' <<< "$before")
z remove Ada >"$work/out" 2>&1
rc=$?
result "remove Ada: its Credential Manager items are gone, the others stay" "$(
  [ $rc -eq 0 ] || echo "exit $rc: $(cat "$work/out")"
  [ -n "$ada_id" ] || echo "Ada had no items to remove: $before"
  after=$(creds)
  [ -z "$ada_id" ] || ! grep -qF "connection/$ada_id/" <<< "$after" || echo "left: $(grep -F "$ada_id" <<< "$after")"
  grep -q '^zoomconn:connection/.*/client-secret$' <<< "$after" || echo "Reports' secret went too")"

# --- the app -----------------------------------------------------------------------
# A Wine desktop started without a display keeps its windows off X: end
# that session before the app starts with one.
timeout 60 wineserver -k
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || abort "Xvfb starts within 10 s" "$(cat "$work/xvfb.log")"
DISPLAY=:$(cat "$work/display")
export DISPLAY
# window: the id of the visible "Zoom Connections" window, waiting 180 s at most.
window() { timeout 180 xdotool search --sync --onlyvisible --name '^Zoom Connections$' 2>/dev/null | head -n 1; }
# zoomconn.exe with no command starts zoomconn-gui.exe from beside itself
# and returns.
start=$SECONDS
# To a file, not a pipe: the app inherits it and would hold $(...) open.
w 60 "$exe" >"$work/launch.log" 2>&1
rc=$?
win=$(window)
result "zoomconn.exe with no command starts zoomconn-gui.exe from beside it: a window maps ($((SECONDS - start)) s)" "$(
  [ $rc -eq 0 ] || echo "zoomconn.exe exited $rc: $(crlf < "$work/launch.log")"
  [ -n "$win" ] || echo "no window within 180 s")"
timeout 60 wineserver -k
for _ in $(seq 100); do xdotool search --name '^Zoom Connections$' >/dev/null 2>&1 || break; sleep 0.1; done

start=$SECONDS
wine "$progdir/zoomconn-gui.exe" >"$work/gui.log" 2>&1 &
gui_pid=$!
win=$(window)
result "zoomconn-gui.exe maps a window titled \"Zoom Connections\" ($((SECONDS - start)) s)" \
  "$([ -n "$win" ] || echo "no window within 180 s; the app said: $(head -c 2000 "$work/gui.log")")"
if [ -n "$win" ]; then
  # The list is filled after the window maps: wait (bounded) until the
  # window's pixels stop changing, then keep them.
  mkdir -p "$shots"
  prev=''
  for _ in $(seq 40); do
    sleep 0.5
    cur=$(import -window "$win" rgb:- 2>/dev/null | sha256sum)
    [ "$cur" = "$prev" ] && break
    prev=$cur
  done
  import -window "$win" -strip -define png:exclude-chunks=date,time "$shots/01-main-window.png" 2>"$work/import.log"
  result "a screenshot of the app under Wine: $shots/01-main-window.png" \
    "$([ -s "$shots/01-main-window.png" ] || echo "import failed: $(cat "$work/import.log")")"
fi
kill "$gui_pid" 2>/dev/null
timeout 60 wineserver -k
gui_pid=''
unset DISPLAY

# --- upgrade ---------------------------------------------------------------------------
# The same programs packed as version 99.0.0 (same UpgradeCode, new product
# code): installing it replaces the installed one.
if out=$(scripts/windows.sh --msi 99.0.0 "$work/upgrade.msi" 2>&1); then
  newcode=$(msiinfo export "$work/upgrade.msi" Property | tr -d '\r' | sed -n 's/^ProductCode\t//p')
  out=$(w 180 msiexec /i "$(winepath -w "$work/upgrade.msi" 2>/dev/null)" /qn 2>&1)
  rc=$?
  timeout 60 wineserver -w
  list=$(w 60 uninstaller --list 2>&1 | crlf)
  result "a newer MSI (99.0.0) replaces the installed one: one Zoom Connections, the new product" "$(
    [ $rc -eq 0 ] || echo "msiexec exited $rc: $out"
    [ "$(grep -c 'Zoom Connections' <<< "$list")" -eq 1 ] || echo "installed: $list"
    grep -qiF "$newcode" <<< "$list" || echo "the new product ($newcode) is not listed: $list"
    [ -f "$progdir/zoomconn.exe" ] || echo "zoomconn.exe is gone")"
  msi=$work/upgrade.msi # what is installed now, for the uninstall
else
  fail "an MSI as version 99.0.0 (scripts/windows.sh --msi)" "$out"
fi

# --- uninstall -----------------------------------------------------------------------
start=$SECONDS
out=$(w 180 msiexec /x "$(winepath -w "$msi" 2>/dev/null)" /qn 2>&1)
rc=$?
timeout 60 wineserver -w
path=$(w 60 reg query 'HKCU\Environment' /v PATH 2>&1 | tr -d '\r')
result "msiexec /x removes the programs, the shortcut and the PATH entry ($((SECONDS - start)) s)" "$(
  [ $rc -eq 0 ] || echo "msiexec exited $rc: $out"
  [ ! -e "$progdir/zoomconn.exe" ] || echo "zoomconn.exe is still there"
  [ ! -e "$menu/Zoom Connections.lnk" ] || echo "the shortcut is still there"
  ! grep -qiF 'AppData\Local\Programs\zoomconn' <<< "$path" || echo "PATH still has it: $path")"
result "... and leaves the user's connections and Credential Manager items" "$(
  grep -qF '"Reports"' "$appdata/zoomconn/connections.json" 2>/dev/null || echo "connections.json lost Reports"
  grep -q '^zoomconn:connection/.*/client-secret$' <<< "$(creds)" || echo "the Credential Manager items are gone")"

echo "windows: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
