package store_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
)

func historyFile(s *store.Store, id string) string {
	return filepath.Join(s.Dir(), "history", id+".json")
}

// appWroteHistory writes a history file as the app's console wrote it
// before the store kept it: the format existing files have.
func appWroteHistory(t *testing.T, s *store.Store, id, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(s.Dir(), "history"), 0o700); err != nil {
		t.Fatal(err)
	}
	raw := `[
  {
    "method": "GET",
    "path": "` + path + `",
    "status": 200,
    "time": "2025-03-01T10:00:00Z",
    "duration_ns": 120000000
  }
]`
	if err := os.WriteFile(historyFile(s, id), []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Deleting a connection deletes its API console history (its paths name
// users); other connections keep theirs.
func TestDeleteConnectionDeletesItsHistory(t *testing.T) {
	s := storetest.New(t, &secrettest.Memory{})
	alice := storetest.MustSaveConn(t, s, storetest.S2SInput("Alice"))
	bob := storetest.MustSaveConn(t, s, storetest.S2SInput("Bob"))
	appWroteHistory(t, s, alice.ID, "users/alice@example.com")
	if _, err := s.AddHistory(bob.ID, store.HistoryEntry{Method: "GET", Path: "users/bob@example.com", Status: 200}); err != nil {
		t.Fatal(err)
	}
	bobBefore, err := os.ReadFile(historyFile(s, bob.ID))
	if err != nil {
		t.Fatal(err)
	}
	if h := s.History(alice.ID); len(h) != 1 || h[0].Path != "users/alice@example.com" || h[0].Duration != 120*time.Millisecond {
		t.Fatalf("the app's history file loads as %+v", h)
	}

	if err := s.DeleteConnection("alice"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(historyFile(s, alice.ID)); !os.IsNotExist(err) {
		t.Errorf("Alice's history after her delete: %v; want it gone", err)
	}
	if after, err := os.ReadFile(historyFile(s, bob.ID)); err != nil || string(after) != string(bobBefore) {
		t.Errorf("Bob's history changed with Alice's delete: %q (%v)", after, err)
	}
}

// A delete that fails keeps the connection and its history.
func TestFailedDeleteKeepsHistory(t *testing.T) {
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	c := storetest.MustSaveConn(t, s, storetest.S2SInput("Precious"))
	appWroteHistory(t, s, c.ID, "users/me")
	mem.Fail = func(op, key string) error { return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable} }
	if err := s.DeleteConnection("Precious"); err == nil {
		t.Fatal("deleted with the keyring unavailable")
	}
	if len(s.History(c.ID)) != 1 {
		t.Error("a failed delete removed the history")
	}
}

// The history keeps the last HistoryMax, newest first, in a private file;
// a hand-edited file's control characters never come back out.
func TestHistoryKeepsTheLastAndCleansTheFile(t *testing.T) {
	s := storetest.New(t, &secrettest.Memory{})
	c := storetest.MustSaveConn(t, s, storetest.S2SInput("Ops"))
	var list []store.HistoryEntry
	for i := range store.HistoryMax + 5 {
		var err error
		if list, err = s.AddHistory(c.ID, store.HistoryEntry{Method: "GET", Path: fmt.Sprintf("users/%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if len(list) != store.HistoryMax || list[0].Path != fmt.Sprintf("users/%d", store.HistoryMax+4) {
		t.Fatalf("history has %d entries, newest %q", len(list), list[0].Path)
	}
	if got := s.History(c.ID); len(got) != store.HistoryMax || got[0] != list[0] {
		t.Errorf("read back %d entries", len(got))
	}
	if st, err := os.Stat(historyFile(s, c.ID)); err != nil {
		t.Error(err)
	} else if st.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v; want 0600", st.Mode().Perm())
	}

	appWroteHistory(t, s, c.ID, `users/\u001b]0;pwned\u0007me`)
	if h := s.History(c.ID); len(h) != 1 || strings.ContainsRune(h[0].Path, 0x1b) || strings.ContainsRune(h[0].Path, 0x07) {
		t.Errorf("a hand-edited path came back as %q", h[0].Path)
	}
}

// A connection that is gone keeps no history, even when it goes while the
// history is being written.
func TestNoHistoryForADeletedConnection(t *testing.T) {
	s := storetest.New(t, &secrettest.Memory{})
	var nf *auth.NotFoundError
	if _, err := s.AddHistory("no-such-id", store.HistoryEntry{Method: "GET", Path: "users"}); !errors.As(err, &nf) {
		t.Errorf("history of an unknown connection: %v; want not found", err)
	}
	if _, err := os.Stat(historyFile(s, "no-such-id")); !os.IsNotExist(err) {
		t.Errorf("history file of an unknown connection: %v", err)
	}

	for i := range 20 {
		c := storetest.MustSaveConn(t, s, storetest.S2SInput(fmt.Sprintf("Racer-%d", i)))
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { // the console recording while the command line deletes
			defer wg.Done()
			for {
				if _, err := s.AddHistory(c.ID, store.HistoryEntry{Method: "GET", Path: "users/me"}); err != nil {
					return
				}
			}
		}()
		if err := s.DeleteConnection(c.Name); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		if _, err := os.Stat(historyFile(s, c.ID)); !os.IsNotExist(err) {
			t.Fatalf("the history of %q outlived its delete: %v", c.Name, err)
		}
	}
}

// PruneHistory removes histories an older version left behind.
func TestPruneHistory(t *testing.T) {
	s := storetest.New(t, &secrettest.Memory{})
	kept := storetest.MustSaveConn(t, s, storetest.S2SInput("Kept"))
	appWroteHistory(t, s, kept.ID, "users/me")
	appWroteHistory(t, s, "orphan", "users/gone@example.com")
	if err := s.PruneHistory(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(historyFile(s, "orphan")); !os.IsNotExist(err) {
		t.Errorf("orphaned history: %v; want it gone", err)
	}
	if len(s.History(kept.ID)) != 1 {
		t.Error("the history of a connection that exists was pruned")
	}
}
