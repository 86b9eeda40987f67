// Package agent owns the "Use with an AI agent" window of a connection:
// the entry to paste into an AI agent's configuration (Claude, Cursor, VS
// Code, Codex; mcp serve, or mcp proxy to Zoom's hosted meeting server for
// an OAuth 2.0 connection) with Copy, the connection's stored allow list
// (edited and saved there), and the last calls agents made (its audit
// log). The entry, the allow list and the log are the core's, as `zoomconn
// mcp config`, `mcp allow` and `mcp log` use them; the window is built with
// the window's view.Context, and nothing outside reaches its widgets.
package agent

import (
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"

	"zoomconn/gui/view"
)

// Windows opens the window of a connection (one window, reused).
type Windows struct {
	ctx *view.Context
	w   *window // open, or nil
	// Command is the program an agent starts; "" means the zoomconn
	// command line beside this program, or this program.
	Command string
}

// New makes the window's opener.
func New(ctx *view.Context) *Windows { return &Windows{ctx: ctx} }

// Open shows the window for the named connection (the one already open
// is brought forward and switched to it) and returns it; nil while the
// session is read-only or for a name that is no connection.
func (ws *Windows) Open(name string) fyne.Window {
	if ws.ctx.Session.ReadOnly() {
		return nil
	}
	if _, ok := ws.ctx.Session.Data().Connection(name); !ok {
		return nil
	}
	if w := ws.current(); w != nil {
		w.show(name)
		w.win.RequestFocus()
		return w.win
	}
	ws.w = open(ws.ctx, ws.command(), name)
	return ws.w.win
}

// Refresh shows the connection as the file has it now; the window closes
// when its connection is gone.
func (ws *Windows) Refresh() {
	if w := ws.current(); w != nil {
		if _, ok := ws.ctx.Session.Data().Connection(w.name); !ok {
			w.close()
			return
		}
		w.show(w.name)
	}
}

func (ws *Windows) current() *window {
	if ws.w == nil || ws.w.closed {
		return nil
	}
	return ws.w
}

// command is the program an agent's configuration starts: the zoomconn
// command line installed beside the app (it starts faster, linking no
// GUI), else the app itself, which runs the same commands.
func (ws *Windows) command() string {
	if ws.Command != "" {
		return ws.Command
	}
	exe, err := os.Executable()
	if err != nil {
		return "zoomconn"
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	cli := "zoomconn"
	if runtime.GOOS == "windows" {
		cli += ".exe"
	}
	if p := filepath.Join(filepath.Dir(exe), cli); p != exe {
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			return p
		}
	}
	return exe
}
