// Package access uses a saved connection: access tokens (cached, refreshed
// under the connection's cross-process lock, a rotated refresh token saved
// before the new access token is used), browser login (authorization code
// + PKCE, the redirect caught by auth/loopback), test, revoke and API calls,
// with their typed errors. It decides which stored secret goes to which
// endpoint; auth/zoom sends it. It must never import Fyne, cli or gui.
package access
