// Package wording holds the sentences both front-ends build from the facts
// the core leaves to them to word (a refused redirect or foreign host, a
// lock wait, a configuration directory, a keyring that does not answer),
// with the front-end's own name and its step for a directory to make
// private. The command line and the app say the same thing in their own
// name; what to do next stays each front-end's own.
package wording

import (
	"errors"
	"fmt"
	"runtime"

	"zoomconn/auth/access"
	"zoomconn/auth/store"
)

// Words is how a front-end names itself ("zoomconn", "Zoom Connections")
// and how it tells the user to make a directory private.
type Words struct {
	Name  string
	Chmod func(dir string) string // "Run `chmod 700 DIR`"
}

// Zoom is the sentence for a refused redirect or a foreign host, from the
// hosts the core cleaned, without Zoom's hint; ok is false for any other
// Zoom error.
func (w Words) Zoom(ze *access.ZoomError) (s string, ok bool) {
	switch {
	case ze.Kind == access.KindRedirect && ze.Host != "" && ze.Endpoint == access.EndpointAPI:
		return fmt.Sprintf("The Zoom API at %s answered with a redirect to %s; %s sends the access token only to the connection's own API address.", ze.Host, ze.Target, w.Name), true
	case ze.Kind == access.KindRedirect && ze.Host != "":
		return fmt.Sprintf("The %s %s answered with a redirect to %s; %s does not follow redirects for requests that carry secrets.", ze.Endpoint, ze.Host, ze.Target, w.Name), true
	case ze.Kind == access.KindForeignHost && ze.Host != "":
		return fmt.Sprintf("%s is not this connection's API server (%s); %s sends the access token nowhere else.", ze.Host, ze.APIHost, w.Name), true
	}
	return "", false
}

// Store is the sentence for a lock wait, a configuration directory or a
// keyring that does not answer (with the platform's help for one that is
// missing); ok is false for any other error, or for one wrapped in words
// of its own.
func (w Words) Store(err error) (s string, ok bool) {
	var lock *store.LockTimeoutError
	var dir *store.DirError
	var se *store.SecretError
	switch {
	case Is(err, &lock):
		return fmt.Sprintf("Another %[1]s process has been refreshing %[2]q for more than %[3]s, so %[1]s stopped waiting and changed nothing. Try again; if it keeps happening, end the other %[1]s process (it holds %[4]s).", w.Name, lock.Connection, lock.Waited, lock.Path), true
	case Is(err, &dir):
		return w.dir(dir), true
	case Is(err, &se) && store.KeyringStateOf(se) == store.KeyringLocked:
		return fmt.Sprintf("The system keyring is locked, so %s could not %s %s%s. Unlock it (log in to your desktop session, or run your keyring's unlock command) and try again.", w.Name, se.Op, se.What(), detail(se.Err)), true
	case Is(err, &se) && store.KeyringStateOf(se) == store.KeyringUnavailable:
		msg := fmt.Sprintf("No system keyring answered, so %s could not %s %s%s.", w.Name, se.Op, se.What(), detail(se.Err))
		if se.Help != "" {
			msg += " " + se.Help
		}
		return msg, true
	}
	return "", false
}

// dir says why the front-end refuses the configuration directory.
func (w Words) dir(e *store.DirError) string {
	const own = "set ZOOMCONN_CONFIG_DIR to a directory of your own"
	switch e.Problem {
	case store.DirBrokenLink:
		return fmt.Sprintf("The configuration directory %s is a link that cannot be followed (%v); remove it, or %s.", e.Dir, e.Err, own)
	case store.DirLinkToOther:
		return fmt.Sprintf("The configuration directory %s is a link to a directory owned by another user, so %s will not use it: that user could read or replace its files. Remove the link, or %s.", e.Dir, w.Name, own)
	case store.DirNotADirectory:
		return fmt.Sprintf("The configuration directory %s is not a directory; move it aside, or %s.", e.Dir, own)
	case store.DirOwnedByOther:
		if runtime.GOOS == "windows" {
			return fmt.Sprintf("The configuration directory %s is owned by another user, so %s will not use it: that user could read or replace its files. Set ZOOMCONN_CONFIG_DIR to a directory of your own, or take ownership of this one (its Properties, Security, Advanced).", e.Dir, w.Name)
		}
		return fmt.Sprintf("The configuration directory %s is owned by another user, so %s will not use it: that user could read or replace its files. Set ZOOMCONN_CONFIG_DIR to a directory of your own, or take this one over (chown).", e.Dir, w.Name)
	case store.DirNotPrivate:
		if runtime.GOOS == "windows" { // no mode bits: its access list
			return fmt.Sprintf("The configuration directory %s could not be made private (%v), so %s will not use it. Let only yourself, SYSTEM and Administrators open it (its Properties, Security), or %s.", e.Dir, e.Err, w.Name, own)
		}
		return fmt.Sprintf("The configuration directory %s could not be made private (mode 0700: %v), so %s will not use it. %s, or %s.", e.Dir, e.Err, w.Name, w.Chmod(e.Dir), own)
	}
	return e.Error()
}

// Is is errors.As for a core error that err is, wrapped in nothing that
// adds words: a wrapper's sentence ("page 2: …") stays the core's.
func Is[T error](err error, target *T) bool {
	return errors.As(err, target) && (*target).Error() == err.Error()
}

// detail is what a store said, in parentheses after the sentence; "" if
// nothing.
func detail(err error) string {
	if err == nil {
		return ""
	}
	return " (" + err.Error() + ")"
}
