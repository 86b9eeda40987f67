package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"zoomconn/gui"
	apptheme "zoomconn/gui/theme"
	"zoomconn/internal/localeenv"
)

// probeEnv makes this test binary, run again as a child, do what the app
// does with the locale at start and exit.
const probeEnv = "ZOOMCONN_LOCALE_PROBE"

func TestMain(m *testing.M) {
	if os.Getenv(appEnv) != "" {
		os.Args = os.Args[:1] // the app, as its desktop entry starts it
		main()
		os.Exit(0)
	}
	if os.Getenv(probeEnv) != "" {
		// What the app does with the locale before and after its window
		// exists: Fyne's lang reads it at init, the app and its fonts ask
		// for it again.
		a := app.NewWithID(gui.AppID)
		a.Settings().SetTheme(apptheme.App())
		_ = lang.SystemLocale()
		_ = lang.L("Copy")
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// localeError is what Fyne prints when it is given the C locale with a
// codeset: its lang package rejects "C.UTF-8" as a language.
const localeError = "Error parsing user locale C"

// probe starts the app's locale handling with env added to this process's
// environment minus its locale, passed through launch (the environment the
// app is started with), and returns what it printed.
func probe(t *testing.T, env []string, launch func([]string) []string) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^$")
	cmd.Env = launch(append(withoutLocale(os.Environ()), append(env, probeEnv+"=1")...))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("probe: %v\n%s", err, out)
	}
	return string(out)
}

// Started by the launcher (`zoomconn` with no arguments) from a terminal in
// the C or POSIX locale, with or without a codeset, the app prints no
// "Fyne error: Error parsing user locale C": the launcher gives it
// localeenv.Environ of its environment (the root package's
// TestLauncherSetsLanguageInCLocale checks that it does).
func TestLauncherEnvGivesNoLocaleError(t *testing.T) {
	for _, env := range [][]string{
		{"LANG=C.UTF-8"}, {"LANG=C.utf8"}, {"LC_ALL=C.UTF-8"}, {"LC_ALL=C"}, {"LANG=C"},
		{"LANG=POSIX"}, {"LC_MESSAGES=POSIX.UTF-8"}, {"LANG=C@euro"}, {"LANG=en_US.UTF-8"},
	} {
		t.Run(strings.Join(env, " "), func(t *testing.T) {
			if out := probe(t, env, localeenv.Environ); strings.Contains(out, "Fyne error") || strings.Contains(out, "locale") {
				t.Errorf("started by the launcher in %s the app printed:\n%s", env, out)
			}
		})
	}
}

// Started directly (zoomconn-gui, as the desktop entry does) in LANG=C.UTF-8,
// the app prints Fyne's one locale error (with its cause and place) and no
// other, as the README says: Fyne reads the locale in a package
// initialiser, before the app's main could change anything.
func TestDirectStartInCLocalePrintsOnlyFynesError(t *testing.T) {
	out := probe(t, []string{"LANG=C.UTF-8"}, func(env []string) []string { return env })
	if n := strings.Count(out, "Fyne error"); n > 1 || n != strings.Count(out, localeError) {
		t.Errorf("started directly in LANG=C.UTF-8 the app printed more than Fyne's one locale error:\n%s", out)
	}
	t.Logf("started directly in LANG=C.UTF-8 the app printed: %q", out)
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
