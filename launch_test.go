package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindApp(t *testing.T) {
	dir := t.TempDir()
	self := filepath.Join(dir, "zoomconn")
	beside := filepath.Join(dir, appProgram())
	onPath := "/opt/elsewhere/" + appProgram()
	found := func(string) (string, error) { return onPath, nil }
	missing := func(string) (string, error) { return "", errors.New("not on PATH") }

	if got, err := findApp(self, found); err != nil || got != onPath {
		t.Fatalf("nothing beside: got %q, %v; want the PATH one", got, err)
	}
	if err := os.WriteFile(beside, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := findApp(self, found); err != nil || got != beside {
		t.Fatalf("app beside: got %q, %v; want it before PATH", got, err)
	}
	os.Remove(beside)
	if err := os.Mkdir(beside, 0o755); err != nil { // a directory of that name is not the app
		t.Fatal(err)
	}
	_, err := findApp(self, missing)
	if err == nil || !strings.Contains(err.Error(), appProgram()) || !strings.Contains(err.Error(), "zoomconn help") {
		t.Fatalf("err = %v; want a sentence naming the app and the way on", err)
	}
}

// Scripts run zoomconn for every token: it must not link the GUI toolkit,
// whose package initialisers and OpenGL/X11 libraries would slow each run.
func TestCommandLineDoesNotLinkFyne(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("go list: %v", err)
		}
		t.Skipf("go list unavailable: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "fyne.io/") || strings.HasPrefix(pkg, "github.com/go-gl/") || pkg == "zoomconn/gui" {
			t.Errorf("zoomconn depends on %s; the GUI belongs in cmd/zoomconn-gui", pkg)
		}
	}
}
