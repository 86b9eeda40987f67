package store

// The audit log of AI agents' calls through a connection (mcp serve and
// mcp proxy): one JSON line per tool call, kept beside the connection like
// the API console's history and deleted with it. Never a token, a body or
// a query: the time, the tool, the method and path, the status and how
// long it took.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"zoomconn/internal/atomicfile"
	"zoomconn/internal/safetext"
)

const mcpLogDirName = "mcp-audit"

// MCPLogMax is how many calls a connection's audit log keeps once it is
// trimmed; it is trimmed when it grows past twice that.
const MCPLogMax = 1000

// MCPCall is one tool call of an AI agent. Method and Path are empty for
// a call that is no API request (a hosted server's tool, zoom_scopes).
type MCPCall struct {
	Time     time.Time     `json:"time"`
	Tool     string        `json:"tool"`
	Method   string        `json:"method,omitempty"`
	Path     string        `json:"path,omitempty"`
	Status   int           `json:"status,omitempty"` // Zoom's HTTP status; 0 when none came
	Outcome  string        `json:"outcome"`          // ok, refused, error
	Duration time.Duration `json:"duration_ns"`
}

// Outcomes of an [MCPCall].
const (
	MCPOutcomeOK      = "ok"
	MCPOutcomeRefused = "refused"
	MCPOutcomeError   = "error"
)

func (s *Store) mcpLogPath(connID string) string {
	p := s.historyPath(connID) // the same check of the ID as a file name
	if p == "" {
		return ""
	}
	return filepath.Join(s.dir, mcpLogDirName, connID+".jsonl")
}

// clean makes a call read from or written to the log safe to show.
func (c MCPCall) clean() MCPCall {
	c.Tool = safetext.Clean(c.Tool, 128)
	c.Method = safetext.Clean(c.Method, 10)
	path, _, _ := strings.Cut(c.Path, "?") // a query may carry an address or a page token
	c.Path = safetext.Clean(path, safetext.MaxURL)
	c.Outcome = safetext.Clean(c.Outcome, 16)
	return c
}

// AppendMCPCall adds a call to the audit log of the connection with this
// ID. A connection that is gone, or goes meanwhile, keeps no log:
// [*auth.NotFoundError].
func (s *Store) AppendMCPCall(connID string, c MCPCall) error {
	if err := s.connectionExists(connID); err != nil {
		return err
	}
	p := s.mcpLogPath(connID)
	if p == "" {
		return errors.New("no audit log for this connection")
	}
	line, err := json.Marshal(c.clean())
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	_, werr := f.Write(append(line, '\n')) // one write: lines of two processes never interleave
	info, serr := f.Stat()
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return werr
	}
	if serr == nil && info.Size() > 2*MCPLogMax*256 {
		s.trimMCPLog(p)
	}
	// A delete that committed meanwhile has removed the file; this write
	// would bring it back.
	if err := s.connectionExists(connID); err != nil {
		return errors.Join(err, s.forgetMCPLog(connID))
	}
	return nil
}

// trimMCPLog keeps the last MCPLogMax lines.
func (s *Store) trimMCPLog(p string) {
	raw, err := os.ReadFile(p)
	if err != nil {
		return
	}
	lines := bytes.SplitAfter(raw, []byte("\n"))
	if len(lines) <= MCPLogMax {
		return
	}
	_ = atomicfile.Write(p, bytes.Join(lines[len(lines)-MCPLogMax-1:], nil))
}

// MCPCalls is the connection's audit log, oldest first, at most the last
// n calls (n <= 0: all it keeps). A missing log is empty; unreadable lines
// are skipped.
func (s *Store) MCPCalls(connID string, n int) ([]MCPCall, error) {
	p := s.mcpLogPath(connID)
	if p == "" {
		return nil, nil
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []MCPCall
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for sc.Scan() {
		var c MCPCall
		if json.Unmarshal(sc.Bytes(), &c) == nil {
			out = append(out, c.clean()) // the file may have been edited by hand
		}
	}
	if n > 0 && len(out) > n {
		out = out[len(out)-n:]
	}
	return out, sc.Err()
}

// forgetMCPLog removes the connection's audit log.
func (s *Store) forgetMCPLog(connID string) error {
	p := s.mcpLogPath(connID)
	if p == "" {
		return nil
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing the AI agent audit log %s: %w", p, err)
	}
	return nil
}
