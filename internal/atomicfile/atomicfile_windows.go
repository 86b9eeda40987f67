//go:build windows

package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// Write replaces path with data. renameio does not support
// Windows, so this is the same recipe by hand: a synced temp file in the
// same directory, then os.Rename, which on Windows is MoveFileEx with
// MOVEFILE_REPLACE_EXISTING (atomic on NTFS).
func Write(path string, data []byte) error {
	t, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(t.Name())
	if _, err := t.Write(data); err != nil {
		t.Close()
		return err
	}
	if err := t.Sync(); err != nil {
		t.Close()
		return err
	}
	if err := t.Close(); err != nil {
		return err
	}
	return rename(t.Name(), path)
}

// renameWait bounds how long rename retries, and pause is its wait between
// tries (a seam for tests).
var (
	renameWait = 2 * time.Second
	pause      = time.Sleep
)

// rename is os.Rename, tried again while another process has path open:
// Windows refuses to replace a file someone is reading (Go opens files
// without FILE_SHARE_DELETE), where Unix would swap it under the reader.
// Another zoomconn's read is over in milliseconds; an antivirus scan or
// the search indexer can hold a new file a little longer.
func rename(from, to string) error {
	deadline := time.Now().Add(renameWait)
	wait := time.Millisecond
	for {
		err := os.Rename(from, to)
		if err == nil || !busy(err) || time.Now().After(deadline) {
			return err
		}
		pause(wait)
		wait = min(2*wait, 100*time.Millisecond)
	}
}

// busy reports whether err says the file is in use by another process.
func busy(err error) bool {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return false
	}
	const errorSharingViolation syscall.Errno = 32
	return errno == syscall.ERROR_ACCESS_DENIED || errno == errorSharingViolation
}
