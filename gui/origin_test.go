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
)

// Origin binding in the window: a secret goes only to the endpoints it was
// entered for (issue 9, finding 1), and a copied token does not stay on the
// clipboard (finding 9).

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
	e.u.selectConnection("My meetings")
	contains(t, "details", e.u.details.label.Text, "enter the client secret again")

	f := e.u.EditClient("Team app", nil)
	if f.ClientSecret.PlaceHolder != "Enter the client secret again" {
		t.Errorf("placeholder %q", f.ClientSecret.PlaceHolder)
	}
	contains(t, "secret message", f.ErrorFor(auth.FieldClientSecret), "Required again")
	if h := f.HelpFor(auth.FieldClientSecret); strings.Contains(h, "empty to keep") {
		t.Errorf("help %q", h)
	}
	test.Tap(f.CancelButton)
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
	ir := e.u.importData([]byte(file))
	if ir == nil {
		t.Fatalf("import refused: %s", e.topModal().Text())
	}
	if ir.hosts == nil || !ir.hosts.Visible() {
		t.Fatal("no custom-host warning")
	}
	if ir.hosts.Importance != widget.WarningImportance {
		t.Errorf("warning importance = %v", ir.hosts.Importance)
	}
	contains(t, "warning", ir.hosts.Text, "client secrets and tokens will be sent",
		`connection "Reports": https://zoom.example:443 (authorize, token, revoke)`,
		`connection "Reports": https://api.zoom.example:443 (API)`)
	if len(ir.secrets) != 1 || ir.secrets[0].Text != "" {
		t.Fatalf("secret entries: %d", len(ir.secrets))
	}
	order := objectOrder(ir.Extra, ir.hosts, ir.secrets[0])
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
	ir = e.u.importData([]byte(zoom))
	if ir == nil {
		t.Fatalf("import refused: %s", e.topModal().Text())
	}
	if ir.hosts != nil {
		t.Errorf("a Zoom-only file shows a host warning: %q", ir.hosts.Text)
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
	e.u.selectConnection("Good")
	test.Tap(e.u.tb.copyButton)
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
	test.Tap(e.u.tb.copyButton)
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
	e := newEnv(t, func(e *env) { e.saveS2S("Good", s2sSecret) }, func(_ *env, o *Options) { o.clipboardClearAfter = 5 * time.Second })
	e.u.copyToken("Good")
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
