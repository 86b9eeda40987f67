// Package store keeps zoomconn's data: the metadata of connections and
// OAuth clients, one JSON file in a private directory replaced atomically
// under a file lock, and their secrets in a [secret.Store], changed together
// as one transaction (save, edit, delete, import) or not at all. It keeps
// each connection's API console history beside it, deleted with it. It exports
// without secrets and hands out the per-connection locks a refresh holds.
//
// It alone decides where secrets live ([Secrets]): the system keyring (the
// OS keyring unless a test passes a double) or, only on the user's request,
// the passphrase-encrypted file, never one silently in place of the other.
// It unlocks the file, moves every secret between the two, says which one
// is in use and whether it can be used ([SecretsState]), and returns the
// facts a front-end phrases ([FileError], [KeyringStateOf]); the
// front-ends never import auth/secret or its stores. It validates
// through the model (package auth) and never uses a connection: it must
// never import auth/access or auth/loopback, nor auth/zoom directly, nor
// Fyne, cli or gui.
package store
