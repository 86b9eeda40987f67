//go:build !windows

package store

import (
	"io/fs"
	"os"
	"syscall"
)

// ownedByOther reports whether fi (dir's) belongs to a user other than the
// one running zoomconn.
func ownedByOther(_ string, fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) != os.Geteuid()
}

// makePrivate gives dir mode 0700 unless it has it.
func makePrivate(dir string, fi fs.FileInfo) error {
	if fi.Mode().Perm() == 0o700 {
		return nil
	}
	return os.Chmod(dir, 0o700)
}
