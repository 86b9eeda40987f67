package store

import (
	"errors"
	"os"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/file"
)

// This file holds the steps [Secrets] takes: which secret store a
// configuration's data names, switching to the encrypted file, and moving
// back to the keyring. The front-ends call [Secrets] and only phrase the
// outcome; the steps, and what a failure leaves behind, live here once.

// SecretsFor returns the secret store that d, the data of the store in dir,
// names: keyring when secrets live there (the default); file when they live
// in the encrypted file and file is unlocked; else, while the file is
// locked (file nil), a [LockedFile] that refuses every call, so that nothing
// quietly reaches the keyring instead.
func SecretsFor(d *auth.Data, dir string, keyring secret.Store, file *file.Store) secret.Store {
	switch {
	case d.Backend() != auth.BackendFile:
		return keyring
	case file != nil:
		return file
	}
	return LockedFile{Path: SecretsFilePath(dir)}
}

// LockedFile stands in for the encrypted file until it is unlocked: every
// call fails with a [*FileError] ([FileLocked], matching
// [secret.ErrUnavailable]) saying the file at Path needs its passphrase
// first.
type LockedFile struct{ Path string }

func (l LockedFile) err(op, key string) error {
	return &FileError{Path: l.Path, Op: op, Key: key, Problem: FileLocked}
}

func (l LockedFile) Get(key string) (string, error) { return "", l.err("read", key) }

func (l LockedFile) Set(key, _ string) error { return l.err("save", key) }

func (l LockedFile) Delete(key string) error { return l.err("delete", key) }

// SwitchToFileStore opens the encrypted file of s's directory with pass,
// creating it if there is none, and moves every secret of s into it
// ([Store.MoveSecrets]: all or nothing). A file it created is removed again
// if the move fails, so a failure leaves everything as it was. s itself is
// not changed (jobs still holding it keep their store); use the returned
// file from then on. It returns the file and how many secrets moved.
//
// A file that exists but does not open with pass is a [*FileError]
// ([FileWrongPassphrase], matching [file.ErrWrongPassphrase]); a new file's
// passphrase shorter than [MinPassphraseLen] is [FilePassphraseTooShort]
// ([file.ErrPassphraseTooShort]). The caller may wipe pass once this
// returns. Front-ends call [Secrets.UseFile], which keeps the file open.
func SwitchToFileStore(s *Store, pass []byte) (*file.Store, int, error) {
	path := SecretsFilePath(s.Dir())
	_, statErr := os.Stat(path)
	existed := statErr == nil
	fs, err := file.Open(path, pass)
	if err != nil {
		return nil, 0, fileError(path, err)
	}
	n, err := s.WithSecrets(s.Secrets()).MoveSecrets(fs, auth.BackendFile)
	if err != nil {
		if !existed {
			if rmErr := os.Remove(path); rmErr != nil && !errors.Is(rmErr, os.ErrNotExist) {
				err = errors.Join(err, rmErr)
			}
		}
		return nil, 0, err
	}
	return fs, n, nil
}

// MoveToKeyring moves every secret of s from the unlocked encrypted file
// into keyring, once keyring answers ([secret.Probe]); if it does not,
// nothing is moved. s itself is not changed. It returns how many secrets
// moved; the file is left without secrets. Front-ends call
// [Secrets.MoveToKeyring], which also remembers what the keyring said.
func MoveToKeyring(s *Store, file *file.Store, keyring secret.Store) (int, error) {
	if err := secret.Probe(keyring); err != nil {
		return 0, err
	}
	return s.WithSecrets(file).MoveSecrets(keyring, auth.BackendKeyring)
}
