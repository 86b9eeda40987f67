package access

import (
	"errors"
	"fmt"

	"zoomconn/auth"
	"zoomconn/auth/zoom"
)

// NotOAuthError says a Server-to-Server connection was asked to authorize
// in a browser, which it never needs.
type NotOAuthError struct{ Connection string }

func (e *NotOAuthError) Error() string {
	return fmt.Sprintf("The connection %q is a Server-to-Server (Custom) connection; it needs no browser authorization.", e.Connection)
}

// NeedsAuthError says an OAuth connection must be authorized (again).
type NeedsAuthError struct {
	Connection string
	Err        error
}

func (e *NeedsAuthError) Error() string {
	msg := fmt.Sprintf("The connection %q needs authorization.", e.Connection)
	var ze *zoom.Error
	if errors.As(e.Err, &ze) {
		msg = ze.Message + " " + msg
	}
	return msg
}

func (e *NeedsAuthError) Unwrap() error { return e.Err }

// SecretNeededError says an OAuth client's secret must be typed again
// before it is sent anywhere (see [auth.OAuthClient.SecretNeeded]).
type SecretNeededError struct {
	Client string
}

func (e *SecretNeededError) Error() string {
	return fmt.Sprintf("The OAuth client %q needs its client secret typed again before it is sent to the client's endpoints.", e.Client)
}

// ChangedError says a connection was removed, edited or had its secrets
// moved by another process while this one used it, so nothing was saved.
type ChangedError struct {
	Connection string
	What       string // "removed", "changed", "moved to the encrypted file", …
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("The connection %q was %s by another process meanwhile, so nothing was saved for it.", e.Connection, e.What)
}

// ClientGoneError says an OAuth 2.0 connection refers to an OAuth client
// that no longer exists, so it cannot be used until it is given another.
type ClientGoneError struct{ Connection string }

func (e *ClientGoneError) Error() string {
	return fmt.Sprintf("The connection %q refers to an OAuth client that no longer exists.", e.Connection)
}

// PortInUseError says the fixed loopback port of an OAuth client could not
// be listened on, so the browser authorization could not start.
type PortInUseError struct {
	Client string
	Port   int
	Err    error
}

func (e *PortInUseError) Error() string {
	return fmt.Sprintf("The fixed port %d of the OAuth client %q is in use or not allowed (%v).", e.Port, e.Client, e.Err)
}

func (e *PortInUseError) Unwrap() error { return e.Err }

// RefreshTokenNotSavedError says Zoom rotated a connection's refresh token
// and the new one could not be saved, so the connection must be authorized
// again. [Service.Token] returns it together with the access token of that
// same answer, which is valid: this call may still use it (the command
// line prints it and exits 1), but it is not cached.
type RefreshTokenNotSavedError struct {
	Connection string
	Tries      int
	Err        error
}

func (e *RefreshTokenNotSavedError) Error() string {
	return fmt.Sprintf("Zoom issued a new refresh token but it could not be saved after %d tries; authorize %q again once the keyring works. %v", e.Tries, e.Connection, e.Err)
}

func (e *RefreshTokenNotSavedError) Unwrap() error { return e.Err }

// PageLoopError says a paginated call stopped early: the next_page_token
// of page Page repeated the one page FirstSentBy had sent, so following it
// would never end, or (FirstSentBy 0) the call reached [MaxPages]. What was
// written holds the pages up to Page, as one document.
type PageLoopError struct {
	Page        int
	FirstSentBy int
}

func (e *PageLoopError) Error() string {
	if e.FirstSentBy == 0 {
		return fmt.Sprintf("Pagination stopped after %d pages, the most one call follows; the output holds those pages only.", e.Page)
	}
	return fmt.Sprintf("Pagination stopped at page %d: the server sent again the next_page_token of page %d, so the pages would never end; the output holds the %d pages so far.", e.Page, e.FirstSentBy, e.Page)
}

// CredentialsError is Zoom refusing the app credentials a connection's
// token request sent (invalid_client, an Account ID it does not accept, an
// app not activated, a grant the app does not support), with what a
// front-end needs to say where to change them: the connection, its type
// and, for an OAuth 2.0 connection, its OAuth client. Its sentence is
// Zoom's error's; Err holds Zoom's facts.
type CredentialsError struct {
	Connection string
	ConnType   auth.AuthType
	Client     string // the OAuth client's name; "" for Server-to-Server
	Err        *ZoomError
}

func (e *CredentialsError) Error() string { return e.Err.Error() }

func (e *CredentialsError) Unwrap() error { return e.Err }

// credentialsError wraps err in a [CredentialsError] for r when Zoom
// refused r's app credentials; any other err is returned as it is.
func credentialsError(r *resolved, err error) error {
	var ze *zoom.Error
	if !errors.As(err, &ze) {
		return err
	}
	switch ze.Kind {
	case zoom.KindInvalidClient, zoom.KindInvalidAccount, zoom.KindNotActivated, zoom.KindUnsupportedGrant:
	default:
		return err
	}
	ce := &CredentialsError{Connection: r.conn.Name, ConnType: r.conn.Type, Err: ze}
	if r.client != nil {
		ce.Client = r.client.Name
	}
	return ce
}
