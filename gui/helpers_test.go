package gui

import (
	"errors"
	"net/url"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/zoomtest"
	"zoomconn/gui/guitest"
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
	userEmail     = testbench.UserEmail
	redirectToReg = testbench.RedirectToReg
)

type env struct {
	*testbench.Bench
	t     *testing.T
	app   fyne.App
	u     *mainWindow
	store *store.Store
	sec   *secrettest.Memory
	fake  *zoomtest.Server
	ep    auth.Endpoints
	// browserErr receives the outcome of each visit of the played browser.
	browserErr chan error
	// timers are the UI's timers (Options.AfterFunc), fired by the test.
	timers []*fakeTimer
}

// fakeTimer is one Options.AfterFunc call.
type fakeTimer struct {
	d time.Duration
	f func()
}

type envOption func(*env, *Options)

func withKeyringErr(err error) envOption {
	return func(_ *env, o *Options) { o.KeyringErr = err }
}

// newEnv starts a fake Zoom, a store on in-memory secrets, and the UI with
// a "browser" that follows the authorize redirect to the loopback server
// (testbench).
func newEnv(t *testing.T, seed func(e *env), opts ...envOption) *env {
	t.Helper()
	b := testbench.New(t)
	e := &env{Bench: b, t: t, app: b.App, store: b.Store, sec: b.Sec, fake: b.Fake, ep: b.EP, browserErr: b.BrowserErr}
	if seed != nil {
		seed(e)
	}
	o := Options{
		Service: b.Service(),
		Version: "1.2.3",
		openURL: func(*url.URL) error { return nil },
		// Called on the UI goroutine, which in these tests is the test's.
		afterFunc: func(d time.Duration, f func()) { e.timers = append(e.timers, &fakeTimer{d: d, f: f}) },
	}
	for _, opt := range opts {
		opt(e, &o)
	}
	e.u = newWindow(e.app, o)
	e.u.ctx.Jobs.Do = e.Enqueue
	e.u.window().Show()
	t.Cleanup(func() { e.waitJobs() })
	return e
}

// The test bench's queue, pumped on the test goroutine (testbench).
func (e *env) pumpUntil(what string, c func() bool) { e.t.Helper(); e.PumpUntil(what, c) }
func (e *env) waitJobs()                            { e.t.Helper(); e.WaitJobs(e.u.ctx.Jobs) }
func (e *env) data() *auth.Data                     { e.t.Helper(); return e.Data() }
func (e *env) saveS2S(name, secret string) auth.Connection {
	e.t.Helper()
	return e.SaveS2S(name, secret)
}
func (e *env) saveOAuth(name string) auth.Connection { e.t.Helper(); return e.SaveOAuth(name) }

// The forms as the tests drive them: the window's action, then the form's
// widgets found in its window by their labels (guitest), as a user finds
// them; nil when no form opened.

func (u *mainWindow) NewConnection() *guitest.ConnectionForm {
	return guitest.ConnectionFormOf(u.newConnection())
}

func (u *mainWindow) EditConnection(name string) *guitest.ConnectionForm {
	return guitest.ConnectionFormOf(u.editConnection(name))
}

// ConnectionFormOpen is the connection form opened last, if it is open.
func (u *mainWindow) ConnectionFormOpen() *guitest.ConnectionForm {
	return guitest.ConnectionFormOf(guitest.Window(u.app, guitest.ConnectionFormTitles...))
}

func (u *mainWindow) NewClient(onSaved func(auth.OAuthClient)) *guitest.ClientForm {
	return guitest.ClientFormOf(u.newClient(onSaved))
}

func (u *mainWindow) EditClient(name string, onSaved func(auth.OAuthClient)) *guitest.ClientForm {
	return guitest.ClientFormOf(u.editClient(name, onSaved))
}

// ClientFormOpen is the OAuth client form opened last, if it is open.
func (u *mainWindow) ClientFormOpen() *guitest.ClientForm {
	return guitest.ClientFormOf(guitest.Window(u.app, guitest.ClientFormTitles...))
}

var (
	typeInto    = func(w fyne.Window, e *kit.FormEntry, text string) { testbench.TypeInto(w, e, text) }
	typeFocused = testbench.TypeFocused
	setText     = testbench.SetText
	windowOpen  = testbench.WindowOpen
	contains    = testbench.Contains
)

// s2sOwn is ep as a Server-to-Server connection keeps it: no Authorize
// URL, which it never opens.
func s2sOwn(ep auth.Endpoints) auth.Endpoints {
	ep.AuthorizeURL = ""
	return ep
}

// fillS2S types name and the fake Zoom's Server-to-Server credentials
// into a connection form, field by field, as a user would.
func fillS2S(f *guitest.ConnectionForm, name string) {
	typeInto(f.Window, f.Name, name)
	typeInto(f.Window, f.AccountID, accountID)
	typeInto(f.Window, f.ClientID, s2sClientID)
	typeInto(f.Window, f.ClientSecret, s2sSecret)
}

// setEndpoints replaces the URLs of a connection form: the four, or the
// three of a Server-to-Server connection, which shows no Authorize URL.
func setEndpoints(f *guitest.ConnectionForm, ep auth.Endpoints) {
	if f.Shown(auth.FieldAuthorizeURL) {
		setText(f.Window, f.AuthorizeURL, ep.AuthorizeURL)
	}
	setText(f.Window, f.TokenURL, ep.TokenURL)
	setText(f.Window, f.RevokeURL, ep.RevokeURL)
	setText(f.Window, f.APIURL, ep.APIBaseURL)
}

func (e *env) topModal() *kit.Modal {
	e.t.Helper()
	m := e.u.topModal()
	if m == nil {
		e.t.Fatal("no dialog is showing")
	}
	return m
}

func tapButton(t *testing.T, m *kit.Modal, label string) {
	t.Helper()
	b := m.Button(label)
	if b == nil {
		var labels []string
		for _, x := range m.Buttons {
			labels = append(labels, x.Text)
		}
		t.Fatalf("dialog %q has no button %q (has %q)", m.Title, label, labels)
	}
	test.Tap(b)
}

// rowTexts returns the cell texts of every connection row shown: name,
// auth type, endpoints, token expires, secrets in, status.
func (e *env) rowTexts() [][]string {
	var rows [][]string
	for i := range e.u.conns.Rows() {
		c := e.u.conns.Rows()[i]
		rows = append(rows, []string{c.Name, c.Type.Label(), c.Endpoints.Preset.Label(), e.u.conns.expiryText(c), e.u.sess.SecretsText(), statusText(c)})
	}
	return rows
}

var errKeyring = &secret.Error{Op: "read", Key: "probe/x", Kind: secret.ErrUnavailable, Err: errors.New("The name org.freedesktop.secrets was not provided by any .service files")}
