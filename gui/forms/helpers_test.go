package forms

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/gui/internal/testbench"
	"zoomconn/gui/kit"
)

// Credentials the fake Zoom knows.
const (
	accountID     = testbench.AccountID
	s2sClientID   = testbench.S2SClientID
	s2sSecret     = testbench.S2SSecret
	genClientID   = testbench.GenClientID
	genSecret     = testbench.GenSecret
	redirectToReg = testbench.RedirectToReg
)

// env is a test's store and forms, opened as the window opens them.
type env struct {
	*testbench.Bench
	t     *testing.T
	app   fyne.App
	store *store.Store
	sec   *secrettest.Memory
	ep    auth.Endpoints
	u     *window
}

// window is what the forms see of the app's window: what opens them and
// the status line.
type window struct {
	room *testbench.Room
	fs   *Forms
	// saved are the connections the forms said they saved, with whether
	// "Save & …" asked the window to go on (test, authorize).
	saved []savedConn
}

type savedConn struct {
	c    auth.Connection
	then bool
}

// newEnv seeds a store (seed may be nil) and makes the forms on it.
func newEnv(t *testing.T, seed func(e *env)) *env {
	t.Helper()
	b := testbench.New(t)
	e := &env{Bench: b, t: t, app: b.App, store: b.Store, sec: b.Sec, ep: b.EP}
	if seed != nil {
		seed(e)
	}
	r := b.Room()
	e.u = &window{room: r}
	e.u.fs = New(r.Context, func(c auth.Connection, then bool) { e.u.saved = append(e.u.saved, savedConn{c, then}) }, func(auth.OAuthClient) {})
	return e
}

func (e *env) waitJobs() { e.t.Helper(); e.WaitJobs(e.u.room.Jobs) }

// asking is the "Discard changes?" question on w, or nil.
func (e *env) asking(w fyne.Window) *kit.Modal {
	if m := e.u.room.Dialogs.TopOn(w); m != nil && m.Title == discardTitle {
		return m
	}
	return nil
}

// answer clicks the button labelled label of the "Discard changes?"
// question on w, failing the test if w does not ask.
func (e *env) answer(w fyne.Window, label string) {
	e.t.Helper()
	m := e.asking(w)
	if m == nil {
		e.t.Fatalf("%q does not ask %q", w.Title(), discardTitle)
	}
	b := m.Button(label)
	if b == nil {
		e.t.Fatalf("%q has no %q button", discardTitle, label)
	}
	test.Tap(b)
}
func (e *env) data() *auth.Data { e.t.Helper(); return e.Data() }
func (e *env) saveS2S(name, secret string) auth.Connection {
	e.t.Helper()
	return e.SaveS2S(name, secret)
}
func (e *env) saveOAuth(name string) auth.Connection { e.t.Helper(); return e.SaveOAuth(name) }

func (u *window) NewConnection() *connectionForm             { return u.fs.newConnection() }
func (u *window) EditConnection(name string) *connectionForm { return u.fs.editConnection(name) }
func (u *window) ConnectionFormOpen() *connectionForm        { return u.fs.conn }
func (u *window) NewClient(onSaved func(auth.OAuthClient)) *clientForm {
	return u.fs.newClient(onSaved)
}
func (u *window) EditClient(name string, onSaved func(auth.OAuthClient)) *clientForm {
	return u.fs.editClient(name, onSaved)
}
func (u *window) ClientFormOpen() *clientForm { return u.fs.client }

// Status is what the status line says.
func (u *window) Status() string { return u.room.Said }

var (
	typeInto   = func(w fyne.Window, e *kit.FormEntry, text string) { testbench.TypeInto(w, e, text) }
	setText    = testbench.SetText
	windowOpen = testbench.WindowOpen
	contains   = testbench.Contains
)

// fillS2S types name and the fake Zoom's Server-to-Server credentials
// into a connection form, field by field, as a user would.
func fillS2S(f *connectionForm, name string) {
	typeInto(f.win, f.name, name)
	typeInto(f.win, f.accountID, accountID)
	typeInto(f.win, f.clientID, s2sClientID)
	typeInto(f.win, f.clientSecret, s2sSecret)
}

// fillClient types name and the fake Zoom's General app Client ID into an
// OAuth client form, and secret unless it is empty.
func fillClient(f *clientForm, name, secret string) {
	typeInto(f.win, f.name, name)
	typeInto(f.win, f.clientID, genClientID)
	if secret != "" {
		typeInto(f.win, f.clientSecret, secret)
	}
}

// setEndpoints replaces the four URLs of a form's endpoint section.
func setEndpoints(w fyne.Window, s *endpointSection, ep auth.Endpoints) {
	setText(w, s.authorizeURL, ep.AuthorizeURL)
	setText(w, s.tokenURL, ep.TokenURL)
	setText(w, s.revokeURL, ep.RevokeURL)
	setText(w, s.apiURL, ep.APIBaseURL)
}
