package gui

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"zoomconn/internal/atomicfile"
	"zoomconn/internal/safetext"
)

// historyMax is how many requests the console keeps per connection.
const historyMax = 50

// historyEntry is one request the console sent: never a token, never a
// body, never the query (it may carry a next_page_token or an address).
type historyEntry struct {
	Method   string        `json:"method"`
	Path     string        `json:"path"`
	Status   int           `json:"status"` // 0 when no answer came
	Time     time.Time     `json:"time"`
	Duration time.Duration `json:"duration_ns"`
}

// apiHistory keeps each connection's last requests in
// <config dir>/history/<connection id>.json.
type apiHistory struct{ dir string }

func newAPIHistory(configDir string) *apiHistory {
	return &apiHistory{dir: filepath.Join(configDir, "history")}
}

// path is the connection's history file; "" for an ID that is not a
// plain file name.
func (h *apiHistory) path(connID string) string {
	if connID == "" || strings.ContainsFunc(connID, func(r rune) bool {
		return !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		return ""
	}
	return filepath.Join(h.dir, connID+".json")
}

// load is the connection's history, newest first; an unreadable file is
// an empty history.
func (h *apiHistory) load(connID string) []historyEntry {
	p := h.path(connID)
	if p == "" {
		return nil
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	var list []historyEntry
	if json.Unmarshal(raw, &list) != nil {
		return nil
	}
	for i := range list { // the file may have been edited by hand
		list[i].Method = safetext.Clean(list[i].Method, 10)
		list[i].Path = safetext.Clean(list[i].Path, safetext.MaxURL)
	}
	return list[:min(len(list), historyMax)]
}

// add puts e first in the connection's history, keeps the last
// historyMax and returns the new list.
func (h *apiHistory) add(connID string, e historyEntry) ([]historyEntry, error) {
	list := append([]historyEntry{e}, h.load(connID)...)
	list = list[:min(len(list), historyMax)]
	p := h.path(connID)
	if p == "" {
		return list, errors.New("no history for this connection")
	}
	raw, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return list, err
	}
	if err := os.MkdirAll(h.dir, 0o700); err != nil {
		return list, err
	}
	return list, atomicfile.Write(p, raw)
}

// forget removes the connection's history.
func (h *apiHistory) forget(connID string) error {
	p := h.path(connID)
	if p == "" {
		return nil
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// prune removes the history of every connection not in keep (deleted
// elsewhere, e.g. by the command line).
func (h *apiHistory) prune(keep map[string]bool) {
	ents, err := os.ReadDir(h.dir)
	if err != nil {
		return
	}
	for _, de := range ents {
		id, ok := strings.CutSuffix(de.Name(), ".json")
		if ok && !de.IsDir() && !keep[id] {
			_ = h.forget(id)
		}
	}
}
