package console

import (
	"net/url"
	"testing"

	"fyne.io/fyne/v2"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/zoomtest"
	"zoomconn/gui/internal/testbench"
	"zoomconn/gui/view"
)

// Credentials the fake Zoom knows.
const (
	accountID  = testbench.AccountID
	s2sSecret  = testbench.S2SSecret
	userEmail  = testbench.UserEmail
	genSecret  = testbench.GenSecret
	s2sClientI = testbench.S2SClientID
)

// env is a test's fake Zoom and store, and the console opened as the
// window opens it.
type env struct {
	*testbench.Bench
	t     *testing.T
	app   fyne.App
	store *store.Store
	sec   *secrettest.Memory
	fake  *zoomtest.Server
	ep    auth.Endpoints
	u     *window
}

// Options are what a test may change before the console is made: the
// service it runs on and its API caller (nil: the core's).
type Options struct {
	Service *access.Service
	API     Caller
}

// window is what the console sees of the app's window: what opens it, the
// session, the reload of every view, and the URL opener.
type window struct {
	room *testbench.Room
	cs   *Consoles
	sess *view.Session
	opts struct {
		// OpenURL opens a web page; nil opens nothing.
		OpenURL func(*url.URL) error
	}
}

// newEnv seeds a store (seed may be nil) and makes the console's opener on
// it, after opts.
func newEnv(t *testing.T, seed func(e *env), opts ...func(*env, *Options)) *env {
	t.Helper()
	b := testbench.New(t)
	e := &env{Bench: b, t: t, app: b.App, store: b.Store, sec: b.Sec, fake: b.Fake, ep: b.EP}
	if seed != nil {
		seed(e)
	}
	o := Options{Service: b.Service()}
	for _, opt := range opts {
		opt(e, &o)
	}
	r := b.RoomOn(o.Service)
	u := &window{room: r, sess: r.Session}
	r.OpenURL = func(raw string) {
		if u.opts.OpenURL != nil {
			parsed, _ := url.Parse(raw)
			_ = u.opts.OpenURL(parsed)
		}
	}
	u.cs = New(r.Context, o.API)
	r.OnReload = u.cs.Refresh
	e.u = u
	return e
}

func (e *env) waitJobs()        { e.t.Helper(); e.WaitJobs(e.u.room.Jobs) }
func (e *env) pump() bool       { return e.Pump() }
func (e *env) data() *auth.Data { e.t.Helper(); return e.Data() }
func (e *env) pumpUntil(what string, cond func() bool) {
	e.t.Helper()
	e.PumpUntil(what, cond)
}
func (e *env) saveS2S(name, secret string) auth.Connection {
	e.t.Helper()
	return e.SaveS2S(name, secret)
}

// OpenConsole opens the console on the named connection, as the window's
// API… does.
func (u *window) OpenConsole(name string) *console {
	u.cs.Open(name)
	return u.cs.current()
}

// ConsoleOpen is the open console, or nil.
func (u *window) ConsoleOpen() *console { return u.cs.current() }

// reload reads the connections file again and refreshes the console, as
// the window does after a change.
func (u *window) reload() { u.room.Reload() }

var (
	typeFocused = testbench.TypeFocused
	windowOpen  = testbench.WindowOpen
	contains    = testbench.Contains
)
