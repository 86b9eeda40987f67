//go:build unix

package cli

import (
	"context"
	"strings"
	"testing"
	"time"
)

// events listen CLIENT: an OAuth client (a General app) listens on its own
// with app-level tokens (client_credentials), fetched fresh for each
// connect and stored nowhere; the handler gets the exact bytes with a
// signature an independent HMAC check accepts; no token or secret in any
// output.
func TestEventsListenAsAnOAuthClient(t *testing.T) {
	w, waits := listenWorld(t)
	w.must(genSecret+"\n", append([]string{"add-client", "App", "--client-id", "genID", "--events-url", w.zoom.Endpoints().EventsURL,
		"--events-subscription", "gen-sub"}, w.endpointFlags()...)...)
	w.zoom.AddEventSubscription("genID", "gen-sub")
	w.must(secretToken+"\n", "events", "secret", "App")
	h := newEventHandler(t, true, secretToken, w.now)
	r := w.start("", "events", "listen", "App", "--json", "--forward-to", h.srv.URL+"/hook")
	r.waitFor(t, `Listening for the events of "App"`)
	wait := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := w.zoom.WaitEventConnection(ctx, "gen-sub"); err != nil {
			t.Fatal(err)
		}
	}
	wait()
	ev := `{"event":"recording.completed", "payload":{"object":{"topic":"Q4"}}}`
	if !w.zoom.EmitEvent("gen-sub", []byte(ev)) {
		t.Fatal("no socket open")
	}
	until(t, "the forward", func() bool { return h.count() == 1 })
	if got := h.last(t); string(got.body) != ev || got.sig != independentSignature(secretToken, got.ts, got.body) {
		t.Errorf("the handler got %q signed %q", got.body, got.sig)
	}
	w.clock.Advance(2 * time.Hour)
	w.zoom.DropEventConnection("gen-sub")
	r.waitFor(t, "Reconnected to the events socket")
	wait()
	res := interrupt(t, r)
	if res.code != 0 || res.stdout != ev+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
	st := w.zoom.Stats()
	if st.TokenRequests["client_credentials"] != 2 || st.TokenRequests["refresh_token"] != 0 {
		t.Errorf("token requests %v, want two client_credentials (one per connect)", st.TokenRequests)
	}
	if len(*waits) != 1 {
		t.Errorf("waits %v", *waits)
	}
	for k, v := range w.secrets.Snapshot() {
		for _, tok := range w.zoom.IssuedSecrets() {
			if strings.Contains(v, tok) && strings.Contains(k, "oauth-client/") {
				t.Errorf("the keyring keeps an app-level token under %s", k)
			}
		}
	}
	w.assertNoSecretToken()
	w.assertHygiene()
}

// A public OAuth client cannot get an app-level token: exit 1, nothing
// sent, and the next step (one of its connections, or its secret).
func TestEventsListenAsAPublicClient(t *testing.T) {
	w, _ := listenWorld(t)
	w.must("", append([]string{"add-client", "Pub", "--client-id", "pubID", "--public", "--events-url", w.zoom.Endpoints().EventsURL,
		"--events-subscription", "pub-sub"}, w.endpointFlags()...)...)
	r := w.run("", "events", "listen", "Pub")
	if r.code != ExitFailed || !strings.Contains(r.stderr, `The OAuth client "Pub" is public`) ||
		!strings.Contains(r.stderr, "zoomconn events listen CONNECTION") || !strings.Contains(r.stderr, "zoomconn edit-client Pub --public=false") {
		t.Errorf("exit %d: %q", r.code, r.stderr)
	}
	if n := w.zoom.Stats().TokenRequests["client_credentials"]; n != 0 {
		t.Errorf("%d token requests", n)
	}
	w.must(genSecret+"\n", append([]string{"add-client", "Bare", "--client-id", "genID", "--events-subscription", "s"}, w.endpointFlags()...)...)
	if r := w.run("", "events", "listen", "Bare"); r.code != ExitFailed || !strings.Contains(r.stderr, "zoomconn edit-client Bare` with --endpoints custom") {
		t.Errorf("no events URL: %d %q", r.code, r.stderr)
	}
	w.assertNoSecretToken()
}
