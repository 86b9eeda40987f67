package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestManPages(t *testing.T) {
	app := filepath.Join(t.TempDir(), "FyneApp.toml")
	if err := os.WriteFile(app, []byte("[Details]\nName = \"Zoom Connections\"\nVersion = \"9.8.7\"\nBuild = 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000") // 14 Nov 2023
	first, second := filepath.Join(t.TempDir(), "man"), filepath.Join(t.TempDir(), "man")
	for _, dir := range []string{first, second} {
		if err := run(dir, app); err != nil {
			t.Fatal(err)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(first, "*.1"))
	names := map[string]bool{}
	for _, p := range pages {
		names[filepath.Base(p)] = true
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(second, filepath.Base(p)))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs on the same sources", filepath.Base(p))
		}
	}
	for _, want := range []string{"zoomconn.1", "zoomconn-token.1", "zoomconn-api.1", "zoomconn-exec.1", "zoomconn-add-s2s.1",
		"zoomconn-remove-client.1", "zoomconn-completion-bash.1", "zoomconn-version.1"} {
		if !names[want] {
			t.Errorf("no %s among %v", want, names)
		}
	}
	if names["zoomconn-help.1"] || names["zoomconn-__complete.1"] {
		t.Errorf("pages for help or the completion entry point: %v", names)
	}
	token, _ := os.ReadFile(filepath.Join(first, "zoomconn-token.1"))
	for _, want := range []string{`.TH "ZOOMCONN-TOKEN" "1" "Nov 2023" "zoomconn 9.8.7" "Zoom Connections"`, "TOKEN=$(zoomconn token Reports)", `\fB--format\fP`} {
		if !strings.Contains(string(token), want) {
			t.Errorf("zoomconn-token.1 lacks %q:\n%s", want, token)
		}
	}
	root, _ := os.ReadFile(filepath.Join(first, "zoomconn.1"))
	for _, want := range []string{`\fB--version\fP`, "Exit codes", `\fBzoomconn-token(1)\fP`} {
		if !strings.Contains(string(root), want) {
			t.Errorf("zoomconn.1 lacks %q:\n%s", want, root)
		}
	}
}

func TestManPagesNeedAVersion(t *testing.T) {
	app := filepath.Join(t.TempDir(), "FyneApp.toml")
	if err := os.WriteFile(app, []byte("[Details]\nName = \"x\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	if err := run(t.TempDir(), app); err == nil || !strings.Contains(err.Error(), "has no Version") {
		t.Fatalf("err = %v", err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := sourceDate(); err == nil || !strings.Contains(err.Error(), "seconds since 1970") {
		t.Fatalf("err = %v", err)
	}
}
