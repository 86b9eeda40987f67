SHELL := /bin/bash
GO ?= go
BIN := bin/zoomconn
APP := bin/zoomconn-gui
VERSION := $(shell sed -n 's/^Version = "\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS := -X main.version=$(VERSION)
TESTFLAGS ?=

.PHONY: run build test lint deps-build deps-test deps-packages demo screenshots package packages check-packages bench fuzz clean

## run: install missing build packages, build and launch the app
run: build
	./$(BIN)

## build: bin/zoomconn (command line, no GUI linked) and bin/zoomconn-gui (the app)
build: deps-build
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) .
	$(GO) build -ldflags '$(LDFLAGS)' -o $(APP) ./cmd/zoomconn-gui

deps-build:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

deps-packages:
	@scripts/install-deps.sh packages

## test: install test packages, then go test -race under Xvfb + D-Bus + a fresh gnome-keyring.
## Everything is compiled first, in parallel; then the packages run one at a time, because they
## share one keyring daemon and each has tests that load it with many processes.
## Then check-packages: the .deb and .rpm built and inspected.
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

## lint: go vet and staticcheck (pinned in go.mod as a tool; staticcheck.conf says what is off and why)
lint: deps-build
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

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

bin/fakezoom: $(wildcard auth/zoomtest/*.go cmd/fakezoom/*.go)
	$(GO) build -o bin/fakezoom ./cmd/fakezoom

## demo: the app against the fake Zoom with sample connections (no Zoom account needed)
demo: build bin/fakezoom
	scripts/demo.sh

## screenshots: the real app's window under Xvfb against the fake Zoom, driven by
## internal/shots (never part of the shipped app) -> $(SHOTS_DIR)/*.png
SHOTS_DIR ?= docs/screenshots
screenshots: deps-build deps-test
	scripts/screenshots.sh $(SHOTS_DIR)

bin/minimal: internal/benchapps/minimal/main.go
	$(GO) build -o bin/minimal ./internal/benchapps/minimal

## bench: start-up, token and Go benchmarks side by side with their floors -> BENCHMARKS.md
bench: deps-test build bin/fakezoom bin/minimal
	scripts/with-keyring.sh scripts/bench.sh

FYNE := $(shell $(GO) env GOPATH)/bin/fyne
$(FYNE):
	$(GO) install fyne.io/tools/cmd/fyne@v1.7.4

## package: a Linux bundle in dist/: the app (zoomconn-gui, with a .desktop entry) and zoomconn
package: build $(FYNE)
	FYNE=$(FYNE) scripts/package.sh

## packages: dist/*.deb and dist/*.rpm (nfpm, packaging/nfpm.yaml) of make build's two programs,
## with desktop entry, AppStream metainfo, icons, man pages and shell completions
packages: build deps-packages
	scripts/packages.sh

## check-packages: the packages' desktop entry, metainfo, lintian, file lists, dependencies,
## and the programs run from an unpacked .deb and .rpm (part of make test)
check-packages: packages deps-test
	scripts/check-packages.sh

clean:
	rm -rf bin dist
