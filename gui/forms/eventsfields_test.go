package forms

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/guitest"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

const (
	typedToken = "typed-secret-token-1"
	typedSub   = "ws-sub-123"
)

// The Server-to-Server form stores a typed Secret Token and subscription
// ID; editing shows the token only as stored (never its text, never in
// the entry), keeps it when left empty, and the entry is masked.
func TestSecretTokenIsStoredAndNeverShown(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	if f.events.tokenFl.cell.Visible() || f.events.subFl.cell.Visible() {
		t.Fatal("the events settings show before Events settings is ticked")
	}
	fillS2S(f, "Reports")
	f.events.toggle.SetChecked(true)
	if !f.events.tokenFl.cell.Visible() || !f.events.token.Password {
		t.Fatal("the Secret Token entry is not shown masked")
	}
	typeInto(f.win, f.events.token, typedToken)
	typeInto(f.win, f.events.sub, typedSub)
	test.Tap(f.saveButton)
	e.waitJobs()
	if windowOpen(e.app, f.win) {
		t.Fatalf("the form stayed open: %q", f.errorFor(auth.FieldSecretToken))
	}
	c, _ := e.data().Connection("Reports")
	if c == nil || !c.HasSecretToken || c.EventsSubscription != typedSub {
		t.Fatalf("stored %+v", c)
	}
	if _, tok, err := e.Store.SecretToken("Reports"); err != nil || tok != typedToken {
		t.Fatalf("the store's Secret Token: %v", err)
	}
	if f.events.token.Text != "" {
		t.Error("the typed Secret Token was not wiped once saved")
	}

	f = e.u.EditConnection("Reports")
	if !f.events.toggle.Checked || !f.events.tokenFl.cell.Visible() {
		t.Fatal("a connection with events settings opens without them shown")
	}
	if f.events.token.Text != "" || f.events.token.PlaceHolder != placeholderStore || f.events.sub.Text != typedSub {
		t.Errorf("token entry %q (placeholder %q), subscription %q", f.events.token.Text, f.events.token.PlaceHolder, f.events.sub.Text)
	}
	for _, s := range texts(f) {
		if strings.Contains(s, typedToken) {
			t.Fatalf("the edit form shows the Secret Token: %q", s)
		}
	}
	// Saved without typing it: kept. The subscription ID is cleared.
	setText(f.win, f.events.sub, "")
	test.Tap(f.saveButton)
	e.waitJobs()
	c, _ = e.data().Connection("Reports")
	if _, tok, err := e.Store.SecretToken("Reports"); err != nil || tok != typedToken || c.EventsSubscription != "" {
		t.Errorf("after an edit: token kept %v, subscription %q", err == nil && tok == typedToken, c.EventsSubscription)
	}
}

// A Secret Token the store would refuse is said beside the field and
// nothing is saved; an OAuth 2.0 connection shows no events settings (its
// app is its client's).
func TestBadSecretTokenSavesNothing(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	f := e.u.NewConnection()
	fillS2S(f, "Reports")
	f.events.toggle.SetChecked(true)
	typeInto(f.win, f.events.token, "two words")
	test.Tap(f.saveButton)
	e.waitJobs()
	contains(t, "beside the Secret Token", f.errorFor(auth.FieldSecretToken), "spaces")
	if _, ok := e.data().Connection("Reports"); ok || !windowOpen(e.app, f.win) {
		t.Error("a refused Secret Token saved the connection or closed the form")
	}
	f.authTypeChoice.SetSelected("OAuth 2.0")
	if f.events.toggle.Visible() || f.events.tokenFl.cell.Visible() {
		t.Error("an OAuth 2.0 connection shows events settings")
	}
	f.cancel()
	e.answer(f.win, discardLabel)
}

// The OAuth client form stores its app's Secret Token and subscription ID
// and never fills the token in.
func TestClientFormStoresTheSecretToken(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	cf := e.u.EditClient("Team app", nil)
	if cf.events.toggle.Checked {
		t.Fatal("a client without events settings opens with them shown")
	}
	cf.events.toggle.SetChecked(true)
	typeInto(cf.win, cf.events.token, typedToken)
	typeInto(cf.win, cf.events.sub, typedSub)
	test.Tap(cf.saveButton)
	e.waitJobs()
	cl, _ := e.data().Client("Team app")
	if cl == nil || !cl.HasSecretToken || cl.EventsSubscription != typedSub {
		t.Fatalf("stored %+v", cl)
	}
	if _, tok, err := e.Store.SecretToken("Team app"); err != nil || tok != typedToken {
		t.Fatalf("the client's Secret Token: %v", err)
	}
	cf = e.u.EditClient("Team app", nil)
	if cf.events.token.Text != "" || cf.events.token.PlaceHolder != placeholderStore {
		t.Errorf("token entry %q, placeholder %q", cf.events.token.Text, cf.events.token.PlaceHolder)
	}
	for _, s := range texts(cf) {
		if strings.Contains(s, typedToken) {
			t.Fatalf("the client form shows the Secret Token: %q", s)
		}
	}
	cf.cancel()
}

// texts is every text a form's window shows.
func texts(f interface{ window() fyne.Window }) []string {
	var out []string
	root := f.window().Content()
	for _, l := range guitest.All[*widget.Label](root) {
		out = append(out, l.Text)
	}
	for _, en := range guitest.All[*kit.FormEntry](root) {
		out = append(out, en.Text, en.PlaceHolder)
	}
	return out
}

// Custom endpoints take an events URL (wss://, or ws:// on 127.0.0.1),
// checked beside its field; a preset shows its deployment's, read-only.
func TestCustomEndpointsTakeAnEventsURL(t *testing.T) {
	e := newEnv(t, nil)
	f := e.u.NewConnection()
	fillS2S(f, "Reports")
	f.viewChoice.SetSelected(viewHTTP)
	if f.eventsURL.Text != "wss://ws.zoom.us/ws" || !f.eventsURL.ReadOnly() {
		t.Errorf("Zoom's events URL shown as %q (read-only %v)", f.eventsURL.Text, f.eventsURL.ReadOnly())
	}
	f.preset.SetSelected(view.PresetCustomL)
	setEndpoints(f.win, f.endpointSection, e.EP)
	setText(f.win, f.eventsURL, "ws://events.example/ws")
	test.Tap(f.saveButton)
	e.waitJobs()
	contains(t, "beside the events URL", f.errorFor(auth.FieldEventsURL), "127.0.0.1")
	setText(f.win, f.eventsURL, "wss://events.example/ws")
	test.Tap(f.saveButton)
	e.waitJobs()
	if c, _ := e.data().Connection("Reports"); c == nil || c.Endpoints.EventsURL != "wss://events.example/ws" {
		t.Fatalf("stored %+v", c)
	}
}
