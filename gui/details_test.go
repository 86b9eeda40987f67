package gui

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
)

// The details pane shows the API base, the granted scopes in full
// (selectable) and the token expiry counting down, all from the metadata
// file: selecting a connection never asks the keyring.
func TestDetailsShowScopesAPIBaseAndCountdown(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		e.saveS2S("Other", s2sSecret)
	})
	e.u.selectConnection("Reports")
	d := e.u.details
	if d.scopes.Visible() || d.expiryLabel.Visible() {
		t.Fatalf("scopes %q, expiry %q shown before any token", d.scopes.Text, d.expiryLabel.Text)
	}
	test.Tap(e.u.tb.testButton)
	e.waitJobs()

	c, ok := e.u.sess.Data().Connection("Reports")
	if !ok || c.TokenExpiry == nil {
		t.Fatalf("no token noted after a test: %+v", c)
	}
	contains(t, "details", d.label.Text, "API base: "+e.u.sess.Data().APIBaseURL(c, c.TokenAPIURL))
	if !d.scopes.Visible() || !d.scopes.Selectable || d.scopes.Text != "Scopes granted (1): user:read:admin" {
		t.Errorf("scopes label %q (visible %v, selectable %v)", d.scopes.Text, d.scopes.Visible(), d.scopes.Selectable)
	}

	// The countdown follows the injected clock.
	exp := *c.TokenExpiry
	now := exp.Add(-(52*time.Minute + 7*time.Second))
	d.now = func() time.Time { return now }
	d.tick()
	contains(t, "expiry", d.expiryLabel.Text, "expires in 52m07s", exp.Local().Format("15:04:05"))
	if !d.counting.Load() {
		t.Error("the ticker would not redraw a running countdown")
	}
	now = now.Add(time.Second)
	d.tick()
	contains(t, "expiry a second later", d.expiryLabel.Text, "expires in 52m06s")
	now = exp.Add(time.Second)
	d.tick()
	contains(t, "expiry after it passed", d.expiryLabel.Text, "expired at")
	if d.counting.Load() {
		t.Error("the ticker keeps redrawing an expired token")
	}

	// Selecting reads the metadata only.
	var calls atomic.Int64
	e.sec.Fail = func(op, key string) error { calls.Add(1); return errors.New("no keyring call expected") }
	e.u.selectConnection("Other")
	if d.scopes.Visible() || d.expiryLabel.Visible() {
		t.Errorf("another connection shows scopes %q, expiry %q", d.scopes.Text, d.expiryLabel.Text)
	}
	e.u.selectConnection("Reports")
	if !strings.Contains(d.scopes.Text, "user:read:admin") || !d.expiryLabel.Visible() {
		t.Errorf("back on Reports: scopes %q, expiry %q", d.scopes.Text, d.expiryLabel.Text)
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("%d keyring calls while selecting", n)
	}
	e.sec.Fail = nil

	// Disconnecting forgets the token, its expiry and its scopes.
	test.Tap(e.u.tb.revokeButton)
	tapButton(t, e.topModal(), "Revoke token")
	e.waitJobs()
	if d.scopes.Visible() || d.expiryLabel.Visible() {
		t.Errorf("after disconnecting: scopes %q, expiry %q", d.scopes.Text, d.expiryLabel.Text)
	}
}

// The countdown's ticker hands its redraw to the UI goroutine (fyne.Do),
// only while a countdown runs, and stops when the window closes.
func TestDetailsTickerGoesThroughDoAndStopsWithWindow(t *testing.T) {
	e := newEnv(t, func(e *env) {
		c := e.saveS2S("Reports", s2sSecret)
		exp := time.Now().Add(time.Hour).UTC()
		if err := e.store.UpdateConnection(c.ID, func(c *auth.Connection) { c.TokenExpiry = &exp }); err != nil {
			t.Fatal(err)
		}
	})
	d := e.u.details
	ticks := make(chan func(), 100)
	d.startTicker(func(f func()) { ticks <- f }, 5*time.Millisecond)
	select {
	case <-ticks:
		t.Fatal("the ticker redraws with nothing selected")
	case <-time.After(50 * time.Millisecond):
	}
	e.u.selectConnection("Reports")
	select {
	case f := <-ticks:
		f() // on this, the UI goroutine
		contains(t, "expiry", d.expiryLabel.Text, "expires in 59m")
	case <-time.After(5 * time.Second):
		t.Fatal("no redraw within 5 s")
	}
	e.u.window().Close()
	time.Sleep(20 * time.Millisecond) // a tick in flight may still land
	for len(ticks) > 0 {
		<-ticks
	}
	select {
	case <-ticks:
		t.Fatal("the ticker runs on after the window closed")
	case <-time.After(50 * time.Millisecond):
	}
}

// A test whose token grants one scope says "1 scope" in the details and
// the result, never "1 scopes" (the core's summary counts in words).
func TestDetailsSayOneScope(t *testing.T) {
	e := newEnv(t, func(e *env) { e.saveS2S("Reports", s2sSecret) })
	e.u.selectConnection("Reports")
	test.Tap(e.u.tb.testButton)
	e.waitJobs()
	m := e.topModal()
	tapButton(t, m, "OK")
	text := e.u.details.label.Text
	contains(t, "details", text, "OK at the last test", "1 scope")
	if strings.Contains(text, "1 scopes") || strings.Contains(m.Text(), "1 scopes") {
		t.Errorf("the details or the result say \"1 scopes\":\n%s\n%s", text, m.Text())
	}
}
