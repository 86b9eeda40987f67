#!/usr/bin/env bash
# Checks the packages `make packages` wrote to dist/ as a distribution would,
# and as a user installing them would: the desktop entry and AppStream
# metainfo validate and agree with FyneApp.toml, lintian finds no error, the
# file lists hold everything, the .deb declares every library the programs
# link, and the programs installed into scratch roots from the .deb (dpkg -x)
# and the .rpm (rpm --root) run: zoomconn --version, the completion through
# the packaged program, the app's window.
# Prints one line per check and "packages: N passed, N failed"; exits 1 if
# any failed. Run through `make check-packages` (part of `make test`).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source=scripts/fyneapp.sh
. scripts/fyneapp.sh

passed=0 failed=0
pass() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; shift; printf '     %s\n' "$@"; failed=$((failed + 1)); }
# check NAME COMMAND...: passes when COMMAND succeeds; shows its output when not.
check() {
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "${out:-(no output)}"; fi
}
# result NAME PROBLEMS: passes when PROBLEMS, one a line, is empty.
result() {
  if [ -z "$2" ]; then pass "$1"; else fail "$1" "$2"; fi
}

version=$(fyneapp Version)
id=$(fyneapp ID)
website=$(fyneapp Website)
shopt -s nullglob
debs=(dist/zoomconn_"$version"-*.deb)
rpms=(dist/zoomconn-"$version"-*.rpm)
if [ ${#debs[@]} -ne 1 ] || [ ${#rpms[@]} -ne 1 ]; then
  echo "check-packages: expected one .deb and one .rpm of version $version in dist/, found: ${debs[*]} ${rpms[*]}." >&2
  echo "Run 'make packages' first (make check-packages does)." >&2
  exit 1
fi
deb=${debs[0]} rpm=${rpms[0]}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
debroot=$work/deb rpmroot=$work/rpm
mkdir -p "$debroot" "$rpmroot"
dpkg-deb -x "$deb" "$debroot"
# rpm itself installs the .rpm into the scratch root, with its own database
# there; the libraries it requires are this Debian machine's, not rpms.
rpm --root "$rpmroot" --initdb
rpm_installed=$(rpm --root "$rpmroot" -i --nodeps --noscripts "$rpm" 2>&1) ||
  { echo "check-packages: rpm could not install $rpm into a scratch root:" >&2; echo "$rpm_installed" >&2; exit 1; }

desktop=usr/share/applications/$id.desktop
metainfo=usr/share/metainfo/$id.metainfo.xml
# The files both packages must hold, wherever the distribution differs.
want=(usr/bin/zoomconn usr/bin/zoomconn-gui "$desktop" "$metainfo"
      usr/share/man/man1/zoomconn.1.gz usr/share/man/man1/zoomconn-gui.1.gz
      usr/share/bash-completion/completions/zoomconn
      usr/share/fish/vendor_completions.d/zoomconn.fish)
for size in 16 22 24 32 48 64 128 256 512; do
  want+=("usr/share/icons/hicolor/${size}x${size}/apps/$id.png")
done

# --- the file lists -------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||; s|/$||' | sort > "$work/deb.list"
rpm -qlp "$rpm" 2>/dev/null | sed 's|^/||' | sort > "$work/rpm.list"
missing() { # LIST EXTRA...: the wanted paths (and EXTRA) not in LIST
  local list=$1 f
  shift
  for f in "${want[@]}" "$@"; do grep -qxF "$f" "$list" || echo "missing: /$f"; done
}
result ".deb holds programs, desktop entry, metainfo, icons, man pages, completions, copyright, changelog" \
  "$(missing "$work/deb.list" usr/share/zsh/vendor-completions/_zoomconn usr/share/doc/zoomconn/copyright \
       usr/share/doc/zoomconn/changelog.Debian.gz)"
result ".rpm holds programs, desktop entry, metainfo, icons, man pages, completions, copyright" \
  "$(missing "$work/rpm.list" usr/share/zsh/site-functions/_zoomconn usr/share/licenses/zoomconn/copyright)"
# The commands, as the packaged program's completion lists them.
commands=$(ZOOMCONN_CONFIG_DIR="$work/config" "$debroot/usr/bin/zoomconn" __complete "" 2>/dev/null |
  sed -n 's/^\([a-z][a-z0-9-]*\)\t.*/\1/p' | grep -vx help)
result ".deb has a man page for each of the $(echo "$commands" | grep -c .) commands" "$(
  [ -n "$commands" ] || echo "zoomconn __complete listed no command"
  for c in $commands; do grep -qxF "usr/share/man/man1/zoomconn-$c.1.gz" "$work/deb.list" || echo "missing: zoomconn-$c.1.gz"; done)"
result ".deb file modes and owners" "$(dpkg-deb -c "$deb" | awk '
  $6 ~ /^\.\/usr\/bin\/./ && $1 != "-rwxr-xr-x" { print "not 0755: " $6 }
  $6 !~ /^\.\/usr\/bin\// && $1 ~ /^-/ && $1 != "-rw-r--r--" { print "not 0644: " $6 }
  $2 != "root/root" && $2 != "0/0" { print "not root'\''s: " $6 }')"
check ".rpm digests" rpm -K --nosignature "$rpm"
# The licence: MIT everywhere it is declared, and its text (LICENSE) in both
# copyright files, ahead of the third-party notices.
result "licence: MIT in the .rpm, the copyright files hold LICENSE's text and the Go modules' notices" "$(
  lic=$(rpm -qp --queryformat '%{LICENSE}' "$rpm" 2>/dev/null)
  [ "$lic" = MIT ] || echo "the .rpm's License is '$lic', not MIT"
  for f in "$debroot/usr/share/doc/zoomconn/copyright" "$rpmroot/usr/share/licenses/zoomconn/copyright"; do
    grep -qF 'Permission is hereby granted, free of charge' "$f" || echo "${f#"$work"/}: no MIT licence text"
    grep -qF 'fyne.io/fyne/v2' "$f" || echo "${f#"$work"/}: no third-party notices (fyne.io/fyne/v2)"
    ! grep -qi proprietary "$f" || echo "${f#"$work"/}: still says proprietary"
  done)"
check ".rpm installed in a scratch root verifies (rpm -V: sizes, digests, modes)" rpm --root "$rpmroot" -V --nodeps zoomconn

# --- desktop entry ----------------------------------------------------------
# Clean means silent: not even a hint.
result "desktop-file-validate $id.desktop" "$(desktop-file-validate "$debroot/$desktop" 2>&1 || echo "(failed)")"
main_categories=" AudioVideo Audio Video Development Education Game Graphics Network Office Science Settings System Utility "
mains=$(sed -n 's/^Categories=//p' "$debroot/$desktop" | tr ';' '\n' | while read -r c; do
  [ -n "$c" ] && [[ $main_categories == *" $c "* ]] && echo "$c"; done)
result "desktop entry has one main category (${mains//$'\n'/, })" \
  "$([ "$(printf '%s\n' "$mains" | grep -c .)" -eq 1 ] || echo "main categories: ${mains:-none}")"
result "desktop entry agrees with FyneApp.toml" "$(
  for kv in "Name=$(fyneapp Name)" "Comment=$(fyneapp Comment)" "Exec=zoomconn-gui" "Icon=$id"; do
    grep -qxF "$kv" "$debroot/$desktop" || echo "desktop entry lacks $kv"
  done)"

# --- AppStream ----------------------------------------------------------------
check "appstreamcli validate $id.metainfo.xml" appstreamcli validate --no-net "$debroot/$metainfo"
check "appstreamcli validate-tree (metainfo, desktop entry, icons as installed)" \
  appstreamcli validate-tree --no-net "$debroot"
meta=$debroot/$metainfo
tag() { sed -n "s|^ *<$1>\(.*\)</$1>\$|\1|p" "$meta" | head -n 1; }
result "metainfo agrees with FyneApp.toml (id, name, summary, homepage, release $version), has launchable, content rating, licence, developer" "$(
  [ "$(tag id)" = "$id" ] || echo "<id> is '$(tag id)', FyneApp.toml's ID is '$id'"
  [ "$(tag name)" = "$(fyneapp Name)" ] || echo "<name> is not FyneApp.toml's Name"
  [ "$(tag summary)" = "$(fyneapp Comment)" ] || echo "<summary> is not FyneApp.toml's Comment"
  grep -qF "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$meta" || echo "no <launchable> naming $id.desktop"
  grep -qF "<url type=\"homepage\">$website</url>" "$meta" || echo "homepage is not FyneApp.toml's Website ($website)"
  grep -q '<content_rating type="oars-1.1"' "$meta" || echo "no <content_rating>"
  [ "$(tag project_license)" = MIT ] || echo "<project_license> is '$(tag project_license)', not MIT (LICENSE)"
  [ -n "$(tag developer_name)" ] || echo "no <developer_name>"
  newest=$(sed -n 's|.*<release version="\([^"]*\)".*|\1|p' "$meta" | head -n 1)
  [ "$newest" = "$version" ] || echo "newest <release> is '$newest', FyneApp.toml's Version is '$version': add a release entry"
)"
shots=https://raw.githubusercontent.com/${website#https://github.com/}/main/docs/screenshots/
result "metainfo lists every docs/screenshots/*.png by its GitHub URL" "$(
  sed -n 's|.*<image>\(.*\)</image>.*|\1|p' "$meta" | while read -r url; do
    [ "${url#"$shots"}" != "$url" ] || { echo "screenshot not on the project's GitHub: $url"; continue; }
    [ -f "docs/screenshots/${url#"$shots"}" ] || echo "screenshot not in docs/screenshots: $url"
  done
  for f in docs/screenshots/*.png; do grep -qF "<image>$shots${f##*/}</image>" "$meta" || echo "$f is not in the metainfo"; done
)"

# --- lintian ----------------------------------------------------------------
lintian_out=$(lintian --fail-on error --display-level '>=pedantic' --tag-display-limit 0 "$deb" 2>&1)
rc=$?
echo "$lintian_out" | sed 's/^/     lintian: /'
result "lintian: no errors" "$([ $rc -eq 0 ] || echo "$lintian_out" | grep '^E:' || echo "lintian failed ($rc)")"
# The programs are PIE with full RELRO (make build): no hardening tag at any
# level, and file(1) says so of the packaged (stripped) programs.
result "lintian: no hardening warnings (PIE, RELRO, BIND_NOW)" "$(echo "$lintian_out" | grep -E ' hardening-' || true)"
result "the packaged programs are PIE with full RELRO (file, readelf)" "$(
  for p in zoomconn zoomconn-gui; do
    f=$debroot/usr/bin/$p
    # Here-strings, not pipes into grep -q: its early exit fails a pipe under pipefail.
    grep -q 'pie executable' <<< "$(file -b "$f")" || echo "$p is not PIE: $(file -b "$f")"
    grep -q GNU_RELRO <<< "$(readelf -lW "$f")" || echo "$p has no RELRO segment"
    grep -q 'BIND_NOW\|Flags:.* NOW' <<< "$(readelf -dW "$f")" || echo "$p is not bound at load (no BIND_NOW): partial RELRO"
  done)"

# --- dependencies -------------------------------------------------------------
# dpkg-shlibdeps names the packages of every library the programs link;
# each must be in the .deb's Depends.
mkdir -p "$work/shlibs/debian"
printf 'Source: zoomconn\n\nPackage: zoomconn\nArchitecture: any\n' > "$work/shlibs/debian/control"
cp "$debroot/usr/bin/zoomconn" "$debroot/usr/bin/zoomconn-gui" "$work/shlibs/"
needed=$(cd "$work/shlibs" && dpkg-shlibdeps -O zoomconn zoomconn-gui 2>/dev/null | sed 's/^shlibs:Depends=//')
depends=$(dpkg-deb -f "$deb" Depends)
result ".deb Depends covers dpkg-shlibdeps ($needed)" "$(
  [ -n "$needed" ] || echo "dpkg-shlibdeps found nothing"
  echo "$needed" | tr ',' '\n' | sed 's/^ *//; s/ *$//' | while read -r dep; do
    [ -z "$dep" ] || [[ ", $depends," == *", $dep,"* ]] || echo "Depends lacks '$dep' (dpkg-shlibdeps: $needed)"
  done)"
result "a Secret Service provider is recommended, GL required (deb and rpm)" "$(
  dpkg-deb -f "$deb" Recommends | grep -q 'gnome-keyring | keepassxc | kwalletmanager' || echo "no Secret Service provider in Recommends"
  rpm -qp --recommends "$rpm" 2>/dev/null | grep -q 'gnome-keyring' || echo "the .rpm recommends no Secret Service provider"
  rpm -qp --requires "$rpm" 2>/dev/null | grep -qF 'libGL.so.1()(64bit)' || echo "the .rpm does not require libGL.so.1")"

# --- the packaged programs run --------------------------------------------------
for root in "$debroot" "$rpmroot"; do
  kind=.${root##*/}
  out=$("$root/usr/bin/zoomconn" --version 2>&1)
  result "$kind: zoomconn --version says $version" "$([[ $out == *"$version"* ]] || echo "it says: $out")"
done
out=$("$debroot/usr/bin/zoomconn" completion bash 2>&1)
result ".deb: the packaged bash completion is what the packaged zoomconn completion bash prints" "$(
  cmp -s <(printf '%s\n' "$out") "$debroot/usr/share/bash-completion/completions/zoomconn" ||
    echo "they differ (or it failed): $(printf '%s' "$out" | head -c 300)")"
# TAB after "zoomconn to": bash-completion loads the packaged completion,
# which asks the packaged program (zoomconn __complete) for the words.
words=$(PATH="$debroot/usr/bin:$PATH" bash --norc --noprofile -c '
  . /usr/share/bash-completion/bash_completion
  . "$1"
  fn=$(complete -p zoomconn | sed -n "s/.* -F \([^ ]*\) .*/\1/p")
  [ -n "$fn" ] || { echo "the completion defines no function for zoomconn"; exit 1; }
  COMP_WORDS=(zoomconn to); COMP_CWORD=1; COMP_LINE="zoomconn to"; COMP_POINT=${#COMP_LINE}
  "$fn" zoomconn to zoomconn
  printf "%s\n" "${COMPREPLY[@]}"' sh "$debroot/usr/share/bash-completion/completions/zoomconn" 2>&1)
result ".deb: bash completes 'zoomconn to' to 'token' through the packaged program" \
  "$(grep -qx 'token *' <<< "$words" || echo "got: $words")"
result ".deb: zsh and fish completions are zoomconn's" "$(
  head -n 1 "$debroot/usr/share/zsh/vendor-completions/_zoomconn" | grep -q '^#compdef zoomconn' || echo "_zoomconn is not zsh's for zoomconn"
  grep -q '^complete -c zoomconn' "$debroot/usr/share/fish/vendor_completions.d/zoomconn.fish" || echo "zoomconn.fish completes nothing for zoomconn")"
result ".deb: every man page renders without warnings and has a NAME" "$(
  for page in "$debroot"/usr/share/man/man1/*.1.gz; do
    w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null) || echo "${page##*/}: man failed"
    [ -z "$w" ] || echo "${page##*/}: $w"
    zcat "$page" | grep -q '^\.SH "*NAME' || echo "${page##*/}: no NAME section"
  done)"

# The app starts from the unpacked .deb (its libraries load) and its window's
# X11 class is the desktop entry's StartupWMClass, so docks match the two.
# Private dirs and no session bus, so it never reaches your own keyring: it
# shows the no-keyring banner.
class=$(sed -n 's/^StartupWMClass=//p' "$debroot/$desktop")
mkdir -p "$work/home" "$work/run" && chmod 700 "$work/run"
got=$(env -u DBUS_SESSION_BUS_ADDRESS HOME="$work/home" XDG_CONFIG_HOME="$work/home" XDG_DATA_HOME="$work/home" \
  XDG_CACHE_HOME="$work/home" XDG_RUNTIME_DIR="$work/run" ZOOMCONN_CONFIG_DIR="$work/home/zoomconn" \
  xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" sh -c '
    "$1" >"$2/gui.log" 2>&1 & pid=$!
    win=$(timeout 60 xdotool search --sync --pid "$pid" 2>/dev/null | head -n 1)
    [ -n "$win" ] && xprop -id "$win" WM_CLASS || { echo "no window in 60 s"; cat "$2/gui.log"; }
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; true' sh "$debroot/usr/bin/zoomconn-gui" "$work" 2>&1)
result ".deb: zoomconn-gui opens a window of class '$class' (the entry's StartupWMClass)" \
  "$([[ $got == *"\"$class\", \"$class\""* ]] || echo "$got")"

echo "packages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
