package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"zoomconn/gui"
	"zoomconn/internal/display"
)

// appEnv makes this test binary, run again as a child, be the app: its
// main with no arguments.
const appEnv = "ZOOMCONN_RUN_APP"

// appCommand is the app started as its desktop entry starts it, in home
// (HOME, the XDG directories, the configuration directory) and a keyring
// service of its own, in English, with no display but one in env.
func appCommand(t *testing.T, home string, env ...string) *exec.Cmd {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^$")
	var base []string
	for _, kv := range withoutLocale(os.Environ()) {
		switch name, _, _ := strings.Cut(kv, "="); name {
		case "DISPLAY", "WAYLAND_DISPLAY", "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME",
			"ZOOMCONN_CONFIG_DIR", "ZOOMCONN_KEYRING_SERVICE", "DBUS_SESSION_BUS_ADDRESS":
		default:
			base = append(base, kv)
		}
	}
	// The real keyring of make test's private D-Bus session; never a
	// developer's own, whose unlock prompt would wait.
	bus := "unix:path=/nonexistent/zoomconn-test"
	if os.Getenv("ZOOMCONN_REQUIRE_KEYRING") != "" {
		bus = os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	}
	cmd.Env = append(base, appEnv+"=1", "LANG=en_US.UTF-8",
		"HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, "config"), "XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"), "ZOOMCONN_CONFIG_DIR="+filepath.Join(home, "zoomconn"),
		"ZOOMCONN_KEYRING_SERVICE=zoomconn-start-test", "DBUS_SESSION_BUS_ADDRESS="+bus)
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// Started without a display (SSH, a headless box: neither DISPLAY nor
// WAYLAND_DISPLAY), the app says so in one sentence, which names the
// command line, and exits 1: no "PlatformError", no "panic:
// NotInitialized" and 30 lines of stack trace, no exit status 2. Given a
// display it cannot open (a DISPLAY left from an ended SSH session), it
// ends the same way after GLFW's one line. (The root package's
// TestLauncherWithoutDisplaySaysOneSentence starts `zoomconn` so.)
func TestNoDisplaySaysOneSentence(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("only X11 and Wayland systems name their display in the environment")
	}
	for _, tc := range []struct {
		name string
		env  []string
		want string
	}{
		{"no display", nil, display.Missing + "\n"},
		{"a display that is not there", []string{"DISPLAY=:7377"}, display.Unreachable(":7377") + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := appCommand(t, t.TempDir(), tc.env...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				t.Errorf("exit: %v; want status 1", err)
			}
			got := stderr.String()
			if tc.env == nil && got != tc.want {
				t.Errorf("stderr:\n%s\nwant exactly:\n%s", got, tc.want)
			}
			if !strings.HasSuffix(got, tc.want) || strings.Contains(got, "panic") || strings.Contains(got, "goroutine") || strings.Count(got, "\n") > 2 {
				t.Errorf("stderr:\n%s\nwant at most GLFW's line, then %q", got, tc.want)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout: %q", stdout.String())
			}
		})
	}
}

// needDisplay skips a test that opens a real window where there is no
// display, unless make test runs it (under Xvfb), where it fails.
func needDisplay(t *testing.T) {
	t.Helper()
	if os.Getenv("DISPLAY") != "" {
		return
	}
	if os.Getenv("CI") != "" || os.Getenv("ZOOMCONN_REQUIRE_KEYRING") != "" {
		t.Fatal("no DISPLAY: make test runs the tests under Xvfb")
	}
	t.Skip("no display; make test runs this under Xvfb")
}

// windowOf waits up to 30 s for a window of process pid to be mapped
// (xdotool, from make deps-test) and returns its X id; out is what the
// process printed.
func windowOf(t *testing.T, pid int, exited <-chan struct{}, out *bytes.Buffer) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			t.Fatalf("the app ended before its window showed:\n%s", out)
		default:
		}
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(pid)).Output()
		if ids := strings.Fields(string(out)); len(ids) > 0 {
			return ids[0]
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the app's window did not show in 30 s")
	return ""
}

// windowSize is the size of X window id (xdotool getwindowgeometry).
func windowSize(t *testing.T, id string) string {
	t.Helper()
	out, err := exec.Command("xdotool", "getwindowgeometry", id).Output()
	if err != nil {
		t.Fatalf("xdotool getwindowgeometry: %v", err)
	}
	_, size, _ := strings.Cut(string(out), "Geometry: ")
	return strings.TrimSpace(size)
}

// Started from a terminal and quit, the real app prints nothing, start
// after start: no "Fyne error: Preferences load error" on quit or at
// start. Fyne rewrote its preferences file in place on quit while its own
// watcher read it back; the app keeps its layout in a file of its own,
// which the next start reads, lets Fyne write nothing, and drops a
// preferences file an interrupted write of an earlier version left
// empty, before Fyne reads it. It quits as a user does, with Ctrl+Q
// (which remembers the layout), or on SIGTERM (Ctrl+C in the terminal,
// where Fyne may drop the app's stop hook, so only the silence is
// checked).
func TestStartAndQuitPrintNothing(t *testing.T) {
	needDisplay(t)
	if _, err := exec.LookPath("xdotool"); err != nil {
		if os.Getenv("CI") != "" || os.Getenv("ZOOMCONN_REQUIRE_KEYRING") != "" {
			t.Fatal("xdotool is missing: make deps-test installs it")
		}
		t.Skip("xdotool is missing (make deps-test)")
	}
	home := t.TempDir()
	prefs := filepath.Join(home, "config", "fyne", gui.AppID, "preferences.json")
	if err := os.MkdirAll(filepath.Dir(prefs), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prefs, nil, 0o600); err != nil { // as an interrupted write left it
		t.Fatal(err)
	}
	layout := filepath.Join(home, "zoomconn", "window.json")
	for run := 1; run <= 4; run++ {
		byKeys := run%2 == 1
		if run == 2 {
			// What the first start wrote, made a size of its own: the
			// second start opens at it.
			b, err := os.ReadFile(layout)
			if err != nil {
				t.Fatalf("the first start left no layout: %v", err)
			}
			b = bytes.Replace(b, []byte(`"width":1040`), []byte(`"width":1111`), 1)
			if !bytes.Contains(b, []byte(`"width":1111`)) {
				t.Fatalf("layout %s", b)
			}
			if err := os.WriteFile(layout, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		cmd := appCommand(t, home, "DISPLAY="+os.Getenv("DISPLAY"))
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		var err error
		go func() { err = cmd.Wait(); close(exited) }()
		id := windowOf(t, cmd.Process.Pid, exited, &stderr)
		time.Sleep(300 * time.Millisecond) // the content is drawn
		if run == 2 {
			if got := windowSize(t, id); !strings.HasPrefix(got, "1111x") {
				t.Errorf("the second start opened at %s; the layout says 1111 wide", got)
			}
		}
		if byKeys {
			// xdotool may report the key's release to a window already gone.
			_ = exec.Command("xdotool", "key", "--window", id, "ctrl+q").Run()
		} else if e := cmd.Process.Signal(syscall.SIGTERM); e != nil {
			t.Fatal(e)
		}
		select {
		case <-exited:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-exited
			t.Fatalf("start %d: the app did not quit (Ctrl+Q: %v)", run, byKeys)
		}
		if err != nil {
			t.Errorf("start %d: the app ended with %v", run, err)
		}
		if stderr.Len() > 0 || stdout.Len() > 0 {
			t.Errorf("start %d printed:\n%s%s", run, stdout.String(), stderr.String())
		}
		if _, e := os.Stat(layout); byKeys && e != nil {
			t.Errorf("start %d quit with Ctrl+Q and left no layout: %v", run, e)
		}
		if b, e := os.ReadFile(prefs); e == nil && len(b) > 0 {
			t.Errorf("start %d wrote Fyne's preferences: %q", run, b)
		}
	}
}
