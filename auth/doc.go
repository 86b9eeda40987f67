// Package auth is the credential model: connections, OAuth clients, the
// endpoints their secrets may be sent to, names, the validation of what a
// form or the command line submits (as plans that auth/store applies), the
// metadata file's schema and its migration, and search. It is pure data and
// rules: it keeps no file, lock or secret and runs no flow (auth/store keeps
// the data and the secrets, auth/access uses a saved connection, auth/zoom
// speaks the protocol). It must never import auth/store, auth/access,
// auth/loopback, auth/secret, Fyne, cli or gui.
package auth
