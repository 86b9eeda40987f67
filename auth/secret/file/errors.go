package file

import (
	"errors"
	"fmt"
	"zoomconn/auth/secret"
)

// Errors of the encrypted file store, matched with [errors.Is]. The errors
// themselves are [*Error]s whose messages are sentences for the user.
var (
	// ErrWrongPassphrase: the passphrase does not unlock the file. Nothing
	// was changed; ask for the passphrase again.
	ErrWrongPassphrase = errors.New("wrong passphrase for the secrets file")
	// ErrStoreTampered: the file is truncated, garbled or was modified by
	// something other than zoomconn. It is left exactly as it was.
	ErrStoreTampered = errors.New("secrets file damaged or tampered with")
	// ErrStoreTooNew: the file was written by a newer version.
	ErrStoreTooNew = errors.New("secrets file written by a newer version")
	// ErrPassphraseTooShort: the passphrase is empty, or shorter than
	// [MinPassphraseLen] characters for a new file.
	ErrPassphraseTooShort = errors.New("passphrase empty or too short")
)

// Error is a failure of a [Store]. Its message is a sentence
// for the user that names the file; errors.Is matches Kind, and, for
// Get/Set/Delete failures that are not a [secret.Store] kind already,
// [secret.ErrUnavailable] too, so callers of the [secret.Store] interface see
// exactly one of its kinds. It never contains a secret.
type Error struct {
	Path   string
	Op     string // "open", "read", "save", "delete" or "change the passphrase of"
	Key    string // for read/save/delete
	Kind   error
	Reason string // a short fixed phrase, for ErrStoreTampered and unavailability
	Err    error  // underlying error; may be nil
}

func (e *Error) Unwrap() []error {
	errs := []error{e.Kind}
	if e.Op == "read" || e.Op == "save" || e.Op == "delete" {
		switch e.Kind {
		case secret.ErrNotFound, secret.ErrUnavailable, secret.ErrTimeout, secret.ErrTooLarge:
		default:
			errs = append(errs, secret.ErrUnavailable)
		}
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func (e *Error) Error() string {
	so := "" // ", so a connection's refresh token could not be read"
	if e.Key != "" {
		so = ", so " + secret.CouldNot(e.Op, e.Key)
	}
	switch e.Kind {
	case ErrWrongPassphrase:
		if e.Op == "open" {
			return fmt.Sprintf("The passphrase does not unlock the secrets file %s. Nothing was changed; enter the passphrase again (check Caps Lock and the keyboard layout).", e.Path)
		}
		return fmt.Sprintf("The secrets file %s was re-encrypted with another passphrase after it was opened, probably by another window or command%s. Restart the program and enter the new passphrase.", e.Path, so)
	case ErrStoreTampered:
		return fmt.Sprintf("The secrets file %s is damaged or was modified by another program: %s%s. The check left it untouched; restore it from a backup, or move it aside to start with an empty one (its secrets must then be entered again).", e.Path, e.Reason, so)
	case ErrStoreTooNew:
		return fmt.Sprintf("The secrets file %s was written by a newer version of the program (%s)%s. Update the program; the file has been left untouched.", e.Path, e.Reason, so)
	case ErrPassphraseTooShort:
		return e.Reason + " Nothing was changed."
	case secret.ErrTooLarge:
		return fmt.Sprintf("Could not %s %s in the secrets file %s because %s.", e.Op, secret.Describe(e.Key), e.Path, e.Reason)
	}
	detail := ""
	if e.Err != nil {
		detail = " (" + e.Err.Error() + ")"
	}
	return fmt.Sprintf("The secrets file %s %s%s%s. Check that the file and its folder exist and that you may read and write them, then try again; if the file is gone, restart the program to create an empty one.", e.Path, e.Reason, detail, so)
}
