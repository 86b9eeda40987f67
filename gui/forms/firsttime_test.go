package forms

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/gui/view"
)

// Issue 19, the first-time user: forms never lose typed work silently, a
// failed "Save & test" keeps the form open with the reason beside the
// field to fix, Edit opens on that field, names a shell can take, and no
// Authorize URL for a Server-to-Server connection.

// key sends a key as the driver does: to the focused widget, else to the
// window (while a dialog shows, nothing of the form has the focus).
func key(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	w.Canvas().OnTypedKey()(ev)
}

func TestChangedFormAsksBeforeClosing(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) })

	// Unchanged forms close at once, new or edited, by Esc or Cancel.
	f := e.u.NewConnection()
	key(f.win, fyne.KeyEscape)
	if windowOpen(e.app, f.win) || e.asking(f.win) != nil {
		t.Fatal("Esc on an untouched new form did not close it at once")
	}
	f = e.u.EditConnection("Reports")
	f.viewChoice.SetSelected(viewSimple) // a view is no change
	test.Tap(f.cancelButton)
	if windowOpen(e.app, f.win) {
		t.Fatal("Cancel on an unchanged edit form did not close it")
	}
	// Typed, then typed back: nothing to lose.
	f = e.u.EditConnection("Reports")
	typeInto(f.win, f.name, "x")
	key(f.win, fyne.KeyBackspace)
	key(f.win, fyne.KeyEscape)
	if windowOpen(e.app, f.win) {
		t.Fatal("a form typed back to what it was asks or stays open")
	}

	// A changed form asks; Esc again, Enter and Keep editing keep it.
	f = e.u.NewConnection()
	typeInto(f.win, f.name, "Draft")
	typeInto(f.win, f.accountID, accountID)
	typeInto(f.win, f.clientSecret, "typed-secret")
	key(f.win, fyne.KeyEscape)
	q := e.asking(f.win)
	if q == nil {
		t.Fatal("Esc on a filled-in form closed it without asking")
	}
	contains(t, "question", q.Text(), "not saved")
	if q.Button(discardLabel) == nil || q.Button(keepLabel) == nil {
		t.Fatalf("the question offers %v", q.Buttons)
	}
	key(f.win, fyne.KeyEscape)
	if e.asking(f.win) != nil || !windowOpen(e.app, f.win) {
		t.Fatal("Esc on the question did not go back to the form")
	}
	test.Tap(f.cancelButton)
	key(f.win, fyne.KeyReturn) // the default answer keeps the work
	if e.asking(f.win) != nil || !windowOpen(e.app, f.win) || len(e.data().Connections) != 1 {
		t.Fatal("Enter on the question did not keep editing (or saved)")
	}
	test.Tap(f.cancelButton)
	e.answer(f.win, keepLabel)
	if !windowOpen(e.app, f.win) || f.name.Text != "Draft" || f.clientSecret.Text != "typed-secret" {
		t.Fatalf("Keep editing: open %v, name %q", windowOpen(e.app, f.win), f.name.Text)
	}
	// Discard closes, wiping the secret, saving nothing.
	key(f.win, fyne.KeyEscape)
	e.answer(f.win, discardLabel)
	if windowOpen(e.app, f.win) || f.clientSecret.Text != "" || len(e.data().Connections) != 1 {
		t.Fatal("Discard did not close the form and wipe the secret, or saved")
	}

	// A secret alone is work too; so is a picked auth type.
	f = e.u.EditConnection("Reports")
	typeInto(f.win, f.clientSecret, "new-secret")
	key(f.win, fyne.KeyEscape)
	e.answer(f.win, discardLabel)
	f = e.u.NewConnection()
	f.authTypeChoice.SetSelected(view.AuthTypeLabel(auth.AuthOAuth))
	key(f.win, fyne.KeyEscape)
	e.answer(f.win, discardLabel)

	// The OAuth client form asks too.
	cf := e.u.NewClient(nil)
	typeInto(cf.win, cf.clientID, genClientID)
	test.Tap(cf.cancelButton)
	e.answer(cf.win, discardLabel)
	if windowOpen(e.app, cf.win) {
		t.Error("Discard did not close the OAuth client form")
	}
}

// useFakeZoom points a Server-to-Server connection form at the fake
// Zoom's endpoints, as a user types them in the HTTP view (it shows no
// Authorize URL).
func useFakeZoom(e *env, f *connectionForm) {
	f.viewChoice.SetSelected(viewHTTP)
	f.preset.SetSelected(view.PresetCustomL)
	setText(f.win, f.tokenURL, e.ep.TokenURL)
	setText(f.win, f.revokeURL, e.ep.RevokeURL)
	setText(f.win, f.apiURL, e.ep.APIBaseURL)
}

func TestSaveAndTestFailingKeepsTheFormOpen(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	typeInto(f.win, f.name, "Reports")
	typeInto(f.win, f.accountID, accountID)
	typeInto(f.win, f.clientID, s2sClientID)
	typeInto(f.win, f.clientSecret, "not-the-secret")
	useFakeZoom(e, f)
	test.Tap(f.saveAnd)
	e.waitJobs()

	// Saved, tested, refused: the form stays, now on the saved connection,
	// the reason under the secret, which has the focus.
	c, ok := e.data().Connection("Reports")
	if !ok || c.LastTest == nil || c.LastTest.OK {
		t.Fatalf("the connection was not saved and tested: %+v", c)
	}
	if !windowOpen(e.app, f.win) {
		t.Fatal("Save & test with a wrong secret closed the form")
	}
	if len(e.u.saved) != 0 {
		t.Errorf("the window was told to go on (%+v) though the test failed", e.u.saved)
	}
	contains(t, "title", f.win.Title(), "Edit connection Reports")
	contains(t, "beside the secret", f.errorFor(auth.FieldClientSecret), "Zoom rejected", "type the secret here")
	if f.win.Canvas().Focused() != f.clientSecret {
		t.Errorf("the focus is on %T; want the secret", f.win.Canvas().Focused())
	}
	if f.clientSecret.Text != "" || !strings.Contains(f.clientSecret.PlaceHolder, "Stored") {
		t.Errorf("secret entry %q (placeholder %q); want it wiped, the secret stored", f.clientSecret.Text, f.clientSecret.PlaceHolder)
	}
	contains(t, "status", e.u.Status(), "but its test failed")
	for _, other := range []string{auth.FieldConnName, auth.FieldAccountID, auth.FieldClientID} {
		if msg := f.errorFor(other); msg != "" {
			t.Errorf("%s shows %q", other, msg)
		}
	}
	// The name is no credential: typing it keeps the reason.
	typeInto(f.win, f.name, "2")
	contains(t, "beside the secret after a rename", f.errorFor(auth.FieldClientSecret), "Zoom rejected")
	setText(f.win, f.name, "Reports")

	// Nothing else typed: Cancel closes at once, and Edit opens on the
	// secret with the reason, as the last test left it.
	key(f.win, fyne.KeyEscape)
	if windowOpen(e.app, f.win) {
		t.Fatal("Esc on the unchanged form (after its save) asked or stayed")
	}
	f = e.u.EditConnection("Reports")
	if f.win.Canvas().Focused() != f.clientSecret {
		t.Errorf("Edit after an invalid_client: focus on %T; want the secret", f.win.Canvas().Focused())
	}
	contains(t, "beside the secret on Edit", f.errorFor(auth.FieldClientSecret), "Zoom rejected")

	// Typing the secret clears the reason; Save & test with the right one
	// closes and lets the window test and report.
	typeInto(f.win, f.clientSecret, s2sSecret)
	if msg := f.errorFor(auth.FieldClientSecret); msg != "" {
		t.Errorf("the reason stays while the secret is retyped: %q", msg)
	}
	test.Tap(f.saveAnd)
	e.waitJobs()
	if windowOpen(e.app, f.win) {
		t.Fatalf("Save & test with the right secret left the form open: %q", f.errorFor(auth.FieldClientSecret))
	}
	if len(e.u.saved) != 1 || e.u.saved[0].c.Name != "Reports" || !e.u.saved[0].then {
		t.Errorf("the window was told %+v; want Reports, to test it", e.u.saved)
	}
	if c, _ := e.data().Connection("Reports"); c.LastTest == nil || !c.LastTest.OK {
		t.Errorf("last test %+v", c.LastTest)
	}
	// Fixed: Edit opens on the name again.
	f = e.u.EditConnection("Reports")
	if f.win.Canvas().Focused() != f.name || f.errorFor(auth.FieldClientSecret) != "" {
		t.Errorf("Edit after a passing test: focus %T, secret note %q", f.win.Canvas().Focused(), f.errorFor(auth.FieldClientSecret))
	}
	f.cancel()
}

// Zoom refusing the Account ID: the reason sits under the Account ID; a
// failure that names no field (nothing listens at the token URL) under
// the form. Saving again without a test forgets the last test's field.
func TestSaveAndTestNamesTheFieldZoomRefused(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	typeInto(f.win, f.name, "Reports")
	typeInto(f.win, f.accountID, "someone-elses")
	typeInto(f.win, f.clientID, s2sClientID)
	typeInto(f.win, f.clientSecret, s2sSecret)
	useFakeZoom(e, f)
	test.Tap(f.saveAnd)
	e.waitJobs()
	if !windowOpen(e.app, f.win) {
		t.Fatal("a refused Account ID closed the form")
	}
	contains(t, "beside the Account ID", f.errorFor(auth.FieldAccountID), "does not accept this Account ID")
	if f.win.Canvas().Focused() != f.accountID || f.errorFor(auth.FieldClientSecret) != "" {
		t.Errorf("focus on %T, secret note %q; want the Account ID", f.win.Canvas().Focused(), f.errorFor(auth.FieldClientSecret))
	}
	// Saved again (without a test), the connection may be fixed: Edit
	// says nothing of the old refusal.
	setText(f.win, f.accountID, accountID)
	typeInto(f.win, f.clientSecret, s2sSecret) // a new Account ID needs it again
	test.Tap(f.saveButton)
	e.waitJobs()
	if windowOpen(e.app, f.win) {
		t.Fatalf("the fixed connection was not saved: %q", f.errorFor(auth.FieldClientSecret))
	}
	f = e.u.EditConnection("Reports")
	if f.errorFor(auth.FieldAccountID) != "" || f.win.Canvas().Focused() != f.name {
		t.Errorf("Edit after a save: Account ID note %q, focus %T", f.errorFor(auth.FieldAccountID), f.win.Canvas().Focused())
	}

	// Nothing answers at the token URL: the reason under the form.
	f.viewChoice.SetSelected(viewHTTP)
	setText(f.win, f.tokenURL, "http://127.0.0.1:1/oauth/token")
	typeInto(f.win, f.clientSecret, s2sSecret)
	test.Tap(f.saveAnd)
	e.waitJobs()
	if !windowOpen(e.app, f.win) || !f.formError.Visible() {
		t.Fatalf("a test that failed to connect: open %v, form error shown %v", windowOpen(e.app, f.win), f.formError.Visible())
	}
	contains(t, "under the form", f.formError.Text, `"Reports" was saved, but its test failed`)
}

func TestNamePlaceholderIsShellSafe(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	example := strings.TrimPrefix(f.name.PlaceHolder, "e.g. ")
	if example == f.name.PlaceHolder || example == "" || strings.ContainsAny(example, " ()[]{}'\"`$;&|<>*?!#~\\") {
		t.Errorf("name placeholder %q: a shell would not take %q unquoted", f.name.PlaceHolder, example)
	}
}

// A Server-to-Server connection with custom URLs is saved without an
// Authorize URL, and one stored before is dropped without asking for the
// secret again (it never went there). An OAuth 2.0 connection shows its
// client's.
func TestServerToServerCustomURLsNeedNoAuthorizeURL(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Old", s2sSecret) // stored with an Authorize URL
		e.saveOAuth("My meetings")
	})
	f := e.u.NewConnection()
	fillS2S(f, "New")
	f.viewChoice.SetSelected(viewHTTP)
	if f.fields[auth.FieldAuthorizeURL].cell.Visible() {
		t.Error("a Server-to-Server connection on Zoom's URLs shows an Authorize URL")
	}
	f.preset.SetSelected(view.PresetCustomL)
	setText(f.win, f.tokenURL, e.ep.TokenURL)
	setText(f.win, f.revokeURL, e.ep.RevokeURL)
	setText(f.win, f.apiURL, e.ep.APIBaseURL)
	if f.fields[auth.FieldAuthorizeURL].cell.Visible() || strings.HasSuffix(label(&f.formFields, auth.FieldAuthorizeURL), " *") {
		t.Error("a Server-to-Server connection with custom URLs asks for an Authorize URL")
	}
	test.Tap(f.saveButton)
	e.waitJobs()
	c, ok := e.data().Connection("New")
	if !ok || c.Endpoints.Preset != auth.PresetCustom || c.Endpoints.AuthorizeURL != "" || c.Endpoints.TokenURL != e.ep.TokenURL {
		t.Fatalf("saved %+v (form errors: %q)", c, f.formError.Text)
	}

	f = e.u.EditConnection("Old")
	test.Tap(f.saveButton)
	e.waitJobs()
	if windowOpen(e.app, f.win) {
		t.Fatalf("saving it unchanged asks: %q", f.errorFor(auth.FieldClientSecret))
	}
	if c, _ := e.data().Connection("Old"); c.Endpoints.AuthorizeURL != "" || c.Endpoints.TokenURL != e.ep.TokenURL {
		t.Errorf("endpoints after the save: %+v", c.Endpoints)
	}

	f = e.u.EditConnection("My meetings")
	if !f.fields[auth.FieldAuthorizeURL].cell.Visible() || f.authorizeURL.Text != e.ep.AuthorizeURL {
		t.Errorf("an OAuth 2.0 connection hides its client's Authorize URL (%q)", f.authorizeURL.Text)
	}
	f.cancel()
}
