package gui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
)

// The Token expires column counts down on the window's clock, at least
// every 30 s, and turns to "expired" once the token has: it no longer
// says "59 min" an hour later.
func TestTokenExpiresColumnCountsDownToExpired(t *testing.T) {
	if listTick > 30*time.Second {
		t.Fatalf("the list redraws its countdown every %v; at least every 30 s is needed", listTick)
	}
	clock := time.Now()
	exp := clock.Add(150 * time.Second).UTC()
	e := newEnv(t, func(e *env) {
		c := e.saveS2S("Reports", s2sSecret)
		if err := e.store.UpdateConnection(c.ID, func(c *auth.Connection) { c.TokenExpiry = &exp }); err != nil {
			t.Fatal(err)
		}
	})
	e.u.sess.Service().Now = func() time.Time { return clock } // read on this goroutine only
	e.u.reload()
	contains(t, "cell before", visibleCellTexts(e.u.conns.List), "(2 min)")

	ticks := make(chan func(), 100)
	e.u.startTickers(func(f func()) { ticks <- f }, time.Hour, time.Millisecond)
	t.Cleanup(e.u.stopTickers)
	tick := func() {
		t.Helper()
		select {
		case f := <-ticks:
			f() // on the UI goroutine, which here is the test's
		case <-time.After(10 * time.Second):
			t.Fatal("the list's ticker did not tick")
		}
	}
	clock = clock.Add(time.Minute)
	tick()
	contains(t, "cell a minute later", visibleCellTexts(e.u.conns.List), "(1 min)")
	clock = exp.Add(time.Second)
	tick()
	if got := visibleCellTexts(e.u.conns.List); !strings.Contains(got, "expired") {
		t.Errorf("after the token expired the row says %q", got)
	}
	e.u.stopTickers()
}

// A successful authorization proves the connection works and fetched who
// it acts as: the row says OK, and the details say so with the identity.
// (The core's Login records it as a passed test.)
func TestAuthorizeSetsStatusOKWithIdentity(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveOAuth("My meetings") })
	e.u.selectConnection("My meetings")
	test.Tap(e.u.tb.authorizeButton)
	e.waitJobs()
	if err := <-e.browserErr; err != nil {
		t.Fatalf("browser: %v", err)
	}
	contains(t, "result", e.topModal().Title, "Authorized: My meetings")
	if got := e.rowTexts()[0][5]; got != "OK" {
		t.Errorf("status after authorizing = %q; want OK (needs the core's Login to record a passed test)", got)
	}
	contains(t, "drawn row", visibleCellTexts(e.u.conns.List), "OK")
	contains(t, "details", e.u.details.label.Text, "OK at the last test", "Ada Lovelace")
}
