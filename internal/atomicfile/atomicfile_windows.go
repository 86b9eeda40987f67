//go:build windows

package atomicfile

import (
	"os"
	"path/filepath"
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
	return os.Rename(t.Name(), path)
}
