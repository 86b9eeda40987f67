package auth

// Keys of the secrets auth keeps in a [secret.Store]; a key ending in
// /access-token is a cache ([secret.IsCache]).

// Keys under which secrets are stored. Each secret is its own item, because
// Windows limits one item to 2560 bytes.
func s2sSecretKey(connID string) string      { return "connection/" + connID + "/client-secret" }
func clientSecretKey(clientID string) string { return "oauth-client/" + clientID + "/client-secret" }
func refreshTokenKey(connID string) string   { return "connection/" + connID + "/refresh-token" }
func accessTokenKey(connID string) string    { return "connection/" + connID + "/access-token" }

func connectionSecretKeys(id string) []string {
	return []string{s2sSecretKey(id), refreshTokenKey(id), accessTokenKey(id)}
}
