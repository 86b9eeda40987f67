package auth

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
// [Store.OnWait] is told: a usual wait (another process's refresh) is over
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
	return fmt.Sprintf("Another zoomconn process has been refreshing %q for more than %s, so zoomconn stopped waiting and changed nothing. Try again; if it keeps happening, end the other zoomconn process (it holds %s).", e.Connection, e.Waited, e.Path)
}

// lockConnection takes the per-connection lock shared by every process
// using this config dir. A refresh holds it from re-reading the stored
// token to saving the new one; delete, disconnect and secret moves hold it
// too, so none of them can interleave with a refresh. name is only for
// what the user is told while waiting.
func (s *Store) lockConnection(ctx context.Context, id, name string) (func(), error) {
	dir := filepath.Join(s.dir, locksDirName)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	l := flock.New(filepath.Join(dir, id+".lock"))
	wait, notice := s.LockWait, s.LockNotice
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
			if s.OnWait != nil {
				s.OnWait(name)
			}
		}
		if waited >= wait {
			return nil, &LockTimeoutError{Connection: name, Waited: wait, Path: l.Path()}
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("Stopped waiting for another zoomconn process refreshing %q: %w", name, ctx.Err())
		case <-tick.C:
		}
	}
}

// lockConnections takes the locks of conns in order of ID, the one order
// every caller uses, so two processes taking several never deadlock.
func (s *Store) lockConnections(ctx context.Context, conns []Connection) (func(), error) {
	sorted := append([]Connection(nil), conns...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	var unlocks []func()
	unlockAll := func() {
		for i := len(unlocks) - 1; i >= 0; i-- {
			unlocks[i]()
		}
	}
	for _, c := range sorted {
		unlock, err := s.lockConnection(ctx, c.ID, c.Name)
		if err != nil {
			unlockAll()
			return nil, err
		}
		unlocks = append(unlocks, unlock)
	}
	return unlockAll, nil
}
