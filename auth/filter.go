package auth

import (
	"slices"
	"strings"
)

// Search, as the GUI's search box and any list filter use it. Matching is
// case-insensitive; a query of several words matches an item when every
// word occurs in one of its fields (so "conn 42" finds "Connection 000042").
// It reads metadata only: never a secret, never the keyring.

// ClientKindLabel is the short description of an OAuth client's kind.
func ClientKindLabel(k ClientKind) string {
	if k == Public {
		return "public (PKCE)"
	}
	return "confidential"
}

// searchSep separates fields in a haystack; a query never holds it (it is
// split on spaces and control characters are not typed), so no word can
// match across two fields.
const searchSep = "\x00"

func connectionHaystack(c *Connection, clientName string) string {
	return strings.ToLower(strings.Join([]string{c.Name, c.Type.Label(), c.Endpoints.Preset.Label(), c.Status(), c.AccountID, c.ClientID, clientName}, searchSep))
}

func clientHaystack(c *OAuthClient) string {
	return strings.ToLower(strings.Join([]string{c.Name, c.ClientID, ClientKindLabel(c.Kind)}, searchSep))
}

func sdkHaystack(c *SDKCredential) string {
	return strings.ToLower(strings.Join([]string{c.Name, c.Type.Label(), c.SDKKey}, searchSep))
}

// searchTerms splits a query into lower-case words; none means "match all".
func searchTerms(query string) []string {
	return strings.Fields(strings.ToLower(query))
}

func matchAll(haystack string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(haystack, t) {
			return false
		}
	}
	return true
}

// FilterConnections returns the indexes, in order, of the connections that
// match query: on their name, auth type, endpoints preset, status, Account
// ID, Client ID or OAuth client name. An empty query matches all. For a
// search box, which filters the same data on every keystroke, build a
// [SearchIndex] once instead.
func FilterConnections(conns []Connection, clients []OAuthClient, query string) []int {
	terms := searchTerms(query)
	names := make(map[string]string, len(clients))
	for _, c := range clients {
		names[c.ID] = c.Name
	}
	out := make([]int, 0, len(conns))
	for i := range conns {
		if len(terms) == 0 || matchAll(connectionHaystack(&conns[i], names[conns[i].OAuthClientID]), terms) {
			out = append(out, i)
		}
	}
	return out
}

// FilterClients returns the indexes, in order, of the OAuth clients that
// match query on their name, Client ID or kind.
func FilterClients(clients []OAuthClient, query string) []int {
	terms := searchTerms(query)
	out := make([]int, 0, len(clients))
	for i := range clients {
		if len(terms) == 0 || matchAll(clientHaystack(&clients[i]), terms) {
			out = append(out, i)
		}
	}
	return out
}

// SearchIndex answers a search box per keystroke: it holds each item's
// lower-cased fields, in list order (by name, case-insensitively), built
// once per load of the metadata.
type SearchIndex struct {
	conns   []indexed
	clients []indexed
	sdks    []indexed
}

type indexed struct {
	i        int    // index into Data.Connections, Data.Clients or Data.SDKCredentials
	haystack string // lower-cased fields joined by searchSep
}

// NewSearchIndex indexes d's connections, OAuth clients and SDK
// credentials (on name, type and SDK key). d must not
// change while the index is used.
func NewSearchIndex(d *Data) *SearchIndex {
	names := make(map[string]string, len(d.Clients))
	for _, c := range d.Clients {
		names[c.ID] = c.Name
	}
	x := &SearchIndex{conns: make([]indexed, len(d.Connections)), clients: make([]indexed, len(d.Clients))}
	connKeys := make([]string, len(d.Connections))
	for i := range d.Connections {
		c := &d.Connections[i]
		x.conns[i] = indexed{i, connectionHaystack(c, names[c.OAuthClientID])}
		connKeys[i] = strings.ToLower(c.Name)
	}
	clientKeys := make([]string, len(d.Clients))
	for i := range d.Clients {
		x.clients[i] = indexed{i, clientHaystack(&d.Clients[i])}
		clientKeys[i] = strings.ToLower(d.Clients[i].Name)
	}
	x.sdks = make([]indexed, len(d.SDKCredentials))
	sdkKeys := make([]string, len(d.SDKCredentials))
	for i := range d.SDKCredentials {
		x.sdks[i] = indexed{i, sdkHaystack(&d.SDKCredentials[i])}
		sdkKeys[i] = strings.ToLower(d.SDKCredentials[i].Name)
	}
	byName := func(keys []string) func(a, b indexed) int {
		return func(a, b indexed) int { return strings.Compare(keys[a.i], keys[b.i]) }
	}
	slices.SortStableFunc(x.conns, byName(connKeys))
	slices.SortStableFunc(x.clients, byName(clientKeys))
	slices.SortStableFunc(x.sdks, byName(sdkKeys))
	return x
}

// Connections returns the indexes into Data.Connections of the matches,
// sorted by name.
func (x *SearchIndex) Connections(query string) []int { return filterIndexed(x.conns, query) }

// Clients returns the indexes into Data.Clients of the matches, sorted by
// name.
func (x *SearchIndex) Clients(query string) []int { return filterIndexed(x.clients, query) }

// SDKCredentials returns the indexes into Data.SDKCredentials of the
// matches, sorted by name.
func (x *SearchIndex) SDKCredentials(query string) []int { return filterIndexed(x.sdks, query) }

func filterIndexed(items []indexed, query string) []int {
	terms := searchTerms(query)
	out := make([]int, 0, len(items))
	for _, it := range items {
		if len(terms) == 0 || matchAll(it.haystack, terms) {
			out = append(out, it.i)
		}
	}
	return out
}
