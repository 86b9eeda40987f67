package auth

import (
	"testing"

	"zoomconn/auth/deploy"
)

// TestAPIBaseURL: an OAuth 2.0 connection's API base comes from its client
// (or its own, on custom endpoints); Zoom's regional api_url is used only
// for Zoom's own API.
func TestAPIBaseURL(t *testing.T) {
	zoomEP, _ := PresetEndpoints(PresetZoom)
	cl := OAuthClient{ID: "c1", Endpoints: zoomEP}
	custom := OAuthClient{ID: "c2", Endpoints: CustomEndpoints("https://a.example/auth", "https://a.example/token", "https://a.example/revoke", "https://api.example/v2")}
	d := &Data{Clients: []OAuthClient{cl, custom}}
	for _, tc := range []struct {
		conn      Connection
		announced string
		want      string
	}{
		{Connection{Type: AuthOAuth, OAuthClientID: "c1", Endpoints: CustomEndpoints("", "", "", "https://elsewhere.example/v2")}, "", "https://api.zoom.us/v2"},
		{Connection{Type: AuthOAuth, OAuthClientID: "c1"}, "https://eu01api.zoom.us", "https://eu01api.zoom.us/v2"},
		{Connection{Type: AuthOAuth, OAuthClientID: "c2", Endpoints: CustomEndpoints("", "", "", "https://mine.example/v2")}, "https://eu01api.zoom.us", "https://mine.example/v2"},
		{Connection{Type: AuthS2S, Endpoints: zoomEP}, "https://eu01api.zoom.us", "https://eu01api.zoom.us/v2"},
		{Connection{Type: AuthS2S, Endpoints: zoomEP}, "https://eu01api.evil.example", "https://api.zoom.us/v2"},
	} {
		if got := d.APIBaseURL(&tc.conn, tc.announced); got != tc.want {
			t.Errorf("APIBaseURL(%+v, %q) = %q, want %q", tc.conn, tc.announced, got, tc.want)
		}
	}
}

func TestAPIBaseTakesOnlyRegionalZoomHosts(t *testing.T) {
	us, _ := PresetEndpoints(PresetZoom)
	gov, _ := PresetEndpoints(PresetZoomGov)
	custom := "https://zoom.example/v2"
	for _, tt := range []struct{ configured, announced, want string }{
		{us.APIBaseURL, "", us.APIBaseURL},
		{us.APIBaseURL, "https://api.zoom.us", us.APIBaseURL},
		{us.APIBaseURL, "https://eu01api.zoom.us", "https://eu01api.zoom.us/v2"},
		{us.APIBaseURL, "https://EU01API.zoom.us/", "https://eu01api.zoom.us/v2"},
		{us.APIBaseURL, "https://eu01api.zoom.us:443", us.APIBaseURL}, // no port at all, not even the default
		{us.APIBaseURL, "https://eu01api.zoom.us:8443", us.APIBaseURL},
		{us.APIBaseURL, "http://eu01api.zoom.us", us.APIBaseURL},
		{us.APIBaseURL, "https://evil.example", us.APIBaseURL},
		{us.APIBaseURL, "https://zoom.us.evil.example", us.APIBaseURL},
		{us.APIBaseURL, "https://evilzoom.us", us.APIBaseURL},
		{us.APIBaseURL, "https://user@eu01api.zoom.us", us.APIBaseURL},
		{us.APIBaseURL, "https://eu01api.zoomgov.com", us.APIBaseURL},
		{gov.APIBaseURL, "https://eu01api.zoom.us", gov.APIBaseURL},
		{gov.APIBaseURL, "https://regional.api.zoomgov.com", "https://regional.api.zoomgov.com/v2"},
		{custom, "https://eu01api.zoom.us", custom},
		{custom, "https://zoom.example", custom},
		{"http://127.0.0.1:8080/v2", "http://127.0.0.1:9090", "http://127.0.0.1:8080/v2"},
	} {
		if got := deploy.APIBase(tt.configured, tt.announced); got != tt.want {
			t.Errorf("apiBase(%q, %q) = %q, want %q", tt.configured, tt.announced, got, tt.want)
		}
	}
}
