package auth

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// AuthType says how a [Connection] obtains its access token.
type AuthType string

const (
	// AuthS2S is Zoom Server-to-Server OAuth (the seed's "Custom"):
	// Account ID + Client ID + Client secret, grant_type=account_credentials.
	AuthS2S AuthType = "s2s"
	// AuthOAuth is the OAuth 2.0 authorization code flow through an [OAuthClient].
	AuthOAuth AuthType = "oauth"
)

// Label is the name the seed gives the auth type in the UI.
func (t AuthType) Label() string {
	switch t {
	case AuthS2S:
		return "Custom"
	case AuthOAuth:
		return "OAuth 2.0"
	}
	return string(t)
}

// ClientKind tells whether an [OAuthClient] holds a client secret.
type ClientKind string

const (
	// Confidential clients authenticate to the token endpoint with
	// HTTP Basic client ID + client secret.
	Confidential ClientKind = "confidential"
	// Public clients have no secret; they rely on PKCE (RFC 7636) and send
	// client_id in the request body.
	Public ClientKind = "public"
)

// OAuthClient is a reusable Zoom "General app" registration (the seed's
// "iClient"). Many connections may share one. Its secret, if any, lives in
// the secret store, never here.
type OAuthClient struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	ClientID string     `json:"client_id"`
	Kind     ClientKind `json:"kind"`
	// Port is the fixed loopback port for the redirect; 0 picks a free port
	// (Zoom ignores the port of a loopback redirect URL).
	Port int `json:"port,omitempty"`
	// Endpoints are the Zoom deployment the app lives on. The client's
	// secret, and the refresh tokens of its connections, are sent only to
	// these authorize, token and revoke URLs; its connections inherit them.
	// APIBaseURL is the default API base URL of its connections.
	Endpoints Endpoints `json:"endpoints"`
	// SecretNeeded says the stored secret, if any, may not be sent to
	// Endpoints until it is typed again: a schema 1 file gave the client's
	// connections different endpoints, so it is unknown which ones the
	// secret was entered for.
	SecretNeeded bool `json:"secret_needed,omitempty"`
	// HasSecretToken says the app's event Secret Token is stored (in the
	// secret store, never here); EventsSubscription is its WebSocket
	// subscription ID (not a secret). See [EventsApp].
	HasSecretToken     bool      `json:"has_secret_token,omitempty"`
	EventsSubscription string    `json:"events_subscription,omitempty"`
	Created            time.Time `json:"created"`
	Updated            time.Time `json:"updated"`
}

// TestResult is the outcome of the last "Test connection". Kind is the
// kind of Zoom's refusal when the test failed on one ("invalid_client",
// "invalid_account"…; "" otherwise), so a front-end can point at the
// field to fix.
type TestResult struct {
	At      time.Time `json:"at"`
	OK      bool      `json:"ok"`
	Message string    `json:"message"`
	Kind    string    `json:"kind,omitempty"`
}

// Connection is one named way to reach the Zoom API.
type Connection struct {
	ID   string   `json:"id"`
	Name string   `json:"name"`
	Type AuthType `json:"type"`

	// AccountID and ClientID identify a Server-to-Server app; they are not secrets.
	AccountID string `json:"account_id,omitempty"`
	ClientID  string `json:"client_id,omitempty"`

	// OAuthClientID refers to an [OAuthClient] by its ID (type oauth only).
	OAuthClientID string `json:"oauth_client_id,omitempty"`

	// Endpoints: a Server-to-Server connection's own, stored beside its
	// secret. An OAuth 2.0 connection's authorize, token and revoke URLs are
	// a copy of its client's (the client's are the ones used); only its
	// APIBaseURL is its own.
	Endpoints Endpoints `json:"endpoints"`

	// NeedsAuth is set when the stored refresh token was refused or is
	// missing: the user must authorize again.
	NeedsAuth bool        `json:"needs_auth,omitempty"`
	LastTest  *TestResult `json:"last_test,omitempty"`
	// TokenExpiry is when the cached access token expires (not a secret),
	// kept here so listing never has to ask the keyring.
	TokenExpiry *time.Time `json:"token_expiry,omitempty"`
	// TokenAPIURL is the api_url Zoom announced with that token (e.g.
	// https://eu01api.zoom.us, the account's region; not a secret). See
	// [Data.APIBaseURL] for when calls go there.
	TokenAPIURL string `json:"token_api_url,omitempty"`
	// TokenScopes are the scopes that token grants (not secrets), so the
	// app can show them without asking the keyring.
	TokenScopes []string `json:"token_scopes,omitempty"`
	// HasSecretToken and EventsSubscription: a Server-to-Server
	// connection's own app's event Secret Token is stored (in the secret
	// store, never here) and its WebSocket subscription ID. An OAuth 2.0
	// connection's app is its client's, which keeps them. See [EventsApp].
	HasSecretToken     bool   `json:"has_secret_token,omitempty"`
	EventsSubscription string `json:"events_subscription,omitempty"`
	// MCPAllow is the allow list an AI agent's calls through this
	// connection must pass (rules of package auth/mcpallow); nil when none
	// is stored. Not a secret; an agent's configuration cannot widen it.
	MCPAllow []string  `json:"mcp_allow,omitempty"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
}

// Status is a one-word summary for lists.
func (c Connection) Status() string {
	switch {
	case c.Type == AuthOAuth && c.NeedsAuth:
		return "needs authorization"
	case c.LastTest == nil:
		return "never tested"
	case c.LastTest.OK:
		return "OK"
	default:
		return "failing"
	}
}

func newID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b[:])
}
