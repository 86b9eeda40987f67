package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"slices"
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

// archRule is one arrow that must never exist: no package who names may
// depend on a package banned names, over everything it links (its
// transitive non-test dependencies) or, when direct, over what it imports
// itself.
type archRule struct {
	who    func(pkg string) bool
	banned func(dep string) bool
	direct bool
	why    string
}

// architectureRules are the arrows of docs/architecture.md.
func architectureRules() []archRule {
	fyne := func(dep string) bool {
		return strings.HasPrefix(dep, "fyne.io/") || strings.HasPrefix(dep, "github.com/go-gl/")
	}
	const (
		model    = "zoomconn/auth"
		deploy   = "zoomconn/auth/deploy"
		store    = "zoomconn/auth/store"
		access   = "zoomconn/auth/access"
		zoom     = "zoomconn/auth/zoom"
		loopback = "zoomconn/auth/loopback"
		secrets  = "zoomconn/auth/secret"
		// testbench is the GUI's test bench: test code, like storetest.
		testbench = "zoomconn/gui/internal/testbench"
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
	io := func(d string) bool {
		return under(d, "net/http") || under(d, "golang.org/x/oauth2") || d == "os/exec"
	}
	return []archRule{
		{func(p string) bool { return under(p, model) }, func(d string) bool {
			return fyne(d) || under(d, "zoomconn/cli") || under(d, "zoomconn/gui")
		}, false, "the core serves both front-ends and knows neither"},
		{func(p string) bool { return p == model }, anyOf(store, access, loopback, secrets, zoom), false,
			"the credential model keeps no file, lock or secret, runs no flow and speaks no protocol"},
		{func(p string) bool { return p == model || p == deploy }, io, false,
			"the credential model and the deployments' rules do no I/O (no net/http, no OAuth library)"},
		{func(p string) bool { return p == deploy }, func(d string) bool { return strings.HasPrefix(d, "zoomconn/") }, false,
			"the deployments' rules stand alone, so the model and the protocol share them"},
		{func(p string) bool { return under(p, "zoomconn/auth/webhook") }, func(d string) bool {
			return under(d, "net/http") || strings.HasPrefix(d, "zoomconn/") && d != "zoomconn/internal/safetext"
		}, false, "the webhook protocol is pure: no net/http, nothing of zoomconn but internal/safetext"},
		{func(p string) bool { return under(p, "zoomconn/auth/sdkjwt") }, func(d string) bool {
			return io(d) || strings.HasPrefix(d, "zoomconn/")
		}, false, "the SDK JWT claims are pure: no network, no storage, nothing of zoomconn"},
		{func(p string) bool { return under(p, "zoomconn/auth/mcpallow") }, func(d string) bool {
			return io(d) || under(d, "github.com/modelcontextprotocol") || strings.HasPrefix(d, "zoomconn/")
		}, false, "the MCP allow list is pure rules: no network, no MCP library, nothing of zoomconn (where a list is kept and which applies are the workflow's)"},
		{func(p string) bool { return under(p, store) }, anyOf(access, loopback, zoom), false,
			"the store keeps metadata and secrets; it never uses a connection or speaks Zoom's protocol"},
		{func(p string) bool { return under(p, loopback) }, anyOf(model, store, access, zoom, secrets), false,
			"the redirect server serves any provider and holds no secret"},
		{func(p string) bool { return under(p, secrets) }, anyOf(model, store, access, zoom, loopback), false,
			"secret stores know nothing of connections or Zoom"},
		{func(p string) bool { return under(p, zoom) }, anyOf(model, store, access, secrets), false,
			"the protocol package decides nothing about which secret goes where"},
		{func(p string) bool { return under(p, "zoomconn/auth/zoomevents") }, func(d string) bool {
			return io(d) || under(d, "github.com/coder/websocket") || strings.HasPrefix(d, "zoomconn/") && d != "zoomconn/internal/safetext"
		}, false, "the WebSocket events protocol is pure data (URL, heartbeat, frames, redaction): no network, no WebSocket library, nothing of zoomconn but the sanitiser"},
		{func(p string) bool {
			return p != "zoomconn/cmd/fakezoom" && !under(p, "zoomconn/auth/zoomtest") && !under(p, "zoomconn/internal/shots") && !under(p, testbench)
		}, func(d string) bool { return under(d, "zoomconn/auth/zoomtest") }, false, "the fake Zoom is for tests (and the GUI's test bench), the demo and screenshots only"},
		{func(p string) bool {
			return !under(p, "zoomconn/auth/store/storetest") && !under(p, secrets+"/secrettest") && !under(p, testbench)
		},
			func(d string) bool {
				return under(d, "zoomconn/auth/store/storetest") || under(d, secrets+"/secrettest") || under(d, testbench)
			},
			false, "test helpers and doubles are for tests only"},
		{func(p string) bool { return !under(p, "zoomconn/gui/guitest") && !under(p, "zoomconn/internal/shots") },
			func(d string) bool { return under(d, "zoomconn/gui/guitest") },
			false, "the window's widgets are reached from the test side (gui/guitest) by tests and the screenshot driver only"},
		{func(p string) bool {
			return under(p, "zoomconn/gui/forms") || under(p, "zoomconn/gui/console") || under(p, "zoomconn/gui/events") || under(p, "zoomconn/gui/agent") || under(p, "zoomconn/gui/sdk")
		}, func(d string) bool {
			return under(d, "zoomconn/gui") && !under(d, "zoomconn/gui/kit") && !under(d, "zoomconn/gui/view")
		}, false, "a view room (the forms, the API console, the Events window) is built with the kit and view only: no other room, no theme"},
		{func(p string) bool {
			return under(p, "zoomconn/cli") || under(p, "zoomconn/gui") && !under(p, testbench)
		}, anyOf(secrets, zoom, loopback), true,
			"the front-ends use auth, auth/store and auth/access only: where secrets live, the protocol and the redirect server are the core's"},
		{func(p string) bool { return p == "zoomconn" }, func(d string) bool { return fyne(d) || under(d, "zoomconn/gui") },
			false, "`zoomconn token` must not load the GUI toolkit"},
		{func(p string) bool { return p == "zoomconn/cmd/zoomconn-gui" }, func(d string) bool { return under(d, "zoomconn/internal/shots") },
			false, "the shipped app carries no screenshot driver"},
		{func(p string) bool { return strings.HasPrefix(p, "zoomconn/gui/") }, func(d string) bool { return d == "zoomconn/gui" },
			false, "a room of the app (kit, theme, view, forms, console) never imports the window that wires it"},
		{func(p string) bool { return under(p, "zoomconn/gui/view") }, func(d string) bool {
			return under(d, "zoomconn/gui") && !under(d, "zoomconn/gui/view") && !under(d, "zoomconn/gui/kit")
		}, false, "what every view is built with (the session, the context, the app's words) knows no view: only the kit"},
		{func(p string) bool { return under(p, "zoomconn/gui/kit") }, func(d string) bool { return strings.HasPrefix(d, "zoomconn/") && d != "zoomconn/assets" },
			false, "the widget kit knows nothing of zoomconn (no connection, store or Zoom, no other gui package): it imports only the drawings in assets"},
		{func(p string) bool { return under(p, "zoomconn/gui/theme") }, func(d string) bool { return strings.HasPrefix(d, "zoomconn/") && d != "zoomconn/assets" },
			false, "the theme is the app's look: it knows nothing of zoomconn but the drawings in assets"},
	}
}

// violations lists every arrow of pkgs that rules forbid.
func violations(pkgs []listedPackage, rules []archRule) []string {
	var out []string
	for _, p := range pkgs {
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
					out = append(out, p.ImportPath+" depends on "+d+": "+r.why)
				}
			}
		}
	}
	return out
}

// TestArchitecture enforces the arrows that must never exist (see
// docs/architecture.md).
func TestArchitecture(t *testing.T) {
	for _, v := range violations(listPackages(t), architectureRules()) {
		t.Error(v)
	}
}

// TestArchitectureRulesBite breaks each rule once, on the package list of
// this tree with one arrow added, and expects exactly that rule to fire: a
// rule that can never fail guards nothing.
func TestArchitectureRulesBite(t *testing.T) {
	pkgs := listPackages(t)
	for i, r := range architectureRules() {
		broken := false
		for _, p := range pkgs {
			if !r.who(p.ImportPath) {
				continue
			}
			for _, d := range allPackages(pkgs) {
				if !r.banned(d) {
					continue
				}
				bad := p
				bad.Imports = append(slices.Clone(p.Imports), d)
				bad.Deps = append(slices.Clone(p.Deps), d)
				if got := violations([]listedPackage{bad}, []archRule{r}); len(got) == 0 {
					t.Errorf("rule %d (%s): %s importing %s was not reported", i, r.why, p.ImportPath, d)
				}
				broken = true
				break
			}
			if broken {
				break
			}
		}
		if !broken {
			t.Errorf("rule %d (%s) names no package of this tree that could break it", i, r.why)
		}
	}
}

// allPackages is every package the tree's packages are or link.
func allPackages(pkgs []listedPackage) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range pkgs {
		for _, d := range append([]string{p.ImportPath}, p.Deps...) {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	slices.Sort(out)
	return out
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
