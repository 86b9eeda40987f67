package auth

import "testing"

// Issue 17, finding 4: the model says where an OAuth 2.0 connection's calls
// go when that is not its OAuth client's own API host.
func TestAPIHostOf(t *testing.T) {
	zoomEP, _ := PresetEndpoints(PresetZoom)
	custom := CustomEndpoints("https://a.example/auth", "https://a.example/token", "https://a.example/revoke", "https://api.example/v2")
	d := &Data{Clients: []OAuthClient{{ID: "zoom", Endpoints: zoomEP}, {ID: "custom", Endpoints: custom}}}
	for _, tc := range []struct {
		name    string
		conn    Connection
		want    APIHost
		differs bool
	}{
		{"the client's own API", Connection{Type: AuthOAuth, OAuthClientID: "custom", Endpoints: custom},
			APIHost{Host: "https://api.example:443", ClientHost: "https://api.example:443"}, false},
		{"another path on the same host", Connection{Type: AuthOAuth, OAuthClientID: "custom", Endpoints: custom.ForConnection("https://api.example/v3")},
			APIHost{Host: "https://api.example:443", ClientHost: "https://api.example:443"}, false},
		{"another host", Connection{Type: AuthOAuth, OAuthClientID: "custom", Endpoints: custom.ForConnection("https://api.elsewhere.example:8443/v2")},
			APIHost{Host: "https://api.elsewhere.example:8443", ClientHost: "https://api.example:443"}, true},
		{"a Zoom client (a stale copy of another API is not used)", Connection{Type: AuthOAuth, OAuthClientID: "zoom", Endpoints: CustomEndpoints("", "", "", "https://elsewhere.example/v2")},
			APIHost{Host: "https://api.zoom.us:443", ClientHost: "https://api.zoom.us:443"}, false},
		{"Server-to-Server", Connection{Type: AuthS2S, Endpoints: custom},
			APIHost{Host: "https://api.example:443"}, false},
		{"a missing client", Connection{Type: AuthOAuth, OAuthClientID: "gone", Endpoints: custom.ForConnection("https://x.example/v2")},
			APIHost{Host: "https://x.example:443"}, false},
	} {
		got := d.APIHostOf(&tc.conn)
		if got != tc.want || got.Differs() != tc.differs {
			t.Errorf("%s: APIHostOf = %+v (differs %v), want %+v (differs %v)", tc.name, got, got.Differs(), tc.want, tc.differs)
		}
	}
}
