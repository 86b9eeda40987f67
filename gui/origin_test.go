package gui

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// Origin binding in the window: a secret goes only to the endpoints it was
// entered for (issue 9, finding 1), and a copied token does not stay on the
// clipboard (finding 9).

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

func TestClientNeedingSecretSaysSo(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	// A schema 1 file whose connections disagreed about endpoints.
	d := e.data()
	d.Clients[0].SecretNeeded = true
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(e.store.Path(), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	e.u.reload()
	contains(t, "client list", visibleCellTexts(e.u.clients.List), "Enter the client secret again · 1 connection")
	e.u.SelectConnection("My meetings")
	contains(t, "details", e.u.details.Label.Text, "enter the client secret again")

	f := e.u.EditClient("Team app", nil)
	if f.ClientSecret.PlaceHolder != "Enter the client secret again" {
		t.Errorf("placeholder %q", f.ClientSecret.PlaceHolder)
	}
	contains(t, "secret message", f.ErrorFor(auth.FieldClientSecret), "Required again")
	if h := f.fields[auth.FieldClientSecret].hint.Text; strings.Contains(h, "empty to keep") {
		t.Errorf("help %q", h)
	}
	f.cancel()
}

// (c) The import review names custom hosts as a warning before it asks for
// any secret, and nothing is saved by showing it.
func TestImportWarnsAboutCustomHosts(t *testing.T) {
	e := newEnv(t, nil)
	file := `{"format": "zoomconn-export", "version": 2, "oauth_clients": [], "connections": [
	  {"name": "Reports", "type": "s2s", "account_id": "acct-1", "client_id": "s2sClientID",
	   "endpoints": {"preset": "custom", "authorize_url": "https://zoom.example/oauth/authorize",
	     "token_url": "https://zoom.example/oauth/token", "revoke_url": "https://zoom.example/oauth/revoke",
	     "api_url": "https://api.zoom.example/v2"}}]}`
	ir := e.u.ImportData([]byte(file))
	if ir == nil {
		t.Fatalf("import refused: %s", e.topModal().Text())
	}
	if ir.Hosts == nil || !ir.Hosts.Visible() {
		t.Fatal("no custom-host warning")
	}
	if ir.Hosts.Importance != widget.WarningImportance {
		t.Errorf("warning importance = %v", ir.Hosts.Importance)
	}
	contains(t, "warning", ir.Hosts.Text, "client secrets and tokens will be sent",
		`connection "Reports": https://zoom.example:443 (authorize, token, revoke)`,
		`connection "Reports": https://api.zoom.example:443 (API)`)
	if len(ir.Secrets) != 1 || ir.Secrets[0].Text != "" {
		t.Fatalf("secret entries: %d", len(ir.Secrets))
	}
	order := objectOrder(ir.Extra, ir.Hosts, ir.Secrets[0])
	if order[0] < 0 || order[1] < 0 || order[0] > order[1] {
		t.Errorf("the warning is not above the secret entry (positions %v)", order)
	}
	if len(e.data().Connections) != 0 || len(e.sec.Keys()) != 0 {
		t.Error("showing the review saved something")
	}
	tapButton(t, ir.Modal, "Cancel")
	e.waitJobs()
	if len(e.data().Connections) != 0 || len(e.sec.Keys()) != 0 {
		t.Error("a cancelled import saved something")
	}

	// A file on Zoom's own endpoints has nothing to warn about.
	zoom := `{"format": "zoomconn-export", "version": 2, "oauth_clients": [], "connections": [
	  {"name": "Reports", "type": "s2s", "account_id": "acct-1", "client_id": "s2sClientID", "endpoints": {"preset": "zoom"}}]}`
	ir = e.u.ImportData([]byte(zoom))
	if ir == nil {
		t.Fatalf("import refused: %s", e.topModal().Text())
	}
	if ir.Hosts != nil {
		t.Errorf("a Zoom-only file shows a host warning: %q", ir.Hosts.Text)
	}
}

// objectOrder is the depth-first position of each target under root, or -1.
func objectOrder(root fyne.CanvasObject, targets ...fyne.CanvasObject) []int {
	pos := make([]int, len(targets))
	for i := range pos {
		pos[i] = -1
	}
	n := 0
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		for i, t := range targets {
			if o == t {
				pos[i] = n
			}
		}
		n++
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(x.Content)
		}
	}
	walk(root)
	return pos
}

// (d) A copied access token is taken off the clipboard after 60 s, unless
// the user copied something else meanwhile.
func TestCopiedTokenClearedFromClipboard(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Good", s2sSecret) })
	fire := func(i int) {
		t.Helper()
		if len(e.timers) <= i {
			t.Fatalf("%d timers started; want %d", len(e.timers), i+1)
		}
		// As time.AfterFunc does: on another goroutine.
		done := make(chan struct{})
		go func() { e.timers[i].f(); close(done) }()
		<-done
		e.waitJobs()
	}
	e.u.SelectConnection("Good")
	test.Tap(e.u.tb.Copy)
	e.waitJobs()
	tok := e.app.Clipboard().Content()
	if tok == "" {
		t.Fatal("nothing copied")
	}
	contains(t, "status at copy", e.u.status.Text, "copied; it will be cleared from the clipboard in 60 s")
	if len(e.timers) != 1 || e.timers[0].d != 60*time.Second {
		t.Fatalf("timers: %d", len(e.timers))
	}
	fire(0)
	if got := e.app.Clipboard().Content(); got != "" {
		t.Errorf("clipboard after 60 s = %q; want it empty", got)
	}
	contains(t, "status when cleared", e.u.status.Text, `The access token of "Good" was cleared from the clipboard`)

	// Copied again, then the user copies something else: left alone.
	test.Tap(e.u.tb.Copy)
	e.waitJobs()
	e.app.Clipboard().SetContent("my own notes")
	e.u.setStatus("")
	fire(1)
	if got := e.app.Clipboard().Content(); got != "my own notes" {
		t.Errorf("clipboard = %q; the user's own copy was changed", got)
	}
	if e.u.status.Text != "" {
		t.Errorf("status %q; nothing was cleared", e.u.status.Text)
	}
}

func TestClipboardClearDelayOption(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Good", s2sSecret) }, func(_ *env, o *Options) { o.ClipboardClearAfter = 5 * time.Second })
	e.u.CopyToken("Good")
	e.waitJobs()
	contains(t, "status", e.u.status.Text, "cleared from the clipboard in 5 s")
	if len(e.timers) != 1 || e.timers[0].d != 5*time.Second {
		t.Fatalf("timers %v", e.timers)
	}
	// Quitting clears it at once.
	e.u.acts.clip.clearNow()
	if got := e.app.Clipboard().Content(); got != "" {
		t.Errorf("clipboard after quitting = %q", got)
	}
}

// The core says what is wrong; the app says which button fixes it.
func TestErrorsSayWhatToClick(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&access.NeedsAuthError{Connection: "Me"}, "click Authorize"},
		{&access.SecretNeededError{Client: "Gen"}, "click Edit and type its client secret"},
		{&access.NotOAuthError{Connection: "S2S"}, "Use Test instead."},
	} {
		if got := view.ErrorText(tt.err); !strings.Contains(got, tt.err.Error()) || !strings.Contains(got, tt.want) {
			t.Errorf("view.ErrorText(%T) = %q; want the fact and %q", tt.err, got, tt.want)
		}
	}
}
