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
		{"name required after clearing", func(e *env, f *connectionForm) { typeInto(f.Window, f.Name, "x"); setText(f.Window, f.Name, "") }, false, auth.FieldConnName, "Required."},
		{"duplicate name", func(e *env, f *connectionForm) { typeInto(f.Window, f.Name, "existing") }, false, auth.FieldConnName, "already used"},
		{"control characters in name", func(e *env, f *connectionForm) { f.Window.Canvas().Focus(f.Name); f.Name.SetText("a\tb") }, false, auth.FieldConnName, "control characters"},
		{"space in account ID", func(e *env, f *connectionForm) { typeInto(f.Window, f.AccountID, "abc def") }, false, auth.FieldAccountID, "only visible characters"},
		{"client ID required on save", func(e *env, f *connectionForm) { typeInto(f.Window, f.Name, "New") }, true, auth.FieldClientID, "Required."},
		{"secret required on save", func(e *env, f *connectionForm) { typeInto(f.Window, f.Name, "New") }, true, auth.FieldClientSecret, "Required."},
		{"OAuth client required", func(e *env, f *connectionForm) {
			typeInto(f.Window, f.Name, "New")
			f.AuthType.SetSelected("OAuth 2.0")
		}, true, auth.FieldOAuthClient, "pick one, or add one with the + button"},
		{"custom endpoint must be https", func(e *env, f *connectionForm) {
			f.View.SetSelected("HTTP")
			f.Preset.SetSelected("Custom URLs")
			setText(f.Window, f.TokenURL, "http://evil.example/oauth/token")
		}, false, auth.FieldTokenURL, "Must use https"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(e *env) { e.saveS2S("Existing", s2sSecret) })
			f := e.u.NewConnection()
			for n := range f.fields {
				if msg := f.ErrorFor(n); msg != "" {
					t.Fatalf("fresh form already shows %q for %s", msg, n)
				}
			}
			tc.fill(e, f)
			if tc.save {
				test.Tap(f.SaveButton)
				e.waitJobs()
			}
			contains(t, "message beside "+tc.field, f.ErrorFor(tc.field), tc.want)
			if !windowOpen(e.app, f.Window) {
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
	typeInto(f.Window, f.Name, "Draft")
	typeInto(f.Window, f.ClientSecret, "typed-secret")
	f.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if windowOpen(e.app, f.Window) {
		t.Fatal("Esc did not close the form")
	}
	if f.ClientSecret.Text != "" {
		t.Error("the typed secret stayed in the closed form")
	}
	if len(e.data().Connections) != 0 {
		t.Error("Esc saved something")
	}
}

func TestOAuthFormPlusAndPencil(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	typeInto(f.Window, f.Name, "My meetings")
	f.AuthType.SetSelected("OAuth 2.0")
	if f.SaveAnd.Text != "Save & authorize" || f.fields[auth.FieldAccountID].cell.Visible() || !f.fields[auth.FieldOAuthClient].cell.Visible() {
		t.Fatal("OAuth 2.0 did not switch the fields and buttons")
	}
	if !f.EditClient.Disabled() {
		t.Error("pencil enabled with no client selected")
	}
	test.Tap(f.AddClient)
	cf := e.u.ClientFormOpen()
	if cf == nil {
		t.Fatal("+ did not open the OAuth client form")
	}
	if !cf.ClientSecret.Password {
		t.Error("client secret not masked")
	}
	contains(t, "redirect URL", cf.RedirectURL.Text, redirectToReg)
	fillClient(cf, "Team app", "")
	test.Tap(cf.SaveButton)
	e.waitJobs()
	contains(t, "secret message", cf.ErrorFor(auth.FieldClientSecret), "Required.")
	typeInto(cf.Window, cf.ClientSecret, genSecret)
	test.Tap(cf.SaveButton)
	e.waitJobs()
	if windowOpen(e.app, cf.Window) {
		t.Fatal("client form still open after save")
	}
	if f.OAuthClient.Selected != "Team app" {
		t.Fatalf("the new client is not selected in the connection form: %q", f.OAuthClient.Selected)
	}
	cl, _ := e.data().Client("Team app")
	if v, _ := e.sec.Get("oauth-client/" + cl.ID + "/client-secret"); v != genSecret {
		t.Errorf("client secret stored = %q", v)
	}

	// The pencil edits it: filled, secret not shown; make it public.
	test.Tap(f.EditClient)
	cf = e.u.ClientFormOpen()
	if cf.Name.Text != "Team app" || cf.ClientSecret.Text != "" {
		t.Fatalf("edit client form: name %q secret %q", cf.Name.Text, cf.ClientSecret.Text)
	}
	contains(t, "placeholder", cf.ClientSecret.PlaceHolder, "Stored")
	test.Tap(cf.Public)
	if cf.fields[auth.FieldClientSecret].cell.Visible() {
		t.Error("secret still shown for a public client")
	}
	setText(cf.Window, cf.Port, "80")
	contains(t, "port message", cf.ErrorFor(auth.FieldPort), "between 1024 and 65535")
	setText(cf.Window, cf.Port, "8123")
	if cf.RedirectURL.Text != "http://127.0.0.1:8123/oauth/callback" || cf.AllowList.Text != cf.RedirectURL.Text {
		t.Errorf("redirect with port = %q, allow list %q", cf.RedirectURL.Text, cf.AllowList.Text)
	}
	test.Tap(cf.CopyRedirect)
	if got := e.app.Clipboard().Content(); got != "http://127.0.0.1:8123/oauth/callback" {
		t.Errorf("clipboard = %q", got)
	}
	test.Tap(cf.SaveButton)
	e.waitJobs()
	cl, _ = e.data().Client("Team app")
	if cl.Kind != auth.Public || cl.Port != 8123 {
		t.Errorf("edited client = %+v", cl)
	}
	if _, err := e.sec.Get("oauth-client/" + cl.ID + "/client-secret"); !errors.Is(err, secret.ErrNotFound) {
		t.Error("a public client kept its secret")
	}

	// Save the connection itself.
	test.Tap(f.SaveButton)
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
		{"name required", func(f *clientForm) { typeInto(f.Window, f.Name, "x"); setText(f.Window, f.Name, "") }, auth.FieldClientName, "Required."},
		{"duplicate name", func(f *clientForm) { typeInto(f.Window, f.Name, "TEAM APP") }, auth.FieldClientName, "already used"},
		{"client ID with a space", func(f *clientForm) { typeInto(f.Window, f.ClientID, "a b") }, auth.FieldClientID, "only visible characters"},
		{"port not a number", func(f *clientForm) { typeInto(f.Window, f.Port, "http") }, auth.FieldPort, "between 1024 and 65535"},
		{"secret with a line break", func(f *clientForm) { f.Window.Canvas().Focus(f.ClientSecret); f.ClientSecret.SetText("abc\x00def") }, auth.FieldClientSecret, "control characters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
			f := e.u.NewClient(nil)
			tc.fill(f)
			contains(t, "message beside "+tc.field, f.ErrorFor(tc.field), tc.want)
			test.Tap(f.SaveButton)
			e.waitJobs()
			if !windowOpen(e.app, f.Window) || len(e.data().Clients) != 1 {
				t.Error("an invalid client was saved")
			}
		})
	}
}

func TestEditKeepsCustomEndpoints(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) })
	f := e.u.EditConnection("Reports")
	if f.Preset.Selected != "Custom URLs" || f.View.Selected != "HTTP" {
		t.Fatalf("preset %q, view %q", f.Preset.Selected, f.View.Selected)
	}
	if f.TokenURL.Text != e.ep.TokenURL || f.AuthorizeURL.Text != e.ep.AuthorizeURL || f.TokenURL.ReadOnly() {
		t.Errorf("edit form shows token URL %q (read-only %v); stored %q", f.TokenURL.Text, f.TokenURL.ReadOnly(), e.ep.TokenURL)
	}
	setText(f.Window, f.Name, "Reports (prod)")
	test.Tap(f.SaveButton)
	e.waitJobs()
	c, ok := e.data().Connection("Reports (prod)")
	if !ok || c.Endpoints.TokenURL != e.ep.TokenURL || c.Endpoints.APIBaseURL != e.ep.APIBaseURL {
		t.Errorf("after a rename the endpoints are %+v; want %+v", c.Endpoints, e.ep)
	}
}
