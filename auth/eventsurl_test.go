package auth

import (
	"errors"
	"strings"
	"testing"

	"zoomconn/auth/deploy"
)

// The events URL belongs to the deployment: Zoom's is wss://ws.zoom.us/ws,
// ZoomGov's wss://ws.zoomgov.com/ws (unverified), a custom set's is its own,
// optional, and checked as the other URLs are (wss; ws on loopback only).
func TestEventsURL(t *testing.T) {
	if got := (Endpoints{}).EventsBase(); got != "wss://ws.zoom.us/ws" || got != deploy.Commercial().EventsURL {
		t.Errorf("Zoom's events URL = %q", got)
	}
	// ZoomGov's is Zoom's pattern on zoomgov.com, marked unverified; a
	// stored one does not replace it.
	if got := (Endpoints{Preset: PresetZoomGov, EventsURL: "wss://evil.example/ws"}).EventsBase(); got != "wss://ws.zoomgov.com/ws" || deploy.Gov().EventsVerified || !deploy.Commercial().EventsVerified {
		t.Errorf("ZoomGov's events URL = %q (verified %v)", got, deploy.Gov().EventsVerified)
	}
	// A preset keeps no events URL of its own.
	if ep, errs := (Endpoints{Preset: PresetZoom, EventsURL: "wss://evil.example/ws"}).Normalize(); errs != nil || ep.EventsURL != "" || ep.EventsBase() != deploy.Commercial().EventsURL {
		t.Errorf("zoom preset normalized to %+v, %v", ep, errs)
	}
	base := CustomEndpoints("https://e/a", "https://e/t", "https://e/r", "https://e/v2")
	for _, tt := range []struct{ url, want string }{
		{"", ""},
		{"wss://ws.example/ws", ""},
		{" wss://ws.example/ws/ ", ""},
		{"ws://127.0.0.1:9/ws", ""},
		{"ws://[::1]:9/ws", ""},
		{"ws://localhost:9/ws", "must use wss (plain ws is allowed only for 127.0.0.1 and ::1)"},
		{"ws://ws.example/ws", "must use wss"},
		{"https://ws.example/ws", "must start with wss://"},
		{"wss://ws.example/ws?x=1", "query"},
		{"wss://u:p@ws.example/ws", "user name or password"},
		{"wss://ws.ex\u0430mple/ws", "plain ASCII"},
		{"wss:ws", "full URL such as wss://ws.zoom.us/ws"},
	} {
		ep := base
		ep.EventsURL = tt.url
		n, errs := ep.NormalizeS2S()
		var msg string
		for _, e := range errs {
			if e.Field == FieldEventsURL {
				msg = e.Message
			} else {
				t.Errorf("%q: unexpected error %v", tt.url, e)
			}
		}
		if tt.want == "" {
			if msg != "" {
				t.Errorf("%q refused: %s", tt.url, msg)
			} else if n.EventsBase() != strings.TrimRight(strings.TrimSpace(tt.url), "/") {
				t.Errorf("%q kept as %q", tt.url, n.EventsBase())
			}
			continue
		}
		if !strings.Contains(msg, tt.want) || !strings.HasPrefix(msg, FieldEventsURL+" ") {
			t.Errorf("%q: %q, want it to contain %q", tt.url, msg, tt.want)
		}
	}
	base.EventsURL = "wss://ws.example/ws"
	if hosts := base.CustomHosts(); len(hosts) != 2 || hosts[1] != "wss://ws.example:443 (events)" {
		t.Errorf("CustomHosts = %q", hosts)
	}
}

// The WebSocket subscription ID is set on a Server-to-Server connection
// (nil keeps it, "" clears it) and checked like an ID; an OAuth 2.0
// connection's is its client's.
func TestEventsSubscriptionInput(t *testing.T) {
	d := &Data{Schema: SchemaVersion,
		Clients:     []OAuthClient{{ID: "client-1", Name: "Team app", ClientID: "abc", Kind: Public}},
		Connections: []Connection{{ID: "conn-1", Name: "Reporting", Type: AuthS2S, AccountID: "a", ClientID: "c", EventsSubscription: "old"}},
	}
	str := func(s string) *string { return &s }
	edit := ConnectionInput{ID: "conn-1", Name: "Reporting", Type: AuthS2S, AccountID: "a", ClientID: "c"}
	for _, tt := range []struct {
		sub  *string
		want string
	}{{nil, "old"}, {str(" sub-1 "), "sub-1"}, {str(""), ""}} {
		in := edit
		in.EventsSubscription = tt.sub
		p, err := d.PlanConnection(in)
		if err != nil || p.Connection.EventsSubscription != tt.want {
			t.Errorf("subscription %v: %v, %q; want %q", tt.sub, err, p.Connection.EventsSubscription, tt.want)
		}
	}
	var ve *ValidationError
	in := edit
	in.EventsSubscription = str("a b")
	if err := d.ValidateConnection(in); !errors.As(err, &ve) || !strings.Contains(ve.For(FieldEventsSubscription), "without spaces") {
		t.Errorf("a subscription ID with a space: %v", err)
	}
	oauth := ConnectionInput{Name: "U", Type: AuthOAuth, OAuthClientID: "client-1", EventsSubscription: str("x")}
	if err := d.ValidateConnection(oauth); !errors.As(err, &ve) || !strings.Contains(ve.For(FieldEventsSubscription), "OAuth client") {
		t.Errorf("an OAuth 2.0 connection's subscription: %v", err)
	}
}
