package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/zoomtest"
)

// connection reads a connection as the metadata file keeps it.
func (w *world) connection(name string) auth.Connection {
	w.t.Helper()
	raw, err := os.ReadFile(filepath.Join(w.dir, "connections.json"))
	if err != nil {
		w.t.Fatal(err)
	}
	d, err := auth.ParseData(raw)
	if err != nil {
		w.t.Fatal(err)
	}
	c, ok := d.Connection(name)
	if !ok {
		w.t.Fatalf("no connection %q in the metadata file", name)
	}
	return *c
}

// --events-url sits beside the other endpoint flags (custom only; wss, or
// ws on loopback) and --events-subscription sets a Server-to-Server
// connection's subscription ID.
func TestEventsURLAndSubscriptionFlags(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	ev := w.zoom.Endpoints().EventsURL
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID",
		"--events-subscription", "sub-1", "--events-url", ev}, w.endpointFlags()...)...)
	if c := w.connection("Reports"); c.Endpoints.EventsURL != ev || c.EventsSubscription != "sub-1" {
		t.Errorf("saved events URL %q, subscription %q", c.Endpoints.EventsURL, c.EventsSubscription)
	}
	if r := w.run("", "edit-s2s", "Reports", "--events-subscription", "sub-2"); r.code != 0 {
		t.Fatalf("edit-s2s --events-subscription: %d %q", r.code, r.stderr)
	}
	if c := w.connection("Reports"); c.EventsSubscription != "sub-2" || c.Endpoints.EventsURL != ev {
		t.Errorf("after the edit: subscription %q, events URL %q", c.EventsSubscription, c.Endpoints.EventsURL)
	}
	if r := w.run("", "edit-s2s", "Reports", "--events-subscription", "a b"); r.code != ExitUsage || !strings.Contains(r.stderr, "WebSocket subscription ID must contain only visible characters") {
		t.Errorf("a bad subscription ID: %d %q", r.code, r.stderr)
	}
	w.must("", "edit-s2s", "Reports", "--events-subscription", "")
	if c := w.connection("Reports"); c.EventsSubscription != "" {
		t.Errorf("an empty --events-subscription kept %q", c.EventsSubscription)
	}
	// Without custom endpoints, and off loopback in plain ws.
	if r := w.run(s2sSecret+"\n", "add-s2s", "Z", "--account-id", "acct", "--client-id", "s2sID", "--events-url", "wss://ws.example/ws"); r.code != ExitUsage || !strings.Contains(r.stderr, "--events-url need --endpoints custom") {
		t.Errorf("--events-url on a preset: %d %q", r.code, r.stderr)
	}
	if r := w.run(s2sSecret+"\n", append([]string{"add-s2s", "Z", "--account-id", "acct", "--client-id", "s2sID", "--events-url", "ws://ws.example/ws"}, w.endpointFlags()...)...); r.code != ExitUsage || !strings.Contains(r.stderr, "Events URL must use wss (plain ws is allowed only for 127.0.0.1 and ::1)") {
		t.Errorf("plain ws off loopback: %d %q", r.code, r.stderr)
	}
	// A preset's events URL is its deployment's, never stored.
	w.must(s2sSecret+"\n", "add-s2s", "Gov", "--account-id", "acct", "--client-id", "s2sID", "--endpoints", "zoomgov", "--events-subscription", "g")
	if c := w.connection("Gov"); c.Endpoints.EventsURL != "" || c.Endpoints.EventsBase() != "wss://ws.zoomgov.com/ws" || c.EventsSubscription != "g" {
		t.Errorf("ZoomGov: %+v", c)
	}
	o := parse(t, NewCmdEditS2S, "Reports", "--events-subscription", "x")
	if o.EventsSubscription != "x" || !flagsSet(o.Flags)["events-subscription"] {
		t.Errorf("edit-s2s parsed %+v", o)
	}
}

// add-client and edit-client --events-subscription set an OAuth client's
// (a General app's) subscription ID; a new Client ID (another app) drops
// it unless one is given with it.
func TestClientEventsSubscriptionFlag(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	client := func() auth.OAuthClient {
		raw, err := os.ReadFile(filepath.Join(w.dir, "connections.json"))
		if err != nil {
			t.Fatal(err)
		}
		d, err := auth.ParseData(raw)
		if err != nil {
			t.Fatal(err)
		}
		c, ok := d.Client("App")
		if !ok {
			t.Fatal("no client App")
		}
		return *c
	}
	w.must("", append([]string{"add-client", "App", "--client-id", "pubID", "--public", "--events-subscription", "s1"}, w.endpointFlags()...)...)
	if c := client(); c.EventsSubscription != "s1" {
		t.Errorf("add-client kept %q", c.EventsSubscription)
	}
	w.must("", "edit-client", "App", "--events-subscription", "s2")
	if c := client(); c.EventsSubscription != "s2" {
		t.Errorf("edit-client kept %q", c.EventsSubscription)
	}
	w.must("", "edit-client", "App", "--client-id", "otherID")
	if c := client(); c.EventsSubscription != "" {
		t.Errorf("another app kept the subscription %q", c.EventsSubscription)
	}
	w.must("", "edit-client", "App", "--client-id", "pubID", "--events-subscription", "s3")
	if c := client(); c.EventsSubscription != "s3" {
		t.Errorf("a subscription given with a new Client ID: %q", c.EventsSubscription)
	}
	if r := w.run("", "edit-client", "App", "--events-subscription", "a\tb"); r.code != ExitUsage || !strings.Contains(r.stderr, "WebSocket subscription ID must contain only visible characters") {
		t.Errorf("a bad subscription ID: %d %q", r.code, r.stderr)
	}
}
