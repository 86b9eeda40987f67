package store

// The API console's request history is kept here, beside its connection,
// so that deleting the connection (from either front-end) deletes it too:
// its paths carry addresses such as /users/alice@example.com.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"zoomconn/auth"
	"zoomconn/internal/atomicfile"
	"zoomconn/internal/safetext"
)

// HistoryMax is how many requests a connection's history keeps.
const HistoryMax = 50

const historyDirName = "history"

// HistoryEntry is one request the API console sent: never a token, never
// a body, never the query (it may carry a next_page_token or an address).
// The JSON shape is the file's format; files written before the history
// moved here load unchanged.
type HistoryEntry struct {
	Method   string        `json:"method"`
	Path     string        `json:"path"`
	Status   int           `json:"status"` // 0 when no answer came
	Time     time.Time     `json:"time"`
	Duration time.Duration `json:"duration_ns"`
}

// historyPath is the connection's history file,
// <dir>/history/<connection id>.json; "" for an ID that is not a plain
// file name.
func (s *Store) historyPath(connID string) string {
	if connID == "" || strings.ContainsFunc(connID, func(r rune) bool {
		return !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		return ""
	}
	return filepath.Join(s.dir, historyDirName, connID+".json")
}

// History is the connection's history, newest first; a missing or
// unreadable file is an empty history.
func (s *Store) History(connID string) []HistoryEntry {
	p := s.historyPath(connID)
	if p == "" {
		return nil
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	var list []HistoryEntry
	if json.Unmarshal(raw, &list) != nil {
		return nil
	}
	for i := range list { // the file may have been edited by hand
		list[i].Method = safetext.Clean(list[i].Method, 10)
		list[i].Path = safetext.Clean(list[i].Path, safetext.MaxURL)
	}
	return list[:min(len(list), HistoryMax)]
}

// AddHistory puts e first in the history of the connection with this ID,
// keeps the last HistoryMax and returns the new list. A connection that
// is gone, or goes meanwhile, keeps no history: [*auth.NotFoundError].
func (s *Store) AddHistory(connID string, e HistoryEntry) ([]HistoryEntry, error) {
	if err := s.connectionExists(connID); err != nil {
		return nil, err
	}
	list := append([]HistoryEntry{e}, s.History(connID)...)
	list = list[:min(len(list), HistoryMax)]
	p := s.historyPath(connID)
	if p == "" {
		return list, errors.New("no history for this connection")
	}
	raw, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return list, err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return list, err
	}
	if err := atomicfile.Write(p, raw); err != nil {
		return list, err
	}
	// A delete that committed while this wrote has already removed the
	// file; this write would bring it back. Without taking the store's
	// lock (held across keyring prompts): look again, and remove it.
	if err := s.connectionExists(connID); err != nil {
		return nil, errors.Join(err, s.forgetHistory(connID))
	}
	return list, nil
}

func (s *Store) connectionExists(connID string) error {
	d, err := s.Load()
	if err != nil {
		return err
	}
	if _, ok := d.ConnectionByID(connID); !ok {
		return &auth.NotFoundError{What: "connection", Name: connID}
	}
	return nil
}

// forgetHistory removes the connection's history file.
func (s *Store) forgetHistory(connID string) error {
	p := s.historyPath(connID)
	if p == "" {
		return nil
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing the API console history %s: %w", p, err)
	}
	return nil
}

// PruneHistory removes the history of every connection the file no longer
// has, e.g. one deleted by a version that left its history behind.
func (s *Store) PruneHistory() error {
	ents, err := os.ReadDir(filepath.Join(s.dir, historyDirName))
	if err != nil {
		return nil // no history yet
	}
	// Read after the directory: a history file is written only while its
	// connection is in the file, so one listed above is kept if it is here.
	d, err := s.Load()
	if err != nil {
		return err
	}
	var errs []error
	for _, de := range ents {
		id, ok := strings.CutSuffix(de.Name(), ".json")
		if _, kept := d.ConnectionByID(id); ok && !de.IsDir() && !kept {
			errs = append(errs, s.forgetHistory(id))
		}
	}
	return errors.Join(errs...)
}
