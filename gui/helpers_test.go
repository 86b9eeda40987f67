package gui

import (
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/zoomtest"
	"zoomconn/gui/kit"
)

// Credentials the fake Zoom knows.
const (
	accountID     = "acct-1"
	s2sClientID   = "s2sClientID"
	s2sSecret     = "s2s-secret-value"
	genClientID   = "genClientID"
	genSecret     = "gen-secret-value"
	userEmail     = "ada@example.com"
	redirectToReg = "http://127.0.0.1/oauth/callback"
)

type env struct {
	t     *testing.T
	app   fyne.App
	u     *UI
	store *store.Store
	sec   *secrettest.Memory
	fake  *zoomtest.Server
	ep    auth.Endpoints
	// browserErr receives the outcome of each visit of the played browser.
	browserErr chan error
	queue      chan func()
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
// a "browser" that follows the authorize redirect to the loopback server.
func newEnv(t *testing.T, seed func(e *env), opts ...envOption) *env {
	t.Helper()
	browser := zoomtest.NewBrowser()
	e := &env{t: t, sec: &secrettest.Memory{}, browserErr: browser.Done, queue: make(chan func(), 1024)}
	e.fake = zoomtest.NewServer(zoomtest.Options{})
	t.Cleanup(e.fake.Close)
	e.fake.AddUser(zoomtest.User{ID: "user-1", Email: userEmail, FirstName: "Ada", LastName: "Lovelace", AccountID: accountID})
	e.fake.AddS2SApp(zoomtest.S2SApp{AccountID: accountID, ClientID: s2sClientID, ClientSecret: s2sSecret, Scopes: []string{"user:read:admin"}, Activated: true})
	e.fake.AddGeneralApp(zoomtest.GeneralApp{ClientID: genClientID, ClientSecret: genSecret, RedirectURLs: []string{redirectToReg}, Scopes: []string{"user:read:user"}})
	fe := e.fake.Endpoints()
	e.ep = auth.CustomEndpoints(fe.AuthorizeURL, fe.TokenURL, fe.RevokeURL, fe.APIBaseURL)

	var err error
	e.store, err = store.Open(filepath.Join(t.TempDir(), "config"), e.sec)
	if err != nil {
		t.Fatal(err)
	}
	if seed != nil {
		seed(e)
	}
	e.app = test.NewTempApp(t)
	o := Options{
		Service: &access.Service{Store: e.store, OpenURL: browser.Open},
		Version: "1.2.3",
		OpenURL: func(*url.URL) error { return nil },
		// Called on the UI goroutine, which in these tests is the test's.
		AfterFunc: func(d time.Duration, f func()) { e.timers = append(e.timers, &fakeTimer{d: d, f: f}) },
	}
	for _, opt := range opts {
		opt(e, &o)
	}
	e.u = New(e.app, o)
	e.u.ctx.Jobs.Do = e.enqueue
	e.u.Window().Show()
	t.Cleanup(func() { e.waitJobs() })
	return e
}

// The test driver runs fyne.Do inline on the calling goroutine, so a
// background job would touch widgets while the test reads them. Like the
// real driver's main thread, the test goroutine runs them instead: jobs
// queue their UI updates, and waitJobs / pumpUntil run them here.
func (e *env) enqueue(fn func()) { e.queue <- fn }

// pump runs the queued UI updates; it reports whether it ran any.
func (e *env) pump() bool {
	ran := false
	for {
		select {
		case fn := <-e.queue:
			fn()
			ran = true
		default:
			return ran
		}
	}
}

// pumpUntil runs UI updates until cond holds, failing after 20 s.
func (e *env) pumpUntil(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s", what)
		}
		select {
		case fn := <-e.queue:
			fn()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// waitJobs waits until no background job runs and every UI update they
// queued has run (an update may start another job, e.g. Save & test).
func (e *env) waitJobs() {
	e.t.Helper()
	e.pumpUntil("background jobs", func() bool { return !e.u.ctx.Jobs.Busy() && !e.pump() })
}

func (e *env) data() *auth.Data {
	e.t.Helper()
	d, err := e.store.Load()
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

func (e *env) saveS2S(name, secret string) auth.Connection {
	e.t.Helper()
	res, err := e.store.SaveConnection(auth.ConnectionInput{Name: name, Type: auth.AuthS2S, AccountID: accountID, ClientID: s2sClientID, ClientSecret: secret, Endpoints: e.ep})
	if err != nil {
		e.t.Fatal(err)
	}
	return res.Connection
}

func (e *env) saveOAuth(name string) auth.Connection {
	e.t.Helper()
	d := e.data()
	cl, ok := d.Client("Team app")
	if !ok {
		res, err := e.store.SaveClient(auth.ClientInput{Name: "Team app", ClientID: genClientID, ClientSecret: genSecret, Endpoints: e.ep})
		if err != nil {
			e.t.Fatal(err)
		}
		cl = &res.Client
	}
	res, err := e.store.SaveConnection(auth.ConnectionInput{Name: name, Type: auth.AuthOAuth, OAuthClientID: cl.ID, Endpoints: e.ep})
	if err != nil {
		e.t.Fatal(err)
	}
	return res.Connection
}

// typeInto focuses an entry on its window's canvas and types, as a user:
// each rune goes to whatever the canvas has focused. (test.TypeOnCanvas
// sends runes to the canvas's own handler, not to the focused widget.)
func typeInto(w fyne.Window, e *kit.FormEntry, text string) {
	w.Canvas().Focus(e)
	typeFocused(w.Canvas(), text)
}

func typeFocused(c fyne.Canvas, text string) {
	f := c.Focused()
	if f == nil {
		panic("nothing focused")
	}
	for _, r := range text {
		f.TypedRune(r)
	}
}

// setText replaces an entry's text as a user would (select all, type).
func setText(w fyne.Window, e *kit.FormEntry, text string) {
	w.Canvas().Focus(e)
	e.SetText("")
	typeFocused(w.Canvas(), text)
}

// fillS2S types name and the fake Zoom's Server-to-Server credentials
// into a connection form, field by field, as a user would.
func fillS2S(f *ConnectionForm, name string) {
	typeInto(f.Window, f.Name, name)
	typeInto(f.Window, f.AccountID, accountID)
	typeInto(f.Window, f.ClientID, s2sClientID)
	typeInto(f.Window, f.ClientSecret, s2sSecret)
}

// fillClient types name and the fake Zoom's General app Client ID into an
// OAuth client form, and secret unless it is empty.
func fillClient(f *ClientForm, name, secret string) {
	typeInto(f.Window, f.Name, name)
	typeInto(f.Window, f.ClientID, genClientID)
	if secret != "" {
		typeInto(f.Window, f.ClientSecret, secret)
	}
}

// setEndpoints replaces the four URLs of a form's endpoint section.
func setEndpoints(w fyne.Window, s *endpointSection, ep auth.Endpoints) {
	setText(w, s.AuthorizeURL, ep.AuthorizeURL)
	setText(w, s.TokenURL, ep.TokenURL)
	setText(w, s.RevokeURL, ep.RevokeURL)
	setText(w, s.APIURL, ep.APIBaseURL)
}

func (e *env) topModal() *kit.Modal {
	e.t.Helper()
	m := e.u.TopModal()
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

func windowOpen(a fyne.App, w fyne.Window) bool {
	for _, x := range a.Driver().AllWindows() {
		if x == w {
			return true
		}
	}
	return false
}

func contains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s = %q; want it to contain %q", what, got, w)
		}
	}
}

var errKeyring = &secret.Error{Op: "read", Key: "probe/x", Kind: secret.ErrUnavailable, Err: errors.New("The name org.freedesktop.secrets was not provided by any .service files")}
