// Package events owns the Events window: it listens to a connection's
// Zoom events over Zoom's WebSocket with the core's workflow (the one
// `zoomconn events listen` runs: access.Service.Listen, forwarding
// included), lists what arrives (time, name, summary; the last maxEvents,
// oldest dropped and counted), shows the selected event's JSON pretty and
// made safe, says how the socket is doing (connecting, connected,
// reconnecting, stopped; never a token or a URL that carries one),
// optionally forwards each event signed to a local handler and shows each
// delivery, and sends a bundled test event or the URL validation check to
// a handler (the core of `zoomconn events trigger`). It is built with the
// window's view.Context; nothing outside reaches its widgets.
package events

import (
	"fyne.io/fyne/v2"

	"zoomconn/gui/view"
)

// Windows opens the Events window (one window, reused).
type Windows struct {
	ctx *view.Context
	w   *window // open, or nil
}

// New makes the Events window's opener.
func New(ctx *view.Context) *Windows { return &Windows{ctx: ctx} }

// Open shows the Events window on the named connection or OAuth client
// ("" for none; the one already open is brought forward, its choice kept
// while it listens) and returns it; nil while the session is read-only.
func (ws *Windows) Open(name string) fyne.Window {
	if ws.ctx.Session.ReadOnly() {
		return nil
	}
	if w := ws.current(); w != nil {
		if w.run == nil {
			w.selectConnection(name)
		}
		w.win.RequestFocus()
		return w.win
	}
	ws.w = open(ws.ctx, name)
	return ws.w.win
}

// current is the open window, or nil.
func (ws *Windows) current() *window {
	if ws.w == nil || ws.w.closed {
		return nil
	}
	return ws.w
}

// Refresh offers the connections as the file has them now; a listen on a
// connection that is gone stops.
func (ws *Windows) Refresh() {
	if w := ws.current(); w != nil {
		w.refreshConnections()
	}
}

// clientSuffix marks an OAuth client among the connections in the
// window's choice: it listens with an app-level token of its own.
const clientSuffix = " (OAuth client)"

// targets are what the window can listen on, as its choice shows them:
// the session's connections, then its OAuth clients (marked); each label
// maps to the name the core takes.
func targets(ctx *view.Context) (labels []string, names map[string]string) {
	names = map[string]string{}
	d := ctx.Session.Data()
	for _, c := range d.Connections {
		labels = append(labels, c.Name)
		names[c.Name] = c.Name
	}
	for _, cl := range d.Clients {
		l := cl.Name + clientSuffix
		labels = append(labels, l)
		names[l] = cl.Name
	}
	return labels, names
}
