package gui

import (
	"encoding/json"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
)

// Issue 17, finding 4, in the window: an import naming hosts outside Zoom
// imports only once "I trust these hosts" is ticked, and Authorize names an
// API host that is not the OAuth client's.

// s2sExportOn is an export file with one Server-to-Server connection of the
// fake Zoom's S2S app on ep.
func s2sExportOn(t *testing.T, name string, ep auth.Endpoints) []byte {
	t.Helper()
	raw, err := json.Marshal(ep)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(`{"format":"zoomconn-export","version":2,"oauth_clients":[],"connections":[
		{"name":"` + name + `","type":"s2s","account_id":"` + accountID + `","client_id":"` + s2sClientID + `","endpoints":` + string(raw) + `}]}`)
}

func TestImportOfForeignHostsNeedsTheTrustTick(t *testing.T) {
	e := newEnv(t, nil)
	ir := e.u.importData(s2sExportOn(t, "Reports", e.ep)) // the fake Zoom: a host outside Zoom
	if ir == nil {
		t.Fatalf("import refused: %s", e.topModal().Text())
	}
	if ir.trust == nil || !ir.trust.Visible() || ir.trust.Text != "I trust these hosts" || ir.trust.Checked {
		t.Fatalf("no unticked trust box under the host warning: %+v", ir.trust)
	}
	if order := objectOrder(ir.Extra, ir.hosts, ir.trust, ir.secrets[0]); order[0] > order[1] || order[1] > order[2] {
		t.Errorf("the tick box is not between the warning and the secret (positions %v)", order)
	}
	if !ir.importButton.Disabled() {
		t.Fatal("Import is enabled before the hosts are trusted")
	}
	// Every way to import does nothing while unticked.
	typeInto(e.u.win, ir.secrets[0], s2sSecret)
	test.Tap(ir.importButton)
	ir.Modal.TypedKey(fyne.KeyReturn)
	ir.secrets[0].OnSubmitted(ir.secrets[0].Text) // Return in the secret entry
	e.waitJobs()
	if len(e.data().Connections) != 0 || len(e.sec.Keys()) != 0 {
		t.Fatal("an import ran without the hosts being trusted")
	}
	if ir.Closed() {
		t.Fatal("the review closed")
	}
	contains(t, "message", ir.errorLine.Text, `Tick "I trust these hosts"`, "nothing was imported")

	test.Tap(ir.trust)
	if ir.importButton.Disabled() {
		t.Fatal("Import stays disabled once the hosts are trusted")
	}
	test.Tap(ir.trust)
	if !ir.importButton.Disabled() {
		t.Fatal("Import stays enabled once the tick is taken back")
	}
	test.Tap(ir.trust)
	test.Tap(ir.importButton)
	e.waitJobs()
	if !ir.Closed() {
		t.Fatalf("the review is still open: %q", ir.errorLine.Text)
	}
	if _, ok := e.data().Connection("Reports"); !ok {
		t.Fatal("not imported")
	}
}

func TestZoomOnlyImportHasNoTrustTick(t *testing.T) {
	e := newEnv(t, nil)
	ir := e.u.importData(s2sExportOn(t, "Reports", auth.Endpoints{Preset: auth.PresetZoom}))
	if ir == nil {
		t.Fatalf("import refused: %s", e.topModal().Text())
	}
	if ir.trust != nil || ir.hosts != nil {
		t.Fatal("a Zoom-only import asks to trust hosts")
	}
	if ir.importButton.Disabled() {
		t.Fatal("Import is disabled")
	}
	typeInto(e.u.win, ir.secrets[0], s2sSecret)
	test.Tap(ir.importButton)
	e.waitJobs()
	if _, ok := e.data().Connection("Reports"); !ok || !ir.Closed() {
		t.Fatalf("not imported: %q", ir.errorLine.Text)
	}
}

func TestAuthorizeNamesAnAPIHostThatIsNotTheClients(t *testing.T) {
	const other = "https://api.elsewhere.example:8443/v2"
	e := newEnv(t, func(e *env) {
		c := e.saveOAuth("My meetings")
		if _, err := e.store.SaveConnection(auth.ConnectionInput{Name: "Theirs", Type: auth.AuthOAuth, OAuthClientID: c.OAuthClientID,
			Endpoints: auth.Endpoints{APIBaseURL: other}}); err != nil {
			t.Fatal(err)
		}
	})
	e.u.sess.Service().OpenURL = func(string) error { return nil }
	wd := e.u.authorize("Theirs")
	if wd.apiHost == nil {
		t.Fatal("the waiting dialog does not name the API host")
	}
	contains(t, "API host", wd.apiHost.Text, "Calls with this connection go to https://api.elsewhere.example:8443, not to its OAuth client's API host "+auth.Origin(e.ep.APIBaseURL))
	if order := objectOrder(wd.Extra, wd.apiHost, wd.urlLabel); order[0] < 0 || order[0] > order[1] {
		t.Errorf("the API host is not named above the authorize URL (positions %v)", order)
	}
	test.Tap(wd.cancelButton)
	e.waitJobs()

	wd = e.u.authorize("My meetings")
	if wd.apiHost != nil {
		t.Errorf("the client's own API host is named: %q", wd.apiHost.Text)
	}
	test.Tap(wd.cancelButton)
	e.waitJobs()
}
