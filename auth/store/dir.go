package store

import (
	"fmt"
	"io/fs"
	"os"
	"runtime"

	"zoomconn/internal/shell"
)

// PrivateDir creates dir (mode 0700) if needed and makes sure it is a
// directory of ours with mode 0700 (on Windows: a DACL that lets no other
// user in, see owner_windows.go). It refuses a dir another user owns,
// directly or behind a symlink, or that cannot be made private: whoever
// else can write there could swap the files or hold the locks.
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
			return &DirError{Dir: dir, Problem: DirBrokenLink, Err: err}
		}
		if ownedByOther(dir, target) {
			return &DirError{Dir: dir, Problem: DirLinkToOther}
		}
		fi = target
	}
	if !fi.IsDir() {
		return &DirError{Dir: dir, Problem: DirNotADirectory}
	}
	if ownedByOther(dir, fi) {
		return &DirError{Dir: dir, Problem: DirOwnedByOther}
	}
	if err := makePrivate(dir, fi); err != nil {
		return &DirError{Dir: dir, Problem: DirNotPrivate, Err: err}
	}
	return nil
}

// DirError says why the configuration directory is not used: PrivateDir
// refuses it rather than keep connections where another user could read
// or replace them.
type DirError struct {
	Dir     string
	Problem DirProblem
	Err     error // what the system said, for DirBrokenLink and DirNotPrivate
}

// DirProblem is what is wrong with a configuration directory.
type DirProblem int

// Problems of a configuration directory.
const (
	DirBrokenLink    DirProblem = iota + 1 // a symbolic link that cannot be followed
	DirLinkToOther                         // a link to a directory another user owns
	DirNotADirectory                       // something else than a directory
	DirOwnedByOther                        // a directory another user owns
	DirNotPrivate                          // ours, but its mode could not be made 0700 (its DACL private, on Windows)
)

func (e *DirError) Error() string {
	const own = "set ZOOMCONN_CONFIG_DIR to a directory of your own"
	switch e.Problem {
	case DirBrokenLink:
		return fmt.Sprintf("The configuration directory %s is a link that cannot be followed (%v). Remove it, or %s.", e.Dir, e.Err, own)
	case DirLinkToOther:
		return fmt.Sprintf("The configuration directory %s is a link to a directory owned by another user, so it is not used: that user could read or replace its files. Remove the link, or %s.", e.Dir, own)
	case DirNotADirectory:
		return fmt.Sprintf("The configuration directory %s is not a directory. Move it aside, or %s.", e.Dir, own)
	case DirOwnedByOther:
		if runtime.GOOS == "windows" {
			return fmt.Sprintf("The configuration directory %s is owned by another user, so it is not used: that user could read or replace its files. Take ownership of it (its Properties, Security, Advanced), or %s.", e.Dir, own)
		}
		return fmt.Sprintf("The configuration directory %s is owned by another user, so it is not used: that user could read or replace its files. Take it over (chown), or %s.", e.Dir, own)
	}
	if runtime.GOOS == "windows" {
		return fmt.Sprintf("The configuration directory %s could not be made private (%v), so it is not used. Let only yourself, SYSTEM and Administrators open it (its Properties, Security), or %s.", e.Dir, e.Err, own)
	}
	return fmt.Sprintf("The configuration directory %s could not be made private (mode 0700: %v), so it is not used. Give it mode 0700 (chmod 700 %s), or %s.", e.Dir, e.Err, shell.Quote(e.Dir), own)
}

func (e *DirError) Unwrap() error { return e.Err }
