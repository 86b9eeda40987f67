// Package store keeps zoomconn's data: the metadata of connections and
// OAuth clients, one JSON file in a private directory replaced atomically
// under a file lock, and their secrets in a [secret.Store], changed together
// as one transaction (save, edit, delete, import) or not at all. It keeps
// each connection's API console history beside it, deleted with it. It exports
// without secrets, moves every secret between the keyring and the encrypted
// file, and hands out the per-connection locks a refresh holds. It validates
// through the model (package auth) and never uses a connection: it must
// never import auth/access or auth/loopback, nor auth/zoom directly, nor
// Fyne, cli or gui.
package store
