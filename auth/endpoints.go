package auth

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"zoomconn/auth/deploy"
)

// EndpointPreset names a set of Zoom URLs.
type EndpointPreset string

const (
	PresetZoom    EndpointPreset = "zoom"
	PresetZoomGov EndpointPreset = "zoomgov"
	PresetCustom  EndpointPreset = "custom"
)

// Label is the preset's name in the UI.
func (p EndpointPreset) Label() string {
	switch p {
	case PresetZoom, "":
		return "Zoom"
	case PresetZoomGov:
		return "ZoomGov"
	}
	return "Custom"
}

// Endpoints are the URLs a connection talks to.
type Endpoints struct {
	Preset       EndpointPreset `json:"preset"`
	AuthorizeURL string         `json:"authorize_url"`
	TokenURL     string         `json:"token_url"`
	RevokeURL    string         `json:"revoke_url"`
	APIBaseURL   string         `json:"api_url"`
	// EventsURL is a custom set's WebSocket events socket (wss://, or
	// ws:// on loopback), optional; it receives access tokens, like the
	// API. A preset's is its deployment's ([Endpoints.EventsBase]), never
	// stored.
	EventsURL string `json:"events_url,omitempty"`
	// MCPURL is a custom set's base of hosted MCP servers (https://, or
	// http:// on loopback), optional; its servers receive access tokens.
	// A preset's is its deployment's ([Endpoints.MCPBase]), never stored.
	MCPURL string `json:"mcp_url,omitempty"`
}

// MCPBase is the base of the hosted MCP servers e's access tokens may go
// to: the deployment's for a preset (Zoom's https://mcp.zoom.us; "" for
// ZoomGov, whose servers are unverified), a custom set's own MCP URL (""
// when it has none).
func (e Endpoints) MCPBase() string {
	switch e.Preset {
	case PresetZoom, "":
		return deploy.Commercial().MCPURL
	case PresetZoomGov:
		return deploy.Gov().MCPURL
	}
	return e.MCPURL
}

// EventsBase is the events socket e's access tokens may go to: the
// deployment's for a preset (Zoom's wss://ws.zoom.us/ws; "" for ZoomGov,
// whose socket is unverified), a custom set's own events URL ("" when it
// has none).
func (e Endpoints) EventsBase() string {
	switch e.Preset {
	case PresetZoom, "":
		return deploy.Commercial().EventsURL
	case PresetZoomGov:
		return deploy.Gov().EventsURL
	}
	return e.EventsURL
}

// PresetEndpoints returns the documented URLs for preset zoom or zoomgov.
func PresetEndpoints(p EndpointPreset) (Endpoints, bool) {
	var d deploy.Deployment
	switch p {
	case PresetZoom:
		d = deploy.Commercial()
	case PresetZoomGov:
		d = deploy.Gov()
	default:
		return Endpoints{}, false
	}
	return Endpoints{Preset: p, AuthorizeURL: d.AuthorizeURL, TokenURL: d.TokenURL, RevokeURL: d.RevokeURL, APIBaseURL: d.APIBaseURL}, true
}

// CustomEndpoints builds a custom endpoint set, e.g. for a local fake Zoom.
func CustomEndpoints(authorize, token, revoke, api string) Endpoints {
	return Endpoints{Preset: PresetCustom, AuthorizeURL: authorize, TokenURL: token, RevokeURL: revoke, APIBaseURL: api}
}

// Normalize fills a preset's URLs (an empty preset means zoom) and trims
// custom ones, then checks them.
func (e Endpoints) Normalize() (Endpoints, []*FieldError) { return e.normalize(false) }

// NormalizeS2S is Normalize for a Server-to-Server connection's own
// endpoints: it gets its tokens without a browser and never uses an
// authorize URL, so a custom set may leave it empty (one given is checked).
func (e Endpoints) NormalizeS2S() (Endpoints, []*FieldError) { return e.normalize(true) }

func (e Endpoints) normalize(noAuthorize bool) (Endpoints, []*FieldError) {
	if e.Preset == "" {
		e.Preset = PresetZoom
	}
	if p, ok := PresetEndpoints(e.Preset); ok {
		return p, nil
	}
	if e.Preset != PresetCustom {
		return e, []*FieldError{{Field: FieldEndpoints, Message: fmt.Sprintf("Endpoints must be zoom, zoomgov or custom, not %q.", e.Preset)}}
	}
	var errs []*FieldError
	for _, f := range []struct {
		field string
		url   *string
	}{
		{FieldAuthorizeURL, &e.AuthorizeURL},
		{FieldTokenURL, &e.TokenURL},
		{FieldRevokeURL, &e.RevokeURL},
		{FieldAPIURL, &e.APIBaseURL},
	} {
		*f.url = strings.TrimRight(strings.TrimSpace(*f.url), "/")
		if noAuthorize && f.field == FieldAuthorizeURL && *f.url == "" {
			continue
		}
		if msg := checkEndpointURL(*f.url); msg != "" {
			errs = append(errs, &FieldError{Field: f.field, Message: f.field + " " + msg})
		}
	}
	// The events URL is optional: without one, events listen says so.
	e.EventsURL = strings.TrimRight(strings.TrimSpace(e.EventsURL), "/")
	if e.EventsURL != "" {
		if msg := checkURL(e.EventsURL, "wss", "ws", "wss://ws.zoom.us/ws"); msg != "" {
			errs = append(errs, &FieldError{Field: FieldEventsURL, Message: FieldEventsURL + " " + msg})
		}
	}
	e.MCPURL = strings.TrimRight(strings.TrimSpace(e.MCPURL), "/")
	if e.MCPURL != "" {
		if msg := checkURL(e.MCPURL, "https", "http", "https://mcp.zoom.us"); msg != "" {
			errs = append(errs, &FieldError{Field: FieldMCPURL, Message: FieldMCPURL + " " + msg})
		}
	}
	return e, errs
}

// checkEndpointURL returns "" for a usable URL, else the end of a sentence.
// https is required; plain http is accepted only for loopback hosts so a
// local server (such as the fake Zoom) can be used.
func checkEndpointURL(raw string) string {
	if raw == "" {
		return "is required for custom endpoints."
	}
	return checkURL(raw, "https", "http", "https://zoom.us/oauth/token")
}

// checkURL checks a non-empty URL of scheme secure, or plain on loopback
// hosts only; example is shown when it is not a full URL.
func checkURL(raw, secure, plain, example string) string {
	if len(raw) > 2048 || strings.ContainsFunc(raw, isControlOrSpace) {
		return "must be a single URL without spaces."
	}
	// Checked on the raw text: url.Parse reports a bare trailing "?" or "#"
	// as no query and no fragment, and with "#" the OAuth parameters would
	// end up in the fragment.
	if strings.ContainsAny(raw, "?#") {
		return "must not contain a query (?) or fragment (#)."
	}
	// ASCII only: a host is shown to the user before secrets go there, so
	// it must read as what it is (an international name in its xn-- form).
	if strings.ContainsFunc(raw, func(r rune) bool { return r > 0x7e }) {
		return "must be plain ASCII; write an international domain name in its xn-- form."
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return "must be a full URL such as " + example + "."
	}
	if u.User != nil {
		return "must not contain a user name or password."
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "must not contain a query (?) or fragment (#)."
	}
	switch u.Scheme {
	case secure:
		return ""
	case plain:
		if isLoopbackHost(u.Hostname()) {
			return ""
		}
		return fmt.Sprintf("must use %s (plain %s is allowed only for 127.0.0.1 and ::1).", secure, plain)
	}
	return "must start with " + secure + "://."
}

func isLoopbackHost(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && (ip.Equal(net.IPv4(127, 0, 0, 1)) || ip.Equal(net.IPv6loopback))
}
