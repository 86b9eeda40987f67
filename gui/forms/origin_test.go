package forms

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// Origin binding in the forms: a secret goes only to the endpoints it was
// entered for (issue 9, finding 1).

const secretAgainForToken = "Required again because the token URL changed: a secret is sent only to the endpoints it was entered for."

func TestClientFormEndpointSection(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewClient(nil)
	if f.preset.Selected != "Zoom" || f.preset.Disabled() {
		t.Fatalf("new client: preset %q (read-only %v)", f.preset.Selected, f.preset.Disabled())
	}
	contains(t, "endpoints help", f.fields[auth.FieldEndpoints].hint.Text, "client's secret and its connections' tokens are sent only to these endpoints")
	if f.fields[auth.FieldTokenURL].cell.Visible() {
		t.Error("the URLs of a preset are shown in the client form")
	}
	f.preset.SetSelected("Custom URLs")
	if !f.fields[auth.FieldTokenURL].cell.Visible() || f.tokenURL.ReadOnly() {
		t.Fatal("custom URLs are not shown or not editable")
	}
	fillClient(f, "Local app", genSecret)
	setEndpoints(f.win, f.endpointSection, e.ep)
	test.Tap(f.saveButton)
	e.waitJobs()
	if windowOpen(e.app, f.win) {
		t.Fatalf("not saved: token URL %q, secret %q", f.errorFor(auth.FieldTokenURL), f.errorFor(auth.FieldClientSecret))
	}
	cl, ok := e.data().Client("Local app")
	if !ok || cl.Endpoints != e.ep {
		t.Fatalf("saved client endpoints = %+v; want %+v", cl.Endpoints, e.ep)
	}
}

// (a) Changing a client's token URL without typing the secret says why on
// the secret field, as it happens, and Save saves nothing.
func TestClientTokenURLChangeNeedsSecretAgain(t *testing.T) {
	var conn auth.Connection
	e := newEnv(t, func(e *env) { conn = e.saveOAuth("My meetings") })
	before := e.data()
	cl0, _ := before.Client("Team app")
	f := e.u.EditClient("Team app", nil)
	secretHint := func() string { return f.fields[auth.FieldClientSecret].hint.Text }
	if f.preset.Selected != "Custom URLs" || f.tokenURL.Text != e.ep.TokenURL || f.tokenURL.ReadOnly() {
		t.Fatalf("edit client: preset %q, token URL %q (read-only %v)", f.preset.Selected, f.tokenURL.Text, f.tokenURL.ReadOnly())
	}
	contains(t, "placeholder", f.clientSecret.PlaceHolder, "Stored")
	contains(t, "help", secretHint(), "Leave this empty to keep it")
	if msg := f.errorFor(auth.FieldClientSecret); msg != "" {
		t.Fatalf("fresh edit form says %q beside the secret", msg)
	}

	setText(f.win, f.tokenURL, "https://zoom.example/oauth/token")
	if got := f.errorFor(auth.FieldClientSecret); got != secretAgainForToken {
		t.Errorf("beside the secret while editing the token URL: %q; want %q", got, secretAgainForToken)
	}
	if f.clientSecret.PlaceHolder != "Enter the client secret again" {
		t.Errorf("placeholder while required: %q", f.clientSecret.PlaceHolder)
	}
	for _, stale := range []string{"Stored", "empty to keep"} {
		if strings.Contains(f.clientSecret.PlaceHolder, stale) || strings.Contains(secretHint(), stale) {
			t.Errorf("the secret field claims %q while the secret is required: placeholder %q, help %q", stale, f.clientSecret.PlaceHolder, secretHint())
		}
	}
	test.Tap(f.saveButton)
	e.waitJobs()
	if !windowOpen(e.app, f.win) {
		t.Fatal("the form closed without the secret")
	}
	contains(t, "after Save", f.errorFor(auth.FieldClientSecret), secretAgainForToken)
	after := e.data()
	cl1, _ := after.Client("Team app")
	if cl1.Endpoints != cl0.Endpoints || !cl1.Updated.Equal(cl0.Updated) {
		t.Errorf("the client changed: %+v", cl1.Endpoints)
	}
	if c, _ := after.Connection("My meetings"); c.Endpoints != conn.Endpoints {
		t.Errorf("the connection's endpoints changed: %+v", c.Endpoints)
	}
	if v, _ := e.sec.Get("oauth-client/" + cl0.ID + "/client-secret"); v != genSecret {
		t.Errorf("stored secret = %q", v)
	}

	// Another preset is a change of endpoints too.
	f.preset.SetSelected("ZoomGov")
	contains(t, "after choosing ZoomGov", f.errorFor(auth.FieldClientSecret), "Required again because the endpoints changed")
	// Back to the stored URLs: the stored secret may be kept again.
	f.preset.SetSelected("Custom URLs")
	setText(f.win, f.tokenURL, e.ep.TokenURL)
	if msg := f.errorFor(auth.FieldClientSecret); msg != "" {
		t.Errorf("with the stored URLs: %q beside the secret", msg)
	}
	contains(t, "placeholder", f.clientSecret.PlaceHolder, "Stored")

	// With the secret typed, the change saves, and the client's connections
	// must authorize again.
	setText(f.win, f.tokenURL, "https://zoom.example/oauth/token")
	typeInto(f.win, f.clientSecret, "new-secret")
	test.Tap(f.saveButton)
	e.waitJobs()
	if windowOpen(e.app, f.win) {
		t.Fatalf("not saved: %q", f.errorFor(auth.FieldClientSecret))
	}
	cl2, _ := e.data().Client("Team app")
	if cl2.Endpoints.TokenURL != "https://zoom.example/oauth/token" {
		t.Errorf("token URL = %q", cl2.Endpoints.TokenURL)
	}
	if v, _ := e.sec.Get("oauth-client/" + cl0.ID + "/client-secret"); v != "new-secret" {
		t.Errorf("stored secret = %q", v)
	}
	if c, _ := e.data().Connection("My meetings"); c.Endpoints.TokenURL != cl2.Endpoints.TokenURL || !c.NeedsAuth {
		t.Errorf("connection after the client moved: %+v, needs auth %v", c.Endpoints, c.NeedsAuth)
	}
}

// The same rule on a Server-to-Server connection's own endpoints.
func TestS2STokenURLChangeNeedsSecretAgain(t *testing.T) {
	var c0 auth.Connection
	e := newEnv(t, func(e *env) { c0 = e.saveS2S("Reports", s2sSecret) })
	f := e.u.EditConnection("Reports")
	contains(t, "help", f.helpFor(auth.FieldClientSecret), "Leave this empty to keep it")
	setText(f.win, f.tokenURL, "https://zoom.example/oauth/token")
	if got := f.errorFor(auth.FieldClientSecret); got != secretAgainForToken {
		t.Errorf("beside the secret: %q; want %q", got, secretAgainForToken)
	}
	if f.clientSecret.PlaceHolder != "Enter the client secret again" || strings.Contains(f.helpFor(auth.FieldClientSecret), "empty to keep") {
		t.Errorf("secret field while required: placeholder %q, help %q", f.clientSecret.PlaceHolder, f.helpFor(auth.FieldClientSecret))
	}
	test.Tap(f.saveButton)
	e.waitJobs()
	if !windowOpen(e.app, f.win) {
		t.Fatal("saved without the secret")
	}
	if c, _ := e.data().Connection("Reports"); c.Endpoints != c0.Endpoints {
		t.Errorf("endpoints changed to %+v", c.Endpoints)
	}
}

// (b) An OAuth 2.0 connection shows its client's endpoints read-only,
// following the client selection, and never submits other ones.
func TestOAuthConnectionShowsClientEndpointsReadOnly(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveOAuth("My meetings")
		gov, _ := auth.PresetEndpoints(auth.PresetZoomGov)
		if _, err := e.store.SaveClient(auth.ClientInput{Name: "Gov app", ClientID: "govClientID", Public: true, Endpoints: gov}); err != nil {
			t.Fatal(err)
		}
	})
	f := e.u.EditConnection("My meetings")
	if f.viewChoice.Selected != "HTTP" {
		t.Errorf("view %q; want HTTP for a client with custom endpoints", f.viewChoice.Selected)
	}
	if f.preset.Selected != "Custom URLs" || !f.preset.Disabled() {
		t.Errorf("preset %q (read-only %v); want the client's, read-only", f.preset.Selected, f.preset.Disabled())
	}
	for _, x := range []struct {
		name string
		e    *kit.FormEntry
		want string
	}{{"authorize", f.authorizeURL, e.ep.AuthorizeURL}, {"token", f.tokenURL, e.ep.TokenURL}, {"revoke", f.revokeURL, e.ep.RevokeURL}} {
		if x.e.Text != x.want || !x.e.ReadOnly() {
			t.Errorf("%s URL shows %q (read-only %v); want the client's %q, read-only", x.name, x.e.Text, x.e.ReadOnly(), x.want)
		}
	}
	if f.apiURL.Text != e.ep.APIBaseURL || f.apiURL.ReadOnly() {
		t.Errorf("API URL %q (read-only %v); want the client's, editable", f.apiURL.Text, f.apiURL.ReadOnly())
	}
	contains(t, "endpoints help", f.helpFor(auth.FieldEndpoints), "These belong to the OAuth client; edit the client to change them")

	// Typing does nothing; a forced text or preset is not submitted.
	typeInto(f.win, f.tokenURL, "x")
	if f.tokenURL.Text != e.ep.TokenURL {
		t.Errorf("typing changed the read-only token URL to %q", f.tokenURL.Text)
	}
	f.tokenURL.SetText("https://evil.example/oauth/token")
	f.preset.SetSelected("ZoomGov")
	if f.preset.Selected != "Custom URLs" {
		t.Errorf("the preset changed to %q", f.preset.Selected)
	}
	if in := f.input().Endpoints; in != (auth.Endpoints{Preset: auth.PresetCustom, APIBaseURL: e.ep.APIBaseURL}) {
		t.Errorf("the form submits %+v; want only the client's preset and the API URL", in)
	}

	// It follows the client: a ZoomGov client's, with no editable URL.
	f.clientSelect.SetSelected("Gov app")
	if f.preset.Selected != "ZoomGov" || f.tokenURL.Text != "https://zoomgov.com/oauth/token" || !f.tokenURL.ReadOnly() || !f.apiURL.ReadOnly() {
		t.Errorf("with the ZoomGov client: preset %q, token URL %q (read-only %v), API read-only %v", f.preset.Selected, f.tokenURL.Text, f.tokenURL.ReadOnly(), f.apiURL.ReadOnly())
	}
	if in := f.input().Endpoints; in != (auth.Endpoints{Preset: auth.PresetZoomGov}) {
		t.Errorf("the form submits %+v for the ZoomGov client", in)
	}
	f.clientSelect.SetSelected("Team app")
	if f.tokenURL.Text != e.ep.TokenURL || f.apiURL.ReadOnly() {
		t.Errorf("back on Team app: token URL %q, API read-only %v", f.tokenURL.Text, f.apiURL.ReadOnly())
	}

	// The API base URL is the connection's own; it saves with the client's
	// token URL whatever the entry was made to hold.
	api := strings.TrimSuffix(e.ep.APIBaseURL, "/v2") + "/v2beta"
	setText(f.win, f.apiURL, api)
	f.tokenURL.SetText("https://evil.example/oauth/token")
	test.Tap(f.saveButton)
	e.waitJobs()
	if windowOpen(e.app, f.win) {
		t.Fatalf("not saved: %q %q", f.errorFor(auth.FieldAPIURL), f.errorFor(auth.FieldTokenURL))
	}
	c, _ := e.data().Connection("My meetings")
	if c.Endpoints.TokenURL != e.ep.TokenURL || c.Endpoints.APIBaseURL != api {
		t.Errorf("saved endpoints %+v; want the client's token URL and API %q", c.Endpoints, api)
	}

	// Editing again shows the connection's own API URL.
	f = e.u.EditConnection("My meetings")
	if f.apiURL.Text != api {
		t.Errorf("edit form shows API URL %q; want %q", f.apiURL.Text, api)
	}
	f.cancel()
}

func TestNewOAuthConnectionEndpointsFollowClient(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	f := e.u.NewConnection()
	f.viewChoice.SetSelected("HTTP")
	f.preset.SetSelected("Custom URLs")
	setText(f.win, f.tokenURL, "https://s2s.example/oauth/token")
	f.authTypeChoice.SetSelected("OAuth 2.0")
	if !f.preset.Disabled() || f.tokenURL.Text != "" || !f.tokenURL.ReadOnly() || !f.apiURL.ReadOnly() {
		t.Errorf("no client chosen: preset disabled %v, token URL %q (read-only %v)", f.preset.Disabled(), f.tokenURL.Text, f.tokenURL.ReadOnly())
	}
	contains(t, "help", f.helpFor(auth.FieldEndpoints), "belong to the OAuth client")
	f.clientSelect.SetSelected("Team app")
	if f.tokenURL.Text != e.ep.TokenURL || !f.tokenURL.ReadOnly() {
		t.Errorf("token URL %q (read-only %v)", f.tokenURL.Text, f.tokenURL.ReadOnly())
	}
	// Back to Custom: the connection's own URLs, as typed.
	f.authTypeChoice.SetSelected(view.AuthTypeLabel(auth.AuthS2S))
	if f.preset.Disabled() || f.tokenURL.Text != "https://s2s.example/oauth/token" || f.tokenURL.ReadOnly() {
		t.Errorf("back to Custom: preset disabled %v, token URL %q (read-only %v)", f.preset.Disabled(), f.tokenURL.Text, f.tokenURL.ReadOnly())
	}
	contains(t, "help", f.helpFor(auth.FieldEndpoints), "ZoomGov for zoomgov.com")
}
