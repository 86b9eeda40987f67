package gui

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/auth/access"
)

func TestTokenExpiryColumnFromMetadata(t *testing.T) {
	now := time.Now()
	soon, past := now.Add(90*time.Minute).UTC(), now.Add(-time.Minute).UTC()
	var calls atomic.Int64
	e := newEnv(t, func(e *env) {
		for name, exp := range map[string]*time.Time{"Active": &soon, "Stale": &past, "Never": nil} {
			c := e.saveS2S(name, s2sSecret)
			if err := e.store.UpdateConnection(c.ID, func(c *auth.Connection) { c.TokenExpiry = exp }); err != nil {
				t.Fatal(err)
			}
		}
		// Listing must not ask the keyring for anything.
		e.sec.Fail = func(op, key string) error { calls.Add(1); return errors.New("no keyring call expected") }
	})
	got := map[string]string{}
	for _, r := range e.rowTexts() {
		got[r[0]] = r[3]
	}
	if !strings.HasPrefix(got["Active"], soon.Local().Format("15:04")+" (1h") {
		t.Errorf("Active expires %q; want %s (1h…)", got["Active"], soon.Local().Format("15:04"))
	}
	if got["Stale"] != "expired" || got["Never"] != "—" {
		t.Errorf("Stale %q, Never %q", got["Stale"], got["Never"])
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("%d keyring calls while listing", n)
	}
}

func TestTokenExpirySurvivesRestartAndClearsOnDisconnect(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) })
	e.u.selectConnection("Reports")
	test.Tap(e.u.tb.copyButton)
	e.waitJobs()
	shown := e.rowTexts()[0][3]
	if shown == "—" {
		t.Fatal("no expiry after fetching a token")
	}
	// A new window on the same files: the column reads the metadata.
	again := newWindow(test.NewTempApp(t), Options{Service: &access.Service{Store: e.store}})
	if got := again.conns.expiryText(again.conns.Rows()[0]); got != shown {
		t.Errorf("after a restart the column says %q; before %q", got, shown)
	}
	test.Tap(e.u.tb.revokeButton)
	tapButton(t, e.topModal(), "Revoke token")
	e.waitJobs()
	if got := e.rowTexts()[0][3]; got != "—" {
		t.Errorf("after disconnecting the column says %q", got)
	}
}
