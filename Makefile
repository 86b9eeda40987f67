SHELL := /bin/bash
GO ?= go
BIN := bin/zoomconn
APP := bin/zoomconn-gui
VERSION := $(shell sed -n 's/^Version = "\(.*\)"/\1/p' FyneApp.toml)
# Every build is reproducible (the same commit gives the same bytes: no local
# paths, build ID or VCS stamp) and the Linux programs are PIE with full RELRO
# (lintian's hardening checks): the command line, which links no C library,
# through Go's own linker (-bindnow), the app through the C linker (-z relro -z now).
GOBUILD := $(GO) build -trimpath -buildvcs=false
LDFLAGS := -buildid= -X main.version=$(VERSION)
CLI_LDFLAGS := $(LDFLAGS) -bindnow
APP_LDFLAGS := $(LDFLAGS) -extldflags=-Wl,-z,relro,-z,now
# The app's C code (GLFW) with Debian's hardening flags, as lintian checks.
APP_CFLAGS := -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong
TESTFLAGS ?=
# The developer tools (staticcheck, nfpm, fyne) are pinned in a module of their
# own, tools/go.mod, so that go.mod lists only what the programs and tests link.
TOOL := $(GO) tool -modfile=tools/go.mod

# Every target has a "## name: what it does" line (continued by "## ..." lines):
# make help prints them, and make lint checks that none is missing.
.PHONY: run build help check-fast test lint deps-build deps-test deps-packages demo screenshots screenshots-windows bundle packages check-packages bench bench-events fuzz clean

## run: install the missing build packages (apt), build and launch the app
run: deps-build
	@$(MAKE) --no-print-directory build
	./$(BIN)

## build: bin/zoomconn (command line, no GUI linked, no cgo: it links no C library and
## starts ~1.5 ms sooner) and bin/zoomconn-gui (the app), both PIE with full RELRO and
## reproducible; installs no package, but
## names a missing one and the command that installs it (make deps-build)
build:
	@scripts/install-deps.sh --check build
	CGO_ENABLED=0 $(GOBUILD) -buildmode=pie -ldflags '$(CLI_LDFLAGS)' -o $(BIN) .
	CGO_CFLAGS='$(APP_CFLAGS)' $(GOBUILD) -buildmode=pie -ldflags '$(APP_LDFLAGS)' -o $(APP) ./cmd/zoomconn-gui

## help: every target with what it does (this list, from the Makefile's ## lines)
help:
	@scripts/make-help.sh Makefile

## deps-build: install (apt-get, with sudo when not root) the missing packages make build
## needs: a C compiler and the OpenGL/X11 headers
deps-build:
	@scripts/install-deps.sh build

## deps-test: install the missing packages make test needs: deps-build's, Xvfb, xdotool, D-Bus,
## gnome-keyring, secret-tool, chromium, and deps-packages' and check-packages' tools
deps-test:
	@scripts/install-deps.sh test

## deps-packages: install the missing packages make packages needs: deps-build's, ImageMagick
## (icon sizes) and binutils (strip)
deps-packages:
	@scripts/install-deps.sh packages

## check-fast: the quick loop, go test ./... with no -race, Xvfb or keyring (15-25 s warm):
## the tests needing a display or a real keyring skip themselves; make test runs them, with
## -race and check-packages. Installs no package, as build
# No display, and a session bus that is not there: nothing reaches your desktop's keyring
# (whose unlock prompt would wait forever) or opens a window. CI and ZOOMCONN_REQUIRE_KEYRING
# would turn the keyring tests' skips into failures.
check-fast:
	@scripts/install-deps.sh --check build
	env -u DISPLAY -u WAYLAND_DISPLAY -u CI -u ZOOMCONN_REQUIRE_KEYRING \
	  DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/zoomconn-check-fast \
	  $(GO) test -count=1 $(TESTFLAGS) ./...

## test: install the missing test packages, then go test -race under Xvfb + D-Bus + a fresh
## gnome-keyring. Everything is compiled first, in parallel; then the packages run one at a
## time, because they share one keyring daemon and each has tests that load it with many
## processes. Then check-packages (the .deb and .rpm built and inspected) and test-windows.
test: deps-test
	@set -o pipefail; log=$$(mktemp); \
	if $(GO) test -race -count=1 -run '^$$' ./... > $$log 2>&1; then \
	  scripts/with-keyring.sh $(GO) test -race -v -count=1 -p 1 $(TESTFLAGS) ./... > $$log 2>&1; else false; fi; rc=$$?; \
	grep -E '^(\s*--- (PASS|FAIL|SKIP)|ok |FAIL|PASS$$|panic:|\s+\S+_test\.go:[0-9]+: (real keyring|REAL))' $$log; \
	if [ $$rc -ne 0 ]; then \
	  echo "---- each failure with what it logged ----"; awk '/^=== (RUN|CONT)/ {b=""} {b=b $$0 "\n"} /--- FAIL|^panic:/ {printf "%s", b; b=""}' $$log | head -n 400; \
	  echo "---- full log (last 200 lines) ----"; tail -n 200 $$log; fi; \
	rm -f $$log; exit $$rc
	@$(MAKE) --no-print-directory check-packages
	@$(MAKE) --no-print-directory test-windows

## lint: go vet and staticcheck (pinned in tools/go.mod; staticcheck.conf says what is off and
## why), both also with -tags shots (the screenshot driver's build), go vet of the command
## line's packages for Windows, and the check that every target has a ## line; installs no
## package, as build
lint:
	@scripts/install-deps.sh --check build
	$(GO) vet ./...
	$(GO) vet -tags shots ./gui/... ./internal/shots/...
	CGO_ENABLED=0 GOOS=windows $(GO) vet $$(CGO_ENABLED=0 GOOS=windows $(GO) list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' . | grep '^zoomconn')
	$(TOOL) staticcheck ./...
	$(TOOL) staticcheck -tags shots ./gui/... ./internal/shots/...
	scripts/make-help.sh --check Makefile

## fuzz: every fuzz target: the terminal escaper for 60 s, the others for FUZZTIME each
FUZZTIME ?= 15s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzTerminal$$' -fuzztime 60s ./internal/safetext
	@set -e; for pd in $$($(GO) list -f '{{.ImportPath}}:{{.Dir}}' ./...); do \
	  pkg=$${pd%%:*}; dir=$${pd#*:}; \
	  for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | cut -d' ' -f2); do \
	    [ $$f = FuzzTerminal ] && continue; \
	    echo "$$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; done

## bin/fakezoom: the fake Zoom server (cmd/fakezoom) that demo and bench run
bin/fakezoom: $(wildcard auth/zoomtest/*.go auth/webhook/*.go auth/webhook/samples/* cmd/fakezoom/*.go)
	$(GO) build -o bin/fakezoom ./cmd/fakezoom

## demo: the app against the fake Zoom with sample connections (no Zoom account needed), in a
## throwaway config dir and keyring service, both removed when it ends. While it runs,
## scripts/demo.sh COMMAND runs in the same demo (e.g. scripts/demo.sh bin/zoomconn list)
demo: build bin/fakezoom
	scripts/demo.sh

## screenshots: the real app's window under Xvfb against the fake Zoom, driven by
## internal/shots (never part of the shipped app) -> SHOTS_DIR (docs/screenshots)/*.png
SHOTS_DIR ?= docs/screenshots
screenshots: deps-test
	scripts/screenshots.sh $(SHOTS_DIR)

## bin/minimal: the minimal Fyne window bench compares the app's start-up with, built
## as the app is (PIE, full RELRO, hardened C), so the ratio measures the app, not the flags
bin/minimal: internal/benchapps/minimal/main.go
	CGO_CFLAGS='$(APP_CFLAGS)' $(GOBUILD) -buildmode=pie -ldflags '$(APP_LDFLAGS)' -o bin/minimal ./internal/benchapps/minimal

## bench: start-up, token and Go benchmarks side by side with their floors -> BENCHMARKS.md
bench: deps-test
	@$(MAKE) --no-print-directory build bin/fakezoom bin/minimal
	scripts/with-keyring.sh scripts/bench.sh

## bench-events: only the events forward loop (socket -> local handler vs a direct signed POST;
## heap after 10k and 100k events) -> its section of BENCHMARKS.md
bench-events:
	scripts/bench-events.sh

## bundle: dist/Zoom Connections.tar.xz, fyne's Linux bundle (fyne pinned in tools/go.mod):
## the app with its .desktop entry and icon, and zoomconn; make user-install inside installs it
bundle: build
	scripts/bundle.sh

## packages: dist/*.deb and dist/*.rpm (nfpm, pinned in tools/go.mod; packaging/nfpm.yaml) of
## make build's two programs, with desktop entry, AppStream metainfo, icons, man pages and
## shell completions; installs the missing packages it needs (deps-packages)
packages: deps-packages
	@$(MAKE) --no-print-directory build
	scripts/packages.sh

## check-packages: the packages' desktop entry, metainfo, lintian, file lists, dependencies,
## and the programs run from an unpacked .deb and .rpm (part of make test)
check-packages: deps-test
	@$(MAKE) --no-print-directory packages
	scripts/check-packages.sh

## deps-windows: install the missing packages make windows and test-windows need: mingw-w64
## (cgo for Windows), Wine, msitools and wixl (the MSI), zip, ImageMagick (the icon), Xvfb,
## xdotool (the app's window under Wine)
deps-windows:
	@scripts/install-deps.sh windows

## windows: bin/windows_amd64/zoomconn.exe (console) and zoomconn-gui.exe (windowed), with
## icon, version resource and manifest, dist/zoomconn_VERSION_windows_amd64.zip and the
## per-user .msi (wixl); installs the missing packages it needs (deps-windows)
windows: deps-windows
	scripts/windows.sh

## test-windows: make windows, then under Wine in a fresh prefix: the MSI installed, the
## installed zoomconn.exe against the fake Zoom, the app's window and its screenshot
## (dist/test-windows), the uninstall (scripts/test-windows.sh; part of make test)
test-windows: windows bin/fakezoom
	scripts/test-windows.sh

## screenshots-windows: test-windows, its screenshot of the app under Wine written to
## docs/screenshots/windows
screenshots-windows: windows bin/fakezoom
	WINDOWS_SHOTS_DIR=docs/screenshots/windows scripts/test-windows.sh

## release: dist/release/: the command line for Linux, macOS and Windows (amd64, arm64), the
## .deb, .rpm, Windows zip and MSI, a CycloneDX SBOM per program and SHA256SUMS, all
## reproducible (times from the last commit); installs the missing packages it needs
release: deps-test
	scripts/release.sh

## check-release: make release twice from the same commit and compare the SHA256SUMS
check-release: deps-test
	scripts/release.sh --check

## clean: remove bin/ and dist/ (the built programs, bundle and packages)
clean:
	rm -rf bin dist
