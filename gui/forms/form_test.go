package forms

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/auth/secret"
)

func TestConnectionFormValidationBesideFields(t *testing.T) {
	cases := []struct {
		name  string
		fill  func(e *env, f *connectionForm)
		save  bool
		field string
		want  string
	}{
		{"name required after clearing", func(e *env, f *connectionForm) { typeInto(f.win, f.name, "x"); setText(f.win, f.name, "") }, false, auth.FieldConnName, "Required."},
		{"duplicate name", func(e *env, f *connectionForm) { typeInto(f.win, f.name, "existing") }, false, auth.FieldConnName, "already used"},
		{"control characters in name", func(e *env, f *connectionForm) { f.win.Canvas().Focus(f.name); f.name.SetText("a\tb") }, false, auth.FieldConnName, "control characters"},
		{"space in account ID", func(e *env, f *connectionForm) { typeInto(f.win, f.accountID, "abc def") }, false, auth.FieldAccountID, "only visible characters"},
		{"client ID required on save", func(e *env, f *connectionForm) { typeInto(f.win, f.name, "New") }, true, auth.FieldClientID, "Required."},
		{"secret required on save", func(e *env, f *connectionForm) { typeInto(f.win, f.name, "New") }, true, auth.FieldClientSecret, "Required."},
		{"OAuth client required", func(e *env, f *connectionForm) {
			typeInto(f.win, f.name, "New")
			f.authTypeChoice.SetSelected("OAuth 2.0")
		}, true, auth.FieldOAuthClient, "pick one, or add one with the + button"},
		{"custom endpoint must be https", func(e *env, f *connectionForm) {
			f.viewChoice.SetSelected("HTTP")
			f.preset.SetSelected("Custom URLs")
			setText(f.win, f.tokenURL, "http://evil.example/oauth/token")
		}, false, auth.FieldTokenURL, "Must use https"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(e *env) { e.saveS2S("Existing", s2sSecret) })
			f := e.u.NewConnection()
			for n := range f.fields {
				if msg := f.errorFor(n); msg != "" {
					t.Fatalf("fresh form already shows %q for %s", msg, n)
				}
			}
			tc.fill(e, f)
			if tc.save {
				test.Tap(f.saveButton)
				e.waitJobs()
			}
			contains(t, "message beside "+tc.field, f.errorFor(tc.field), tc.want)
			if !windowOpen(e.app, f.win) {
				t.Error("an invalid form was closed")
			}
			if n := len(e.data().Connections); n != 1 {
				t.Errorf("%d connections stored; want only the existing one", n)
			}
		})
	}
}

func TestEscClosesFormWithoutSaving(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	typeInto(f.win, f.name, "Draft")
	typeInto(f.win, f.clientSecret, "typed-secret")
	f.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	// Issue 19: typed work is never dropped without asking.
	e.answer(f.win, discardLabel)
	if windowOpen(e.app, f.win) {
		t.Fatal("Esc did not close the form")
	}
	if f.clientSecret.Text != "" {
		t.Error("the typed secret stayed in the closed form")
	}
	if len(e.data().Connections) != 0 {
		t.Error("Esc saved something")
	}
}

func TestOAuthFormPlusAndPencil(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	typeInto(f.win, f.name, "My meetings")
	f.authTypeChoice.SetSelected("OAuth 2.0")
	if f.saveAnd.Text != "Save & authorize" || f.fields[auth.FieldAccountID].cell.Visible() || !f.fields[auth.FieldOAuthClient].cell.Visible() {
		t.Fatal("OAuth 2.0 did not switch the fields and buttons")
	}
	if !f.editButton.Disabled() {
		t.Error("pencil enabled with no client selected")
	}
	test.Tap(f.addButton)
	cf := e.u.ClientFormOpen()
	if cf == nil {
		t.Fatal("+ did not open the OAuth client form")
	}
	if !cf.clientSecret.Password {
		t.Error("client secret not masked")
	}
	contains(t, "redirect URL", cf.redirectURL.Text, redirectToReg)
	fillClient(cf, "Team app", "")
	test.Tap(cf.saveButton)
	e.waitJobs()
	contains(t, "secret message", cf.errorFor(auth.FieldClientSecret), "Required.")
	typeInto(cf.win, cf.clientSecret, genSecret)
	test.Tap(cf.saveButton)
	e.waitJobs()
	if windowOpen(e.app, cf.win) {
		t.Fatal("client form still open after save")
	}
	if f.clientSelect.Selected != "Team app" {
		t.Fatalf("the new client is not selected in the connection form: %q", f.clientSelect.Selected)
	}
	cl, _ := e.data().Client("Team app")
	if v, _ := e.sec.Get("oauth-client/" + cl.ID + "/client-secret"); v != genSecret {
		t.Errorf("client secret stored = %q", v)
	}

	// The pencil edits it: filled, secret not shown; make it public.
	test.Tap(f.editButton)
	cf = e.u.ClientFormOpen()
	if cf.name.Text != "Team app" || cf.clientSecret.Text != "" {
		t.Fatalf("edit client form: name %q secret %q", cf.name.Text, cf.clientSecret.Text)
	}
	contains(t, "placeholder", cf.clientSecret.PlaceHolder, "Stored")
	test.Tap(cf.public)
	if cf.fields[auth.FieldClientSecret].cell.Visible() {
		t.Error("secret still shown for a public client")
	}
	setText(cf.win, cf.port, "80")
	contains(t, "port message", cf.errorFor(auth.FieldPort), "between 1024 and 65535")
	setText(cf.win, cf.port, "8123")
	if cf.redirectURL.Text != "http://127.0.0.1:8123/oauth/callback" || cf.allowList.Text != cf.redirectURL.Text {
		t.Errorf("redirect with port = %q, allow list %q", cf.redirectURL.Text, cf.allowList.Text)
	}
	test.Tap(cf.copyRedirect)
	if got := e.app.Clipboard().Content(); got != "http://127.0.0.1:8123/oauth/callback" {
		t.Errorf("clipboard = %q", got)
	}
	test.Tap(cf.saveButton)
	e.waitJobs()
	cl, _ = e.data().Client("Team app")
	if cl.Kind != auth.Public || cl.Port != 8123 {
		t.Errorf("edited client = %+v", cl)
	}
	if _, err := e.sec.Get("oauth-client/" + cl.ID + "/client-secret"); !errors.Is(err, secret.ErrNotFound) {
		t.Error("a public client kept its secret")
	}

	// Save the connection itself.
	test.Tap(f.saveButton)
	e.waitJobs()
	c, ok := e.data().Connection("My meetings")
	if !ok || c.OAuthClientID != cl.ID || c.Status() != "needs authorization" {
		t.Fatalf("saved OAuth connection = %+v", c)
	}
}

func TestClientFormValidationBesideFields(t *testing.T) {
	cases := []struct {
		name  string
		fill  func(f *clientForm)
		field string
		want  string
	}{
		{"name required", func(f *clientForm) { typeInto(f.win, f.name, "x"); setText(f.win, f.name, "") }, auth.FieldClientName, "Required."},
		{"duplicate name", func(f *clientForm) { typeInto(f.win, f.name, "TEAM APP") }, auth.FieldClientName, "already used"},
		{"client ID with a space", func(f *clientForm) { typeInto(f.win, f.clientID, "a b") }, auth.FieldClientID, "only visible characters"},
		{"port not a number", func(f *clientForm) { typeInto(f.win, f.port, "http") }, auth.FieldPort, "between 1024 and 65535"},
		{"secret with a line break", func(f *clientForm) { f.win.Canvas().Focus(f.clientSecret); f.clientSecret.SetText("abc\x00def") }, auth.FieldClientSecret, "control characters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
			f := e.u.NewClient(nil)
			tc.fill(f)
			contains(t, "message beside "+tc.field, f.errorFor(tc.field), tc.want)
			test.Tap(f.saveButton)
			e.waitJobs()
			if !windowOpen(e.app, f.win) || len(e.data().Clients) != 1 {
				t.Error("an invalid client was saved")
			}
		})
	}
}

func TestEditKeepsCustomEndpoints(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) })
	f := e.u.EditConnection("Reports")
	if f.preset.Selected != "Custom URLs" || f.viewChoice.Selected != "HTTP" {
		t.Fatalf("preset %q, view %q", f.preset.Selected, f.viewChoice.Selected)
	}
	if f.tokenURL.Text != e.ep.TokenURL || f.authorizeURL.Text != e.ep.AuthorizeURL || f.tokenURL.ReadOnly() {
		t.Errorf("edit form shows token URL %q (read-only %v); stored %q", f.tokenURL.Text, f.tokenURL.ReadOnly(), e.ep.TokenURL)
	}
	setText(f.win, f.name, "Reports (prod)")
	test.Tap(f.saveButton)
	e.waitJobs()
	c, ok := e.data().Connection("Reports (prod)")
	if !ok || c.Endpoints.TokenURL != e.ep.TokenURL || c.Endpoints.APIBaseURL != e.ep.APIBaseURL {
		t.Errorf("after a rename the endpoints are %+v; want %+v", c.Endpoints, e.ep)
	}
}

// The form does not show a custom set's events URL (set with --events-url
// on the command line) yet: an edit keeps it as it is.
func TestEditKeepsTheEventsURL(t *testing.T) {
	const events = "ws://127.0.0.1:9/ws"
	e := newEnv(t, func(e *env) {
		c := e.saveS2S("Reports", s2sSecret)
		ep := c.Endpoints
		ep.EventsURL = events
		if _, err := e.Store.SaveConnection(auth.ConnectionInput{ID: c.ID, Name: c.Name, Type: auth.AuthS2S, AccountID: c.AccountID, ClientID: c.ClientID, Endpoints: ep}); err != nil {
			t.Fatal(err)
		}
	})
	f := e.u.EditConnection("Reports")
	setText(f.win, f.name, "Reports (prod)")
	setText(f.win, f.apiURL, e.ep.APIBaseURL+"/")
	test.Tap(f.saveButton)
	e.waitJobs()
	c, ok := e.data().Connection("Reports (prod)")
	if !ok || c.Endpoints.EventsURL != events {
		t.Errorf("after an edit the endpoints are %+v; want the events URL %s kept", c.Endpoints, events)
	}
}
