// Package file is the [secret.Store] in one passphrase-encrypted file
// (Argon2id + AES-256-GCM), for machines without a keyring. It must never
// import auth, auth/store or auth/zoom.
package file
