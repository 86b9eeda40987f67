package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"zoomconn/gui"
)

// probeEnv makes this test binary, run again as a child, do what the app
// does with the locale at start and exit.
const probeEnv = "ZOOMCONN_LOCALE_PROBE"

func TestMain(m *testing.M) {
	if os.Getenv(probeEnv) != "" {
		// What the app does with the locale before and after its window
		// exists: Fyne's lang reads it at init, the app and its fonts ask
		// for it again.
		a := app.NewWithID(gui.AppID)
		a.Settings().SetTheme(gui.Theme())
		_ = lang.SystemLocale()
		_ = lang.L("Copy")
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// Started from a terminal in the C or POSIX locale, with or without a
// codeset, the app prints no "Fyne error: Error parsing user locale C"
// (Fyne's lang package rejects "C.UTF-8"; boot.zoomconn/localeenv runs
// before it).
func TestNoLocaleErrorInCLocale(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, env := range [][]string{
		{"LANG=C.UTF-8"}, {"LANG=C.utf8"}, {"LC_ALL=C.UTF-8"}, {"LC_ALL=C"}, {"LANG=C"},
		{"LANG=POSIX"}, {"LC_MESSAGES=POSIX.UTF-8"}, {"LANG=C@euro"}, {"LANG=en_US.UTF-8"},
	} {
		t.Run(strings.Join(env, " "), func(t *testing.T) {
			cmd := exec.Command(self, "-test.run=^$")
			cmd.Env = append(withoutLocale(os.Environ()), append(env, probeEnv+"=1")...)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("probe: %v\n%s", err, out)
			}
			if strings.Contains(string(out), "Fyne error") || strings.Contains(string(out), "locale") {
				t.Errorf("started with %s the app printed:\n%s", env, out)
			}
		})
	}
}

// withoutLocale is env without the variables that choose a locale.
func withoutLocale(env []string) []string {
	var out []string
	for _, kv := range env {
		switch name, _, _ := strings.Cut(kv, "="); {
		case name == "LANG" || name == "LANGUAGE" || strings.HasPrefix(name, "LC_"):
		default:
			out = append(out, kv)
		}
	}
	return out
}
