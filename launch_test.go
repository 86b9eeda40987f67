package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"zoomconn/internal/display"
)

// launchProbeEnv makes this test binary, run again as a child, do what
// `zoomconn` with no arguments does: start the app.
const launchProbeEnv = "ZOOMCONN_LAUNCH_PROBE"

func TestMain(m *testing.M) {
	if os.Getenv(launchProbeEnv) != "" {
		os.Exit(launchApp(os.Stderr))
	}
	os.Exit(m.Run())
}

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

// The launcher starts the app with LANGUAGE=en in a C or POSIX locale with a
// codeset, so Fyne, which rejects "C" as a language, prints no locale error
// (cmd/zoomconn-gui's TestLauncherEnvGivesNoLocaleError starts the real app
// that way); any other locale reaches the app as it is.
func TestLauncherSetsLanguageInCLocale(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in app is a shell script")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// A stand-in app on PATH (nothing named zoomconn-gui is beside the test
	// binary) that writes down the environment it was started with.
	dir := t.TempDir()
	got := filepath.Join(dir, "env.txt")
	script := "#!/bin/sh\nenv > '" + got + "'\n"
	if err := os.WriteFile(filepath.Join(dir, appProgram()), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		locale, want string // want: the LANGUAGE the app sees
	}{
		{"LANG=C.UTF-8", "en"},
		{"LC_ALL=POSIX.utf8", "en"},
		{"LANG=C", ""},
		{"LANG=en_GB.UTF-8", ""},
	} {
		os.Remove(got)
		cmd := exec.Command(self, "-test.run=^$")
		cmd.Env = []string{"PATH=" + dir + string(os.PathListSeparator) + os.Getenv("PATH"), tc.locale, launchProbeEnv + "=1", "DISPLAY=:0"}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: launcher: %v\n%s", tc.locale, err, out)
		}
		env, err := os.ReadFile(got)
		if err != nil {
			t.Fatalf("%s: the app was not started: %v", tc.locale, err)
		}
		lines := strings.Split(string(env), "\n")
		language := ""
		for _, l := range lines {
			if v, ok := strings.CutPrefix(l, "LANGUAGE="); ok {
				language = v
			}
		}
		if language != tc.want || !strings.Contains(string(env), tc.locale+"\n") {
			t.Errorf("started in %s the app saw LANGUAGE=%q, want %q; its environment:\n%s", tc.locale, language, tc.want, env)
		}
	}
}

// Without a display (SSH, a headless box: neither DISPLAY nor
// WAYLAND_DISPLAY), `zoomconn` with no arguments says so in one sentence,
// which names the command line, exits 1 and starts nothing: the app it
// would start panicked in Fyne with a stack trace and exit status 2. With
// a display it starts the app. (cmd/zoomconn-gui's
// TestNoDisplaySaysOneSentence starts the app itself without one.)
func TestLauncherWithoutDisplaySaysOneSentence(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("only X11 and Wayland systems name their display in the environment")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "zoomconn")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		t.Skipf("go build unavailable: %v\n%s", err, out)
	}
	// A stand-in app beside it that notes it was started.
	started := filepath.Join(dir, "started")
	if err := os.WriteFile(filepath.Join(dir, appProgram()), []byte("#!/bin/sh\ntouch '"+started+"'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); name != "DISPLAY" && name != "WAYLAND_DISPLAY" {
			env = append(env, kv)
		}
	}
	for _, tc := range []struct {
		name    string
		env     []string
		display bool
	}{
		{"no display", nil, false},
		{"an empty DISPLAY", []string{"DISPLAY="}, false},
		{"X11", []string{"DISPLAY=:0"}, true},
		{"Wayland", []string{"WAYLAND_DISPLAY=wayland-0"}, true},
	} {
		os.Remove(started)
		cmd := exec.Command(bin)
		cmd.Env = append(append([]string{}, env...), tc.env...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		_, statErr := os.Stat(started)
		if tc.display {
			if err != nil || statErr != nil {
				t.Errorf("%s: %v, %s; want the app started", tc.name, err, stderr.String())
			}
			continue
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("%s: exit %v; want status 1", tc.name, err)
		}
		if got, want := stderr.String(), display.Missing+"\n"; got != want || stdout.Len() > 0 {
			t.Errorf("%s: printed %q on stdout and on stderr:\n%s\nwant only:\n%s", tc.name, stdout.String(), got, want)
		}
		if statErr == nil {
			t.Errorf("%s: the app was started", tc.name)
		}
	}
}
