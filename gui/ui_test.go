package gui

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring"
	"zoomconn/gui/view"
)

func TestEmptyStateThenCtrlNCreatesCustomConnection(t *testing.T) {
	e := newEnv(t, nil)
	u := e.u
	if !u.conns.emptyBox.Visible() || !strings.Contains(u.conns.emptyText.Text, "New connection") {
		t.Fatalf("empty state not shown: visible=%v text=%q", u.conns.emptyBox.Visible(), u.conns.emptyText.Text)
	}
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	f := u.ConnectionFormOpen()
	if f == nil || !windowOpen(e.app, f.Window) {
		t.Fatal("Ctrl+N did not open the connection form")
	}
	if f.AuthType.Selected != view.AuthTypeLabel(auth.AuthS2S) || f.SaveAnd.Text != "Save & test" {
		t.Errorf("new form: auth type %q, second button %q", f.AuthType.Selected, f.SaveAnd.Text)
	}
	if !f.ClientSecret.Password {
		t.Error("the client secret entry is not masked")
	}
	w := f.Window
	fillS2S(f, "Reports")
	test.Tap(f.SaveButton)
	e.waitJobs()

	if windowOpen(e.app, w) {
		t.Error("the form stayed open after a successful save")
	}
	if f.ClientSecret.Text != "" {
		t.Error("the secret entry still holds the secret after saving")
	}
	c, ok := e.data().Connection("Reports")
	if !ok || c.Type != auth.AuthS2S || c.AccountID != accountID || c.ClientID != s2sClientID {
		t.Fatalf("saved connection = %+v", c)
	}
	if v, err := e.sec.Get("connection/" + c.ID + "/client-secret"); err != nil || v != s2sSecret {
		t.Errorf("stored secret = %q, %v", v, err)
	}
	if u.conns.emptyBox.Visible() || len(u.conns.Rows()) != 1 || u.conns.Selected() != c.ID {
		t.Errorf("list after save: empty=%v rows=%d selected=%q", u.conns.emptyBox.Visible(), len(u.conns.Rows()), u.conns.Selected())
	}
	if got := e.rowTexts()[0]; got[1] != "Custom" || got[4] != "system keyring" || got[5] != "never tested" {
		t.Errorf("row = %q", got)
	}
}

func TestEditNeverShowsStoredSecret(t *testing.T) {
	var c auth.Connection
	e := newEnv(t, func(e *env) { c = e.saveS2S("Reports", s2sSecret) })
	if !e.u.selectConnection("Reports") {
		t.Fatal("not listed")
	}
	test.Tap(e.u.tb.editButton)
	f := e.u.ConnectionFormOpen()
	if f.Name.Text != "Reports" || f.AccountID.Text != accountID || f.ClientID.Text != s2sClientID {
		t.Fatalf("edit form not filled: %q %q %q", f.Name.Text, f.AccountID.Text, f.ClientID.Text)
	}
	if f.ClientSecret.Text != "" || !f.ClientSecret.Password {
		t.Fatalf("secret entry: text %q, masked %v", f.ClientSecret.Text, f.ClientSecret.Password)
	}
	contains(t, "placeholder", f.ClientSecret.PlaceHolder, "Stored")
	contains(t, "help", f.HelpFor(auth.FieldClientSecret), "never shown", "replace")

	// A changed Client ID needs the secret again.
	setText(f.Window, f.ClientID, "otherClientID")
	test.Tap(f.SaveButton)
	e.waitJobs()
	contains(t, "secret message", f.ErrorFor(auth.FieldClientSecret), "Required again because the Account ID or Client ID changed")

	// Back to the stored Client ID, a rename saves and keeps the secret.
	setText(f.Window, f.ClientID, s2sClientID)
	setText(f.Window, f.Name, "Reports (prod)")
	f.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter saves
	e.waitJobs()
	if windowOpen(e.app, f.Window) {
		t.Fatalf("Enter did not save: errors %q", f.ErrorFor(auth.FieldConnName))
	}
	got, ok := e.data().Connection("Reports (prod)")
	if !ok || got.ID != c.ID {
		t.Fatal("rename not saved")
	}
	if v, _ := e.sec.Get("connection/" + c.ID + "/client-secret"); v != s2sSecret {
		t.Errorf("stored secret changed to %q", v)
	}
}

func TestSimpleHTTPSwitchShowsEndpoints(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	if f.Shown(auth.FieldTokenURL) {
		t.Fatal("endpoints shown in the Simple view")
	}
	f.View.SetSelected("HTTP")
	if !f.Shown(auth.FieldTokenURL) || f.TokenURL.Text != "https://zoom.us/oauth/token" || !f.TokenURL.ReadOnly() {
		t.Fatalf("HTTP view: visible=%v token=%q read-only=%v", f.Shown(auth.FieldTokenURL), f.TokenURL.Text, f.TokenURL.ReadOnly())
	}
	f.Preset.SetSelected("ZoomGov")
	if f.TokenURL.Text != "https://zoomgov.com/oauth/token" {
		t.Errorf("ZoomGov token URL = %q", f.TokenURL.Text)
	}
	f.Preset.SetSelected("Custom URLs")
	if f.TokenURL.ReadOnly() {
		t.Fatal("custom URLs are not editable")
	}
	setEndpoints(f, e.ep)
	fillS2S(f, "Local")
	// Save & test: saves, then tests against the fake.
	test.Tap(f.SaveAnd)
	e.waitJobs()
	c, ok := e.data().Connection("Local")
	if !ok || c.Endpoints != s2sOwn(e.ep) { // a Server-to-Server connection keeps no Authorize URL
		t.Fatalf("saved endpoints = %+v", c.Endpoints)
	}
	if c.Status() != "OK" {
		t.Errorf("Save & test: status %q", c.Status())
	}
	m := e.topModal()
	contains(t, "test result", m.Title, "Test passed")
}

func TestAuthorizeAgainstFakeZoom(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	e.u.selectConnection("My meetings")
	if e.u.tb.authorizeButton.Disabled() || e.u.tb.authorizeButton.Text != "Authorize" {
		t.Fatalf("authorize button: read-only=%v text %q", e.u.tb.authorizeButton.Disabled(), e.u.tb.authorizeButton.Text)
	}
	if got := e.rowTexts()[0][5]; got != "needs authorization" {
		t.Fatalf("status before = %q", got)
	}
	test.Tap(e.u.tb.authorizeButton)
	e.waitJobs()
	if err := <-e.browserErr; err != nil {
		t.Fatalf("browser: %v", err)
	}
	m := e.topModal()
	contains(t, "result title", m.Title, "Authorized: My meetings")
	contains(t, "result", m.Text(), "Ada Lovelace <"+userEmail+">", "user:read:user", "Token expires")
	c, _ := e.data().Connection("My meetings")
	if c.NeedsAuth {
		t.Error("still needs authorization")
	}
	if e.u.tb.authorizeButton.Text != "Re-authorize" {
		t.Errorf("button now %q", e.u.tb.authorizeButton.Text)
	}
	if got := e.rowTexts()[0][3]; got == "—" {
		t.Error("token expiry not shown after authorizing")
	}
	for _, s := range e.fake.IssuedSecrets() {
		if strings.Contains(m.Text(), s) || strings.Contains(e.u.status.Text, s) {
			t.Error("a token is displayed")
		}
	}
}

func TestAuthorizeWaitingDialogCancel(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	opened := make(chan string, 1)
	// No browser can be opened: the dialog says so and offers the URL.
	e.u.sess.Service().OpenURL = func(u string) error { opened <- u; return errors.New("xdg-open: no method available") }
	wd := e.u.authorize("My meetings")
	authURL := <-opened
	e.pumpUntil("the browser error", wd.browserLine.Visible)
	contains(t, "browser error", wd.browserLine.Text, "No browser could be opened", "xdg-open")
	if wd.urlLabel.Text != authURL || !strings.HasPrefix(authURL, e.ep.AuthorizeURL+"?") {
		t.Fatalf("waiting dialog shows %q; opener got %q", wd.urlLabel.Text, authURL)
	}
	if wd.Title != "Waiting for Zoom" {
		t.Errorf("title %q", wd.Title)
	}
	contains(t, "redirect hint", wd.hint.Text, `"Invalid redirect" (4700)`, "register "+redirectToReg+" in the app's Redirect URL and Allow List")
	test.Tap(wd.copyButton)
	if e.app.Clipboard().Content() != authURL {
		t.Error("Copy did not copy the authorize URL")
	}
	// The main window stays usable while waiting.
	e.u.conns.search.SetText("zzz")
	if len(e.u.conns.Rows()) != 0 {
		t.Error("search did not filter while waiting")
	}
	e.u.conns.search.SetText("")
	test.Tap(wd.cancelButton)
	e.waitJobs()
	if !wd.Closed() {
		t.Error("waiting dialog still open")
	}
	contains(t, "status", e.u.status.Text, "cancelled")
	if c, _ := e.data().Connection("My meetings"); !c.NeedsAuth {
		t.Error("a cancelled authorization changed the connection")
	}
}

func TestAuthorizeDeclinedShowsMappedError(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	e.fake.SetConsent(func(string) (string, bool) { return "", false })
	e.u.authorize("My meetings")
	e.waitJobs()
	<-e.browserErr
	m := e.topModal()
	contains(t, "title", m.Title, "Authorization failed")
	contains(t, "error", m.Text(), "declined", "click Allow")
}

func TestTestShowsResultAndError(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Good", s2sSecret)
		e.saveS2S("Bad", "wrong-secret")
	})
	e.u.selectConnection("Good")
	test.Tap(e.u.tb.testButton)
	e.waitJobs()
	m := e.topModal()
	contains(t, "title", m.Title, "Test passed: Good")
	contains(t, "report", m.Text(), "Acts as: Ada Lovelace <"+userEmail+">", "Account: "+accountID, "Scopes: user:read:admin", "Token expires", "GET /users/me")
	tapButton(t, m, "OK")

	e.u.selectConnection("Bad")
	test.Tap(e.u.tb.testButton)
	e.waitJobs()
	m = e.topModal()
	contains(t, "title", m.Title, "Test failed: Bad")
	contains(t, "error", m.Text(), "invalid_client", "Copy the Client ID and Client secret again")
	for _, row := range e.rowTexts() {
		switch row[0] {
		case "Good":
			if row[5] != "OK" || row[3] == "—" {
				t.Errorf("Good row = %q", row)
			}
		case "Bad":
			contains(t, "Bad status", row[5], "failing: Zoom rejected the Client ID or Client secret")
		}
	}
}

func TestCopyTokenNeverShowsIt(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Good", s2sSecret) })
	e.u.selectConnection("Good")
	test.Tap(e.u.tb.copyButton)
	e.waitJobs()
	tok := e.app.Clipboard().Content()
	issued := e.fake.IssuedSecrets()
	if tok == "" || len(issued) == 0 || !strings.Contains(strings.Join(issued, "\n"), tok) {
		t.Fatalf("clipboard %q is not an issued token", tok)
	}
	contains(t, "status", e.u.status.Text, "copied; it will be cleared from the clipboard in 60 s", "expires at")
	if strings.Contains(e.u.status.Text, tok) || strings.Contains(e.u.details.label.Text, tok) {
		t.Error("the token is displayed")
	}
	if e.u.topModal() != nil {
		t.Errorf("unexpected dialog %q", e.u.topModal().Title)
	}
}

func TestDeleteOAuthOffersRevokeFirst(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	e.u.authorize("My meetings")
	e.waitJobs()
	<-e.browserErr
	tapButton(t, e.topModal(), "OK")
	e.u.selectConnection("My meetings")
	test.Tap(e.u.tb.deleteButton)
	m := e.topModal()
	contains(t, "confirm", m.Text(), "revoke it first")
	tapButton(t, m, "Revoke at Zoom and delete")
	e.waitJobs()
	if _, ok := e.data().Connection("My meetings"); ok {
		t.Error("not deleted")
	}
	if n := e.fake.Stats().Revokes; n != 1 {
		t.Errorf("revokes at Zoom = %d", n)
	}
	if len(e.sec.Keys()) != 1 { // only the OAuth client's secret remains
		t.Errorf("keyring keys left: %q", e.sec.Keys())
	}
}

func TestDeleteCancelKeepsAndClientInUseRefused(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Good", s2sSecret)
		e.saveOAuth("My meetings")
	})
	e.u.selectConnection("Good")
	test.Tap(e.u.tb.deleteButton)
	tapButton(t, e.topModal(), "Cancel")
	e.waitJobs()
	if _, ok := e.data().Connection("Good"); !ok {
		t.Fatal("Cancel deleted the connection")
	}
	e.u.selectClient("Team app")
	test.Tap(e.u.clients.deleteButton)
	m := e.topModal()
	contains(t, "in use", m.Text(), `still used by "My meetings"`)
	if e.u.clients.List.Length() != 1 || usedByText(len(e.data().ConnectionsUsing(e.u.clients.Selected()))) != "1 connection" {
		t.Error("client list wrong")
	}
}

func TestDisconnectRevokes(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	e.u.authorize("My meetings")
	e.waitJobs()
	<-e.browserErr
	e.u.selectConnection("My meetings")
	test.Tap(e.u.tb.revokeButton)
	tapButton(t, e.topModal(), "Disconnect")
	e.waitJobs()
	contains(t, "result", e.topModal().Text(), "Disconnected", "authorize it again")
	c, ok := e.data().Connection("My meetings")
	if !ok || !c.NeedsAuth {
		t.Errorf("after disconnect: kept=%v needsAuth=%v", ok, c.NeedsAuth)
	}
}

func TestSearchFilters(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		e.saveS2S("Webinars", s2sSecret)
		e.saveOAuth("My meetings")
	})
	e.u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	if e.u.win.Canvas().Focused() != e.u.conns.search {
		t.Fatal("Ctrl+F did not focus the search box")
	}
	for _, tc := range []struct {
		q       string
		conns   int
		clients int
	}{{"", 3, 1}, {"web", 1, 0}, {"oauth", 1, 0}, {"team", 1, 1}, {"nothing", 0, 0}} {
		e.u.conns.search.SetText("")
		typeFocused(e.u.win.Canvas(), tc.q)
		if len(e.u.conns.Rows()) != tc.conns || len(e.u.clients.Rows()) != tc.clients {
			t.Errorf("search %q: %d connections, %d clients; want %d, %d", tc.q, len(e.u.conns.Rows()), len(e.u.clients.Rows()), tc.conns, tc.clients)
		}
	}
	contains(t, "no match", e.u.conns.NoMatch.Text, `"nothing"`)
}

func TestKeyringUnavailableIsReadOnly(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) }, withKeyringErr(errKeyring))
	u := e.u
	if !u.banner.box.Visible() {
		t.Fatal("no banner")
	}
	contains(t, "banner", u.banner.text.Text, "read-only")
	contains(t, "banner details", u.banner.details, "GNOME Keyring")
	if len(u.conns.Rows()) != 1 {
		t.Fatal("connections not listed")
	}
	u.selectConnection("Reports")
	for _, b := range []struct {
		name     string
		disabled bool
	}{{"New", u.tb.newButton.Disabled()}, {"Edit", u.tb.editButton.Disabled()}, {"Delete", u.tb.deleteButton.Disabled()}, {"Test", u.tb.testButton.Disabled()}, {"Copy", u.tb.copyButton.Disabled()}} {
		if !b.disabled {
			t.Errorf("%s is enabled while the keyring is unavailable", b.name)
		}
	}
	if u.NewConnection() != nil {
		t.Error("a form opened while read-only")
	}
	// The keyring comes back: "Check again" enables everything.
	test.Tap(u.banner.retryButton)
	e.waitJobs()
	if u.banner.box.Visible() || u.tb.editButton.Disabled() {
		t.Error("still read-only after the keyring answered")
	}
}

func TestSaveKeyringErrorShowsFixAndSavesNothing(t *testing.T) {
	e := newEnv(t, nil)
	e.sec.Fail = func(op, key string) error {
		return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable, Err: errors.New("dbus: connection refused")}
	}
	f := e.u.NewConnection()
	fillS2S(f, "Reports")
	test.Tap(f.SaveButton)
	e.waitJobs()
	m := e.topModal()
	contains(t, "error", m.Title, "was not saved")
	contains(t, "error", m.Text(), "keyring", keyring.Help())
	if !windowOpen(e.app, f.Window) {
		t.Error("the form closed although nothing was saved")
	}
	if len(e.data().Connections) != 0 {
		t.Error("half-saved: the connection is in the file")
	}
}

func TestImportExportInWindow(t *testing.T) {
	src := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		e.saveOAuth("My meetings")
	})
	var buf bytes.Buffer
	if err := src.u.exportTo(&buf, nil); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{s2sSecret, genSecret} {
		if strings.Contains(buf.String(), s) {
			t.Fatal("export holds a secret")
		}
	}
	dst := newEnv(t, nil)
	ir := dst.u.importData(buf.Bytes())
	if ir == nil {
		t.Fatalf("import refused: %s", dst.topModal().Text())
	}
	contains(t, "summary", strings.Join(ir.plan.Summary(), "\n"), `OAuth client "Team app"`, `Connection "Reports"`, `Connection "My meetings"`)
	if len(ir.secrets) != 2 || !ir.secrets[0].Password {
		t.Fatalf("%d secret entries", len(ir.secrets))
	}
	test.Type(ir.secrets[0], genSecret)
	test.Type(ir.secrets[1], s2sSecret)
	test.Tap(ir.trust) // the fake Zoom is a host outside Zoom
	test.Tap(ir.importButton)
	dst.waitJobs()
	if !ir.Closed() {
		t.Fatalf("import dialog still open")
	}
	d := dst.data()
	if len(d.Connections) != 2 || len(d.Clients) != 1 {
		t.Fatalf("imported %d connections, %d clients", len(d.Connections), len(d.Clients))
	}
	// The S2S connection works with the typed secret.
	if _, err := dst.u.sess.Service().Test(context.Background(), "Reports"); err != nil {
		t.Errorf("imported connection fails: %v", err)
	}
	// Importing again refuses the duplicates by name and changes nothing.
	if dst.u.importData(buf.Bytes()) != nil {
		t.Fatal("duplicate import accepted")
	}
	contains(t, "refusal", dst.topModal().Text(), "already exists", "nothing was changed")
	if len(dst.data().Connections) != 2 {
		t.Error("a refused import changed the store")
	}
}

func TestWindowSizeRemembered(t *testing.T) {
	e := newEnv(t, nil)
	e.u.win.Resize(fyne.NewSize(980, 650)) // wider than the toolbar
	e.u.saveLayout()
	u2 := newWindow(e.app, e.u.opts)
	if s := u2.win.Canvas().Size(); s.Width != 980 || s.Height != 650 {
		t.Errorf("restored size %v", s)
	}
}

func TestAboutShowsVersionAndGuideOpens(t *testing.T) {
	e := newEnv(t, nil)
	e.u.showAbout()
	contains(t, "about", e.topModal().Text(), "Zoom Connections 1.2.3")
	opened := ""
	e.u.opts.openURL = func(u *url.URL) error { opened = u.String(); return nil }
	g := e.u.showGuide(auth.AuthOAuth)
	if g.tabs.SelectedIndex() != 1 {
		t.Error("guide did not open on the OAuth 2.0 tab")
	}
	test.Tap(g.openButton)
	if opened != marketplaceURL {
		t.Errorf("opened %q", opened)
	}
	menu := e.u.win.MainMenu()
	var items []string
	for _, m := range menu.Items {
		for _, it := range m.Items {
			if !it.IsSeparator {
				items = append(items, m.Label+">"+it.Label)
			}
		}
	}
	want := "File>New connection File>New OAuth client File>Import… File>Export… File>Keep secrets in an encrypted file… File>Quit " +
		"Connection>Edit connection… Connection>Delete connection… Connection>Test Connection>Authorize Connection>Copy access token Connection>Revoke token / Disconnect… Connection>API console… Connection>Events… Connection>Use with an AI agent… Connection>SDK credentials and signatures… Connection>Search " +
		"Help>Set-up guide Help>Keyboard shortcuts Help>Open Zoom App Marketplace Help>About"
	if strings.Join(items, " ") != want {
		t.Errorf("menu = %q", items)
	}
}

func TestWaitingDialogHintUsesClientPort(t *testing.T) {
	e := newEnv(t, func(e *env) {
		cl, err := e.store.SaveClient(auth.ClientInput{Name: "Fixed", ClientID: genClientID, ClientSecret: genSecret, Port: 48123, Endpoints: e.ep})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.SaveConnection(auth.ConnectionInput{Name: "Fixed port", Type: auth.AuthOAuth, OAuthClientID: cl.Client.ID, Endpoints: e.ep}); err != nil {
			t.Fatal(err)
		}
	})
	e.u.sess.Service().OpenURL = func(string) error { return nil }
	wd := e.u.authorize("Fixed port")
	contains(t, "hint", wd.hint.Text, "register http://127.0.0.1:48123/oauth/callback in the app's Redirect URL and Allow List")
	test.Tap(wd.cancelButton)
	e.waitJobs()
}
