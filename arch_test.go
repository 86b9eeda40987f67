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
// everything a package links (its transitive non-test dependencies).
func TestArchitecture(t *testing.T) {
	fyne := func(dep string) bool {
		return strings.HasPrefix(dep, "fyne.io/") || strings.HasPrefix(dep, "github.com/go-gl/")
	}
	rules := []struct {
		who    func(pkg string) bool
		banned func(dep string) bool
		why    string
	}{
		{func(p string) bool { return under(p, "zoomconn/auth") }, func(d string) bool {
			return fyne(d) || under(d, "zoomconn/cli") || under(d, "zoomconn/gui")
		}, "the core serves both front-ends and knows neither"},
		{func(p string) bool { return under(p, "zoomconn/auth/loopback") }, func(d string) bool {
			return d == "zoomconn/auth" || under(d, "zoomconn/auth/zoom") || under(d, "zoomconn/auth/secret")
		}, "the redirect server serves any provider and holds no secret"},
		{func(p string) bool { return under(p, "zoomconn/auth/secret") }, func(d string) bool {
			return d == "zoomconn/auth" || under(d, "zoomconn/auth/zoom") || under(d, "zoomconn/auth/loopback")
		}, "secret stores know nothing of connections or Zoom"},
		{func(p string) bool { return under(p, "zoomconn/auth/store") }, func(d string) bool {
			return d == "zoomconn/auth" || under(d, "zoomconn/auth/zoom") || under(d, "zoomconn/auth/loopback")
		}, "the file and lock keeper knows nothing of connections or Zoom"},
		{func(p string) bool { return under(p, "zoomconn/auth/zoom") && p != "zoomconn/auth/zoomtest" }, func(d string) bool {
			return d == "zoomconn/auth" || under(d, "zoomconn/auth/secret")
		}, "the protocol package decides nothing about which secret goes where"},
		{func(p string) bool {
			return p != "zoomconn/cmd/fakezoom" && !under(p, "zoomconn/auth/zoomtest") && !under(p, "zoomconn/internal/shots")
		}, func(d string) bool { return under(d, "zoomconn/auth/zoomtest") }, "the fake Zoom is for tests, the demo and screenshots only"},
		{func(p string) bool { return p == "zoomconn" }, func(d string) bool { return fyne(d) || under(d, "zoomconn/gui") },
			"`zoomconn token` must not load the GUI toolkit"},
		{func(p string) bool { return p == "zoomconn/cmd/zoomconn-gui" }, func(d string) bool { return under(d, "zoomconn/internal/shots") },
			"the shipped app carries no screenshot driver"},
	}
	for _, p := range listPackages(t) {
		for _, r := range rules {
			if !r.who(p.ImportPath) {
				continue
			}
			for _, d := range p.Deps {
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
