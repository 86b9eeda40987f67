package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"zoomconn/cli"
	"zoomconn/internal/display"
	"zoomconn/internal/localeenv"
)

// appProgram is the desktop app's executable name.
func appProgram() string {
	if runtime.GOOS == "windows" {
		return "zoomconn-gui.exe"
	}
	return "zoomconn-gui"
}

// findApp looks for the desktop app beside this program first (a bundle or
// bin/ keeps both together), then on PATH.
func findApp(self string, lookPath func(string) (string, error)) (string, error) {
	beside := filepath.Join(filepath.Dir(self), appProgram())
	if fi, err := os.Stat(beside); err == nil && !fi.IsDir() {
		return beside, nil
	}
	if p, err := lookPath(appProgram()); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("the desktop app (%s) was not found beside %s or on PATH. Install both programs from the release bundle (or run `make build`), or run `zoomconn help` for the commands.", appProgram(), self)
}

// appEnv is the environment the app is started with: this program's, with
// LANGUAGE=en in a C or POSIX locale with a codeset (see localeenv), which
// Fyne would otherwise report as an error at every start.
func appEnv() []string { return localeenv.Environ(os.Environ()) }

// launchApp starts the desktop app in place of this process. Without a
// display to open it on (SSH, a headless box) it says so in one sentence
// instead, and starts nothing.
func launchApp(stderr io.Writer) int {
	if !display.Available(os.Getenv) {
		fmt.Fprintln(stderr, display.Missing)
		return cli.ExitFailed
	}
	self, err := os.Executable()
	if err == nil {
		self, err = filepath.EvalSymlinks(self)
	}
	if err != nil {
		fmt.Fprintln(stderr, "zoomconn: finding this program:", err)
		return cli.ExitFailed
	}
	app, err := findApp(self, exec.LookPath)
	if err == nil {
		err = startApp(app, appEnv())
	}
	if err != nil {
		fmt.Fprintln(stderr, "zoomconn:", err)
		return cli.ExitFailed
	}
	return cli.ExitOK
}
