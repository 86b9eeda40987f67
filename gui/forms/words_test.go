package forms

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/gui/view"
)

// Issue 12, words: "Custom" is the auth type only (with what Zoom calls
// it), the endpoint choice reads Zoom, ZoomGov, Custom URLs, * marks only
// what must be filled in now, and a message does not repeat its label.

func TestAuthTypeAndEndpointWordsDiffer(t *testing.T) {
	if got := view.AuthTypeLabel(auth.AuthS2S); got != "Custom (Server-to-Server OAuth)" {
		t.Errorf("Server-to-Server label %q", got)
	}
	if got := view.AuthTypeLabel(auth.AuthOAuth); got != "OAuth 2.0" {
		t.Errorf("OAuth 2.0 label %q", got)
	}
	for p, want := range map[auth.EndpointPreset]string{auth.PresetZoom: "Zoom", auth.PresetZoomGov: "ZoomGov", auth.PresetCustom: "Custom URLs"} {
		if got := view.PresetLabel(p); got != want {
			t.Errorf("preset %q reads %q; want %q", p, got, want)
		}
	}

	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) })
	f := e.u.EditConnection("Reports")
	if !slices.Equal(f.authTypeChoice.Options, []string{"Custom (Server-to-Server OAuth)", "OAuth 2.0"}) {
		t.Errorf("auth types offered: %q", f.authTypeChoice.Options)
	}
	if !slices.Equal(f.preset.Options, []string{"Zoom", "ZoomGov", "Custom URLs"}) {
		t.Errorf("endpoints offered: %q", f.preset.Options)
	}
	// The stored connection (custom endpoints) reads without "Custom" twice.
	if f.authTypeChoice.Selected != "Custom (Server-to-Server OAuth)" || f.preset.Selected != "Custom URLs" {
		t.Errorf("edit form shows auth type %q, endpoints %q", f.authTypeChoice.Selected, f.preset.Selected)
	}
	f.cancel()
}

// label is the text of a field's label as shown.
func label(ff *formFields, name string) string { return ff.fields[name].label.Text }

func TestRequiredMarkOnlyWhereRequiredNow(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		e.saveOAuth("My meetings")
	})
	wantMarks := func(t *testing.T, ff *formFields, want map[string]bool) {
		t.Helper()
		for name, req := range want {
			got := label(ff, name)
			if strings.HasSuffix(got, " *") != req {
				t.Errorf("label %q; required now: %v", got, req)
			}
			if strings.TrimSuffix(got, " *") == "" {
				t.Errorf("field %s has no label", name)
			}
		}
	}

	f := e.u.NewConnection()
	if f.legend.Text != "* required" || !f.legend.Visible() {
		t.Errorf("legend %q (visible %v)", f.legend.Text, f.legend.Visible())
	}
	f.viewChoice.SetSelected(viewHTTP)
	wantMarks(t, &f.formFields, map[string]bool{
		auth.FieldConnName: true, auth.FieldAuthType: true, auth.FieldAccountID: true, auth.FieldClientID: true,
		auth.FieldClientSecret: true, auth.FieldEndpoints: true,
		// Zoom's own URLs are shown, not asked for.
		auth.FieldAuthorizeURL: false, auth.FieldTokenURL: false, auth.FieldRevokeURL: false, auth.FieldAPIURL: false,
	})
	f.preset.SetSelected("Custom URLs")
	// A Server-to-Server connection never opens an authorize URL: its row
	// is not shown, nor asked for (issue 19).
	wantMarks(t, &f.formFields, map[string]bool{auth.FieldAuthorizeURL: false, auth.FieldTokenURL: true, auth.FieldRevokeURL: true, auth.FieldAPIURL: true})
	if f.fields[auth.FieldAuthorizeURL].cell.Visible() {
		t.Error("the Server-to-Server form shows an Authorize URL")
	}
	f.cancel()

	// A stored secret need not be typed, until what it goes with changes.
	f = e.u.EditConnection("Reports")
	wantMarks(t, &f.formFields, map[string]bool{auth.FieldClientSecret: false, auth.FieldConnName: true})
	contains(t, "placeholder", f.clientSecret.PlaceHolder, "Stored")
	setText(f.win, f.clientID, "otherClientID")
	wantMarks(t, &f.formFields, map[string]bool{auth.FieldClientSecret: true})
	setText(f.win, f.clientID, s2sClientID)
	wantMarks(t, &f.formFields, map[string]bool{auth.FieldClientSecret: false})
	f.cancel()

	// An OAuth 2.0 connection's endpoints are its client's: none is asked
	// for, not even the optional API base URL of a custom client.
	f = e.u.EditConnection("My meetings")
	wantMarks(t, &f.formFields, map[string]bool{
		auth.FieldOAuthClient: true, auth.FieldEndpoints: false,
		auth.FieldAuthorizeURL: false, auth.FieldTokenURL: false, auth.FieldRevokeURL: false, auth.FieldAPIURL: false,
	})
	f.cancel()

	cf := e.u.EditClient("Team app", nil)
	if cf.legend.Text != "* required" {
		t.Errorf("client form legend %q", cf.legend.Text)
	}
	wantMarks(t, &cf.formFields, map[string]bool{
		auth.FieldClientName: true, auth.FieldClientID: true, auth.FieldEndpoints: true,
		auth.FieldClientSecret: false, auth.FieldPort: false,
		auth.FieldTokenURL: true, // its own custom URLs
	})
	cf.cancel()
	cf = e.u.NewClient(nil)
	wantMarks(t, &cf.formFields, map[string]bool{auth.FieldClientSecret: true, auth.FieldPort: false})
	cf.cancel()
}

func TestBesideFieldDropsTheLabel(t *testing.T) {
	for _, tc := range []struct{ field, msg, want string }{
		{auth.FieldConnName, "Name your connection is required.", "Required."},
		{auth.FieldConnName, `Name your connection: "x" is already used; pick a name you can tell apart.`, `"x" is already used; pick a name you can tell apart.`},
		{auth.FieldAccountID, "Account ID must contain only visible characters, without spaces; copy it again from the Zoom App Marketplace.", "Must contain only visible characters, without spaces; copy it again from the Zoom App Marketplace."},
		{auth.FieldClientSecret, "Client secret is required again because the Client ID changed.", "Required again because the Client ID changed."},
		{auth.FieldClientSecret, "Client secret is too long (3000 bytes; at most 2048).", "Too long (3000 bytes; at most 2048)."},
		{auth.FieldOAuthClient, "OAuth 2.0 client is required: pick one, or add one with the + button.", "Required: pick one, or add one with the + button."},
		{auth.FieldPort, "Port must be between 1024 and 65535, or empty to pick a free port each time.", "Must be between 1024 and 65535, or empty to pick a free port each time."},
		{auth.FieldTokenURL, "Token URL belongs to the OAuth client \"A\" (https://x); change it there.", "Belongs to the OAuth client \"A\" (https://x); change it there."},
		// A message that does not start with its field's name stays whole.
		{auth.FieldClientID, "Zoom says no.", "Zoom says no."},
		{auth.FieldClientName, "Names must differ.", "Names must differ."},
	} {
		if got := besideField(tc.field, tc.msg); got != tc.want {
			t.Errorf("besideField(%q, %q) = %q; want %q", tc.field, tc.msg, got, tc.want)
		}
	}
}

func TestFormMessagesDoNotRepeatTheirLabel(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Existing", s2sSecret) })
	f := e.u.NewConnection()
	typeInto(f.win, f.name, "existing")
	typeInto(f.win, f.accountID, "a b")
	f.authTypeChoice.SetSelected(view.AuthTypeLabel(auth.AuthOAuth))
	test.Tap(f.saveButton)
	e.waitJobs()
	f.authTypeChoice.SetSelected(view.AuthTypeLabel(auth.AuthS2S))
	test.Tap(f.saveButton)
	e.waitJobs()
	shown := 0
	for name, fl := range f.fields {
		msg := f.errorFor(name)
		if msg == "" {
			continue
		}
		shown++
		if strings.HasPrefix(msg, name) || strings.HasPrefix(msg, fl.base) {
			t.Errorf("beside %q: %q repeats the label", fl.label.Text, msg)
		}
	}
	if shown < 3 {
		t.Errorf("only %d messages shown; want the name, the Account ID and the secret", shown)
	}
	contains(t, "name message", f.errorFor(auth.FieldConnName), `"existing" is already used`)
}
