package store

import "zoomconn/auth"

// Keys under which the store keeps secrets in its [secret.Store], one item
// per secret because Windows limits one item to 2560 bytes. A key ending
// in /access-token is a cache ([secret.IsCache]). auth/access reads and
// writes tokens under the same keys.

// S2SSecretKey is where a Server-to-Server connection's client secret lives.
func S2SSecretKey(connID string) string { return "connection/" + connID + "/client-secret" }

// ClientSecretKey is where an OAuth client's secret lives.
func ClientSecretKey(clientID string) string { return "oauth-client/" + clientID + "/client-secret" }

// RefreshTokenKey is where an OAuth 2.0 connection's refresh token lives.
func RefreshTokenKey(connID string) string { return "connection/" + connID + "/refresh-token" }

// AccessTokenKey is where a connection's cached access token lives.
func AccessTokenKey(connID string) string { return "connection/" + connID + "/access-token" }

// ConnSecretTokenKey is where a Server-to-Server connection's app's event
// Secret Token lives.
func ConnSecretTokenKey(connID string) string { return "connection/" + connID + "/secret-token" }

// ClientSecretTokenKey is where an OAuth client's (a General app's) event
// Secret Token lives.
func ClientSecretTokenKey(clientID string) string {
	return "oauth-client/" + clientID + "/secret-token"
}

// SecretTokenKey is where app's event Secret Token lives.
func SecretTokenKey(app auth.EventsApp) string {
	if app.Connection != nil {
		return ConnSecretTokenKey(app.Connection.ID)
	}
	return ClientSecretTokenKey(app.Client.ID)
}

// connectionSecretKeys lists every key a connection's secrets may have.
func connectionSecretKeys(id string) []string {
	return []string{S2SSecretKey(id), RefreshTokenKey(id), AccessTokenKey(id), ConnSecretTokenKey(id)}
}

// clientSecretKeys lists every key an OAuth client's secrets may have.
func clientSecretKeys(id string) []string {
	return []string{ClientSecretKey(id), ClientSecretTokenKey(id)}
}
