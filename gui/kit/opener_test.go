package kit

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Opening a page leaves no zombie: the opener (here a fake xdg-open that
// notes its PID and the URL, then exits) is waited for. Fyne's OpenURL
// starts xdg-open and never waits, so each page opened left one behind.
func TestURLOpenerLeavesNoZombie(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "fake-xdg-open")
	noted := filepath.Join(dir, "noted")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s %s' \"$$\" \"$1\" > \""+noted+".tmp\" && mv \""+noted+".tmp\" \""+noted+"\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	o := URLOpener{Command: []string{script}}
	const page = "https://marketplace.zoom.us/develop/create"
	if err := o.Open(page); err != nil {
		t.Fatal(err)
	}
	var pid int
	waitFor(t, "the opener to run", func() bool {
		b, err := os.ReadFile(noted)
		if err != nil {
			return false
		}
		f := strings.Fields(string(b))
		if len(f) != 2 || f[1] != page {
			t.Fatalf("the opener was given %q", b)
		}
		pid, _ = strconv.Atoi(f[0])
		return true
	})
	// A process that exited but was not waited for stays in /proc as a
	// zombie (state Z) until its parent waits or exits.
	waitFor(t, "the opener to be reaped", func() bool {
		_, err := os.Stat("/proc/" + strconv.Itoa(pid))
		return errors.Is(err, fs.ErrNotExist)
	})
}

func TestURLOpenerSaysWhenItCannotStart(t *testing.T) {
	err := URLOpener{Command: []string{filepath.Join(t.TempDir(), "no-such-opener")}}.Open("https://zoom.us")
	if err == nil || !strings.Contains(err.Error(), "could not be started") {
		t.Errorf("err = %v", err)
	}
	if SystemURLOpener().Command[0] == "" {
		t.Error("no system opener")
	}
}

// waitFor polls cond until it holds, failing after 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
