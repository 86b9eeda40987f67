package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
)

// A test result has Copy, which copies its title and text and leaves it
// open; Return and Esc close it.
func TestTestResultHasCopy(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Good", s2sSecret) })
	e.u.selectConnection("Good")
	test.Tap(e.u.tb.testButton)
	e.waitJobs()
	m := e.topModal()
	contains(t, "title", m.Title, "Test passed: Good")
	tapButton(t, m, "Copy")
	if m.Closed() {
		t.Fatal("Copy closed the dialog")
	}
	contains(t, "clipboard", e.app.Clipboard().Content(), "Test passed: Good", "Acts as: Ada Lovelace")
	if m.Button("Copied") == nil {
		t.Error("the Copy button does not say it copied")
	}
	typeKey(e, fyne.KeyReturn)
	if !m.Closed() {
		t.Error("Return did not close the result")
	}
}

// typeKey types a key in the main window with no widget focused, as
// after a dialog opened.
func typeKey(e *env, k fyne.KeyName) {
	c := e.u.window().Canvas()
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: k})
}

// A failed Server-to-Server test has Copy and Edit connection, and its
// hint names only what a Server-to-Server app has: no Development or
// Production credentials, no Public Client ID. Edit connection opens it.
func TestS2SFailureOffersEditAndItsOwnHint(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Bad", "wrong-secret") })
	e.u.selectConnection("Bad")
	test.Tap(e.u.tb.testButton)
	e.waitJobs()
	m := e.topModal()
	contains(t, "title", m.Title, "Test failed: Bad")
	contains(t, "text", m.Text(), "invalid_client", "Server-to-Server OAuth app", "Edit connection")
	for _, wrong := range []string{"Public Client ID", "Development", "Production", "General app"} {
		if strings.Contains(m.Text(), wrong) {
			t.Errorf("a Server-to-Server failure mentions %q: %q", wrong, m.Text())
		}
	}
	var labels []string
	for _, b := range m.Buttons {
		labels = append(labels, b.Text)
	}
	if strings.Join(labels, "|") != "Copy|Edit connection|Close" {
		t.Errorf("buttons %q", labels)
	}
	tapButton(t, m, "Copy")
	contains(t, "clipboard", e.app.Clipboard().Content(), "invalid_client")
	tapButton(t, m, "Edit connection")
	f := e.u.ConnectionFormOpen()
	if f == nil || !windowOpen(e.app, f.Window) || f.Name.Text != "Bad" {
		t.Fatal("Edit connection did not open the connection's form")
	}
	f.Window.Close()
}

// An OAuth 2.0 connection whose client's secret Zoom rejects: the hint is
// the General app's (Development and Production credentials, not the
// Public Client ID), and Edit OAuth client opens its client.
func TestOAuthClientFailureOffersEditClient(t *testing.T) {
	e := newEnv(t, func(e *env) {
		cl, err := e.store.SaveClient(auth.ClientInput{Name: "Team app", ClientID: genClientID, ClientSecret: "wrong-secret", Endpoints: e.ep})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.SaveConnection(auth.ConnectionInput{Name: "My meetings", Type: auth.AuthOAuth, OAuthClientID: cl.Client.ID, Endpoints: e.ep}); err != nil {
			t.Fatal(err)
		}
	})
	e.u.authorize("My meetings")
	e.waitJobs()
	<-e.browserErr
	m := e.topModal()
	contains(t, "title", m.Title, "Authorization failed: My meetings")
	contains(t, "text", m.Text(), "invalid_client", "General app", "Development pair", "Production", "not the Public Client ID")
	tapButton(t, m, "Copy")
	tapButton(t, m, "Edit OAuth client")
	cf := e.u.ClientFormOpen()
	if cf == nil || !windowOpen(e.app, cf.Window) || cf.Name.Text != "Team app" {
		t.Fatal("Edit OAuth client did not open the client's form")
	}
	cf.Window.Close()
}

// A connection that needs authorization offers Authorize again, which
// starts it.
func TestNeedsAuthorizationOffersAuthorizeAgain(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	e.u.sess.Service().OpenURL = func(string) error { return nil }
	e.u.selectConnection("My meetings")
	test.Tap(e.u.tb.copyButton)
	e.waitJobs()
	m := e.topModal()
	contains(t, "text", m.Text(), "needs authorization")
	if m.Button("Copy") == nil {
		t.Error("no Copy")
	}
	tapButton(t, m, "Authorize again")
	wd := e.topModal()
	if wd.Title != "Waiting for Zoom" {
		t.Fatalf("Authorize again opened %q", wd.Title)
	}
	tapButton(t, wd, "Cancel")
	e.waitJobs()
}

// Revoking the token of a Server-to-Server connection says so: the button
// reads Revoke token, and the question says what happens and what is kept.
func TestS2SDisconnectReadsRevokeToken(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		e.saveOAuth("My meetings")
	})
	e.u.selectConnection("My meetings")
	if e.u.tb.revokeButton.Text != "Disconnect" {
		t.Errorf("OAuth 2.0: the button reads %q", e.u.tb.revokeButton.Text)
	}
	e.u.selectConnection("Reports")
	if e.u.tb.revokeButton.Text != "Revoke token" {
		t.Fatalf("Server-to-Server: the button reads %q", e.u.tb.revokeButton.Text)
	}
	test.Tap(e.u.tb.copyButton) // a token to revoke
	e.waitJobs()
	test.Tap(e.u.tb.revokeButton)
	m := e.topModal()
	contains(t, "question", m.Title, "Revoke token: Reports?")
	contains(t, "question", m.Text(), "revoke the access token", "forgotten here", "Client secret are kept", "next use fetches a new token")
	tapButton(t, m, "Revoke token")
	e.waitJobs()
	contains(t, "result", e.topModal().Text(), "revoked")
	if n := e.fake.Stats().Revokes; n != 1 {
		t.Errorf("revokes at Zoom = %d", n)
	}
}

// The keyring banner is one plain sentence naming the app as its window
// does, with Details… for what the keyring said and how to get one.
func TestKeyringBannerIsOneSentenceWithDetails(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) }, withKeyringErr(errKeyring))
	b := e.u.banner
	text := b.text.Text
	if strings.Count(text, ". ") != 0 || !strings.HasSuffix(text, ".") || strings.Contains(text, "\n") {
		t.Errorf("banner is not one sentence: %q", text)
	}
	contains(t, "banner", text, "Zoom Connections", "read-only")
	for _, jargon := range []string{"zoomconn", "org.freedesktop", "Secret Service"} {
		if strings.Contains(text, jargon) {
			t.Errorf("banner says %q: %q", jargon, text)
		}
	}
	for _, btn := range []struct {
		name    string
		visible bool
	}{{"Details…", b.detailsButton.Visible()}, {"Use an encrypted file instead…", b.useFileButton.Visible()}, {"Check again", b.retryButton.Visible()}} {
		if !btn.visible {
			t.Errorf("%s not offered", btn.name)
		}
	}
	test.Tap(b.detailsButton)
	m := e.topModal()
	contains(t, "details", m.Text(), "org.freedesktop.secrets", "GNOME Keyring", "Zoom Connections could not read", "Check again")
	if strings.Contains(m.Text(), "zoomconn could") {
		t.Errorf("details name the program zoomconn: %q", m.Text())
	}
}

// Search has a clear button while there is text, and each list says "No
// match" when the search hides all of its rows.
func TestSearchClearButtonAndNoMatchLines(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		e.saveS2S("Webinars", s2sSecret)
		e.saveOAuth("My meetings")
	})
	l := e.u.conns
	if l.clearSearch.Visible() {
		t.Error("clear button shown with an empty search")
	}
	e.u.win.Canvas().Focus(l.search)
	typeFocused(e.u.win.Canvas(), "web")
	if !l.clearSearch.Visible() {
		t.Fatal("no clear button while searching")
	}
	if l.NoMatch.Visible() || !e.u.clients.NoMatch.Visible() {
		t.Errorf("\"web\": connections No match shown %v, clients %v; want only the clients'", l.NoMatch.Visible(), e.u.clients.NoMatch.Visible())
	}
	contains(t, "clients' line", e.u.clients.NoMatch.Text, "No match", `"web"`)
	l.search.SetText("")
	typeFocused(e.u.win.Canvas(), "zzz")
	if !l.NoMatch.Visible() || l.emptyBox.Visible() {
		t.Error("no connection's No match line")
	}
	contains(t, "connections' line", l.NoMatch.Text, "No match", `"zzz"`, "3 connections")
	test.Tap(l.clearSearch)
	if l.search.Text != "" || len(l.Rows()) != 3 || len(e.u.clients.Rows()) != 1 || l.NoMatch.Visible() || e.u.clients.NoMatch.Visible() {
		t.Errorf("after clearing: search %q, %d connections, %d clients", l.search.Text, len(l.Rows()), len(e.u.clients.Rows()))
	}
	if l.clearSearch.Visible() {
		t.Error("clear button still shown")
	}
}
