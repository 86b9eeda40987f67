package store

import (
	"fmt"
	"io/fs"
	"os"
	"zoomconn/internal/shell"
)

// PrivateDir creates dir (mode 0700) if needed and makes sure it is a
// directory of ours with mode 0700. It refuses a dir another user owns,
// directly or behind a symlink, or that cannot be made 0700: whoever else
// can write there could swap the files or hold the locks.
func PrivateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating the configuration directory %s: %w", dir, err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("checking the configuration directory %s: %w", dir, err)
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("The configuration directory %s is a link that cannot be followed (%v); remove it, or set ZOOMCONN_CONFIG_DIR to a directory of your own.", dir, err)
		}
		if ownedByOther(target) {
			return fmt.Errorf("The configuration directory %s is a link to a directory owned by another user, so zoomconn will not use it: that user could read or replace its files. Remove the link, or set ZOOMCONN_CONFIG_DIR to a directory of your own.", dir)
		}
		fi = target
	}
	if !fi.IsDir() {
		return fmt.Errorf("The configuration directory %s is not a directory; move it aside, or set ZOOMCONN_CONFIG_DIR to a directory of your own.", dir)
	}
	if ownedByOther(fi) {
		return fmt.Errorf("The configuration directory %s is owned by another user, so zoomconn will not use it: that user could read or replace its files. Set ZOOMCONN_CONFIG_DIR to a directory of your own, or take this one over (chown).", dir)
	}
	if fi.Mode().Perm() != 0o700 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("The configuration directory %s could not be made private (mode 0700: %v), so zoomconn will not use it. Run `chmod 700 %s`, or set ZOOMCONN_CONFIG_DIR to a directory of your own.", dir, err, shell.Quote(dir))
		}
	}
	return nil
}
