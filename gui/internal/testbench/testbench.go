// Package testbench is the desktop app's test bench, for the tests of the
// window and of its rooms only (nothing else may link it; the architecture
// test checks): a fake Zoom that knows a user, a Server-to-Server app and a
// General app; a store on in-memory secrets; a played browser that follows
// the authorize redirect; the Context a room is built with on a test app;
// and the queue through which jobs hand back their results, which a test
// drains on its own goroutine as the real driver does on the main thread.
package testbench

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/zoomtest"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// Credentials the fake Zoom knows.
const (
	AccountID     = "acct-1"
	S2SClientID   = "s2sClientID"
	S2SSecret     = "s2s-secret-value"
	GenClientID   = "genClientID"
	GenSecret     = "gen-secret-value"
	UserEmail     = "ada@example.com"
	RedirectToReg = "http://127.0.0.1/oauth/callback"
)

// Bench is one test's fake Zoom, store and app.
type Bench struct {
	T     *testing.T
	App   fyne.App
	Store *store.Store
	Sec   *secrettest.Memory
	Fake  *zoomtest.Server
	EP    auth.Endpoints // the fake Zoom's, as custom endpoints
	// Browser plays the system browser: it follows the authorize redirect
	// to the loopback server; BrowserErr receives each visit's outcome.
	Browser    *zoomtest.Browser
	BrowserErr chan error
	queue      chan func()
}

// New starts a fake Zoom, a store on in-memory secrets in a temporary
// configuration directory, and a test app.
func New(t *testing.T) *Bench {
	t.Helper()
	browser := zoomtest.NewBrowser()
	b := &Bench{T: t, Sec: &secrettest.Memory{}, Browser: browser, BrowserErr: browser.Done, queue: make(chan func(), 1024)}
	b.Fake = zoomtest.NewServer(zoomtest.Options{})
	t.Cleanup(b.Fake.Close)
	b.Fake.AddUser(zoomtest.User{ID: "user-1", Email: UserEmail, FirstName: "Ada", LastName: "Lovelace", AccountID: AccountID})
	b.Fake.AddS2SApp(zoomtest.S2SApp{AccountID: AccountID, ClientID: S2SClientID, ClientSecret: S2SSecret, Scopes: []string{"user:read:admin"}, Activated: true})
	b.Fake.AddGeneralApp(zoomtest.GeneralApp{ClientID: GenClientID, ClientSecret: GenSecret, RedirectURLs: []string{RedirectToReg}, Scopes: []string{"user:read:user"}})
	fe := b.Fake.Endpoints()
	b.EP = auth.CustomEndpoints(fe.AuthorizeURL, fe.TokenURL, fe.RevokeURL, fe.APIBaseURL)
	var err error
	b.Store, err = store.Open(filepath.Join(t.TempDir(), "config"), b.Sec)
	if err != nil {
		t.Fatal(err)
	}
	b.App = test.NewTempApp(t)
	return b
}

// Service uses the bench's store, opening authorize pages in the played
// browser.
func (b *Bench) Service() *access.Service {
	return &access.Service{Store: b.Store, OpenURL: b.Browser.Open}
}

// Room is what a room's tests build it with: the Context, its main window
// (where its dialogs go), and what it said and opened.
type Room struct {
	*view.Context
	Main fyne.Window
	// Said is the status line's last sentence; Opened and Guides are the
	// pages and set-up guide tabs the room asked the window to open.
	Said   string
	Opened []string
	Guides []auth.AuthType
	// OnReload runs after the session is read again (Context.Reload), as
	// the window refreshes its views.
	OnReload func()
}

// Room makes the Context a room is built with, as the window makes it: on
// the bench's service, its jobs handing results to the bench's queue, its
// dialogs on a main window of their own.
func (b *Bench) Room() *Room { return b.RoomOn(b.Service()) }

// RoomOn is Room on svc, a service on the bench's store.
func (b *Bench) RoomOn(svc *access.Service) *Room {
	r := &Room{Main: test.NewTempWindow(b.T, nil)}
	r.Context = &view.Context{
		App: b.App, Session: view.NewSession(svc, nil), Jobs: kit.NewJobs(),
		Dialogs: kit.NewDialogs(r.Main, b.App.Clipboard(), view.ErrorText),
		Status:  func(s string) { r.Said = s },
		OpenURL: func(u string) { r.Opened = append(r.Opened, u) },
		Guide:   func(t auth.AuthType) { r.Guides = append(r.Guides, t) },
	}
	r.Reload = func() {
		r.Session.Load()
		if r.OnReload != nil {
			r.OnReload()
		}
	}
	r.Jobs.Do = b.Enqueue
	r.Session.Load()
	b.T.Cleanup(func() { b.WaitJobs(r.Jobs) })
	return r
}

// Enqueue is a job's way back to the UI goroutine in tests (kit.Jobs.Do).
// The test driver runs fyne.Do inline on the calling goroutine, so a
// background job would touch widgets while the test reads them. Like the
// real driver's main thread, the test goroutine runs them instead: jobs
// queue their UI updates, and WaitJobs and PumpUntil run them.
func (b *Bench) Enqueue(fn func()) { b.queue <- fn }

// Pump runs the queued UI updates; it reports whether it ran any.
func (b *Bench) Pump() bool {
	ran := false
	for {
		select {
		case fn := <-b.queue:
			fn()
			ran = true
		default:
			return ran
		}
	}
}

// PumpUntil runs UI updates until cond holds, failing after 20 s.
func (b *Bench) PumpUntil(what string, cond func() bool) {
	b.T.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			b.T.Fatalf("timed out waiting for %s", what)
		}
		select {
		case fn := <-b.queue:
			fn()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// WaitJobs waits until no job of j runs and every UI update they queued
// has run (an update may start another job, e.g. Save & test).
func (b *Bench) WaitJobs(j *kit.Jobs) {
	b.T.Helper()
	b.PumpUntil("background jobs", func() bool { return !j.Busy() && !b.Pump() })
}

// Data is the connections file as stored now.
func (b *Bench) Data() *auth.Data {
	b.T.Helper()
	d, err := b.Store.Load()
	if err != nil {
		b.T.Fatal(err)
	}
	return d
}

// SaveS2S stores a Server-to-Server connection to the fake Zoom with
// secret.
func (b *Bench) SaveS2S(name, secret string) auth.Connection {
	b.T.Helper()
	res, err := b.Store.SaveConnection(auth.ConnectionInput{Name: name, Type: auth.AuthS2S, AccountID: AccountID, ClientID: S2SClientID, ClientSecret: secret, Endpoints: b.EP})
	if err != nil {
		b.T.Fatal(err)
	}
	return res.Connection
}

// SaveOAuth stores an OAuth 2.0 connection through the OAuth client "Team
// app" (the fake Zoom's General app), storing that client first if needed.
func (b *Bench) SaveOAuth(name string) auth.Connection {
	b.T.Helper()
	d := b.Data()
	cl, ok := d.Client("Team app")
	if !ok {
		res, err := b.Store.SaveClient(auth.ClientInput{Name: "Team app", ClientID: GenClientID, ClientSecret: GenSecret, Endpoints: b.EP})
		if err != nil {
			b.T.Fatal(err)
		}
		cl = &res.Client
	}
	res, err := b.Store.SaveConnection(auth.ConnectionInput{Name: name, Type: auth.AuthOAuth, OAuthClientID: cl.ID, Endpoints: b.EP})
	if err != nil {
		b.T.Fatal(err)
	}
	return res.Connection
}

// TypeInto focuses an entry on its window's canvas and types, as a user:
// each rune goes to whatever the canvas has focused. (test.TypeOnCanvas
// sends runes to the canvas's own handler, not to the focused widget.)
func TypeInto(w fyne.Window, e fyne.Focusable, text string) {
	w.Canvas().Focus(e)
	TypeFocused(w.Canvas(), text)
}

// TypeFocused types text into what c has focused.
func TypeFocused(c fyne.Canvas, text string) {
	f := c.Focused()
	if f == nil {
		panic("nothing focused")
	}
	for _, r := range text {
		f.TypedRune(r)
	}
}

// SetText replaces an entry's text as a user would (select all, type).
func SetText(w fyne.Window, e *kit.FormEntry, text string) {
	w.Canvas().Focus(e)
	e.SetText("")
	TypeFocused(w.Canvas(), text)
}

// WindowOpen reports whether w is one of a's windows.
func WindowOpen(a fyne.App, w fyne.Window) bool {
	for _, x := range a.Driver().AllWindows() {
		if x == w {
			return true
		}
	}
	return false
}

// Contains fails t unless got contains each of wants.
func Contains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s = %q; want it to contain %q", what, got, w)
		}
	}
}
