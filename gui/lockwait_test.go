package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/gofrs/flock"
)

// While another process holds a connection's lock, a job on it says so in
// the status line, and goes on once the lock is free.
func TestWaitingForAnotherProcessShowsInTheStatusLine(t *testing.T) {
	var id string
	e := newEnv(t, func(e *env) { id = e.saveS2S("Reports", s2sSecret).ID })
	held := flock.New(filepath.Join(e.store.Dir(), "locks", id+".lock"))
	if err := os.MkdirAll(filepath.Dir(held.Path()), 0o700); err != nil {
		t.Fatal(err)
	}
	if ok, err := held.TryLock(); !ok || err != nil {
		t.Fatalf("lock: %v %v", ok, err)
	}
	e.store.LockNotice = time.Millisecond
	e.u.selectConnection("Reports")
	test.Tap(e.u.tb.testButton)
	want := `Waiting for another window or zoomconn command that is refreshing "Reports"…`
	e.pumpUntil("the waiting notice", func() bool { return strings.Contains(e.u.status.Text, want) })
	if err := held.Unlock(); err != nil {
		t.Fatal(err)
	}
	e.waitJobs()
	contains(t, "title", e.topModal().Title, "Test passed: Reports")
}
