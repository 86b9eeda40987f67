package deploy

import "testing"

// TestAPIBaseIsExact: a regional api_url is taken only in its one exact
// shape, https://HOST in the deployment's domain.
func TestAPIBaseIsExact(t *testing.T) {
	us, gov := Commercial().APIBaseURL, Gov().APIBaseURL
	for _, tt := range []struct{ configured, announced, want string }{
		{us, "https://eu01api.zoom.us", "https://eu01api.zoom.us/v2"},
		{us, "https://eu01api.zoom.us/", "https://eu01api.zoom.us/v2"},
		{us, "https://EU01API.zoom.us", "https://eu01api.zoom.us/v2"},
		{us, "https://api.zoom.us", us},
		{us, "https://api.zoom.us:443", us}, // the configured server itself
		{gov, "https://regional.api.zoomgov.com", "https://regional.api.zoomgov.com/v2"},
		{us, "https://evil.com;.zoom.us", us},
		{us, "https://\u0435u01api.zoom.us", us}, // Cyrillic е
		{us, "https://eu01api.zoom.us:443", us},
		{us, "https://eu01api.zoom.us:", us},
		{us, "https://eu01api.zoom.us:8443", us},
		{us, "https://u@eu01api.zoom.us", us},
		{us, "https://@eu01api.zoom.us", us},
		{us, "https://eu01api..zoom.us", us},
		{us, "https://.zoom.us", us},
		{us, "https://eu01api.zoom.us.", us},
		{us, "https://eu01api.zoom.us?", us},
		{us, "https://eu01api.zoom.us?x=1", us},
		{us, "https://eu01api.zoom.us#", us},
		{us, "https://eu01api.zoom.us#f", us},
		{us, "https://eu01_api.zoom.us", us},
		{us, "https://eu01api%2ezoom.us", us},
		{us, "https://evil.com%00.zoom.us", us},
		{us, "https:eu01api.zoom.us", us},
		{us, "http://eu01api.zoom.us", us},
		{us, "https://zoom.us", us},
		{us, "https://eu01api.zoomgov.com", us},
		{gov, "https://eu01api.zoom.us", gov},
		{"https://zoom.example/v2", "https://eu01api.zoom.us", "https://zoom.example/v2"},
	} {
		if got := APIBase(tt.configured, tt.announced); got != tt.want {
			t.Errorf("APIBase(%q, %q) = %q, want %q", tt.configured, tt.announced, got, tt.want)
		}
	}
}
