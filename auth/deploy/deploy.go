// Package deploy knows Zoom's deployments (Zoom and ZoomGov) and the rules
// for where a URL points: the origin a secret or token is bound to, and
// which regional API host a token response may name. It is pure (no I/O),
// so the credential model and the protocol share one copy.
package deploy

import (
	"net"
	"net/url"
	"strings"
)

// Deployment is the set of URLs of one Zoom cloud.
type Deployment struct {
	AuthorizeURL, TokenURL, RevokeURL, APIBaseURL string
	// EventsURL is the WebSocket events socket (which receives access
	// tokens); "" where it is not known. EventsVerified says it was checked
	// against Zoom's documentation; ZoomGov's was not (see [Gov]).
	EventsURL      string
	EventsVerified bool
	// MCPURL is the base of the hosted MCP servers (which receive access
	// tokens): {MCPURL}/mcp/{name}/streamable; "" where it is not known.
	MCPURL string
}

// Commercial is zoom.us; Gov is ZoomGov.
func Commercial() Deployment {
	return Deployment{
		AuthorizeURL: "https://zoom.us/oauth/authorize", TokenURL: "https://zoom.us/oauth/token",
		RevokeURL: "https://zoom.us/oauth/revoke", APIBaseURL: "https://api.zoom.us/v2",
		EventsURL: "wss://ws.zoom.us/ws", EventsVerified: true, MCPURL: "https://mcp.zoom.us",
	}
}

// Gov is ZoomGov (zoomgov.com). Its events socket is not documented where
// this program could verify it: EventsURL is Zoom's pattern on ZoomGov's
// own domain, wss://ws.zoomgov.com/ws, marked unverified (EventsVerified
// false), so a ZoomGov token still goes to a host of zoomgov.com only, and
// listening says the URL is unverified. Its hosted MCP servers are left
// unknown ("") rather than guessed.
func Gov() Deployment {
	return Deployment{
		AuthorizeURL: "https://zoomgov.com/oauth/authorize", TokenURL: "https://zoomgov.com/oauth/token",
		RevokeURL: "https://zoomgov.com/oauth/revoke", APIBaseURL: "https://api.zoomgov.com/v2",
		EventsURL: "wss://ws.zoomgov.com/ws",
	}
}

// Origin returns u's scheme://host:port, with the scheme's default port
// written out, so two URLs on one server give the same text and a
// different port is visibly a different server.
func Origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "http": "80", "wss": "443", "ws": "80"}[strings.ToLower(u.Scheme)]
	}
	return strings.ToLower(u.Scheme) + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// APIBase is where a connection's API calls go: its configured API base
// URL, or the api_url of its token response when that names the same
// server or, for Zoom's and ZoomGov's own API, a regional host of the same
// deployment (Zoom answers e.g. https://eu01api.zoom.us for an account kept
// in another region). A regional api_url must be exactly https://HOST,
// with HOST of ASCII letters, digits, hyphens and dots, no empty label, in
// the deployment's domain: no port, userinfo, query or fragment. Any other
// api_url is ignored, so the access token goes to no server the user did
// not enter, nor to a look-alike of one.
func APIBase(configured, announced string) string {
	cfg, err := url.Parse(configured)
	if announced == "" || err != nil {
		return configured
	}
	ann, err := url.Parse(announced)
	if err != nil {
		return configured
	}
	if Origin(ann) == Origin(cfg) {
		return configured
	}
	// "?" and "#" are looked for in the text: an empty query or fragment
	// leaves no trace in the parsed URL.
	if ann.Scheme != "https" || ann.User != nil || ann.Opaque != "" || strings.ContainsAny(announced, "?#") {
		return configured
	}
	domain := zoomAPIDomain(cfg)
	host := strings.ToLower(ann.Host) // Host, not Hostname: any port, even :443, is refused by hostChars
	if domain == "" || !strings.HasSuffix(host, "."+domain) || !hostChars(host) {
		return configured
	}
	return "https://" + host + cfg.EscapedPath()
}

// hostChars reports whether host is dot-separated non-empty labels of
// ASCII letters, digits and hyphens only.
func hostChars(host string) bool {
	for _, label := range strings.Split(host, ".") {
		if label == "" {
			return false
		}
		for i := 0; i < len(label); i++ {
			if b := label[i]; !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '-') {
				return false
			}
		}
	}
	return true
}

// zoomAPIDomain is the domain of the Zoom deployment whose API base URL has
// api's origin ("zoom.us", "zoomgov.com"), or "" for any other.
func zoomAPIDomain(api *url.URL) string {
	for _, d := range []Deployment{Commercial(), Gov()} {
		if u, err := url.Parse(d.APIBaseURL); err == nil && Origin(u) == Origin(api) {
			return strings.TrimPrefix(u.Hostname(), "api.")
		}
	}
	return ""
}

// Host is rawURL's host (and port) for messages, or "Zoom" for a URL
// without one.
func Host(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
		return u.Host
	}
	return "Zoom"
}
