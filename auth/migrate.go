package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"zoomconn/auth/deploy"
)

// bindClientEndpoints brings a parsed metadata file to the origin-binding
// model, where an OAuth client owns its authorize, token and revoke URLs.
//
// Schema 1 kept those URLs on each connection, so one client's secret could
// go wherever any of its connections pointed. Migration keeps every
// connection and never widens where a stored secret can go:
//   - a client whose connections agree takes their endpoints (none: Zoom's)
//     and keeps its secret;
//   - where they disagree, the client keeps the endpoints of its oldest
//     connection (imports and later additions come after it) and its
//     secret, and each other endpoint set gets a copy of the client with
//     [OAuthClient.SecretNeeded] set, so its secret is asked for again.
//
// The copies' IDs derive from the original ID and their token URL, so
// loading the same unmigrated file twice gives the same IDs.
//
// For every schema it then refreshes each OAuth 2.0 connection's copy of its
// client's URLs, so a hand-edited file cannot make them disagree.
func bindClientEndpoints(d *Data) error {
	if d.Schema < 2 {
		migrateSchema1(d)
	}
	for i := range d.Clients {
		cl := &d.Clients[i]
		ep, errs := cl.Endpoints.Normalize()
		if len(errs) > 0 {
			return fmt.Errorf("OAuth client %q has invalid endpoints: %s", cl.Name, errs[0].Message)
		}
		cl.Endpoints = ep
	}
	for i := range d.Connections {
		c := &d.Connections[i]
		if c.Type != AuthOAuth {
			continue
		}
		// A connection whose client is gone keeps its copy; auth/access
		// reports it when the connection is used.
		c.Endpoints, _ = d.EndpointsOf(c)
	}
	return nil
}

func migrateSchema1(d *Data) {
	var added []OAuthClient
	for i := range d.Clients {
		cl := &d.Clients[i]
		var first *Endpoints
		copies := map[string]int{} // secret-URL key → index in added
		for j := range d.Connections {
			c := &d.Connections[j]
			if c.Type != AuthOAuth || c.OAuthClientID != cl.ID {
				continue
			}
			ep, errs := c.Endpoints.Normalize()
			if len(errs) > 0 {
				ep = c.Endpoints // kept as it was; validation reports it on use
			}
			if first == nil {
				first = &ep
				cl.Endpoints = ep
				continue
			}
			if ep.SameSecretURLs(*first) {
				continue
			}
			key := string(ep.Preset) + "\x00" + ep.AuthorizeURL + "\x00" + ep.TokenURL + "\x00" + ep.RevokeURL
			k, ok := copies[key]
			if !ok {
				cp := *cl
				sum := sha256.Sum256([]byte(cl.ID + "\x00" + key))
				cp.ID = hex.EncodeToString(sum[:16])
				cp.Name = uniqueClientName(d, added, fmt.Sprintf("%s (%s)", cl.Name, deploy.Host(ep.TokenURL)))
				cp.Endpoints = ep
				cp.SecretNeeded = cp.Kind == Confidential
				added = append(added, cp)
				k = len(added) - 1
				copies[key] = k
			}
			c.OAuthClientID = added[k].ID
		}
		if first == nil {
			cl.Endpoints, _ = PresetEndpoints(PresetZoom)
		}
	}
	d.Clients = append(d.Clients, added...)
}

// uniqueClientName returns name, or name with a number, so that no client
// in d or extra has it.
func uniqueClientName(d *Data, extra []OAuthClient, name string) string {
	taken := func(n string) bool {
		if _, ok := d.Client(n); ok {
			return true
		}
		for _, c := range extra {
			if c.Name == n {
				return true
			}
		}
		return false
	}
	candidate := name
	for i := 2; taken(candidate); i++ {
		candidate = fmt.Sprintf("%s %d", name, i)
	}
	return candidate
}
