package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/gofrs/flock"
)

// DefaultLockWait bounds the wait for a connection's lock. The holder makes
// one token request (at most zoom.DefaultRequestTimeout, plus one Retry-After),
// so a lock busy for two minutes belongs to a stuck process.
const DefaultLockWait = 2 * time.Minute

// DefaultLockNotice is how long a wait for a lock stays silent before
// [Locker.OnWait] is told: a usual wait (another process's refresh) is over
// well within it.
const DefaultLockNotice = time.Second

// lockPoll is how often a busy lock is tried again.
const lockPoll = 5 * time.Millisecond

// LockTimeoutError says the wait for a connection's lock gave up.
type LockTimeoutError struct {
	Connection string
	Waited     time.Duration
	Path       string // the lock file
}

func (e *LockTimeoutError) Error() string {
	return fmt.Sprintf("Another process has been refreshing %q for more than %s, so the wait stopped and nothing was changed. Try again; if it keeps happening, end the other process (it holds %s).", e.Connection, e.Waited, e.Path)
}

// Locker hands out per-item locks shared by every process using one
// directory (a lock file per item ID). auth/access locks a connection from
// re-reading its stored token to saving the new one; delete, disconnect,
// edits and secret moves take the same lock, so none of them interleaves
// with a refresh.
type Locker struct {
	// Dir holds the lock files; it is created 0700 when needed.
	Dir string
	// Wait bounds the wait for a lock ([DefaultLockWait] when zero);
	// Notice is how long that wait stays silent before OnWait is told
	// ([DefaultLockNotice] when zero).
	Wait, Notice time.Duration
	// OnWait, if set, is told the name of an item whose lock another
	// process still holds after Notice. It runs on the waiting goroutine.
	OnWait func(name string)
}

// Item names what a lock is for: ID names the lock file, Name is what the
// user is told while waiting.
type Item struct{ ID, Name string }

// Lock takes the lock of one item and returns its release.
func (lk *Locker) Lock(ctx context.Context, id, name string) (func(), error) {
	dir := lk.Dir
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	l := flock.New(filepath.Join(dir, id+".lock"))
	wait, notice := lk.Wait, lk.Notice
	if wait <= 0 {
		wait = DefaultLockWait
	}
	if notice <= 0 {
		notice = DefaultLockNotice
	}
	// Real time, not s.Now: tests freeze that clock.
	start := time.Now()
	noticed := false
	var tick *time.Ticker
	for {
		ok, err := l.TryLock()
		if err != nil {
			return nil, fmt.Errorf("locking %s: %w", l.Path(), err)
		}
		if ok {
			return func() { _ = l.Unlock() }, nil
		}
		if tick == nil {
			tick = time.NewTicker(lockPoll)
			defer tick.Stop()
		}
		// The notice comes before the timeout check, so a wait that ends
		// in the timeout has always said what it was waiting for.
		waited := time.Since(start)
		if !noticed && waited >= notice {
			noticed = true
			if lk.OnWait != nil {
				lk.OnWait(name)
			}
		}
		if waited >= wait {
			return nil, &LockTimeoutError{Connection: name, Waited: wait, Path: l.Path()}
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("Stopped waiting for another process refreshing %q: %w", name, ctx.Err())
		case <-tick.C:
		}
	}
}

// LockAll takes the locks of items in order of ID, the one order every
// caller uses, so two processes taking several never deadlock.
func (lk *Locker) LockAll(ctx context.Context, items []Item) (func(), error) {
	sorted := append([]Item(nil), items...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	var unlocks []func()
	unlockAll := func() {
		for i := len(unlocks) - 1; i >= 0; i-- {
			unlocks[i]()
		}
	}
	for _, c := range sorted {
		unlock, err := lk.Lock(ctx, c.ID, c.Name)
		if err != nil {
			unlockAll()
			return nil, err
		}
		unlocks = append(unlocks, unlock)
	}
	return unlockAll, nil
}

// LockFile takes the cross-process lock of path, waiting for it.
func LockFile(path string) (*flock.Flock, error) {
	l := flock.New(path)
	if err := l.Lock(); err != nil {
		return nil, fmt.Errorf("locking %s: %w", l.Path(), err)
	}
	return l, nil
}
