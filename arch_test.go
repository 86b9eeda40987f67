package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// listedPackage is what `go list -json` says of one package.
type listedPackage struct {
	ImportPath string
	Imports    []string // non-test imports
	Deps       []string // every package it links, transitively
}

func listPackages(t *testing.T) []listedPackage {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps=false", "-json=ImportPath,Imports,Deps", "./...").Output()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("go list: %v", err)
		}
		t.Skipf("go list unavailable: %v", err)
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func under(pkg, root string) bool { return pkg == root || strings.HasPrefix(pkg, root+"/") }

// TestArchitecture enforces the arrows that must never exist (see
// docs/architecture.md): each rule names who may not depend on whom, over
// everything a package links (its transitive non-test dependencies), or,
// for a rule marked direct, over what it imports itself.
func TestArchitecture(t *testing.T) {
	fyne := func(dep string) bool {
		return strings.HasPrefix(dep, "fyne.io/") || strings.HasPrefix(dep, "github.com/go-gl/")
	}
	const (
		model    = "zoomconn/auth"
		store    = "zoomconn/auth/store"
		access   = "zoomconn/auth/access"
		zoom     = "zoomconn/auth/zoom"
		loopback = "zoomconn/auth/loopback"
		secrets  = "zoomconn/auth/secret"
	)
	anyOf := func(roots ...string) func(string) bool {
		return func(d string) bool {
			for _, r := range roots {
				if d == r || r != model && under(d, r) {
					return true
				}
			}
			return false
		}
	}
	rules := []struct {
		who    func(pkg string) bool
		banned func(dep string) bool
		direct bool // only the package's own imports count
		why    string
	}{
		{func(p string) bool { return under(p, model) }, func(d string) bool {
			return fyne(d) || under(d, "zoomconn/cli") || under(d, "zoomconn/gui")
		}, false, "the core serves both front-ends and knows neither"},
		{func(p string) bool { return p == model }, anyOf(store, access, loopback, secrets), false,
			"the credential model keeps no file, lock or secret and runs no flow"},
		{func(p string) bool { return under(p, store) }, anyOf(access, loopback), false,
			"the store keeps metadata and secrets; it never uses a connection"},
		{func(p string) bool { return under(p, store) }, anyOf(zoom), true,
			"the store speaks no Zoom protocol (it reaches auth/zoom only through the model's endpoint presets)"},
		{func(p string) bool { return under(p, loopback) }, anyOf(model, store, access, zoom, secrets), false,
			"the redirect server serves any provider and holds no secret"},
		{func(p string) bool { return under(p, secrets) }, anyOf(model, store, access, zoom, loopback), false,
			"secret stores know nothing of connections or Zoom"},
		{func(p string) bool { return under(p, zoom) }, anyOf(model, store, access, secrets), false,
			"the protocol package decides nothing about which secret goes where"},
		{func(p string) bool {
			return p != "zoomconn/cmd/fakezoom" && !under(p, "zoomconn/auth/zoomtest") && !under(p, "zoomconn/internal/shots")
		}, func(d string) bool { return under(d, "zoomconn/auth/zoomtest") }, false, "the fake Zoom is for tests, the demo and screenshots only"},
		{func(p string) bool { return !under(p, "zoomconn/auth/store/storetest") }, func(d string) bool { return under(d, "zoomconn/auth/store/storetest") },
			false, "the store's test helpers are for tests only"},
		{func(p string) bool { return p == "zoomconn" }, func(d string) bool { return fyne(d) || under(d, "zoomconn/gui") },
			false, "`zoomconn token` must not load the GUI toolkit"},
		{func(p string) bool { return p == "zoomconn/cmd/zoomconn-gui" }, func(d string) bool { return under(d, "zoomconn/internal/shots") },
			false, "the shipped app carries no screenshot driver"},
	}
	for _, p := range listPackages(t) {
		for _, r := range rules {
			if !r.who(p.ImportPath) {
				continue
			}
			deps := p.Deps
			if r.direct {
				deps = p.Imports
			}
			for _, d := range deps {
				if r.banned(d) {
					t.Errorf("%s depends on %s: %s", p.ImportPath, d, r.why)
				}
			}
		}
	}
}

// TestEveryPackageSaysWhatItOwns: each package has a doc comment.
func TestEveryPackageSaysWhatItOwns(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}\t{{.Doc}}", "./...").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, doc, _ := strings.Cut(line, "\t")
		if strings.TrimSpace(doc) == "" {
			t.Errorf("package %s has no doc comment saying what it owns", path)
		}
	}
}
