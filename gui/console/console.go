// Package console owns the API console: a window that calls the Zoom API
// with a connection's access token, which it never shows (Caller: the
// core's API call, or a test's fake); shows Zoom's answer (status, a
// paginated call's pages and items, rate-limit headers, the body pretty,
// coloured and made safe to show, a large one by the lines in view) and
// what went wrong, always for the request shown; copies a request as a
// curl command that gets its token from zoomconn, saying so in a note that
// comes and goes over the body; and keeps a short history per connection
// (in the core: auth/store's history). It is built with the window's
// view.Context; nothing outside reaches its widgets.
package console

import (
	"fyne.io/fyne/v2"

	"zoomconn/gui/view"
)

// Consoles opens the API console (one window, reused).
type Consoles struct {
	env     *consoleEnv
	console *console // open, or nil
}

// New makes the console's opener; caller makes its calls (nil: the core's
// API call on the session's service).
func New(ctx *view.Context, caller Caller) *Consoles {
	return &Consoles{env: &consoleEnv{Context: ctx, caller: caller}}
}

// Open shows the console for the named connection (the one already open,
// brought forward, if any) and returns its window; nil while the session
// is read-only.
func (cs *Consoles) Open(name string) fyne.Window {
	if cs.env.Session.ReadOnly() {
		return nil
	}
	// Histories an older version left behind when it deleted a connection.
	_ = cs.env.Session.Store().PruneHistory()
	if c := cs.current(); c != nil {
		c.selectConnection(name)
		c.win.RequestFocus()
		return c.win
	}
	cs.console = open(cs.env, name)
	return cs.console.win
}

// current is the open console, or nil.
func (cs *Consoles) current() *console {
	if cs.console == nil || cs.console.closed {
		return nil
	}
	return cs.console
}

// Refresh offers the connections as the file has them now.
func (cs *Consoles) Refresh() {
	if c := cs.current(); c != nil {
		c.refreshConnections()
	}
}
