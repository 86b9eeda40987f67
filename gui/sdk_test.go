package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/guitest"
)

// The SDK room as the window opens it; its own behaviour is tested in
// gui/sdk.

// The OAuth client list's Signature… opens the Meeting SDK signature
// window of the selected confidential client; a public client cannot sign.
func TestSignatureFromTheClientList(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveOAuth("Me")
		if _, err := e.store.SaveClient(auth.ClientInput{Name: "Mobile", ClientID: "pubID", Public: true, Endpoints: e.ep}); err != nil {
			t.Fatal(err)
		}
	})
	e.u.selectClient("Mobile")
	if !e.u.clients.signButton.Disabled() {
		t.Error("a public client offers Signature…")
	}
	e.u.selectClient("Team app")
	if e.u.clients.signButton.Disabled() {
		t.Fatal("Signature… is disabled on a confidential client")
	}
	test.Tap(e.u.clients.signButton)
	w := guitest.Window(e.app, "Meeting SDK signature — Team app")
	if w == nil {
		t.Fatal("no Signature window")
	}
	w.Close()
}

// Connection › SDK credentials and signatures… opens the SDK credentials
// window, with the guide to where Zoom shows each key.
func TestSDKCredentialsFromTheMenu(t *testing.T) {
	e := newEnv(t, func(e *env) {
		if _, err := e.store.SaveSDK(auth.SDKInput{Name: "Video", Type: auth.SDKVideo, SDKKey: "vidKey", Secret: "video-secret-1"}); err != nil {
			t.Fatal(err)
		}
	})
	var item *fyne.MenuItem
	for _, m := range e.u.window().MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "SDK credentials and signatures…" {
				item = it
			}
		}
	}
	if item == nil {
		t.Fatal("no menu item")
	}
	item.Action()
	w := guitest.Window(e.app, "SDK credentials —")
	if w == nil {
		t.Fatal("no SDK credentials window")
	}
	defer w.Close()
	var texts []string
	for _, l := range guitest.All[*widget.Label](w.Content()) {
		texts = append(texts, l.Text)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Developer › SDK credentials", "App Credentials"} {
		if !strings.Contains(all, want) {
			t.Errorf("the window does not say %q", want)
		}
	}
}
