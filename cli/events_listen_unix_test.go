//go:build unix

package cli

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"zoomconn/auth/zoomtest"
)

// listenWorld is eventsWorld with "Live": a Server-to-Server connection
// whose custom endpoints name the fake's events socket, its subscription
// sub-1 (known to the fake) and a Secret Token. Waits are recorded, not
// slept.
func listenWorld(t *testing.T) (*world, *[]time.Duration) {
	w := eventsWorld(t)
	var mu sync.Mutex
	var waits []time.Duration
	w.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Live", "--account-id", "acct", "--client-id", "s2sID",
		"--events-url", w.zoom.Endpoints().EventsURL, "--events-subscription", "sub-1"}, w.endpointFlags()...)...)
	w.must(secretToken+"\n", "events", "secret", "Live")
	w.zoom.AddEventSubscription("s2sID", "sub-1")
	return w, &waits
}

// waitSocket waits until the fake has registered sub-1's socket: a dial
// returns before it has.
func (w *world) waitSocket(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := w.zoom.WaitEventConnection(ctx, "sub-1"); err != nil {
		t.Fatal(err)
	}
}

// until waits for cond, or fails the test.
func until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// interrupt is Ctrl+C for the in-process command (Main's NotifyContext
// catches it), and waits for the command to end.
func interrupt(t *testing.T, r *running) result {
	t.Helper()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-r.exited:
	case <-time.After(10 * time.Second):
		t.Fatal("events listen did not end on Ctrl+C")
	}
	return r.wait()
}

func (r *running) waitFor(t *testing.T, phrase string) {
	t.Helper()
	select {
	case <-r.stderr.watch(phrase):
	case <-r.exited:
		t.Fatalf("the command ended before saying %q: %s", phrase, r.stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatalf("the command never said %q: %s", phrase, r.stderr.String())
	}
}

// events listen --json --forward-to: each event's exact bytes on stdout,
// one a line, and at the handler with a signature an independent HMAC
// check accepts; a drop is said, and the reconnect takes a fresh token
// once the old one expired; Ctrl+C ends it with exit 0; no token or
// secret in any output.
func TestEventsListenForwardsAndReconnects(t *testing.T) {
	w, waits := listenWorld(t)
	h := newEventHandler(t, true, secretToken, w.now)
	r := w.start("", "events", "listen", "Live", "--json", "--forward-to", h.srv.URL+"/webhook")
	r.waitFor(t, "Listening for the events of \"Live\"")
	w.waitSocket(t)
	ev1 := `{"event":"meeting.started",  "event_ts":1700000000000,"payload":{"object":{"topic":"Caf\u00e9 \"1\""}}}`
	if !w.zoom.EmitEvent("sub-1", []byte(ev1)) {
		t.Fatal("no socket open at the fake")
	}
	until(t, "the first forward", func() bool { return h.count() == 1 })
	got := h.last(t)
	if string(got.body) != ev1 || got.sig != independentSignature(secretToken, got.ts, got.body) {
		t.Errorf("the handler got %q signed %q", got.body, got.sig)
	}
	// The socket drops after the token expired: a fresh one.
	w.clock.Advance(2 * time.Hour)
	w.zoom.DropEventConnection("sub-1")
	r.waitFor(t, "Reconnected to the events socket")
	w.waitSocket(t)
	ev2 := `{"event":"user.updated","payload":{"object":{"email":"grace@example.com"}}}`
	if !w.zoom.EmitEvent("sub-1", []byte(ev2)) {
		t.Fatal("no socket open after the reconnect")
	}
	until(t, "the second forward", func() bool { return h.count() == 2 })
	res := interrupt(t, r)
	if res.code != 0 {
		t.Fatalf("exit %d after Ctrl+C: %s", res.code, res.stderr)
	}
	if res.stdout != ev1+"\n"+ev2+"\n" {
		t.Errorf("stdout %q, want the two events' exact bytes", res.stdout)
	}
	for _, want := range []string{"The events socket dropped", "Events during the gap are lost", "-> 200 in", "Stopped listening."} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, res.stderr)
		}
	}
	if n := w.zoom.Stats().TokenRequests["account_credentials"]; n != 2 {
		t.Errorf("%d token requests, want 2 (the first, and a fresh one after expiry)", n)
	}
	if len(*waits) != 1 {
		t.Errorf("waits %v, want one before the reconnect", *waits)
	}
	w.assertNoSecretToken()
}

// Without --json, one line per event: time, name, summary; each forward
// try on stdout below it; a failing handler is retried after 1, 5 and 20 s
// (waits recorded, not slept) without stopping the stream.
func TestEventsListenLines(t *testing.T) {
	w, waits := listenWorld(t)
	h := newEventHandler(t, true, secretToken, w.now)
	h.status = 500
	r := w.start("", "events", "listen", "Live", "--forward-to", h.srv.URL)
	r.waitFor(t, "Listening for")
	w.waitSocket(t)
	w.zoom.EmitEvent("sub-1", []byte(zoomtest.SampleEvent))
	w.zoom.EmitEvent("sub-1", []byte(`{"event":"meeting.participant_joined","payload":{"object":{"topic":"T\u001b[31m","participant":{"user_name":"Ada"}}}}`))
	until(t, "eight tries", func() bool { return h.count() == 8 })
	until(t, "ten lines", func() bool { return strings.Count(r.stdout.String(), "\n") == 10 })
	res := interrupt(t, r)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	has := func(cond func(string) bool) bool {
		for _, l := range lines {
			if cond(l) {
				return true
			}
		}
		return false
	}
	if !has(func(l string) bool {
		return strings.HasSuffix(l, `  meeting.started  topic "Demo standup"`) && l[2] == ':'
	}) {
		t.Errorf("no meeting.started line in %q", lines)
	}
	if !has(func(l string) bool {
		return strings.Contains(l, "meeting.participant_joined") && strings.Contains(l, "participant Ada") && !strings.Contains(l, "\x1b")
	}) {
		t.Errorf("no clean participant line in %q", lines)
	}
	if !has(func(l string) bool {
		return strings.Contains(l, "-> 500 in") && strings.Contains(l, "Zoom would count it failed") && strings.HasSuffix(l, "try 1, retrying in 1s")
	}) || !has(func(l string) bool { return strings.HasSuffix(l, "gave up after 4 tries") }) {
		t.Errorf("forward lines %q", lines)
	}
	if len(lines) != 10 {
		t.Errorf("%d lines, want 2 events and 8 tries: %q", len(lines), lines)
	}
	want := []time.Duration{time.Second, 5 * time.Second, 20 * time.Second, time.Second, 5 * time.Second, 20 * time.Second}
	if fmt.Sprint(*waits) != fmt.Sprint(want) {
		t.Errorf("waits %v, want %v", *waits, want)
	}
	w.assertNoSecretToken()
}

// What events listen refuses: a handler off this machine (exit 2, before
// connecting), no subscription, custom endpoints without an events URL.
// (ZoomGov's unverified socket: access's TestListenZoomGov.)
func TestEventsListenRefusals(t *testing.T) {
	w, _ := listenWorld(t)
	if r := w.run("", "events", "listen", "Live", "--forward-to", "http://example.com/hook"); r.code != ExitUsage || !strings.Contains(r.stderr, "is not on this machine") {
		t.Errorf("a remote handler: %d %q", r.code, r.stderr)
	}
	if n := w.zoom.Stats().EventConnects; n != 0 {
		t.Errorf("%d connects after a refusal", n)
	}
	if r := w.run("", "events", "listen", "Reports"); r.code != ExitFailed || !strings.Contains(r.stderr, "No WebSocket subscription ID is stored for \"Reports\"") ||
		!strings.Contains(r.stderr, "zoomconn edit-s2s Reports --events-subscription ID") {
		t.Errorf("no subscription: %d %q", r.code, r.stderr)
	}
	if r := w.run("", "events", "listen", "Reports", "--subscription", "sub-1"); r.code != ExitFailed || !strings.Contains(r.stderr, "custom endpoints without an events URL") {
		t.Errorf("no events URL: %d %q", r.code, r.stderr)
	}
	if r := w.run("", "events", "listen", "Live", "--subscription", "nope"); r.code != ExitFailed || !strings.Contains(r.stderr, "404") {
		t.Errorf("an unknown subscription: %d %q", r.code, r.stderr)
	}
	w.assertNoSecretToken()
}

// An OAuth client keeps its app's subscription ID (add-client and
// edit-client --events-subscription), and an OAuth 2.0 connection of it
// listens with its own token on the client's subscription.
func TestEventsListenThroughAnOAuthClient(t *testing.T) {
	w, _ := listenWorld(t)
	w.must(genSecret+"\n", append([]string{"add-client", "App", "--client-id", "genID", "--events-url", w.zoom.Endpoints().EventsURL}, w.endpointFlags()...)...)
	w.must("", "add-oauth", "Mine", "--client", "App")
	w.login("Mine")
	if r := w.run("", "events", "listen", "Mine"); r.code != ExitFailed || !strings.Contains(r.stderr, "zoomconn edit-client App --events-subscription ID") {
		t.Errorf("no subscription: %d %q", r.code, r.stderr)
	}
	w.must("", "edit-client", "App", "--events-subscription", "gen-sub")
	w.zoom.AddEventSubscription("genID", "gen-sub")
	w.must(secretToken+"\n", "events", "secret", "App")
	h := newEventHandler(t, true, secretToken, w.now)
	r := w.start("", "events", "listen", "Mine", "--json", "--forward-to", h.srv.URL)
	r.waitFor(t, "Listening for")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := w.zoom.WaitEventConnection(ctx, "gen-sub"); err != nil {
		t.Fatal(err)
	}
	w.zoom.EmitEvent("gen-sub", []byte(`{"event":"app.deauthorized"}`))
	until(t, "the forward", func() bool { return h.count() == 1 })
	res := interrupt(t, r)
	if res.code != 0 || res.stdout != `{"event":"app.deauthorized"}`+"\n" || !strings.Contains(res.stderr, "-> 200 in") {
		t.Errorf("exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
	w.assertNoSecretToken()
}
