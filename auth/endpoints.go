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
	return e, errs
}

// checkEndpointURL returns "" for a usable URL, else the end of a sentence.
// https is required; plain http is accepted only for loopback hosts so a
// local server (such as the fake Zoom) can be used.
func checkEndpointURL(raw string) string {
	if raw == "" {
		return "is required for custom endpoints."
	}
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
		return "must be a full URL such as https://zoom.us/oauth/token."
	}
	if u.User != nil {
		return "must not contain a user name or password."
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "must not contain a query (?) or fragment (#)."
	}
	switch u.Scheme {
	case "https":
		return ""
	case "http":
		if isLoopbackHost(u.Hostname()) {
			return ""
		}
		return "must use https (plain http is allowed only for 127.0.0.1 and ::1)."
	}
	return "must start with https://."
}

func isLoopbackHost(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && (ip.Equal(net.IPv4(127, 0, 0, 1)) || ip.Equal(net.IPv6loopback))
}
