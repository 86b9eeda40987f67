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
	if f.Preset.Selected != "Zoom" || f.Preset.Disabled() {
		t.Fatalf("new client: preset %q (read-only %v)", f.Preset.Selected, f.Preset.Disabled())
	}
	contains(t, "endpoints help", f.fields[auth.FieldEndpoints].hint.Text, "client's secret and its connections' tokens are sent only to these endpoints")
	if f.fields[auth.FieldTokenURL].cell.Visible() {
		t.Error("the URLs of a preset are shown in the client form")
	}
	f.Preset.SetSelected("Custom URLs")
	if !f.fields[auth.FieldTokenURL].cell.Visible() || f.TokenURL.ReadOnly() {
		t.Fatal("custom URLs are not shown or not editable")
	}
	fillClient(f, "Local app", genSecret)
	setEndpoints(f.Window, f.endpointSection, e.ep)
	test.Tap(f.SaveButton)
	e.waitJobs()
	if windowOpen(e.app, f.Window) {
		t.Fatalf("not saved: token URL %q, secret %q", f.ErrorFor(auth.FieldTokenURL), f.ErrorFor(auth.FieldClientSecret))
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
	if f.Preset.Selected != "Custom URLs" || f.TokenURL.Text != e.ep.TokenURL || f.TokenURL.ReadOnly() {
		t.Fatalf("edit client: preset %q, token URL %q (read-only %v)", f.Preset.Selected, f.TokenURL.Text, f.TokenURL.ReadOnly())
	}
	contains(t, "placeholder", f.ClientSecret.PlaceHolder, "Stored")
	contains(t, "help", secretHint(), "Leave this empty to keep it")
	if msg := f.ErrorFor(auth.FieldClientSecret); msg != "" {
		t.Fatalf("fresh edit form says %q beside the secret", msg)
	}

	setText(f.Window, f.TokenURL, "https://zoom.example/oauth/token")
	if got := f.ErrorFor(auth.FieldClientSecret); got != secretAgainForToken {
		t.Errorf("beside the secret while editing the token URL: %q; want %q", got, secretAgainForToken)
	}
	if f.ClientSecret.PlaceHolder != "Enter the client secret again" {
		t.Errorf("placeholder while required: %q", f.ClientSecret.PlaceHolder)
	}
	for _, stale := range []string{"Stored", "empty to keep"} {
		if strings.Contains(f.ClientSecret.PlaceHolder, stale) || strings.Contains(secretHint(), stale) {
			t.Errorf("the secret field claims %q while the secret is required: placeholder %q, help %q", stale, f.ClientSecret.PlaceHolder, secretHint())
		}
	}
	test.Tap(f.SaveButton)
	e.waitJobs()
	if !windowOpen(e.app, f.Window) {
		t.Fatal("the form closed without the secret")
	}
	contains(t, "after Save", f.ErrorFor(auth.FieldClientSecret), secretAgainForToken)
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
	f.Preset.SetSelected("ZoomGov")
	contains(t, "after choosing ZoomGov", f.ErrorFor(auth.FieldClientSecret), "Required again because the endpoints changed")
	// Back to the stored URLs: the stored secret may be kept again.
	f.Preset.SetSelected("Custom URLs")
	setText(f.Window, f.TokenURL, e.ep.TokenURL)
	if msg := f.ErrorFor(auth.FieldClientSecret); msg != "" {
		t.Errorf("with the stored URLs: %q beside the secret", msg)
	}
	contains(t, "placeholder", f.ClientSecret.PlaceHolder, "Stored")

	// With the secret typed, the change saves, and the client's connections
	// must authorize again.
	setText(f.Window, f.TokenURL, "https://zoom.example/oauth/token")
	typeInto(f.Window, f.ClientSecret, "new-secret")
	test.Tap(f.SaveButton)
	e.waitJobs()
	if windowOpen(e.app, f.Window) {
		t.Fatalf("not saved: %q", f.ErrorFor(auth.FieldClientSecret))
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
	contains(t, "help", f.HelpFor(auth.FieldClientSecret), "Leave this empty to keep it")
	setText(f.Window, f.TokenURL, "https://zoom.example/oauth/token")
	if got := f.ErrorFor(auth.FieldClientSecret); got != secretAgainForToken {
		t.Errorf("beside the secret: %q; want %q", got, secretAgainForToken)
	}
	if f.ClientSecret.PlaceHolder != "Enter the client secret again" || strings.Contains(f.HelpFor(auth.FieldClientSecret), "empty to keep") {
		t.Errorf("secret field while required: placeholder %q, help %q", f.ClientSecret.PlaceHolder, f.HelpFor(auth.FieldClientSecret))
	}
	test.Tap(f.SaveButton)
	e.waitJobs()
	if !windowOpen(e.app, f.Window) {
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
	if f.View.Selected != "HTTP" {
		t.Errorf("view %q; want HTTP for a client with custom endpoints", f.View.Selected)
	}
	if f.Preset.Selected != "Custom URLs" || !f.Preset.Disabled() {
		t.Errorf("preset %q (read-only %v); want the client's, read-only", f.Preset.Selected, f.Preset.Disabled())
	}
	for _, x := range []struct {
		name string
		e    *kit.FormEntry
		want string
	}{{"authorize", f.AuthorizeURL, e.ep.AuthorizeURL}, {"token", f.TokenURL, e.ep.TokenURL}, {"revoke", f.RevokeURL, e.ep.RevokeURL}} {
		if x.e.Text != x.want || !x.e.ReadOnly() {
			t.Errorf("%s URL shows %q (read-only %v); want the client's %q, read-only", x.name, x.e.Text, x.e.ReadOnly(), x.want)
		}
	}
	if f.APIURL.Text != e.ep.APIBaseURL || f.APIURL.ReadOnly() {
		t.Errorf("API URL %q (read-only %v); want the client's, editable", f.APIURL.Text, f.APIURL.ReadOnly())
	}
	contains(t, "endpoints help", f.HelpFor(auth.FieldEndpoints), "These belong to the OAuth client; edit the client to change them")

	// Typing does nothing; a forced text or preset is not submitted.
	typeInto(f.Window, f.TokenURL, "x")
	if f.TokenURL.Text != e.ep.TokenURL {
		t.Errorf("typing changed the read-only token URL to %q", f.TokenURL.Text)
	}
	f.TokenURL.SetText("https://evil.example/oauth/token")
	f.Preset.SetSelected("ZoomGov")
	if f.Preset.Selected != "Custom URLs" {
		t.Errorf("the preset changed to %q", f.Preset.Selected)
	}
	if in := f.Input().Endpoints; in != (auth.Endpoints{Preset: auth.PresetCustom, APIBaseURL: e.ep.APIBaseURL}) {
		t.Errorf("the form submits %+v; want only the client's preset and the API URL", in)
	}

	// It follows the client: a ZoomGov client's, with no editable URL.
	f.OAuthClient.SetSelected("Gov app")
	if f.Preset.Selected != "ZoomGov" || f.TokenURL.Text != "https://zoomgov.com/oauth/token" || !f.TokenURL.ReadOnly() || !f.APIURL.ReadOnly() {
		t.Errorf("with the ZoomGov client: preset %q, token URL %q (read-only %v), API read-only %v", f.Preset.Selected, f.TokenURL.Text, f.TokenURL.ReadOnly(), f.APIURL.ReadOnly())
	}
	if in := f.Input().Endpoints; in != (auth.Endpoints{Preset: auth.PresetZoomGov}) {
		t.Errorf("the form submits %+v for the ZoomGov client", in)
	}
	f.OAuthClient.SetSelected("Team app")
	if f.TokenURL.Text != e.ep.TokenURL || f.APIURL.ReadOnly() {
		t.Errorf("back on Team app: token URL %q, API read-only %v", f.TokenURL.Text, f.APIURL.ReadOnly())
	}

	// The API base URL is the connection's own; it saves with the client's
	// token URL whatever the entry was made to hold.
	api := strings.TrimSuffix(e.ep.APIBaseURL, "/v2") + "/v2beta"
	setText(f.Window, f.APIURL, api)
	f.TokenURL.SetText("https://evil.example/oauth/token")
	test.Tap(f.SaveButton)
	e.waitJobs()
	if windowOpen(e.app, f.Window) {
		t.Fatalf("not saved: %q %q", f.ErrorFor(auth.FieldAPIURL), f.ErrorFor(auth.FieldTokenURL))
	}
	c, _ := e.data().Connection("My meetings")
	if c.Endpoints.TokenURL != e.ep.TokenURL || c.Endpoints.APIBaseURL != api {
		t.Errorf("saved endpoints %+v; want the client's token URL and API %q", c.Endpoints, api)
	}

	// Editing again shows the connection's own API URL.
	f = e.u.EditConnection("My meetings")
	if f.APIURL.Text != api {
		t.Errorf("edit form shows API URL %q; want %q", f.APIURL.Text, api)
	}
	f.cancel()
}

func TestNewOAuthConnectionEndpointsFollowClient(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	f := e.u.NewConnection()
	f.View.SetSelected("HTTP")
	f.Preset.SetSelected("Custom URLs")
	setText(f.Window, f.TokenURL, "https://s2s.example/oauth/token")
	f.AuthType.SetSelected("OAuth 2.0")
	if !f.Preset.Disabled() || f.TokenURL.Text != "" || !f.TokenURL.ReadOnly() || !f.APIURL.ReadOnly() {
		t.Errorf("no client chosen: preset disabled %v, token URL %q (read-only %v)", f.Preset.Disabled(), f.TokenURL.Text, f.TokenURL.ReadOnly())
	}
	contains(t, "help", f.HelpFor(auth.FieldEndpoints), "belong to the OAuth client")
	f.OAuthClient.SetSelected("Team app")
	if f.TokenURL.Text != e.ep.TokenURL || !f.TokenURL.ReadOnly() {
		t.Errorf("token URL %q (read-only %v)", f.TokenURL.Text, f.TokenURL.ReadOnly())
	}
	// Back to Custom: the connection's own URLs, as typed.
	f.AuthType.SetSelected(view.AuthTypeLabel(auth.AuthS2S))
	if f.Preset.Disabled() || f.TokenURL.Text != "https://s2s.example/oauth/token" || f.TokenURL.ReadOnly() {
		t.Errorf("back to Custom: preset disabled %v, token URL %q (read-only %v)", f.Preset.Disabled(), f.TokenURL.Text, f.TokenURL.ReadOnly())
	}
	contains(t, "help", f.HelpFor(auth.FieldEndpoints), "ZoomGov for zoomgov.com")
}
