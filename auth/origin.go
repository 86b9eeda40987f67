package auth

import (
	"net/url"
	"strings"

	"zoomconn/auth/deploy"
)

// Origin binding: a secret is stored together with the endpoints it was
// entered for and is sent nowhere else. An OAuth client's secret and its
// connections' refresh tokens go to the client's authorize, token and revoke
// URLs; a Server-to-Server secret goes to its connection's own.

// SameSecretURLs reports whether e and o send secrets to the same places:
// the same preset and the same authorize, token and revoke URLs. The API
// base URL only ever receives access tokens, which are dropped when it
// changes.
func (e Endpoints) SameSecretURLs(o Endpoints) bool {
	return e.Preset == o.Preset && e.AuthorizeURL == o.AuthorizeURL && e.TokenURL == o.TokenURL && e.RevokeURL == o.RevokeURL
}

// ForConnection is the endpoint set of an OAuth 2.0 connection of a client
// with these endpoints: the client's authorize, token and revoke URLs, and
// api as the API base URL where the client's endpoints are custom ("" means
// the client's). A preset client's connections use the preset's API.
func (e Endpoints) ForConnection(api string) Endpoints {
	out := e
	if e.Preset == PresetCustom && api != "" {
		out.APIBaseURL = api
	}
	return out
}

// EndpointsOf is where c's requests go: a Server-to-Server connection's own
// endpoints; for an OAuth 2.0 connection its client's (the only ones the
// client's secret and c's refresh token may go to, whatever c's copy says)
// with c's own API base URL on a custom client. client is nil for a
// Server-to-Server connection, or when c's client is gone.
func (d *Data) EndpointsOf(c *Connection) (ep Endpoints, client *OAuthClient) {
	if c.Type != AuthOAuth {
		return c.Endpoints, nil
	}
	cl, ok := d.ClientByID(c.OAuthClientID)
	if !ok {
		return c.Endpoints, nil
	}
	return cl.Endpoints.ForConnection(c.Endpoints.APIBaseURL), cl
}

// Origin is [deploy.Origin] of rawURL, or "" for a URL that does not parse.
func Origin(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return ""
	}
	return deploy.Origin(u)
}

// CustomHosts lists the distinct origins of a custom endpoint set, each
// with the roles it plays ("https://zoom.example:443 (authorize, token,
// revoke)"), in a stable order. A preset has none: its hosts are Zoom's.
func (e Endpoints) CustomHosts() []string {
	if e.Preset != PresetCustom {
		return nil
	}
	var order []string
	roles := map[string][]string{}
	for _, u := range []struct{ role, url string }{
		{"authorize", e.AuthorizeURL}, {"token", e.TokenURL}, {"revoke", e.RevokeURL}, {"API", e.APIBaseURL}, {"events", e.EventsURL}, {"MCP", e.MCPURL},
	} {
		o := Origin(u.url)
		if o == "" {
			continue
		}
		if _, seen := roles[o]; !seen {
			order = append(order, o)
		}
		roles[o] = append(roles[o], u.role)
	}
	out := make([]string, 0, len(order))
	for _, o := range order {
		out = append(out, o+" ("+strings.Join(roles[o], ", ")+")")
	}
	return out
}

// secretURLRoles names which of the secret-bearing URLs differ between old
// and new, for messages ("token and revoke URLs").
func secretURLRoles(old, new Endpoints) string {
	var roles []string
	if old.Preset != new.Preset {
		return "endpoints"
	}
	for _, u := range []struct{ role, a, b string }{
		{"authorize", old.AuthorizeURL, new.AuthorizeURL}, {"token", old.TokenURL, new.TokenURL}, {"revoke", old.RevokeURL, new.RevokeURL},
	} {
		if u.a != u.b {
			roles = append(roles, u.role)
		}
	}
	switch len(roles) {
	case 0:
		return "endpoints"
	case 1:
		return roles[0] + " URL"
	}
	return strings.Join(roles[:len(roles)-1], ", ") + " and " + roles[len(roles)-1] + " URLs"
}

// withoutAuthorize is e without its authorize URL: what a
// Server-to-Server connection's secret may go to.
func withoutAuthorize(e Endpoints) Endpoints {
	e.AuthorizeURL = ""
	return e
}

// normalized is e with a preset's URLs filled in, for comparing endpoint
// sets built in memory (where an empty preset means Zoom) with checked ones.
func normalized(e Endpoints) Endpoints {
	n, _ := e.Normalize()
	return n
}

// APIBaseURL is the API base URL (with /v2) that c's calls go to with a
// token announcing apiURL ("" for none; c.TokenAPIURL for the last one): the
// configured one (an OAuth 2.0 connection's from its client), or for Zoom's
// and ZoomGov's own API the announced regional host (see [deploy.APIBase]).
func (d *Data) APIBaseURL(c *Connection, apiURL string) string {
	ep, _ := d.EndpointsOf(c)
	return deploy.APIBase(ep.APIBaseURL, apiURL)
}

// APIHost is where an OAuth 2.0 connection's API calls go, beside its
// OAuth client's own API host, as origins (scheme://host:port). A
// connection on a client with custom endpoints may have an API base URL of
// its own: the token its authorization grants is then sent there, to a host
// the client does not name.
type APIHost struct {
	Host       string // where c's calls go
	ClientHost string // its OAuth client's API host; "" for a Server-to-Server connection or a missing client
}

// Differs reports whether the calls go to another host than the OAuth
// client's own API host.
func (h APIHost) Differs() bool {
	return h.Host != "" && h.ClientHost != "" && h.Host != h.ClientHost
}

// APIHostOf is where c's API calls go and, for an OAuth 2.0 connection,
// its client's own API host. Both come from the metadata file: sanitise
// them before showing them.
func (d *Data) APIHostOf(c *Connection) APIHost {
	ep, cl := d.EndpointsOf(c)
	h := APIHost{Host: Origin(ep.APIBaseURL)}
	if cl != nil {
		h.ClientHost = Origin(cl.Endpoints.APIBaseURL)
	}
	return h
}
