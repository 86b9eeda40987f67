#!/usr/bin/env bash
# Builds a release of the last commit into dist/release (run through `make
# release`): from a clean copy of HEAD (git archive), whatever the working
# tree holds, with every time taken from the commit (SOURCE_DATE_EPOCH), so
# the same commit always gives the same bytes.
#   zoomconn_V_linux_amd64.tar.gz     zoomconn and zoomconn-gui (PIE, full RELRO)
#   zoomconn_V_linux_arm64.tar.gz     zoomconn
#   zoomconn_V_darwin_amd64.tar.gz    zoomconn (the app needs Apple's SDK:
#   zoomconn_V_darwin_arm64.tar.gz      scripts/macos-app.sh on a Mac)
#   zoomconn_V_windows_amd64.zip/.msi zoomconn.exe and zoomconn-gui.exe
#   zoomconn_V_windows_arm64.zip      zoomconn.exe
#   zoomconn_V-1_amd64.deb, zoomconn-V-1.x86_64.rpm
#   zoomconn_V_OS.cdx.json, zoomconn-gui_V_OS.cdx.json: a CycloneDX SBOM per
#     program and system (cyclonedx-gomod, pinned in tools/go.mod)
#   SHA256SUMS of all of them
# Each archive holds one folder, zoomconn_V_OS_ARCH, with the programs,
# LICENSE, README.md and THIRD-PARTY-NOTICES (the Go modules' licences).
# Usage: scripts/release.sh [--check]: with --check it builds the release
# twice, from two copies in different directories, and fails unless both
# SHA256SUMS are the same.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export GOCACHE="${GOCACHE:-$(go env GOCACHE)}"
# The commit, once: others may commit while this builds.
commit=$(git rev-parse HEAD)
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct "$commit")
export SOURCE_DATE_EPOCH TZ=UTC LC_ALL=C

# build DIR: the release of HEAD, built in a fresh copy at DIR/src, into DIR/out.
build() {
  local src=$1/src out=$1/out
  mkdir -p "$src" "$out"
  git archive "$commit" | tar -x -C "$src"
  # cyclonedx-gomod reads the main module's version (the commit's
  # pseudo-version) from git: the copy points at a clone whose HEAD is the
  # commit (a full one: go-git reads no alternates, so not --shared).
  git clone -q --no-local --no-checkout "$root" "$1/git"
  git -C "$1/git" update-ref --no-deref HEAD "$commit"
  echo "gitdir: $1/git/.git" > "$src/.git"
  (cd "$src" && release "$out")
}

# release OUT: run in the copy; writes the release into OUT.
release() {
  local out=$1 version ld
  # shellcheck source=scripts/fyneapp.sh
  . scripts/fyneapp.sh
  version=$(fyneapp Version)
  ld="-s -w -buildid= -X main.version=$version"
  make --no-print-directory packages >&2            # bin/ (PIE) and the .deb and .rpm
  scripts/windows.sh >&2                            # windows amd64: exes, zip, MSI
  scripts/windows.sh --cli-only arm64 >&2
  for t in linux/arm64 darwin/amd64 darwin/arm64; do
    local pie=()
    [ "${t%/*}" = linux ] && pie=(-buildmode=pie)
    CGO_ENABLED=0 GOOS=${t%/*} GOARCH=${t#*/} go build -trimpath -buildvcs=false "${pie[@]}" \
      -ldflags "$ld$([ "${t%/*}" = linux ] && echo ' -bindnow')" -o "bin/${t%/*}_${t#*/}/zoomconn" . >&2
  done
  # The notices of the modules in each archive's programs.
  GOOS=linux CGO_ENABLED=1 scripts/copyright.sh rpm > dist/notices-linux-amd64.txt
  for os in linux darwin windows; do
    GOOS=$os CGO_ENABLED=0 COPYRIGHT_PROGRAMS=. scripts/copyright.sh rpm > "dist/notices-$os-cli.txt"
  done

  # pack OS ARCH FILE...: the archive of one system, its files in one folder.
  pack() {
    local os=$1 arch=$2 name=zoomconn_${version}_$1_$2 stage
    shift 2
    stage=$(mktemp -d)
    mkdir "$stage/$name"
    cp "$@" "$stage/$name/"
    cp LICENSE README.md "$stage/$name/"
    if [ "$os/$arch" = linux/amd64 ]; then cp dist/notices-linux-amd64.txt "$stage/$name/THIRD-PARTY-NOTICES"
    else cp "dist/notices-$os-cli.txt" "$stage/$name/THIRD-PARTY-NOTICES"; fi
    if [ "$os" = windows ]; then
      for f in LICENSE README.md THIRD-PARTY-NOTICES; do
        sed 's/$/\r/' "$stage/$name/$f" > "$stage/$name/$f.txt" && rm "$stage/$name/$f"
      done
    fi
    find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    chmod -R u+rwX,go+rX,go-w "$stage"
    if [ "$os" = windows ]; then
      (cd "$stage" && find "$name" | sort | zip -X -D -q -9 "$out/$name.zip" -@)
    else
      tar -C "$stage" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
        --format=gnu -cf - "$name" | gzip -9n > "$out/$name.tar.gz"
    fi
    rm -rf "$stage"
  }
  # The Linux programs as the .deb has them: stripped.
  pack linux amd64 dist/stage/bin/zoomconn dist/stage/bin/zoomconn-gui
  pack linux arm64 bin/linux_arm64/zoomconn
  pack darwin amd64 bin/darwin_amd64/zoomconn
  pack darwin arm64 bin/darwin_arm64/zoomconn
  pack windows arm64 bin/windows_arm64/zoomconn.exe
  cp "dist/zoomconn_${version}_windows_amd64.zip" "dist/zoomconn_${version}_windows_amd64.msi" \
    dist/zoomconn_"$version"-1_*.deb dist/zoomconn-"$version"-1.*.rpm "$out/"

  # One SBOM per program and system, as built (GOOS, cgo).
  # Built for this machine first: under GOOS=darwin, go tool would build it for macOS.
  local cdx
  cdx=$(go tool -modfile=tools/go.mod -n cyclonedx-gomod)
  sbom() { # PROGRAM MAIN OS CGO
    GOOS=$3 GOARCH=amd64 CGO_ENABLED=$4 "$cdx" app \
      -json -licenses -std -noserial -notimestamp -main "$2" -output "$out/$1_${version}_$3.cdx.json" . 2>"$out.sbom.log" ||
      { echo "release: cyclonedx-gomod failed for $1 ($3):" >&2; cat "$out.sbom.log" >&2; return 1; }
  }
  sbom zoomconn . linux 0
  sbom zoomconn . darwin 0
  sbom zoomconn . windows 0
  sbom zoomconn-gui cmd/zoomconn-gui linux 1
  sbom zoomconn-gui cmd/zoomconn-gui windows 1

  (cd "$out" && find . -maxdepth 1 -type f -printf '%P\n' | sort | xargs sha256sum > ../SHA256SUMS && mv ../SHA256SUMS .)
}

if [ "${1:-}" = --check ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  echo "check-release: building $commit twice, in $tmp/a and $tmp/b"
  build "$tmp/a"
  build "$tmp/b"
  if diff -u "$tmp/a/out/SHA256SUMS" "$tmp/b/out/SHA256SUMS"; then
    echo "check-release: the two builds of $commit are identical ($(wc -l < "$tmp/a/out/SHA256SUMS") files):"
    cat "$tmp/a/out/SHA256SUMS"
  else
    rm -rf dist/check-release && mkdir -p dist/check-release
    cp -r "$tmp/a/out" dist/check-release/a && cp -r "$tmp/b/out" dist/check-release/b
    echo "check-release: the two builds of $commit differ (above); both are in dist/check-release/, to compare." >&2
    exit 1
  fi
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build "$tmp"
rm -rf dist/release && mkdir -p dist/release
cp "$tmp"/out/* dist/release/
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "release: built from commit $commit; the working tree's uncommitted changes are not in it." >&2
fi
echo "wrote dist/release ($commit):"
cat dist/release/SHA256SUMS
